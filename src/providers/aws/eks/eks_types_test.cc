#include "providers/aws/eks/eks_types.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

// A small in-memory EKS: resources become ACTIVE after `settle` describes, updates succeed
// after `settle` DescribeUpdate calls.
struct FakeEks {
  int settle = 2;
  bool fail_clusters = false;  // DescribeCluster answers FAILED
  std::map<std::string, Value> clusters, nodegroups, addons;  // by name / "cluster:name"
  std::map<std::string, int> looks;
  std::map<std::string, Value> calls;  // last input per operation

  static Status NotFound() { return Status::NotFound("ResourceNotFoundException: no").WithReason("ResourceNotFoundException"); }

  Value Settle(const std::string& key, Value item) {
    if (++looks[key] >= settle && item["status"] == "CREATING") item["status"] = "ACTIVE";
    return item;
  }

  Result<Value> Handle(const std::string& op, const Value& in) {
    calls[op] = in;
    if (op == "CreateCluster") {
      Value c = in;
      c["status"] = "CREATING";
      c["arn"] = "arn:aws:eks:eu-west-1:123456789012:cluster/" + in["name"].get<std::string>();
      c["identity"] = {{"oidc", {{"issuer", "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC"}}}};
      c["version"] = in.value("version", "1.30");
      clusters[in["name"]] = c;
      return Value{{"cluster", c}};
    }
    if (op == "DescribeCluster") {
      auto it = clusters.find(in["name"]);
      if (it == clusters.end()) return NotFound();
      it->second = Settle(it->first, it->second);
      if (fail_clusters) it->second["status"] = "FAILED";
      return Value{{"cluster", it->second}};
    }
    if (op == "UpdateClusterVersion") {
      clusters[in["name"]]["version"] = in["version"];
      return Value{{"update", {{"id", "u-1"}, {"status", "InProgress"}, {"type", "VersionUpdate"}}}};
    }
    if (op == "UpdateClusterConfig" || op == "UpdateNodegroupConfig" || op == "UpdateNodegroupVersion" ||
        op == "UpdateAddon") {
      return Value{{"update", {{"id", "u-2"}, {"status", "Successful"}}}};
    }
    if (op == "DescribeUpdate") {
      bool done = ++looks["update"] >= settle;
      return Value{{"update", {{"id", in["updateId"]}, {"status", done ? "Successful" : "InProgress"}}}};
    }
    if (op == "ListNodegroups") {
      Value names = Value::array();
      for (auto& [k, v] : nodegroups) names.push_back(v["nodegroupName"]);
      return Value{{"nodegroups", names}};
    }
    if (op == "DeleteNodegroup") {
      nodegroups.erase(in["clusterName"].get<std::string>() + ":" + in["nodegroupName"].get<std::string>());
      return Value::object();
    }
    if (op == "DeleteCluster") {
      if (!nodegroups.empty()) return Status::FailedPrecondition("in use").WithReason("ResourceInUseException");
      clusters.erase(in["name"]);
      return Value::object();
    }
    if (op == "DescribeNodegroup") {
      auto it = nodegroups.find(in["clusterName"].get<std::string>() + ":" + in["nodegroupName"].get<std::string>());
      if (it == nodegroups.end()) return NotFound();
      return Value{{"nodegroup", it->second}};
    }
    if (op == "DescribeAddon") {
      auto it = addons.find(in["clusterName"].get<std::string>() + ":" + in["addonName"].get<std::string>());
      if (it == addons.end()) return NotFound();
      return Value{{"addon", it->second}};
    }
    if (op == "DescribeAddonVersions") {
      Value v1 = {{"addonVersion", "v1.11.1"}, {"compatibilities", {{{"clusterVersion", "1.31"}, {"defaultVersion", true}}}}};
      Value v2 = {{"addonVersion", "v1.11.4"}, {"compatibilities", {{{"clusterVersion", "1.31"}, {"defaultVersion", false}}}}};
      return Value{{"addons", {{{"addonName", in["addonName"]}, {"addonVersions", {v2, v1}}}}}};
    }
    if (op == "TagResource" || op == "UntagResource") return Value::object();
    return Status::Unimplemented("fake eks: " + op);
  }
};

