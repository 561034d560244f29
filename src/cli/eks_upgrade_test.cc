#include "cli/eks_upgrade.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pave::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Answers DescribeAddonVersions from a table of add-on -> Kubernetes versions it supports.
class FakeEks : public aws::AwsClient {
 public:
  Result<Value> Call(const std::string& service, const std::string& operation, const Value& input,
                     const aws::CallOptions& = {}) override {
    calls.push_back(service + ":" + operation + ":" + input.dump());
    if (fail) return Status::Unavailable("eks is down");
    std::string name = input.value("addonName", ""), k8s = input.value("kubernetesVersion", "");
    Value versions = Value::array();
    for (const auto& [addon, cluster_version] : supported) {
      if (addon == name && cluster_version == k8s)
        versions.push_back({{"addonVersion", "v1-eksbuild.1"}});
    }
    if (versions.empty()) return Value{{"addons", Value::array()}};
    return Value{
        {"addons", Value::array({Value{{"addonName", name}, {"addonVersions", versions}}})}};
  }
  Result<Value> CallAllPages(const std::string& s, const std::string& o, const Value& i,
                             const aws::CallOptions& opt = {}) override {
    return Call(s, o, i, opt);
  }
  std::string region() const override { return "eu-west-1"; }

  std::vector<std::pair<std::string, std::string>> supported;
  std::vector<std::string> calls;
  bool fail = false;
};

class EksUpgradeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_.Put({{"aws_eks_cluster", "main"}, Value{{"name", "shop"}, {"version", "1.30"}}});
    state_.Put(
        {{"aws_eks_addon", "coredns"}, Value{{"name", "coredns"}, {"cluster_name", "shop"}}});
    state_.Put({{"aws_eks_node_group", "general"},
                Value{{"name", "general"}, {"cluster_name", "shop"}, {"version", "1.30"}}});
    Change upgrade{{"aws_eks_cluster", "main"}, Action::kUpdate};
    upgrade.prior = state_.Find({"aws_eks_cluster", "main"})->attributes;
    upgrade.diff = {{"version", "1.30", "1.31"}};
    Change nodes{{"aws_eks_node_group", "general"}, Action::kUpdate};
    nodes.diff = {{"version", "1.30", "1.31"}};
    Change addon{{"aws_eks_addon", "coredns"}, Action::kUpdate};
    addon.depends_on = {{"aws_eks_cluster", "main"}, {"aws_eks_node_group", "general"}};
    plan_.changes = {addon, upgrade, nodes};
  }
  State state_;
  Plan plan_;
  FakeEks eks_;
};

TEST_F(EksUpgradeTest, SaysTheOrderWhenEveryAddOnHasAVersion) {
  eks_.supported = {{"coredns", "1.31"}};
  UpgradeReport r = CheckEksUpgrades(plan_, state_, eks_);
  EXPECT_THAT(r.problems, IsEmpty());
  EXPECT_THAT(r.steps,
              ElementsAre("upgrade of aws_eks_cluster.main from 1.30 to 1.31: control plane first, "
                          "then node groups (aws_eks_node_group.general), then add-ons "
                          "(aws_eks_addon.coredns)"));
  EXPECT_THAT(eks_.calls, ElementsAre(HasSubstr("eks:DescribeAddonVersions:")));
  EXPECT_THAT(eks_.calls[0], HasSubstr("\"kubernetesVersion\":\"1.31\""));
}

TEST_F(EksUpgradeTest, AnAddOnWithoutAVersionForTheTargetIsAProblem) {
  eks_.supported = {{"coredns", "1.30"}};
  UpgradeReport r = CheckEksUpgrades(plan_, state_, eks_);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(
      r.problems[0],
      HasSubstr("aws_eks_addon.coredns: add-on coredns has no version for Kubernetes 1.31"));
}

TEST_F(EksUpgradeTest, ANodeGroupLeftTooFarBehindIsAProblem) {
  eks_.supported = {{"coredns", "1.31"}};
  state_.FindMutable({"aws_eks_node_group", "general"})->attributes["version"] = "1.27";
  plan_.changes.pop_back();  // the node group is not upgraded by this plan
  UpgradeReport r = CheckEksUpgrades(plan_, state_, eks_);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0],
              HasSubstr("aws_eks_node_group.general: its nodes run Kubernetes 1.27, 4 minor "
                        "versions behind 1.31 (EKS supports at most 3)"));
  state_.FindMutable({"aws_eks_node_group", "general"})->attributes["version"] = "1.28";
  EXPECT_THAT(CheckEksUpgrades(plan_, state_, eks_).problems, IsEmpty());
}

TEST_F(EksUpgradeTest, NoUpgradeNoCallAndAFailedCallIsAWarning) {
  Plan none;
  none.changes = {plan_.changes[0]};
  EXPECT_THAT(CheckEksUpgrades(none, state_, eks_).steps, IsEmpty());
  EXPECT_THAT(eks_.calls, IsEmpty());
  eks_.fail = true;
  UpgradeReport r = CheckEksUpgrades(plan_, state_, eks_);
  EXPECT_THAT(r.problems, IsEmpty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(
      r.warnings[0],
      HasSubstr("could not check whether add-on coredns has a version for Kubernetes 1.31"));
}

}  // namespace
}  // namespace pave::cli
