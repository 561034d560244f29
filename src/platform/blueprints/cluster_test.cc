#include "platform/blueprints/cluster.h"

#include <gtest/gtest.h>

#include "platform/blueprints/expansion_test_util.h"

#include "platform/blueprints/cluster_checks.h"
#include "platform/blueprints/cluster_iam.h"

namespace pave {
namespace {

class ClusterBlueprintTest : public ::testing::Test {
 protected:
  // Expands `yaml` (the value of the cluster key) after a network that exported two subnets.
  void Expand(const std::string& yaml, bool with_network = true) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load("cluster:\n" + yaml);
    BlueprintContext ctx("p.yaml", PlatformMetadata{.name = "shop", .region = "eu-west-1", .tags = tags_}, &config_,
                         &diags_);
    if (with_network) {
      ctx.Export("network.private_subnet_ids", Value{"${aws_subnet.private_a.id}", "${aws_subnet.private_b.id}"});
    }
    ctx.BeginSection("cluster", root_["cluster"]);
    ClusterBlueprint().Expand(root_["cluster"], ctx);
  }

  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    return FindResource(config_, type, name);
  }

  std::string Errors() const { return DiagnosticsText(diags_); }

  Value tags_ = Value::object();  // metadata.tags
  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
};

const char* kExample = R"(
  version: "1.31"
  endpoint: private+public
  publicAccessCidrs: [203.0.113.0/24]
  logging: [api, audit, authenticator]
  nodeGroups:
    - {name: general, instanceTypes: [m6i.large], min: 2, max: 6, desired: 2, diskGB: 80}
  addons: [vpc-cni, coredns]
  serviceAccounts:
    - {namespace: kube-system, name: external-dns, policies: [route53-change]}
)";

TEST_F(ClusterBlueprintTest, ExampleExpandsToClusterRolesAndNodeGroups) {
  Expand(kExample);
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* cluster = Find("aws_eks_cluster", "main");
  ASSERT_NE(cluster, nullptr);
  EXPECT_EQ(cluster->properties["name"], "shop");
  EXPECT_EQ(cluster->properties["version"], "1.31");
  EXPECT_EQ(cluster->properties["subnet_ids"], Value({"${aws_subnet.private_a.id}", "${aws_subnet.private_b.id}"}));
  EXPECT_EQ(cluster->properties["endpoint_private_access"], true);
  EXPECT_EQ(cluster->properties["endpoint_public_access"], true);
  EXPECT_EQ(cluster->properties["enabled_log_types"], Value({"api", "audit", "authenticator"}));
  EXPECT_EQ(cluster->properties["kms_key_arn"], "${aws_kms_key.eks.arn}");
  EXPECT_EQ(cluster->properties["role_arn"], "${aws_iam_role.eks_cluster.arn}");
  ASSERT_NE(Find("aws_kms_key", "eks"), nullptr);
  for (const char* p : {"eks_cluster_AmazonEKSClusterPolicy", "eks_nodes_AmazonEKSWorkerNodePolicy",
                        "eks_nodes_AmazonEKS_CNI_Policy", "eks_nodes_AmazonEC2ContainerRegistryReadOnly"}) {
    EXPECT_NE(Find("aws_iam_role_policy_attachment", p), nullptr) << p;
  }
  EXPECT_EQ(Find("aws_iam_role_policy_attachment", "eks_nodes_AmazonEKS_CNI_Policy")->properties["policy_arn"],
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
  const ResourceConfig* oidc = Find("aws_iam_openid_connect_provider", "eks");
  ASSERT_NE(oidc, nullptr);
  EXPECT_EQ(oidc->properties["url"], "${aws_eks_cluster.main.oidc_issuer}");
  const ResourceConfig* ng = Find("aws_eks_node_group", "eks_general");
  ASSERT_NE(ng, nullptr);
  EXPECT_EQ(ng->properties["min_size"], 2);
  EXPECT_EQ(ng->properties["max_size"], 6);
  EXPECT_EQ(ng->properties["disk_size"], 80);
  EXPECT_EQ(ng->properties["instance_types"], Value({"m6i.large"}));
}

TEST_F(ClusterBlueprintTest, UpgradeOrderIsControlPlaneThenNodesThenAddons) {
  Expand(kExample);
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* ng = Find("aws_eks_node_group", "eks_general");
  const ResourceConfig* dns = Find("aws_eks_addon", "eks_coredns");
  ASSERT_NE(ng, nullptr);
  ASSERT_NE(dns, nullptr);
  EXPECT_EQ(ng->properties["version"], "${aws_eks_cluster.main.version}");
  EXPECT_EQ(dns->properties["kubernetes_version"], "${aws_eks_cluster.main.version}");
  ASSERT_EQ(dns->depends_on.size(), 1u);
  EXPECT_EQ(dns->depends_on[0], (ResourceAddress{"aws_eks_node_group", "eks_general"}));
}

TEST_F(ClusterBlueprintTest, ServiceAccountRoleTrustsOnlyThatAccount) {
  Expand(kExample);
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* role = Find("aws_iam_role", "sa_kube-system_external-dns");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->properties["name"], "shop-kube-system-external-dns");
  Value trust = Value::parse(role->properties["assume_role_policy"].get<std::string>());
  const Value& st = trust["Statement"][0];
  EXPECT_EQ(st["Action"], "sts:AssumeRoleWithWebIdentity");
  EXPECT_EQ(st["Principal"]["Federated"], "${aws_iam_openid_connect_provider.eks.arn}");
  const Value& eq = st["Condition"]["StringEquals"];
  EXPECT_EQ(eq["${aws_iam_openid_connect_provider.eks.issuer_host}:sub"],
            "system:serviceaccount:kube-system:external-dns");
  EXPECT_EQ(eq["${aws_iam_openid_connect_provider.eks.issuer_host}:aud"], "sts.amazonaws.com");
  const ResourceConfig* policy = Find("aws_iam_role_policy", "sa_kube-system_external-dns_route53-change");
  ASSERT_NE(policy, nullptr);
  EXPECT_NE(policy->properties["policy"].get<std::string>().find("route53:ChangeResourceRecordSets"),
            std::string::npos);
}

