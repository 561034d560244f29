#include "aws/endpoints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pave::aws {
namespace {

using ::testing::HasSubstr;

struct ServiceMeta {
  const char* service;
  const char* prefix;
  const char* id;
};

constexpr ServiceMeta kEc2 = {"ec2", "ec2", "EC2"};
constexpr ServiceMeta kIam = {"iam", "iam", "IAM"};
constexpr ServiceMeta kRoute53 = {"route53", "route53", "Route 53"};
constexpr ServiceMeta kOrgs = {"organizations", "organizations", "Organizations"};
constexpr ServiceMeta kCloudFront = {"cloudfront", "cloudfront", "CloudFront"};
constexpr ServiceMeta kSts = {"sts", "sts", "STS"};
constexpr ServiceMeta kSecrets = {"secretsmanager", "secretsmanager", "Secrets Manager"};
constexpr ServiceMeta kSso = {"sso", "portal.sso", "SSO"};

Result<Endpoint> Resolve(const ServiceMeta& m, const EndpointConfig& config) {
  return ResolveEndpoint(m.service, m.prefix, m.id, config);
}

TEST(EndpointsTest, DefaultsPerServiceAndPartition) {
  struct Case {
    ServiceMeta meta;
    const char* region;
    const char* url;
    const char* signing_region;
  } cases[] = {
      {kEc2, "eu-west-1", "https://ec2.eu-west-1.amazonaws.com", "eu-west-1"},
      {kEc2, "cn-north-1", "https://ec2.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {kEc2, "us-gov-west-1", "https://ec2.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
      {kEc2, "us-iso-east-1", "https://ec2.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
      {kEc2, "us-isob-east-1", "https://ec2.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
      {kIam, "eu-west-1", "https://iam.amazonaws.com", "us-east-1"},
      {kIam, "", "https://iam.amazonaws.com", "us-east-1"},
      {kIam, "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {kIam, "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
      {kRoute53, "ap-southeast-2", "https://route53.amazonaws.com", "us-east-1"},
      {kRoute53, "cn-north-1", "https://route53.amazonaws.com.cn", "cn-northwest-1"},
      {kRoute53, "us-gov-west-1", "https://route53.us-gov.amazonaws.com", "us-gov-west-1"},
      {kOrgs, "eu-central-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1"},
      {kOrgs, "us-gov-west-1", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
      {kCloudFront, "eu-north-1", "https://cloudfront.amazonaws.com", "us-east-1"},
      {kSts, "eu-west-1", "https://sts.eu-west-1.amazonaws.com", "eu-west-1"},
      {kSts, "", "https://sts.amazonaws.com", "us-east-1"},
      {kSts, "aws-global", "https://sts.amazonaws.com", "us-east-1"},
      {kSts, "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {kSso, "eu-north-1", "https://portal.sso.eu-north-1.amazonaws.com", "eu-north-1"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.meta.service) + " in '" + c.region + "'");
    auto e = Resolve(c.meta, {.region = c.region});
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_EQ(e->url, c.url);
    EXPECT_EQ(e->signing_region, c.signing_region);
  }
}

TEST(EndpointsTest, OverridesInDocumentedOrder) {
  auto env = [](const std::string& id) { return id == "EC2" ? std::string("http://env-ec2") : ""; };
  struct Case {
    const char* name;
    EndpointConfig config;
    ServiceMeta meta;
    const char* url;
  } cases[] = {
      {"service env beats everything",
       {.region = "eu-west-1", .global_url = "http://env-global", .service_urls = {{"EC2", "http://section"}},
        .global_url_from_env = true, .service_url_from_env = env},
       kEc2, "http://env-ec2"},
      {"global env beats the services section",
       {.region = "eu-west-1", .global_url = "http://env-global", .service_urls = {{"SECRETS_MANAGER", "http://section"}},
        .global_url_from_env = true, .service_url_from_env = env},
       kSecrets, "http://env-global"},
      {"services section beats the profile endpoint_url",
       {.region = "eu-west-1", .global_url = "http://profile", .service_urls = {{"SECRETS_MANAGER", "http://section/"}}},
       kSecrets, "http://section"},
      {"profile endpoint_url beats the default",
       {.region = "eu-west-1", .global_url = "http://profile:4566/base/"},
       kEc2, "http://profile:4566/base"},
      {"no override: the default",
       {.region = "eu-west-1", .service_urls = {{"IAM", "http://iam-only"}}},
       kEc2, "https://ec2.eu-west-1.amazonaws.com"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto e = Resolve(c.meta, c.config);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_EQ(e->url, c.url);
  }
}

TEST(EndpointsTest, OverriddenGlobalServicesKeepTheirSigningRegion) {
  EndpointConfig config{.region = "eu-west-1", .global_url = "http://127.0.0.1:5000"};
  auto iam = Resolve(kIam, config);
  ASSERT_TRUE(iam.ok());
  EXPECT_EQ(iam->url, "http://127.0.0.1:5000");
  EXPECT_EQ(iam->signing_region, "us-east-1");
  auto ec2 = Resolve(kEc2, config);
  ASSERT_TRUE(ec2.ok());
  EXPECT_EQ(ec2->signing_region, "eu-west-1");
}

TEST(EndpointsTest, Errors) {
  auto no_region = Resolve(kEc2, {});
  ASSERT_FALSE(no_region.ok());
  EXPECT_THAT(no_region.status().message(), HasSubstr("no region set for ec2"));
  auto bad_region = Resolve(kEc2, {.region = "evil.com/x"});
  ASSERT_FALSE(bad_region.ok());
  EXPECT_EQ(bad_region.status().code(), StatusCode::kInvalidArgument);
  auto bad_url = Resolve(kEc2, {.region = "eu-west-1", .global_url = "127.0.0.1:5000"});
  ASSERT_FALSE(bad_url.ok());
  EXPECT_THAT(bad_url.status().message(), HasSubstr("endpoint url must look like"));
}

TEST(EndpointsTest, ServiceIdEnvFormAndPartitions) {
  EXPECT_EQ(ServiceIdEnvForm("Secrets Manager"), "SECRETS_MANAGER");
  EXPECT_EQ(ServiceIdEnvForm("Elastic Load Balancing v2"), "ELASTIC_LOAD_BALANCING_V2");
  EXPECT_EQ(ServiceIdEnvForm("ACM-PCA"), "ACM_PCA");
  EXPECT_EQ(PartitionOf("eu-west-1"), "aws");
  EXPECT_EQ(PartitionOf("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(PartitionOf("us-gov-east-1"), "aws-us-gov");
  EXPECT_EQ(PartitionOf("us-isob-east-1"), "aws-iso-b");
}

}  // namespace
}  // namespace pave::aws
