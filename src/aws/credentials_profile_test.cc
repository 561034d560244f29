// The chain over real shared config files in a temporary HOME, with a fake STS on loopback:
// which source wins, assume-role chains and loops, MFA, web identity, credential_process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "aws/config.h"
#include "aws/credentials_process.h"
#include "aws/curl_http_client.h"
#include "testing/http_server.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::HttpServer;
using testing::OverlayEnv;
using testing::TempDir;
using Form = std::map<std::string, std::string>;

std::string Decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

Form ParseForm(std::string_view body) {
  Form form;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    size_t eq = pair.find('=');
    form[Decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1));
    body = amp == std::string_view::npos ? "" : body.substr(amp + 1);
  }
  return form;
}

// Answers AssumeRole and AssumeRoleWithWebIdentity with numbered credentials valid one hour
// from 2026-01-01T00:00:00Z, and records every call with its Authorization header.
class FakeSts {
 public:
  struct Call {
    Form form;
    std::string authorization;
  };
  FakeSts() {
    server_ = std::move(HttpServer::Start([this](const HttpRequest& r) { return Handle(r); })).value();
  }
  std::string url() const { return server_->url(); }
  std::vector<Call> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

 private:
  HttpResponse Handle(const HttpRequest& r) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back({ParseForm(r.body), FindHeader(r.headers, "authorization")});
    std::string n = std::to_string(calls_.size());
    std::string action = calls_.back().form["Action"];
    return HttpResponse{200, {{"content-type", "text/xml"}},
                        "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" +
                            action + "Result><Credentials><AccessKeyId>ASIASTS" + n +
                            "</AccessKeyId><SecretAccessKey>secret" + n +
                            "</SecretAccessKey><SessionToken>token" + n +
                            "</SessionToken><Expiration>2026-01-01T01:00:00Z</Expiration>"
                            "</Credentials></" + action + "Result></" + action + "Response>"};
  }

  std::unique_ptr<HttpServer> server_;
  std::mutex mu_;
  std::vector<Call> calls_;
};

class ProfileChainTest : public ::testing::Test {
 protected:
  ProfileChainTest() : http_(&env_, {}) {
    env_.SetVar("HOME", home_.path());
    env_.SetVar("AWS_ENDPOINT_URL_STS", sts_.url());
    env_.SetVar("AWS_EC2_METADATA_DISABLED", "true");
    env_.SetNow(*ParseAwsTimestamp("2026-01-01T00:00:00Z"));
  }
  void Config(const std::string& text) { home_.WriteFile(".aws/config", text); }
  void Credentials(const std::string& text) { home_.WriteFile(".aws/credentials", text); }
  Result<aws::Credentials> Get(AwsOptions options = {}) {
    ASSIGN_OR_RETURN(ResolvedAwsConfig config, ResolveAwsConfig(&env_, &http_, options));
    return config.credentials->Get();
  }

  TempDir home_;
  OverlayEnv env_;
  FakeSts sts_;
  CurlHttpClient http_;
};

TEST_F(ProfileChainTest, EnvironmentWinsUnlessProfileFlagGiven) {
  Credentials("[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n"
              "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n");
  env_.SetVar("AWS_ACCESS_KEY_ID", "AKIAENV");
  env_.SetVar("AWS_SECRET_ACCESS_KEY", "s");
  EXPECT_EQ(Get()->source, "environment");
  env_.SetVar("AWS_PROFILE", "dev");
  EXPECT_EQ(Get()->access_key_id, "AKIAENV");  // AWS_PROFILE does not skip the environment
  auto flagged = Get({.profile = "dev"});
  ASSERT_TRUE(flagged.ok()) << flagged.status().ToString();
  EXPECT_EQ(flagged->access_key_id, "AKIADEV");
  EXPECT_EQ(flagged->source, "profile dev (shared credentials file)");
}

TEST_F(ProfileChainTest, CredentialsFileBeatsConfigFile) {
  Config("[default]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = s\n"
         "[profile only-config]\naws_access_key_id = AKIAONLY\naws_secret_access_key = s\n");
  Credentials("[default]\naws_access_key_id = AKIACREDS\naws_secret_access_key = s\n"
              "aws_session_token = tok\n");
  auto c = Get();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "AKIACREDS");
  EXPECT_EQ(c->session_token, "tok");
  auto only = Get({.profile = "only-config"});
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(only->source, "profile only-config (config file)");
}

