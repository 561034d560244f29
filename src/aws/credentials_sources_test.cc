// The sources that call out, against loopback servers: container, instance metadata, SSO,
// STS error handling, and credential_process through the real shell.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "aws/credentials_container.h"
#include "aws/credentials_imds.h"
#include "aws/credentials_process.h"
#include "aws/credentials_sso.h"
#include "aws/credentials_sts.h"
#include "aws/curl_http_client.h"
#include "testing/http_server.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::HasSubstr;
using testing::HttpServer;
using testing::OverlayEnv;
using testing::TempDir;

constexpr char kCredsJson[] =
    R"({"Code": "Success", "AccessKeyId": "ASIAFETCHED", "SecretAccessKey": "s",
        "Token": "tok", "Expiration": "2026-01-01T06:00:00Z"})";

std::unique_ptr<HttpServer> Serve(HttpServer::Handler handler) {
  return std::move(HttpServer::Start(std::move(handler))).value();
}

class SourcesTest : public ::testing::Test {
 protected:
  SourcesTest() : http_(&env_, {}) {
    env_.SetVar("HOME", home_.path());
    env_.SetNow(*ParseAwsTimestamp("2026-01-01T00:00:00Z"));
    ctx_.env = &env_;
    ctx_.http = &http_;
    ctx_.config = std::make_shared<SharedConfig>();
    ctx_.process_runner = std::make_shared<ShellProcessRunner>();
    ctx_.endpoints.region = "us-east-1";
  }
  TempDir home_;
  OverlayEnv env_;
  CurlHttpClient http_;
  CredentialsContext ctx_;
};

TEST_F(SourcesTest, ContainerFullUriWithRotatingTokenFile) {
  auto server = Serve([](const HttpRequest&) { return HttpResponse{200, {}, kCredsJson}; });
  std::string token_file = home_.WriteFile("token", "first-token\n");
  env_.SetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI", server->url() + "/v1/credentials?id=1");
  env_.SetVar("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored-when-file-set");
  env_.SetVar("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file);
  auto c = MakeContainerCredentialsProvider(ctx_)->Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAFETCHED");
  EXPECT_EQ(c->session_token, "tok");
  EXPECT_EQ(c->source, "container");
  auto seen = server->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].url, "/v1/credentials?id=1");
  EXPECT_EQ(FindHeader(seen[0].headers, "authorization"), "first-token");
}

