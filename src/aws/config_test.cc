#include "aws/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/curl_http_client.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::HasSubstr;
using testing::OverlayEnv;
using testing::TempDir;

class ResolveConfigTest : public ::testing::Test {
 protected:
  ResolveConfigTest() : http_(&env_, {}) { env_.SetVar("HOME", home_.path()); }
  void Config(const std::string& text) { home_.WriteFile(".aws/config", text); }
  Result<ResolvedAwsConfig> Resolve(AwsOptions options = {}) {
    return ResolveAwsConfig(&env_, &http_, options);
  }
  Result<Endpoint> EndpointFor(const ResolvedAwsConfig& c, const char* service, const char* id) {
    return ResolveEndpoint(service, service, id, c.endpoints);
  }

  TempDir home_;
  OverlayEnv env_;
  CurlHttpClient http_;
};

TEST_F(ResolveConfigTest, ProfileOrder) {
  Config("[profile flag]\n[profile env]\n[profile legacy]\n");
  EXPECT_EQ(Resolve()->profile, "default");
  env_.SetVar("AWS_DEFAULT_PROFILE", "legacy");
  EXPECT_EQ(Resolve()->profile, "legacy");
  env_.SetVar("AWS_PROFILE", "env");
  EXPECT_EQ(Resolve()->profile, "env");
  EXPECT_EQ(Resolve({.profile = "flag"})->profile, "flag");
}

TEST_F(ResolveConfigTest, UnknownNamedProfileIsAnErrorWithASuggestion) {
  Config("[profile production]\nregion = eu-west-1\n");
  auto r = Resolve({.profile = "prodution"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("profile prodution (from --profile) is not in"));
  EXPECT_THAT(r.status().message(), HasSubstr("(did you mean production?)"));
  env_.SetVar("AWS_PROFILE", "missing");
  EXPECT_THAT(Resolve().status().message(), HasSubstr("(from AWS_PROFILE)"));
}

TEST_F(ResolveConfigTest, RegionOrder) {
  Config("[default]\nregion = eu-north-1\n");
  EXPECT_EQ(Resolve()->region, "eu-north-1");
  env_.SetVar("AWS_DEFAULT_REGION", "eu-west-2");
  EXPECT_EQ(Resolve()->region, "eu-west-2");
  env_.SetVar("AWS_REGION", "eu-west-3");
  EXPECT_EQ(Resolve()->region, "eu-west-3");
  EXPECT_EQ(Resolve({.region = "ap-south-1"})->region, "ap-south-1");
  EXPECT_EQ(Resolve({.region = "ap-south-1"})->endpoints.region, "ap-south-1");
}

TEST_F(ResolveConfigTest, NoRegionAnywhereIsEmpty) {
  auto r = Resolve();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->region, "");
}

TEST_F(ResolveConfigTest, EndpointOverridesFromEnvironmentAndProfile) {
  Config("[default]\nregion = eu-west-1\nendpoint_url = http://profile:1\nservices = local\n"
         "[services local]\nsecrets_manager =\n  endpoint_url = http://section:2/\n"
         "ec2 =\n  endpoint_url = http://section-ec2:3\n");
  auto c = Resolve();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(EndpointFor(*c, "secretsmanager", "Secrets Manager")->url, "http://section:2");
  EXPECT_EQ(EndpointFor(*c, "iam", "IAM")->url, "http://profile:1");

  env_.SetVar("AWS_ENDPOINT_URL", "http://env:4");
  c = Resolve();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(EndpointFor(*c, "secretsmanager", "Secrets Manager")->url, "http://env:4");

  env_.SetVar("AWS_ENDPOINT_URL_EC2", "http://env-ec2:5");
  c = Resolve();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(EndpointFor(*c, "ec2", "EC2")->url, "http://env-ec2:5");
  EXPECT_EQ(EndpointFor(*c, "iam", "IAM")->url, "http://env:4");
}