class EksTypesTest : public ::testing::Test {
 protected:
  EksTypesTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return eks_.Handle(op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{},
              .account = std::make_shared<AccountId>(&client_)} {}

  OperationContext Ctx(const std::string& type, const std::string& name) {
    return OperationContext{.address = {type, name}, .platform = "acme", .idempotency_token = "tok-1"};
  }

  static Value ClusterDesired() {
    return {{"name", "prod"}, {"role_arn", "arn:aws:iam::123456789012:role/prod-cluster"},
            {"subnet_ids", {"subnet-b", "subnet-a"}}, {"version", "1.30"},
            {"security_group_ids", Value::array()}, {"endpoint_private_access", true},
            {"endpoint_public_access", false}, {"enabled_log_types", {"audit", "api"}},
            {"kms_key_arn", "arn:aws:kms:eu-west-1:123456789012:key/k"}, {"tags", {{"team", "infra"}}}};
  }

  FakeEks eks_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
};

TEST_F(EksTypesTest, ClusterCreateTagsEncryptsAndWaitsForActive) {
  auto type = NewEksClusterType(deps_);
  auto got = type->Create(Ctx("aws_eks_cluster", "main"), ClusterDesired());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Value& in = eks_.calls["CreateCluster"];
  EXPECT_EQ(in["clientRequestToken"], "tok-1");
  EXPECT_EQ(in["tags"]["pave:address"], "aws_eks_cluster.main");
  EXPECT_EQ(in["tags"]["pave:platform"], "acme");
  EXPECT_EQ(in["tags"]["team"], "infra");
  EXPECT_EQ(in["encryptionConfig"][0]["provider"]["keyArn"], "arn:aws:kms:eu-west-1:123456789012:key/k");
  EXPECT_EQ(in["encryptionConfig"][0]["resources"], Value::array({"secrets"}));
  EXPECT_EQ(in["logging"]["clusterLogging"][0]["types"], Value::array({"api", "audit"}));
  EXPECT_EQ(in["resourcesVpcConfig"]["endpointPublicAccess"], false);
  EXPECT_FALSE(env_.slept().empty()) << "CREATING must be waited for";
  EXPECT_EQ((*got)["oidc_issuer"], "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC");
  EXPECT_EQ((*got)["tags"], Value({{"team", "infra"}}));
  EXPECT_EQ((*got)["kms_key_arn"], "arn:aws:kms:eu-west-1:123456789012:key/k");
}

TEST_F(EksTypesTest, ClusterCreateFailsWhenEksSaysFailed) {
  eks_.fail_clusters = true;
  auto type = NewEksClusterType(deps_);
  auto got = type->Create(Ctx("aws_eks_cluster", "main"), ClusterDesired());
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().ToString().find("FAILED"), std::string::npos);
}

TEST_F(EksTypesTest, VersionChangeIsAnInPlaceUpgradeWaitedFor) {
  auto type = NewEksClusterType(deps_);
  auto made = type->Create(Ctx("aws_eks_cluster", "main"), ClusterDesired());
  ASSERT_TRUE(made.ok());
  Value desired = ClusterDesired();
  desired["version"] = "1.31";
  auto got = type->Update(Ctx("aws_eks_cluster", "main"), *made, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("UpdateClusterVersion"), 1u);
  EXPECT_EQ(eks_.calls["UpdateClusterVersion"]["version"], "1.31");
  EXPECT_GE(client_.Count("DescribeUpdate"), 2u);
  EXPECT_EQ(client_.Count("UpdateClusterConfig"), 0u) << "nothing else changed";
  EXPECT_EQ(client_.Count("DeleteCluster"), 0u);
  EXPECT_EQ((*got)["version"], "1.31");
}

