// What AWS would refuse (or what would not work) in a platform file, found before any call
// (issue 12): every error at once, each with file:line:col, through the real sections and the
// AWS resource schemas. Also: metadata.tags reach every taggable resource, and a public API
// endpoint open to 0.0.0.0/0 is a warning.
#include <gtest/gtest.h>

#include "platform/blueprints/buckets.h"
#include "platform/blueprints/cluster.h"
#include "platform/blueprints/network.h"
#include "platform/blueprints/secrets.h"
#include "platform/platform_file.h"
#include "providers/aws/register.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

class SafetyChecksTest : public ::testing::Test {
 protected:
  SafetyChecksTest() {
    RegisterBuiltinTypes(&registry_, &env_);
    RegisterAwsTypes(&registry_, nullptr, &env_);  // schemas only: nothing is called
  }

  Result<LoadedPlatform> Parse(const std::string& text) {
    diags_.clear();
    return ParsePlatform(text, "p.yaml", &env_, registry_, {&network_, &cluster_, &secrets_, &buckets_}, &diags_);
  }

  std::string All() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }
  void ExpectError(const std::string& at_and_text) const {
    EXPECT_NE(All().find(at_and_text), std::string::npos) << "missing: " << at_and_text << "\nin:\n" << All();
  }

  MemEnv env_;
  ProviderRegistry registry_;
  NetworkBlueprint network_;
  ClusterBlueprint cluster_;
  SecretsBlueprint secrets_;
  BucketsBlueprint buckets_;
  std::vector<Diagnostic> diags_;
};

const char* kHead =
    "apiVersion: pave.dev/v1\n"
    "kind: Platform\n"
    "metadata:\n"
    "  name: shop\n"
    "  region: eu-west-1\n";

TEST_F(SafetyChecksTest, EveryRefusalIsReportedAtOnceWithItsPlace) {
  env_.SetEnv("EMPTY_SECRET", "");
  std::string text = std::string(kHead) +
                     "network:\n"                                      // 6
                     "  cidr: 169.254.0.0/16\n"                        // 7
                     "  zones: 4\n"                                    // 8
                     "cluster:\n"                                      // 9
                     "  version: \"1.99\"\n"                           // 10
                     "  subnetIds: [subnet-1]\n"                       // 11
                     "  publicAccessCidrs: [not-a-cidr]\n"             // 12
                     "  nodeGroups:\n"                                 // 13
                     "    - {name: g, instanceTypes: [bogus.type], capacity: spott}\n"  // 14
                     "  addons: [corends]\n"                           // 15
                     "secrets:\n"                                      // 16
                     "  - {name: token, from: env:EMPTY_SECRET}\n"     // 17
                     "buckets:\n"                                      // 18
                     "  - {name: Assets}\n"                            // 19
                     "  - {name: logs, versioning: yes}\n"             // 20
                     "resources:\n"                                    // 21
                     "  - {type: random_id, name: r, properties: {byte_length: 0}}\n"           // 22
                     "  - {type: time_sleep, name: t, properties: {create_duration: -5s}}\n";  // 23
  auto loaded = Parse(text);
  ASSERT_FALSE(loaded.ok());
  ExpectError("p.yaml:7:9: cidr 169.254.0.0/16 overlaps 169.254.0.0/16 (link-local");
  ExpectError("p.yaml:8:10: too many zones: region eu-west-1 has 3 availability zones");
  ExpectError("p.yaml:10:12: cluster.version \"1.99\" is not a Kubernetes version EKS offers");
  ExpectError("p.yaml:12:23: cluster.publicAccessCidrs: \"not-a-cidr\" is not an IPv4 CIDR");
  ExpectError("p.yaml:14:33: node group g: \"bogus.type\" is not an EC2 instance type");
  ExpectError("p.yaml:14:56: node group g: unknown capacity \"spott\" (did you mean \"SPOT\"?)");
  ExpectError("p.yaml:15:12: unknown addons \"corends\" in cluster (did you mean \"coredns\"?)");
  ExpectError("p.yaml:19:12: buckets: invalid name \"Assets\"");
  ExpectError("p.yaml:20:30: buckets: versioning must be true or false (\"yes\" is a YAML 1.1 boolean word");
  ExpectError("p.yaml:22:58: random_id.r: byte_length must be between 1 and 1024, found 0");
  ExpectError("p.yaml:23:63: time_sleep.t: create_duration: \"-5s\" is not a duration");
  // The secret is checked with the resources, after the sections: it is there too.
  ExpectError("secret property \"value\" of aws_ssm_parameter.token is empty");
}