TEST_F(ResolveConfigTest, IgnoreConfiguredEndpointUrls) {
  Config("[default]\nregion = eu-west-1\nendpoint_url = http://profile:1\n");
  env_.SetVar("AWS_ENDPOINT_URL_EC2", "http://env-ec2:5");
  env_.SetVar("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
  auto c = Resolve();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(EndpointFor(*c, "ec2", "EC2")->url, "https://ec2.eu-west-1.amazonaws.com");
  EXPECT_EQ(EndpointFor(*c, "iam", "IAM")->url, "https://iam.amazonaws.com");

  env_.UnsetVar("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  Config("[default]\nregion = eu-west-1\nendpoint_url = http://profile:1\n"
         "ignore_configured_endpoint_urls = true\n");
  c = Resolve();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(EndpointFor(*c, "ec2", "EC2")->url, "https://ec2.eu-west-1.amazonaws.com");
}

TEST_F(ResolveConfigTest, MalformedEndpointSettings) {
  env_.SetVar("AWS_ENDPOINT_URL", "localhost:4566");
  EXPECT_THAT(Resolve().status().message(), HasSubstr("AWS_ENDPOINT_URL: endpoint url must look like"));
  env_.UnsetVar("AWS_ENDPOINT_URL");
  Config("[default]\nservices = nowhere\n");
  EXPECT_THAT(Resolve().status().message(), HasSubstr("there is no [services nowhere]"));
  Config("[default]\nignore_configured_endpoint_urls = maybe\n");
  EXPECT_THAT(Resolve().status().message(), HasSubstr("must be true or false"));
}

TEST_F(ResolveConfigTest, RetrySettings) {
  auto d = Resolve();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->retry.max_attempts, 8);  // pave's default: an IaC tool's budget
  EXPECT_EQ(d->retry.throttle_budget, std::chrono::minutes(5));
  EXPECT_EQ(d->retry.mode, "standard");
  Config("[default]\nmax_attempts = 7\nretry_mode = adaptive\n");
  auto p = Resolve();
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->retry.max_attempts, 7);
  EXPECT_EQ(p->retry.throttle_budget.count(), 0) << "the user's settings are the SDKs' semantics";
  EXPECT_EQ(p->retry.mode, "adaptive");
  env_.SetVar("AWS_MAX_ATTEMPTS", "2");
  env_.SetVar("AWS_RETRY_MODE", "legacy");
  auto e = Resolve();
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->retry.max_attempts, 2);
  EXPECT_EQ(e->retry.mode, "legacy");
  for (const char* bad : {"0", "-1", "three", "3x"}) {
    env_.SetVar("AWS_MAX_ATTEMPTS", bad);
    auto r = Resolve();
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_THAT(r.status().message(), HasSubstr("AWS_MAX_ATTEMPTS must be a whole number"));
  }
  env_.SetVar("AWS_MAX_ATTEMPTS", "2");
  env_.SetVar("AWS_RETRY_MODE", "aggressive");
  EXPECT_THAT(Resolve().status().message(), HasSubstr("AWS_RETRY_MODE must be standard, adaptive or legacy"));
}

TEST_F(ResolveConfigTest, MalformedConfigFileNamesFileAndLine) {
  Config("[default]\nregion = eu-west-1\nthis line is wrong\n");
  auto r = Resolve();
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr(home_.path() + "/.aws/config:3:"));
}

TEST_F(ResolveConfigTest, CredentialsResolveLazily) {
  Config("[profile broken]\nrole_arn = arn:aws:iam::1:role/x\n");
  auto c = Resolve({.profile = "broken"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();  // nothing resolved yet
  auto creds = c->credentials->Get();
  ASSERT_FALSE(creds.ok());
  EXPECT_THAT(creds.status().message(), HasSubstr("neither source_profile nor credential_source"));
}

}  // namespace
}  // namespace pave::aws