TEST_F(EksTypesTest, LoggingChangeEnablesAndDisablesTypes) {
  auto type = NewEksClusterType(deps_);
  auto made = type->Create(Ctx("aws_eks_cluster", "main"), ClusterDesired());
  ASSERT_TRUE(made.ok());
  Value prior = *made;
  prior["enabled_log_types"] = {"api", "audit"};
  Value desired = ClusterDesired();
  desired["enabled_log_types"] = {"authenticator", "api"};
  ASSERT_TRUE(type->Update(Ctx("aws_eks_cluster", "main"), prior, desired).ok());
  Value entries = eks_.calls["UpdateClusterConfig"]["logging"]["clusterLogging"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], Value({{"types", {"api", "authenticator"}}, {"enabled", true}}));
  EXPECT_EQ(entries[1], Value({{"types", {"audit"}}, {"enabled", false}}));
}

TEST_F(EksTypesTest, RoleOfAClusterCannotChange) {
  auto type = NewEksClusterType(deps_);
  Value prior = ClusterDesired();
  Value desired = ClusterDesired();
  desired["role_arn"] = "arn:aws:iam::123456789012:role/other";
  auto got = type->Update(Ctx("aws_eks_cluster", "main"), prior, desired);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(client_.calls().empty());
}

TEST_F(EksTypesTest, DeleteClearsLeftoverNodeGroupsThenWaitsGone) {
  auto type = NewEksClusterType(deps_);
  ASSERT_TRUE(type->Create(Ctx("aws_eks_cluster", "main"), ClusterDesired()).ok());
  eks_.nodegroups["prod:stray"] = {{"nodegroupName", "stray"}, {"clusterName", "prod"}, {"status", "ACTIVE"}};
  ASSERT_TRUE(type->Delete(Ctx("aws_eks_cluster", "main"), {{"id", "prod"}, {"name", "prod"}}).ok());
  EXPECT_EQ(client_.Count("DeleteNodegroup"), 1u);
  EXPECT_TRUE(eks_.clusters.empty());
  auto read = type->Read({ReadRequest{{"aws_eks_cluster", "main"}, {{"id", "prod"}, {"name", "prod"}}}});
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE((*read)[0].has_value());
}