TEST_F(SafetyChecksTest, SpotCapacityIsNormalizedAndOpenEndpointWarns) {
  std::string text = std::string(kHead) +
                     "cluster:\n"
                     "  version: \"1.31\"\n"
                     "  subnetIds: [subnet-1]\n"
                     "  endpoint: private+public\n"
                     "  nodeGroups:\n"
                     "    - {name: g, capacity: spot}\n";
  auto loaded = Parse(text);
  ASSERT_TRUE(loaded.ok()) << All();
  for (const ResourceConfig& rc : loaded->config.resources) {
    if (rc.address.type == "aws_eks_node_group") {
      EXPECT_EQ(rc.properties["capacity_type"], "SPOT");
    }
  }
  ASSERT_EQ(loaded->warnings.size(), 1u) << All();
  EXPECT_NE(loaded->warnings[0].find("p.yaml:9:13: cluster.endpoint private+public opens the Kubernetes API server "
                                     "to 0.0.0.0/0"),
            std::string::npos)
      << loaded->warnings[0];

  auto restricted = Parse(text + "  publicAccessCidrs: [203.0.113.0/24]\n");
  ASSERT_TRUE(restricted.ok()) << All();
  EXPECT_TRUE(restricted->warnings.empty());
}

TEST_F(SafetyChecksTest, NoNatUnderAClusterIsAnError) {
  auto loaded = Parse(std::string(kHead) +
                      "network: {cidr: 10.0.0.0/16, zones: 2, tiers: [private]}\n"
                      "cluster: {version: \"1.31\", endpoint: private}\n");
  ASSERT_FALSE(loaded.ok());
  ExpectError("p.yaml:7:10: cluster: the nodes run in the network's private subnets, which have no NAT");
}

TEST_F(SafetyChecksTest, LongPlatformNamesWhoseRoleNamesCollideAreRefused) {
  std::string name(59, 'a');
  auto loaded = Parse("apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: " + name +
                      "\n  region: eu-west-1\ncluster: {version: \"1.31\", subnetIds: [subnet-1]}\n");
  ASSERT_FALSE(loaded.ok());
  ExpectError("after truncation to 64 characters");
  std::string fits(52, 'a');
  EXPECT_TRUE(Parse("apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: " + fits +
                    "\n  region: eu-west-1\ncluster: {version: \"1.31\", subnetIds: [subnet-1]}\n")
                  .ok())
      << All();
}

TEST_F(SafetyChecksTest, TooManyOrTooLongTagsAreRefused) {
  std::string tags = "  tags:\n";
  for (int i = 0; i < 47; ++i) tags += "    k" + std::to_string(i) + ": v\n";
  auto loaded = Parse(std::string(kHead) + tags);
  ASSERT_FALSE(loaded.ok());
  ExpectError("p.yaml:7:5: metadata.tags has 47 tags; AWS allows 50 per resource and pave adds 4 of its own");
  // One error for the cause, not one more per resource of a section that carries the tags.
  diags_.clear();
  EXPECT_FALSE(Parse(std::string(kHead) + tags + "network: {cidr: 10.0.0.0/16, zones: 2}\n").ok());
  EXPECT_EQ(diags_.size(), 1u) << All();
  EXPECT_FALSE(Parse(std::string(kHead) + "  tags: {team: " + std::string(257, 'x') + "}\n").ok());
  ExpectError("the value of tag \"team\" is longer than 256 characters");
}