TEST_F(SourcesTest, ContainerRelativeUriGoesToTheEcsAgent) {
  struct Recorder : HttpClient {
    std::vector<HttpRequest> sent;
    Result<HttpResponse> Send(const HttpRequest& r) override {
      sent.push_back(r);
      return HttpResponse{200, {}, kCredsJson};
    }
  } recorder;
  ctx_.http = &recorder;
  env_.SetVar("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
  env_.SetVar("AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok");
  ASSERT_TRUE(MakeContainerCredentialsProvider(ctx_)->Get().ok());
  ASSERT_EQ(recorder.sent.size(), 1u);
  EXPECT_EQ(recorder.sent[0].url, "http://169.254.170.2/v2/credentials/abc");
  EXPECT_EQ(FindHeader(recorder.sent[0].headers, "authorization"), "tok");
  EXPECT_GT(recorder.sent[0].timeout.count(), 0);
}

TEST_F(SourcesTest, ContainerRefusesForeignHttpHostsAndReportsHttpErrors) {
  EXPECT_EQ(MakeContainerCredentialsProvider(ctx_)->Get().status().code(), StatusCode::kNotFound);
  env_.SetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example.com/creds");
  auto foreign = MakeContainerCredentialsProvider(ctx_)->Get();
  EXPECT_EQ(foreign.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(foreign.status().message(), HasSubstr("evil.example.com"));
  EXPECT_TRUE(ContainerCredentialsUrl(&env_).status().code() == StatusCode::kInvalidArgument);
  env_.SetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI", "https://creds.example.com/x");
  EXPECT_TRUE(ContainerCredentialsUrl(&env_).ok());

  std::atomic<int> calls{0};
  auto server = Serve([&](const HttpRequest&) {
    ++calls;
    return HttpResponse{500, {}, "oops"};
  });
  env_.SetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI", server->url() + "/creds");
  auto failed = MakeContainerCredentialsProvider(ctx_)->Get();
  EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(failed.status().message(), HasSubstr("answered http 500"));
  EXPECT_EQ(calls, 3);  // retried
}

// IMDSv2 on loopback: token PUT, role list, role credentials.
class FakeImds {
 public:
  explicit FakeImds(bool v2 = true) : v2_(v2) {
    server_ = Serve([this](const HttpRequest& r) { return Handle(r); });
  }
  std::string url() const { return server_->url(); }
  std::vector<HttpRequest> requests() const { return server_->requests(); }

 private:
  HttpResponse Handle(const HttpRequest& r) {
    if (r.url == "/latest/api/token") {
      if (!v2_) return {405, {}, ""};
      if (r.method != "PUT" || FindHeader(r.headers, "x-aws-ec2-metadata-token-ttl-seconds") != "21600") {
        return {400, {}, ""};
      }
      return {200, {}, "imds-token"};
    }
    if (v2_ && FindHeader(r.headers, "x-aws-ec2-metadata-token") != "imds-token") return {401, {}, ""};
    if (r.url == "/latest/meta-data/iam/security-credentials/") return {200, {}, "web-role\n"};
    if (r.url == "/latest/meta-data/iam/security-credentials/web-role") return {200, {}, kCredsJson};
    return {404, {}, ""};
  }
  bool v2_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(SourcesTest, InstanceMetadataV2) {
  FakeImds imds;
  env_.SetVar("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url() + "/");
  auto c = MakeImdsCredentialsProvider(ctx_)->Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAFETCHED");
  EXPECT_EQ(c->source, "instance metadata (role web-role)");
  EXPECT_EQ(c->expiration, *ParseAwsTimestamp("2026-01-01T06:00:00Z"));
  auto seen = imds.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "PUT");
}

TEST_F(SourcesTest, InstanceMetadataFallsBackToV1) {
  FakeImds imds(/*v2=*/false);
  env_.SetVar("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());
  auto c = MakeImdsCredentialsProvider(ctx_)->Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(FindHeader(imds.requests().back().headers, "x-aws-ec2-metadata-token"), "");
}

TEST_F(SourcesTest, InstanceMetadataDisabledOrAbsentIsNotConfigured) {
  FakeImds imds;
  env_.SetVar("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());
  env_.SetVar("AWS_EC2_METADATA_DISABLED", "TRUE");
  EXPECT_EQ(MakeImdsCredentialsProvider(ctx_)->Get().status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(imds.requests().empty());
  env_.UnsetVar("AWS_EC2_METADATA_DISABLED");
  int port;
  {
    auto gone = Serve([](const HttpRequest&) { return HttpResponse{}; });
    port = gone->port();
  }
  env_.SetVar("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + std::to_string(port));
  auto absent = MakeImdsCredentialsProvider(ctx_)->Get();
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(absent.status().message(), HasSubstr("no instance metadata service"));
}

// SSO: the cached token of `aws sso login` and the portal on loopback.
class SsoTest : public SourcesTest {
 protected:
  SsoTest() {
    portal_ = Serve([this](const HttpRequest& r) {
      if (FindHeader(r.headers, "x-amz-sso_bearer_token") != "sso-access-token") {
        return HttpResponse{401, {}, R"({"message":"Session token not found or invalid"})"};
      }
      return HttpResponse{200, {}, portal_body_};
    });
    ctx_.endpoints.service_urls["SSO"] = portal_->url();
    ctx_.profile = "dev";
  }
  void WriteToken(const SsoSettings& s, const std::string& expires,
                  const std::string& token = "sso-access-token") {
    std::string path = SsoTokenCachePath(&env_, s);
    home_.WriteFile(path.substr(home_.path().size() + 1),
                    R"({"accessToken": ")" + token + R"(", "expiresAt": ")" + expires + R"("})");
  }
  Result<Credentials> GetFor(const std::string& config) {
    ctx_.config = std::make_shared<SharedConfig>(*SharedConfig::FromText(config, "config", "", "credentials"));
    auto settings = ReadSsoSettings(*ctx_.config, "dev");
    if (!settings.ok()) return settings.status();
    return MakeSsoCredentialsProvider(ctx_, "dev", *settings)->Get();
  }
  std::unique_ptr<HttpServer> portal_;
  std::string portal_body_ = R"({"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "s",
                                  "sessionToken": "t", "expiration": 1767247200000}})";
};

constexpr char kSessionConfig[] =
    "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n"
    "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-north-1\n";

TEST_F(SsoTest, SessionTokenIsExchangedForRoleCredentials) {
  WriteToken({.session_name = "corp"}, "2026-01-01T08:00:00Z");
  auto c = GetFor(kSessionConfig);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIASSO");
  EXPECT_EQ(c->source, "profile dev (sso)");
  EXPECT_EQ(c->expiration, *ParseAwsTimestamp("2026-01-01T06:00:00Z"));  // epoch millis
  auto seen = portal_->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].url, "/federation/credentials?role_name=Admin&account_id=123456789012");
}

TEST_F(SsoTest, CachePathIsSha1OfSessionNameOrStartUrl) {
  // sha1("corp") and sha1("https://corp.awsapps.com/start"), as the AWS CLI names the files.
  EXPECT_EQ(SsoTokenCachePath(&env_, {.session_name = "corp"}),
            home_.path() + "/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
  EXPECT_EQ(SsoTokenCachePath(&env_, {.start_url = "https://corp.awsapps.com/start"}),
            home_.path() + "/.aws/sso/cache/a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json");
}

TEST_F(SsoTest, LegacyProfileUsesStartUrlHash) {
  WriteToken({.start_url = "https://legacy.awsapps.com/start"}, "2026-01-01T08:00:00Z");
  auto c = GetFor("[profile dev]\nsso_start_url = https://legacy.awsapps.com/start\n"
                  "sso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
}

TEST_F(SsoTest, MissingExpiredOrRejectedTokenAsksForLogin) {
  auto missing = GetFor(kSessionConfig);
  EXPECT_EQ(missing.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(missing.status().message(), HasSubstr("run `aws sso login --profile dev`"));

  WriteToken({.session_name = "corp"}, "2025-12-31T23:00:00Z");
  auto expired = GetFor(kSessionConfig);
  EXPECT_EQ(expired.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(expired.status().message(), HasSubstr("has expired: run `aws sso login --profile dev`"));

  WriteToken({.session_name = "corp"}, "2026-01-01T08:00:00Z", "stale-token");
  auto rejected = GetFor(kSessionConfig);
  EXPECT_EQ(rejected.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(rejected.status().message(), HasSubstr("rejected: run `aws sso login --profile dev`"));
}

TEST_F(SsoTest, InconsistentOrIncompleteSettings) {
  struct Case {
    const char* config;
    const char* message;
  } cases[] = {
      {"[profile dev]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n",
       "there is no [sso-session nope]"},
      {"[profile dev]\nsso_session = corp\nsso_region = us-west-2\nsso_account_id = 1\nsso_role_name = R\n"
       "[sso-session corp]\nsso_start_url = u\nsso_region = eu-north-1\n",
       "disagree on sso_region"},
      {"[profile dev]\nsso_start_url = u\nsso_region = r\nsso_account_id = 1\n", "has no sso_role_name"},
  };
  for (const auto& c : cases) {
    auto r = GetFor(c.config);
    ASSERT_FALSE(r.ok()) << c.config;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(c.message));
  }
}

TEST_F(SourcesTest, StsErrorsKeepCodeAndRequestIdAndRetryThrottling) {
  std::atomic<int> calls{0};
  auto sts = Serve([&](const HttpRequest&) {
    if (++calls == 1) {
      return HttpResponse{400, {}, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded"
                                   "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"};
    }
    return HttpResponse{403, {}, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                                 "<Message>not allowed</Message></Error><RequestId>r-2</RequestId>"
                                 "</ErrorResponse>"};
  });
  ctx_.endpoints.global_url = sts->url();
  auto r = StsAssumeRole(ctx_, {.access_key_id = "AKIA", .secret_access_key = "s"},
                         {.role_arn = "arn:aws:iam::1:role/x", .role_session_name = "s"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().reason(), "AccessDenied");
  EXPECT_EQ(r.status().message(),
            "sts AssumeRole arn:aws:iam::1:role/x: AccessDenied: not allowed (request id r-2, http 403)");
}

TEST_F(SourcesTest, StsResponseParsing) {
  auto ok = ParseStsCredentialsResponse(
      {200, {}, "<X><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
                "<SessionToken>T</SessionToken><Expiration>2026-01-01T01:00:00.000Z</Expiration>"
                "</Credentials></X>"},
      "sts");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->session_token, "T");
  EXPECT_FALSE(ParseStsCredentialsResponse({200, {}, "not xml <"}, "sts").ok());
  EXPECT_FALSE(ParseStsCredentialsResponse({200, {}, "<X/>"}, "sts").ok());
  EXPECT_EQ(ParseStsCredentialsResponse({503, {}, ""}, "sts").status().code(), StatusCode::kUnavailable);
}

TEST(ProcessRunnerTest, ShellRunnerCapturesStdoutAndExitCode) {
  ShellProcessRunner runner;
  auto ok = runner.Run("printf '%s' '{\"Version\": 1}'; exit 0");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->exit_code, 0);
  EXPECT_EQ(ok->stdout_text, "{\"Version\": 1}");
  auto failed = runner.Run("echo out; exit 3");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->exit_code, 3);
}

TEST(ProcessCredentialsTest, ParsesVersionOneOnly) {
  auto c = ParseProcessCredentials(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"})", "p");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->expiration.has_value());
  EXPECT_THAT(ParseProcessCredentials(R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"})", "p")
                  .status().message(), HasSubstr("\"Version\": 1"));
  EXPECT_THAT(ParseProcessCredentials(R"({"Version":1,"AccessKeyId":"A"})", "p").status().message(),
              HasSubstr("no SecretAccessKey"));
  EXPECT_THAT(ParseProcessCredentials(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S",
                                        "Expiration":"soon"})", "p").status().message(),
              HasSubstr("not a valid timestamp"));
}

TEST_F(SourcesTest, ProcessProviderReportsExitStatus) {
  auto p = MakeProcessCredentialsProvider(ctx_, "tool", "echo '{\"Version\":1}'; exit 7");
  auto r = p->Get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "credential_process of profile tool exited with status 7");
}

}  // namespace
}  // namespace pave::aws