TEST_F(EksTypesTest, FindAdoptsOnlyAClusterTaggedWithTheAddress) {
  auto type = NewEksClusterType(deps_);
  ASSERT_TRUE(type->Create(Ctx("aws_eks_cluster", "main"), ClusterDesired()).ok());
  auto mine = type->Find(Ctx("aws_eks_cluster", "main"), ClusterDesired());
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(mine->has_value());
  auto other = type->Find(Ctx("aws_eks_cluster", "other"), ClusterDesired());
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

Value NodeGroup(int min, int max, int desired) {
  return {{"cluster_name", "prod"}, {"name", "general"}, {"node_role_arn", "arn:aws:iam::1:role/n"},
          {"subnet_ids", {"subnet-a"}}, {"min_size", min}, {"max_size", max}, {"desired_size", desired},
          {"instance_types", {"m6i.large"}}, {"disk_size", 80}, {"labels", Value::object()},
          {"version", "1.30"}, {"tags", Value::object()}, {"arn", "arn:ng"}};
}

TEST_F(EksTypesTest, NodeGroupSizesChangeInPlace) {
  eks_.nodegroups["prod:general"] = {{"nodegroupName", "general"}, {"clusterName", "prod"}, {"status", "ACTIVE"},
                                     {"scalingConfig", {{"minSize", 3}, {"maxSize", 8}, {"desiredSize", 3}}}};
  auto type = NewEksNodeGroupType(deps_);
  auto got = type->Update(Ctx("aws_eks_node_group", "general"), NodeGroup(2, 6, 2), NodeGroup(3, 8, 3));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(eks_.calls["UpdateNodegroupConfig"]["scalingConfig"],
            Value({{"minSize", 3}, {"maxSize", 8}, {"desiredSize", 3}}));
  EXPECT_FALSE(eks_.calls["UpdateNodegroupConfig"].contains("labels"));
  EXPECT_EQ(client_.Count("UpdateNodegroupVersion"), 0u);
  EXPECT_EQ((*got)["max_size"], 8);
}

TEST_F(EksTypesTest, NodeGroupVersionUsesUpdateNodegroupVersion) {
  eks_.nodegroups["prod:general"] = {{"nodegroupName", "general"}, {"clusterName", "prod"}, {"status", "ACTIVE"}};
  auto type = NewEksNodeGroupType(deps_);
  Value desired = NodeGroup(2, 6, 2);
  desired["version"] = "1.31";
  ASSERT_TRUE(type->Update(Ctx("aws_eks_node_group", "general"), NodeGroup(2, 6, 2), desired).ok());
  EXPECT_EQ(eks_.calls["UpdateNodegroupVersion"]["version"], "1.31");
  EXPECT_EQ(client_.Count("UpdateNodegroupConfig"), 0u);
}

TEST_F(EksTypesTest, NodeGroupLabelsChangeByWhatIsAddedAndWhatIsRemoved) {
  eks_.nodegroups["prod:general"] = {{"nodegroupName", "general"}, {"clusterName", "prod"}, {"status", "ACTIVE"}};
  auto type = NewEksNodeGroupType(deps_);
  Value prior = NodeGroup(2, 6, 2), desired = NodeGroup(2, 6, 2);
  prior["labels"] = {{"team", "web"}, {"tier", "a"}};
  desired["labels"] = {{"team", "api"}, {"zone", "b"}};
  ASSERT_TRUE(type->Update(Ctx("aws_eks_node_group", "general"), prior, desired).ok());
  ASSERT_EQ(client_.Count("UpdateNodegroupConfig"), 1u);
  EXPECT_EQ(eks_.calls["UpdateNodegroupConfig"]["labels"],
            Value({{"addOrUpdateLabels", {{"team", "api"}, {"zone", "b"}}}, {"removeLabels", {"tier"}}}));
  EXPECT_FALSE(eks_.calls["UpdateNodegroupConfig"].contains("scalingConfig"));
  EXPECT_EQ(eks_.calls["UpdateNodegroupConfig"]["nodegroupName"], "general");
}

TEST_F(EksTypesTest, NodeGroupRoleChangeIsRefusedBeforeAnyCall) {
  auto type = NewEksNodeGroupType(deps_);
  Value desired = NodeGroup(3, 8, 3);
  desired["node_role_arn"] = "arn:aws:iam::1:role/other";
  auto got = type->Update(Ctx("aws_eks_node_group", "general"), NodeGroup(2, 6, 2), desired);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("cannot change the role of a node group"), std::string::npos);
  EXPECT_TRUE(client_.calls().empty());
}

TEST_F(EksTypesTest, AddonFollowsTheClusterVersionToItsDefault) {
  eks_.addons["prod:coredns"] = {{"addonName", "coredns"}, {"clusterName", "prod"}, {"status", "ACTIVE"},
                                 {"addonVersion", "v1.10.1"}};
  auto type = NewEksAddonType(deps_);
  Value prior = {{"cluster_name", "prod"}, {"name", "coredns"}, {"version", "v1.10.1"},
                 {"kubernetes_version", "1.30"}, {"service_account_role_arn", ""}, {"tags", Value::object()}};
  Value desired = prior;
  desired.erase("version");
  desired["kubernetes_version"] = "1.31";
  auto got = type->Update(Ctx("aws_eks_addon", "coredns"), prior, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(eks_.calls["DescribeAddonVersions"]["kubernetesVersion"], "1.31");
  EXPECT_EQ(eks_.calls["UpdateAddon"]["addonVersion"], "v1.11.1");
  EXPECT_EQ((*got)["kubernetes_version"], "1.31");
}

}  // namespace
}  // namespace pave::aws_provider
