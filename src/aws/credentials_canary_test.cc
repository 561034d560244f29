// Secrets never leak: every source is fed a secret key and session token starting with
// "CANARY" and driven into its failure paths (and its success path, for DebugString); no
// Status message and no DebugString may contain the canary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/config.h"
#include "aws/credentials_container.h"
#include "aws/credentials_env.h"
#include "aws/credentials_imds.h"
#include "aws/credentials_process.h"
#include "aws/credentials_sso.h"
#include "aws/credentials_sts.h"
#include "aws/curl_http_client.h"
#include "aws/shared_config.h"
#include "aws/sigv4.h"
#include "testing/http_server.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::HttpServer;
using testing::OverlayEnv;
using testing::TempDir;

constexpr char kSecret[] = "CANARYSECRETwJalrXUtnFEMIK7MDENG";
constexpr char kToken[] = "CANARYTOKENIQoJb3JpZ2luX2VjEHcaCXVz";

class CanaryTest : public ::testing::Test {
 protected:
  CanaryTest() : http_(&env_, {}) {
    env_.SetVar("HOME", home_.path());
    env_.SetNow(*ParseAwsTimestamp("2026-01-01T00:00:00Z"));
    ctx_.env = &env_;
    ctx_.http = &http_;
    ctx_.config = std::make_shared<SharedConfig>();
    ctx_.process_runner = std::make_shared<ShellProcessRunner>();
    ctx_.profile = "canary";
    ctx_.endpoints.region = "us-east-1";
  }

  // Records a failure that must have happened; its text must not hold the canary.
  void ExpectFailureWithoutSecret(const Status& s, const std::string& what) {
    EXPECT_FALSE(s.ok()) << what << " unexpectedly succeeded";
    EXPECT_THAT(s.ToString(), Not(HasSubstr("CANARY"))) << what;
    ++checked_;
  }
  template <typename T>
  void ExpectFailureWithoutSecret(const Result<T>& r, const std::string& what) {
    ExpectFailureWithoutSecret(r.status(), what);
  }
  void ExpectDebugWithoutSecret(const Result<Credentials>& c, const std::string& what) {
    ASSERT_TRUE(c.ok()) << what << ": " << c.status().ToString();
    EXPECT_EQ(c->secret_access_key, kSecret) << what;
    EXPECT_THAT(DebugString(*c), Not(HasSubstr("CANARY"))) << what;
    ++checked_;
  }
  std::unique_ptr<HttpServer> Serve(int status, std::string body) {
    return std::move(HttpServer::Start([status, body](const HttpRequest&) {
                       return HttpResponse{status, {}, body};
                     })).value();
  }
  std::string GoodJson(const char* token_key = "Token") const {
    return std::string(R"({"AccessKeyId": "ASIACANARY", "SecretAccessKey": ")") + kSecret + R"(", ")" +
           token_key + R"(": ")" + kToken + R"(", "Expiration": "2026-01-01T06:00:00Z"})";
  }

  TempDir home_;
  OverlayEnv env_;
  CurlHttpClient http_;
  CredentialsContext ctx_;
  int checked_ = 0;
};

TEST_F(CanaryTest, EnvironmentAndSharedFiles) {
  env_.SetVar("AWS_SECRET_ACCESS_KEY", kSecret);
  env_.SetVar("AWS_SESSION_TOKEN", kToken);
  ExpectFailureWithoutSecret(EnvironmentCredentialsProvider(&env_).Get(), "env without key id");
  env_.SetVar("AWS_ACCESS_KEY_ID", "AKIACANARY");
  ExpectDebugWithoutSecret(EnvironmentCredentialsProvider(&env_).Get(), "env");

  for (std::string text : {std::string("aws_secret_access_key = ") + kSecret + "\n",
                           std::string("[default]\n") + kSecret + "\n",
                           std::string("[default]\n=") + kSecret + "\n",
                           std::string("[default\n") + kSecret + "\n"}) {
    ExpectFailureWithoutSecret(ParseIni(text, "credentials"), "ini");
  }
  home_.WriteFile(".aws/credentials", std::string("[canary]\naws_access_key_id =\naws_secret_access_key = ") +
                                          kSecret + "\n");
  CurlHttpClient http(&env_, {});
  env_.UnsetVar("AWS_ACCESS_KEY_ID");
  env_.UnsetVar("AWS_SECRET_ACCESS_KEY");
  auto config = ResolveAwsConfig(&env_, &http, {.profile = "canary"});
  ASSERT_TRUE(config.ok());
  ExpectFailureWithoutSecret(config->credentials->Get(), "profile with an empty key id");
}

TEST_F(CanaryTest, CredentialProcess) {
  std::string secret = kSecret;
  for (std::string command :
       {"printf '{\"SecretAccessKey\": \"" + secret + "'",                                 // not JSON
        "printf '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret + "\"}'",
        "printf '{\"Version\": 1, \"SecretAccessKey\": \"" + secret + "\"}'",               // no key id
        "printf '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret +
            "\", \"Expiration\": \"" + secret + "\"}'",
        "echo " + secret + "; echo " + secret + " >&2; exit 1"}) {
    ExpectFailureWithoutSecret(MakeProcessCredentialsProvider(ctx_, "canary", command)->Get(), command);
  }
  std::string good = "printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"ASIACANARY\", \"SecretAccessKey\": \"" +
                     secret + "\"}'";
  ExpectDebugWithoutSecret(MakeProcessCredentialsProvider(ctx_, "canary", good)->Get(), "process");
}