TEST_F(ProfileChainTest, AssumeRoleWithSourceProfileAndItsSettings) {
  Config("[profile prod]\nrole_arn = arn:aws:iam::111111111111:role/admin\n"
         "source_profile = default\nexternal_id = ext-42\nrole_session_name = alice\n"
         "duration_seconds = 1800\n");
  Credentials("[default]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
  auto c = Get({.profile = "prod"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIASTS1");
  EXPECT_EQ(c->session_token, "token1");
  EXPECT_EQ(c->source, "profile prod (assume-role)");
  EXPECT_EQ(c->expiration, *ParseAwsTimestamp("2026-01-01T01:00:00Z"));
  auto calls = sts_.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].form["Action"], "AssumeRole");
  EXPECT_EQ(calls[0].form["Version"], "2011-06-15");
  EXPECT_EQ(calls[0].form["RoleArn"], "arn:aws:iam::111111111111:role/admin");
  EXPECT_EQ(calls[0].form["ExternalId"], "ext-42");
  EXPECT_EQ(calls[0].form["RoleSessionName"], "alice");
  EXPECT_EQ(calls[0].form["DurationSeconds"], "1800");
  EXPECT_THAT(calls[0].authorization,
              StartsWith("AWS4-HMAC-SHA256 Credential=AKIABASE/20260101/us-east-1/sts/aws4_request"));
}

TEST_F(ProfileChainTest, ChainsOfSourceProfilesAssumeInOrder) {
  Config("[profile prod]\nrole_arn = arn:aws:iam::1:role/prod\nsource_profile = mid\n"
         "[profile mid]\nrole_arn = arn:aws:iam::1:role/mid\nsource_profile = base\n"
         "[profile base]\nregion = eu-west-1\n");
  Credentials("[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
  auto c = Get({.profile = "prod"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIASTS2");
  auto calls = sts_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].form["RoleArn"], "arn:aws:iam::1:role/mid");
  EXPECT_THAT(calls[0].authorization, HasSubstr("Credential=AKIABASE/"));
  EXPECT_EQ(calls[1].form["RoleArn"], "arn:aws:iam::1:role/prod");
  EXPECT_THAT(calls[1].authorization, HasSubstr("Credential=ASIASTS1/"));
  EXPECT_THAT(calls[1].form["RoleSessionName"], StartsWith("pave-session-"));
}

TEST_F(ProfileChainTest, ProfileMayNameItselfWhenItHoldsKeys) {
  Config("[profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n");
  Credentials("[self]\naws_access_key_id = AKIASELF\naws_secret_access_key = s\n");
  auto c = Get({.profile = "self"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source, "profile self (assume-role)");
  ASSERT_EQ(sts_.calls().size(), 1u);
  EXPECT_THAT(sts_.calls()[0].authorization, HasSubstr("Credential=AKIASELF/"));
}

TEST_F(ProfileChainTest, MalformedAssumeRoleProfilesAreErrors) {
  Config("[profile loop-a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = loop-b\n"
         "[profile loop-b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = loop-a\n"
         "[profile ghost]\nrole_arn = arn:aws:iam::1:role/g\nsource_profile = nobody\n"
         "[profile both]\nrole_arn = r\nsource_profile = loop-a\ncredential_source = Environment\n"
         "[profile neither]\nrole_arn = r\n"
         "[profile weird]\nrole_arn = r\ncredential_source = Laptop\n"
         "[profile empty-source]\nrole_arn = r\nsource_profile = nokeys\n"
         "[profile nokeys]\nregion = eu-west-1\n"
         "[profile long]\nrole_arn = r\nsource_profile = nokeys\nduration_seconds = 99\n");
  struct Case {
    const char* profile;
    const char* message;
  } cases[] = {
      {"loop-a", "source_profile loop: loop-a -> loop-b -> loop-a"},
      {"ghost", "source_profile nobody of profile ghost does not exist"},
      {"both", "has both source_profile and credential_source"},
      {"neither", "has role_arn but neither source_profile nor credential_source"},
      {"weird", "credential_source must be Environment, Ec2InstanceMetadata or EcsContainer"},
      {"empty-source", "source profile nokeys has no credentials"},
      {"long", "duration_seconds must be a number from 900 to 43200"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.profile);
    auto r = Get({.profile = c.profile});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(c.message));
  }
  EXPECT_TRUE(sts_.calls().empty());
}

TEST_F(ProfileChainTest, CredentialSourceEnvironment) {
  Config("[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\ncredential_source = Environment\n");
  auto missing = Get({.profile = "ci"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);  // not "skip me"
  EXPECT_THAT(missing.status().message(), HasSubstr("source credentials of profile ci"));
  env_.SetVar("AWS_ACCESS_KEY_ID", "AKIACI");
  env_.SetVar("AWS_SECRET_ACCESS_KEY", "s");
  auto c = Get({.profile = "ci"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source, "profile ci (assume-role)");
  EXPECT_THAT(sts_.calls().back().authorization, HasSubstr("Credential=AKIACI/"));
}

TEST_F(ProfileChainTest, MfaCodeIsAskedThroughThePrompt) {
  Config("[profile mfa]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n"
         "mfa_serial = arn:aws:iam::1:mfa/alice\n");
  Credentials("[default]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
  auto no_prompt = Get({.profile = "mfa"});
  ASSERT_FALSE(no_prompt.ok());
  EXPECT_THAT(no_prompt.status().message(), HasSubstr("needs an MFA code for arn:aws:iam::1:mfa/alice"));
  std::vector<std::string> asked;
  AwsOptions options{.profile = "mfa", .mfa_prompt = [&](const std::string& serial) -> Result<std::string> {
                       asked.push_back(serial);
                       return std::string("123456");
                     }};
  ASSERT_TRUE(Get(options).ok());
  EXPECT_EQ(asked, std::vector<std::string>{"arn:aws:iam::1:mfa/alice"});
  EXPECT_EQ(sts_.calls().back().form["SerialNumber"], "arn:aws:iam::1:mfa/alice");
  EXPECT_EQ(sts_.calls().back().form["TokenCode"], "123456");
}

TEST_F(ProfileChainTest, AssumedCredentialsAreRefreshedBeforeExpiry) {
  Config("[profile prod]\nrole_arn = arn:aws:iam::1:role/prod\nsource_profile = default\n");
  Credentials("[default]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
  auto config = ResolveAwsConfig(&env_, &http_, {.profile = "prod"});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->credentials->Get()->access_key_id, "ASIASTS1");
  env_.Advance(std::chrono::minutes(50));
  EXPECT_EQ(config->credentials->Get()->access_key_id, "ASIASTS1");
  env_.Advance(std::chrono::minutes(6));  // 4 minutes before expiry
  EXPECT_EQ(config->credentials->Get()->access_key_id, "ASIASTS2");
}

TEST_F(ProfileChainTest, WebIdentityFromEnvironmentAndProfile) {
  std::string token = home_.WriteFile("token.jwt", "eyJ.web.identity\n");
  env_.SetVar("AWS_WEB_IDENTITY_TOKEN_FILE", token);
  env_.SetVar("AWS_ROLE_ARN", "arn:aws:iam::1:role/pod");
  env_.SetVar("AWS_ROLE_SESSION_NAME", "pod-session");
  auto c = Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source, "environment (web identity)");
  auto call = sts_.calls().back();
  EXPECT_EQ(call.form["Action"], "AssumeRoleWithWebIdentity");
  EXPECT_EQ(call.form["WebIdentityToken"], "eyJ.web.identity");
  EXPECT_EQ(call.form["RoleArn"], "arn:aws:iam::1:role/pod");
  EXPECT_EQ(call.form["RoleSessionName"], "pod-session");
  EXPECT_EQ(call.authorization, "");  // unsigned

  env_.UnsetVar("AWS_WEB_IDENTITY_TOKEN_FILE");
  env_.UnsetVar("AWS_ROLE_ARN");
  Config("[profile wi]\nweb_identity_token_file = " + token + "\nrole_arn = arn:aws:iam::1:role/wi\n");
  auto p = Get({.profile = "wi"});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->source, "profile wi (web identity)");
  EXPECT_EQ(sts_.calls().back().form["RoleArn"], "arn:aws:iam::1:role/wi");
}

TEST_F(ProfileChainTest, CredentialProcessThroughTheInjectedRunner) {
  struct Runner : ProcessRunner {
    std::vector<std::string> commands;
    Result<ProcessOutput> Run(const std::string& command) override {
      commands.push_back(command);
      return ProcessOutput{0, R"({"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s",
                                   "SessionToken": "t", "Expiration": "2026-01-01T00:30:00Z"})"};
    }
  };
  auto runner = std::make_shared<Runner>();
  Config("[profile tool]\ncredential_process = /usr/bin/get-creds --account 1\n");
  auto c = Get({.profile = "tool", .process_runner = runner});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIAPROC");
  EXPECT_EQ(c->source, "profile tool (credential_process)");
  EXPECT_EQ(c->expiration, *ParseAwsTimestamp("2026-01-01T00:30:00Z"));
  EXPECT_EQ(runner->commands, std::vector<std::string>{"/usr/bin/get-creds --account 1"});
}

TEST_F(ProfileChainTest, NothingConfiguredIsUnauthenticated) {
  auto c = Get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(c.status().message().rfind(
                "no aws credentials found for profile default (tried environment, assume-role, "
                "web identity, sso, shared credentials file, credential_process, config file, "
                "container, instance metadata): ",
                0),
            0u)
      << c.status().message();
}

}  // namespace
}  // namespace pave::aws