TEST_F(ClusterBlueprintTest, MetadataTagsReachClusterNodesAddonsRolesAndKey) {
  tags_ = {{"team", "web"}};
  Expand(kExample);
  ASSERT_TRUE(diags_.empty()) << Errors();
  for (auto [type, name] : std::vector<std::pair<const char*, const char*>>{
           {"aws_eks_cluster", "main"},
           {"aws_eks_node_group", "eks_general"},
           {"aws_eks_addon", "eks_coredns"},
           {"aws_iam_role", "eks_cluster"},
           {"aws_iam_role", "eks_nodes"},
           {"aws_iam_role", "sa_kube-system_external-dns"},
           {"aws_kms_key", "eks"},
           {"aws_iam_openid_connect_provider", "eks"}}) {
    const ResourceConfig* rc = Find(type, name);
    ASSERT_NE(rc, nullptr) << type << "." << name;
    EXPECT_EQ(rc->properties.value("tags", Value()), tags_) << type << "." << name;
  }
}

TEST(ClusterIamTest, TrustPolicyIsInTheFormIamReadsBack) {
  std::string host = "oidc.eks.eu-west-1.amazonaws.com/id/ABC";
  std::string doc = ServiceAccountTrustPolicy("arn:aws:iam::1:oidc-provider/" + host, host, "apps", "web");
  // aws_iam_role compares against the parsed-and-dumped document: it must already be that.
  EXPECT_EQ(Value::parse(doc).dump(), doc);
  Value st = Value::parse(doc)["Statement"][0];
  EXPECT_EQ(st["Condition"]["StringEquals"][host + ":sub"], "system:serviceaccount:apps:web");
  EXPECT_EQ(st["Condition"]["StringEquals"].size(), 2u);
  EXPECT_EQ(st["Effect"], "Allow");
}

TEST(ClusterIamTest, EveryNamedPolicyIsAValidDocument) {
  for (const std::string& name : NamedPolicyNames()) {
    std::string doc = NamedPolicyDocument(name, "shop");
    ASSERT_FALSE(doc.empty()) << name;
    Value v = Value::parse(doc);
    EXPECT_EQ(v["Version"], "2012-10-17") << name;
    EXPECT_FALSE(v["Statement"].empty()) << name;
    EXPECT_EQ(v.dump(), doc) << name;
  }
  EXPECT_EQ(NamedPolicyDocument("no-such", "shop"), "");
}

