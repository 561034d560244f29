#include "cli/eks_commands.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace pave::cli {
namespace {

Value ClusterAttributes() {
  return {{"name", "shop"},
          {"arn", "arn:aws:eks:eu-north-1:123456789012:cluster/shop"},
          {"endpoint", "https://ABC.gr7.eu-north-1.eks.amazonaws.com"},
          {"certificate_authority", "LS0tLS1CRUdJTg=="}};
}

TEST(EksCommandsTest, ClusterAccessTakesTheRegionFromTheArn) {
  auto c = ClusterAccessFrom(ClusterAttributes());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->region, "eu-north-1");
  EXPECT_EQ(c->name, "shop");
}

TEST(EksCommandsTest, ClusterWithoutArnOrEndpointIsAnError) {
  Value a = ClusterAttributes();
  a["arn"] = "not-an-arn";
  EXPECT_FALSE(ClusterAccessFrom(a).ok());
  a = ClusterAttributes();
  a.erase("endpoint");
  EXPECT_FALSE(ClusterAccessFrom(a).ok());
}

TEST(EksCommandsTest, KubeconfigRunsPaveEksToken) {
  auto c = ClusterAccessFrom(ClusterAttributes());
  ASSERT_TRUE(c.ok());
  YAML::Node doc = YAML::Load(RenderKubeconfig(*c, "pave", "prod"));
  EXPECT_EQ(doc["kind"].as<std::string>(), "Config");
  EXPECT_EQ(doc["current-context"].as<std::string>(), "shop");
  EXPECT_EQ(doc["clusters"][0]["cluster"]["server"].as<std::string>(), c->endpoint);
  EXPECT_EQ(doc["clusters"][0]["cluster"]["certificate-authority-data"].as<std::string>(), "LS0tLS1CRUdJTg==");
  EXPECT_EQ(doc["contexts"][0]["context"]["user"].as<std::string>(), c->arn);
  YAML::Node exec = doc["users"][0]["user"]["exec"];
  EXPECT_EQ(exec["apiVersion"].as<std::string>(), "client.authentication.k8s.io/v1beta1");
  EXPECT_EQ(exec["command"].as<std::string>(), "pave");
  std::vector<std::string> args = exec["args"].as<std::vector<std::string>>();
  EXPECT_EQ(args, (std::vector<std::string>{"eks", "token", "--cluster", "shop", "--region", "eu-north-1"}));
  EXPECT_EQ(exec["env"][0]["name"].as<std::string>(), "AWS_PROFILE");
  EXPECT_EQ(exec["env"][0]["value"].as<std::string>(), "prod");
}

TEST(EksCommandsTest, KubeconfigWithoutProfileHasNoEnv) {
  auto c = ClusterAccessFrom(ClusterAttributes());
  ASSERT_TRUE(c.ok());
  YAML::Node doc = YAML::Load(RenderKubeconfig(*c, "pave", ""));
  EXPECT_FALSE(doc["users"][0]["user"]["exec"]["env"].IsDefined());
}

TEST(EksCommandsTest, CredentialsAreQuotedExportLines) {
  auto c = ClusterAccessFrom(ClusterAttributes());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(RenderCredentials(*c, "", "/home/a/.pave/kubeconfig"),
            "export AWS_REGION='eu-north-1'\n"
            "export KUBECONFIG='/home/a/.pave/kubeconfig'\n"
            "export PAVE_CLUSTER='shop'\n");
  std::string with_profile = RenderCredentials(*c, "it's", "/k");
  EXPECT_NE(with_profile.find("export AWS_PROFILE='it'\\''s'\n"), std::string::npos);
}

// Like `aws eks update-kubeconfig`: other clusters, contexts, users and keys stay; ours
// replaces the entries of the same name and becomes the current context.
TEST(EksCommandsTest, MergeKubeconfigKeepsOtherEntries) {
  const std::string existing = R"(apiVersion: v1
kind: Config
preferences: {colors: true}
clusters:
  - name: other
    cluster: {server: https://other.example}
  - name: arn:aws:eks:eu-north-1:123456789012:cluster/shop
    cluster: {server: https://old.example}
contexts:
  - name: other
    context: {cluster: other, user: other}
current-context: other
users:
  - name: other
    user: {token: abc}
)";
  auto c = ClusterAccessFrom(ClusterAttributes());
  ASSERT_TRUE(c.ok());
  auto merged = MergeKubeconfig(existing, RenderKubeconfig(*c, "pave", ""));
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  YAML::Node doc = YAML::Load(*merged);
  EXPECT_EQ(doc["current-context"].as<std::string>(), "shop");
  EXPECT_TRUE(doc["preferences"]["colors"].as<bool>());
  ASSERT_EQ(doc["clusters"].size(), 2u);
  EXPECT_EQ(doc["clusters"][0]["name"].as<std::string>(), "other");
  EXPECT_EQ(doc["clusters"][1]["cluster"]["server"].as<std::string>(),
            "https://ABC.gr7.eu-north-1.eks.amazonaws.com");
  ASSERT_EQ(doc["contexts"].size(), 2u);
  ASSERT_EQ(doc["users"].size(), 2u);
  EXPECT_EQ(doc["users"][0]["user"]["token"].as<std::string>(), "abc");

  auto fresh = MergeKubeconfig("", RenderKubeconfig(*c, "pave", ""));
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(YAML::Load(*fresh)["clusters"].size(), 1u);
  EXPECT_FALSE(MergeKubeconfig("- a list\n", RenderKubeconfig(*c, "pave", "")).ok());
}

}  // namespace
}  // namespace pave::cli