TEST_F(CanaryTest, ContainerAndInstanceMetadata) {
  std::string secret = kSecret;
  for (auto [status, body] : std::vector<std::pair<int, std::string>>{
           {200, "{\"SecretAccessKey\": \"" + secret},
           {200, "{\"SecretAccessKey\": \"" + secret + "\"}"},
           {500, secret},
           {200, "{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret + "\", \"Expiration\": \"" +
                     secret + "\"}"}}) {
    auto server = Serve(status, body);
    env_.SetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI", server->url() + "/creds");
    env_.SetVar("AWS_CONTAINER_AUTHORIZATION_TOKEN", kToken);
    ExpectFailureWithoutSecret(MakeContainerCredentialsProvider(ctx_)->Get(), "container " + body);
    env_.SetVar("AWS_EC2_METADATA_SERVICE_ENDPOINT", server->url());
    ExpectFailureWithoutSecret(MakeImdsCredentialsProvider(ctx_)->Get(), "imds " + body);
  }
  int port;
  {
    auto gone = Serve(200, "");
    port = gone->port();
  }
  env_.SetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI",
              "http://127.0.0.1:" + std::to_string(port) + "/creds?token=" + kToken);
  ExpectFailureWithoutSecret(MakeContainerCredentialsProvider(ctx_)->Get(), "container refused");
  auto good = Serve(200, GoodJson());
  env_.SetVar("AWS_CONTAINER_CREDENTIALS_FULL_URI", good->url() + "/creds");
  ExpectDebugWithoutSecret(MakeContainerCredentialsProvider(ctx_)->Get(), "container");
}

TEST_F(CanaryTest, SsoAndSts) {
  SsoSettings settings{.session_name = "corp", .start_url = "u", .region = "eu-north-1",
                       .account_id = "1", .role_name = "R"};
  std::string cache = SsoTokenCachePath(&env_, settings).substr(home_.path().size() + 1);
  std::string secret = kSecret;
  auto portal = Serve(500, secret);
  ctx_.endpoints.service_urls["SSO"] = portal->url();
  home_.WriteFile(cache, "{\"accessToken\": \"" + std::string(kToken));  // broken JSON
  ExpectFailureWithoutSecret(MakeSsoCredentialsProvider(ctx_, "canary", settings)->Get(), "sso cache");
  home_.WriteFile(cache, "{\"accessToken\": \"" + std::string(kToken) + "\", \"expiresAt\": \"2025-01-01T00:00:00Z\"}");
  ExpectFailureWithoutSecret(MakeSsoCredentialsProvider(ctx_, "canary", settings)->Get(), "sso expired");
  home_.WriteFile(cache, "{\"accessToken\": \"" + std::string(kToken) + "\", \"expiresAt\": \"2026-01-02T00:00:00Z\"}");
  ExpectFailureWithoutSecret(MakeSsoCredentialsProvider(ctx_, "canary", settings)->Get(), "sso portal 500");
  auto broken = Serve(200, "{\"roleCredentials\": {\"secretAccessKey\": \"" + secret + "\"}}");
  ctx_.endpoints.service_urls["SSO"] = broken->url();
  ExpectFailureWithoutSecret(MakeSsoCredentialsProvider(ctx_, "canary", settings)->Get(), "sso no key id");
  auto good = Serve(200, "{\"roleCredentials\": {\"accessKeyId\": \"ASIACANARY\", \"secretAccessKey\": \"" +
                            secret + "\", \"sessionToken\": \"" + kToken + "\", \"expiration\": 1767247200000}}");
  ctx_.endpoints.service_urls["SSO"] = good->url();
  ExpectDebugWithoutSecret(MakeSsoCredentialsProvider(ctx_, "canary", settings)->Get(), "sso");

  Credentials signer{.access_key_id = "AKIACANARY", .secret_access_key = kSecret, .session_token = kToken};
  for (auto [status, body] : std::vector<std::pair<int, std::string>>{
           {500, secret},
           {200, "<R><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>" + secret +
                     "</SecretAccessKey><Expiration>" + secret + "</Expiration></Credentials></R>"},
           {200, "<R><Credentials><SecretAccessKey>" + secret + "</SecretAccessKey></Credentials></R>"}}) {
    auto sts = Serve(status, body);
    ctx_.endpoints.global_url = sts->url();
    ExpectFailureWithoutSecret(StsAssumeRole(ctx_, signer, {.role_arn = "r", .role_session_name = "s"}),
                               "sts " + body);
    ExpectFailureWithoutSecret(
        StsAssumeRoleWithWebIdentity(ctx_, {.role_arn = "r", .role_session_name = "s",
                                            .web_identity_token = kToken}),
        "sts web identity " + body);
  }
}

TEST_F(CanaryTest, SigningErrors) {
  HttpRequest req{.method = "GET", .url = "https://sts.amazonaws.com/"};
  Credentials no_key{.secret_access_key = kSecret, .session_token = kToken};
  ExpectFailureWithoutSecret(SignRequest(&req, no_key, {.region = "us-east-1", .service = "sts"}),
                             "sign without key id");
  Credentials creds{.access_key_id = "AKIA", .secret_access_key = kSecret, .session_token = kToken};
  ExpectFailureWithoutSecret(PresignUrl(req, creds, {.region = "us-east-1", .service = "sts"},
                                        std::chrono::hours(24 * 30)),
                             "presign too long");
  HttpRequest relative{.method = "GET", .url = std::string("/?X-Amz-Security-Token=") + kToken};
  ExpectFailureWithoutSecret(SignRequest(&relative, creds, {.region = "us-east-1", .service = "sts"}),
                             "relative url");
  EXPECT_GE(checked_, 3);
}

}  // namespace
}  // namespace pave::aws