TEST_F(ClusterBlueprintTest, UnknownPolicyNameIsAnErrorWithASuggestion) {
  Expand(R"(
  serviceAccounts:
    - {namespace: kube-system, name: external-dns, policies: [route53-chnage]}
)");
  ASSERT_EQ(diags_.size(), 1u) << Errors();
  EXPECT_NE(diags_[0].message.find("route53-chnage"), std::string::npos);
  EXPECT_NE(diags_[0].hint.find("route53-change"), std::string::npos);
  EXPECT_EQ(diags_[0].location.line, 4);
}

TEST_F(ClusterBlueprintTest, BadSizesLogTypesAndKeysAreErrors) {
  Expand(R"(
  logging: [api, audits]
  nodeGrups: []
  nodeGroups:
    - {name: general, min: 5, max: 2}
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find("audits"), std::string::npos) << errors;
  EXPECT_NE(errors.find("nodeGrups"), std::string::npos) << errors;
  EXPECT_NE(errors.find("min <= desired <= max"), std::string::npos) << errors;
  EXPECT_EQ(diags_.size(), 3u) << errors;
}

TEST_F(ClusterBlueprintTest, APublicEndpointOpenToTheInternetWarns) {
  Expand("  endpoint: private+public\n");
  ASSERT_EQ(diags_.size(), 1u) << Errors();
  EXPECT_EQ(diags_[0].severity, Severity::kWarning);
  EXPECT_NE(diags_[0].message.find("0.0.0.0/0"), std::string::npos);
  EXPECT_EQ(diags_[0].location.line, 2);
}

TEST_F(ClusterBlueprintTest, UnknownAddonVersionCapacityAndInstanceTypeAreErrors) {
  Expand(R"(
  version: "1.99"
  nodeGroups:
    - {name: g, instanceTypes: [bogus.type], capacity: spott}
  addons: [corends]
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find("\"1.99\" is not a Kubernetes version"), std::string::npos) << errors;
  EXPECT_NE(errors.find("\"bogus.type\" is not an EC2 instance type"), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"SPOT\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("did you mean \"coredns\""), std::string::npos) << errors;
  EXPECT_EQ(diags_.size(), 4u) << errors;
}

TEST(ClusterChecksTest, NamesAndCidrs) {
  EXPECT_EQ(cluster_checks::NormalizeCapacity("spot"), "SPOT");
  EXPECT_EQ(cluster_checks::NormalizeCapacity("on-demand"), "ON_DEMAND");
  EXPECT_FALSE(cluster_checks::NormalizeCapacity("cheap"));
  for (const char* ok : {"m6i.large", "t3.2xlarge", "c7gn.metal", "u-6tb1.metal", "m7i-flex.large", "g5.48xlarge"}) {
    EXPECT_TRUE(cluster_checks::IsInstanceTypeName(ok)) << ok;
  }
  for (const char* bad : {"bogus.type", "m6i", "m6i.huge", "M6I.large", ".large"}) {
    EXPECT_FALSE(cluster_checks::IsInstanceTypeName(bad)) << bad;
  }
  EXPECT_EQ(cluster_checks::PublicCidrError("203.0.113.0/24"), "");
  EXPECT_NE(cluster_checks::PublicCidrError("not-a-cidr"), "");
  EXPECT_NE(cluster_checks::PublicCidrError("300.0.0.0/8"), "");
  EXPECT_NE(cluster_checks::PublicCidrError("10.0.0.0/33"), "");
}

TEST_F(ClusterBlueprintTest, WithoutANetworkItSaysSo) {
  Expand(kExample, /*with_network=*/false);
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_NE(diags_[0].message.find("network"), std::string::npos);
  EXPECT_TRUE(config_.resources.empty());
}

TEST_F(ClusterBlueprintTest, ExplicitSubnetsNeedNoNetwork) {
  Expand("  subnetIds: [subnet-1, \"${aws_subnet.a.id}\"]\n", /*with_network=*/false);
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* cluster = Find("aws_eks_cluster", "main");
  ASSERT_NE(cluster, nullptr);
  EXPECT_EQ(cluster->properties["subnet_ids"], Value({"subnet-1", "${aws_subnet.a.id}"}));
}

}  // namespace
}  // namespace pave