TEST_F(SafetyChecksTest, ReservedVpcRangesAreRefused) {
  for (const char* cidr : {"127.0.0.0/16", "224.0.0.0/16", "169.254.0.0/16"}) {
    EXPECT_FALSE(Parse(std::string(kHead) + "network: {cidr: " + cidr + ", zones: 2}\n").ok()) << cidr;
    ExpectError("p.yaml:6:17: cidr " + std::string(cidr) + " overlaps");
  }
  EXPECT_TRUE(Parse(std::string(kHead) + "network: {cidr: 10.0.0.0/16, zones: 2}\n").ok()) << All();
}

TEST_F(SafetyChecksTest, ASubnetOutsideItsVpcIsRefused) {
  std::string text = std::string(kHead) +
                     "resources:\n"
                     "  - {type: aws_vpc, name: v, properties: {cidr_block: 10.0.0.0/16}}\n"
                     "  - type: aws_subnet\n"
                     "    name: s\n"
                     "    properties:\n"
                     "      vpc_id: ${aws_vpc.v.id}\n"
                     "      availability_zone: eu-west-1a\n"
                     "      cidr_block: 10.1.0.0/24\n";
  EXPECT_FALSE(Parse(text).ok());
  ExpectError("aws_subnet.s: cidr_block 10.1.0.0/24 is not inside aws_vpc.v's 10.0.0.0/16");
  std::string inside = text.substr(0, text.size() - std::string("10.1.0.0/24\n").size()) + "10.0.3.0/24\n";
  EXPECT_TRUE(Parse(inside).ok()) << All();
  std::string overlapping = inside +
                            "  - type: aws_subnet\n"
                            "    name: t\n"
                            "    properties: {vpc_id: \"${aws_vpc.v.id}\", availability_zone: eu-west-1b, "
                            "cidr_block: 10.0.2.0/23}\n";
  EXPECT_FALSE(Parse(overlapping).ok());
  ExpectError("aws_subnet.t: cidr_block 10.0.2.0/23 overlaps aws_subnet.s's 10.0.3.0/24");
}

TEST_F(SafetyChecksTest, AValueSourceLongerThanATagValueIsRefusedWithoutShowingIt) {
  env_.SetEnv("LONG_TEAM", std::string(300, 'q'));
  auto loaded = Parse(std::string(kHead) +
                      "resources:\n"
                      "  - {type: aws_vpc, name: v, properties: {cidr_block: 10.0.0.0/16, tags: {team: "
                      "\"${env:LONG_TEAM}\"}}}\n");
  EXPECT_FALSE(loaded.ok());
  ExpectError("aws_vpc.v: the value of tag \"team\" is longer than 256 characters");
  EXPECT_EQ(All().find("qqqq"), std::string::npos) << All();
}

TEST_F(SafetyChecksTest, EveryPlatformNameFrom59To63CharactersIsRefusedUnderACluster) {
  for (size_t n = 59; n <= 63; ++n) {
    EXPECT_FALSE(Parse("apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: " + std::string(n, 'a') +
                       "\n  region: eu-west-1\ncluster: {version: \"1.31\", subnetIds: [subnet-1]}\n")
                     .ok())
        << n;
  }
}

TEST_F(SafetyChecksTest, MetadataTagsReachEveryTaggableResource) {
  auto loaded = Parse(std::string(kHead) +
                      "  tags: {team: web}\n"
                      "network: {cidr: 10.0.0.0/16, zones: 2, nat: single}\n"
                      "cluster:\n"
                      "  version: \"1.31\"\n"
                      "  nodeGroups: [{name: g}]\n"
                      "  addons: [coredns]\n"
                      "  serviceAccounts: [{namespace: kube-system, name: dns, policies: [route53-change]}]\n"
                      "buckets: [{name: assets}]\n");
  ASSERT_TRUE(loaded.ok()) << All();
  size_t tagged = 0;
  for (const ResourceConfig& rc : loaded->config.resources) {
    const ResourceType* type = registry_.Find(rc.address.type);
    ASSERT_NE(type, nullptr);
    if (!type->schema().Find("tags")) continue;
    ++tagged;
    ASSERT_TRUE(rc.properties.contains("tags")) << rc.address.ToString();
    EXPECT_EQ(rc.properties["tags"].value("team", ""), "web") << rc.address.ToString();
  }
  EXPECT_GT(tagged, 20u);
}

}  // namespace
}  // namespace pave
