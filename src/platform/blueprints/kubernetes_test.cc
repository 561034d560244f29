#include "platform/blueprints/kubernetes.h"

#include <gtest/gtest.h>

#include "platform/blueprints/expansion_test_util.h"


namespace pave {
namespace {

class KubernetesBlueprintTest : public ::testing::Test {
 protected:
  // Expands `yaml` (the value of the kubernetes key) after a cluster, a dns zone and the
  // secrets key, as those sections export them.
  void Expand(const std::string& yaml, bool cluster = true, bool dns = true) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load("kubernetes:\n" + yaml);
    BlueprintContext ctx("p.yaml", PlatformMetadata{.name = "shop", .region = "eu-west-1"}, &config_, &diags_);
    if (cluster) {
      ctx.Export("cluster.name", "${aws_eks_cluster.main.name}");
      ctx.Export("cluster.oidc_provider_arn", "${aws_iam_openid_connect_provider.eks.arn}");
    }
    if (dns) ctx.Export("dns.zone_id", "${aws_route53_zone.main.id}");
    ctx.Export("secrets.kms_key_arn", "${aws_kms_key.platform.arn}");
    ctx.BeginSection("kubernetes", root_["kubernetes"]);
    KubernetesBlueprint().Expand(root_["kubernetes"], ctx);
    exports_ = ctx.exports();
  }
  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    return FindResource(config_, type, name);
  }
  std::string Errors() const { return DiagnosticsText(diags_); }
  Value Policy(const std::string& name) const {
    const ResourceConfig* p = Find("aws_iam_role_policy", name);
    return p ? Value::parse(p->properties["policy"].get<std::string>()) : Value();
  }

  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
  std::map<std::string, Value> exports_;
};

TEST_F(KubernetesBlueprintTest, EachAddonThatCallsAwsGetsARoleForItsServiceAccountOnly) {
  Expand(R"(
  addons:
    - aws-load-balancer-controller
    - external-dns
    - cluster-autoscaler
    - external-secrets
    - metrics-server
    - argocd
    - {name: ingress-nginx, version: "4.11.3", values: file:values/ingress.yaml}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  struct Want {
    const char* rname;
    const char* role;
    const char* sub;
  };
  for (const Want& w : {Want{"addon_aws_load_balancer_controller", "shop-aws-load-balancer-controller",
                             "system:serviceaccount:kube-system:aws-load-balancer-controller"},
                        Want{"addon_external_dns", "shop-external-dns", "system:serviceaccount:external-dns:external-dns"},
                        Want{"addon_cluster_autoscaler", "shop-cluster-autoscaler",
                             "system:serviceaccount:kube-system:cluster-autoscaler"},
                        Want{"addon_external_secrets", "shop-external-secrets",
                             "system:serviceaccount:external-secrets:external-secrets"}}) {
    const ResourceConfig* role = Find("aws_iam_role", w.rname);
    ASSERT_NE(role, nullptr) << w.rname;
    EXPECT_EQ(role->properties["name"], w.role);
    Value trust = Value::parse(role->properties["assume_role_policy"].get<std::string>());
    const Value& st = trust["Statement"][0];
    EXPECT_EQ(st["Principal"]["Federated"], "${aws_iam_openid_connect_provider.eks.arn}");
    EXPECT_EQ(st["Condition"]["StringEquals"]["${aws_iam_openid_connect_provider.eks.issuer_host}:sub"], w.sub);
    EXPECT_EQ(st["Condition"]["StringEquals"]["${aws_iam_openid_connect_provider.eks.issuer_host}:aud"],
              "sts.amazonaws.com");
    ASSERT_NE(Find("aws_iam_role_policy", w.rname), nullptr) << w.rname;
  }
  EXPECT_EQ(Find("aws_iam_role", "addon_metrics_server"), nullptr) << "calls no AWS API";
  EXPECT_EQ(Find("aws_iam_role", "addon_argocd"), nullptr);
  EXPECT_EQ(Find("aws_iam_role", "addon_ingress_nginx"), nullptr);

  // Least privilege: records change only in the platform's zone; secrets are read only under
  // the platform's paths in this account, decrypted through SSM and Secrets Manager only; the
  // autoscaler scales only this cluster's groups.
  Value dns = Policy("addon_external_dns");
  EXPECT_EQ(dns["Statement"][0]["Resource"], Value::array({"arn:aws:route53:::hostedzone/${aws_route53_zone.main.id}"}));
  EXPECT_EQ(dns["Statement"][1]["Action"], Value::array({"route53:ListHostedZones"}));
  Value secrets = Policy("addon_external_secrets");
  EXPECT_EQ(secrets["Statement"][0]["Resource"],
            Value::array({"arn:aws:ssm:eu-west-1:${aws_caller_identity.kubernetes.account_id}:parameter/shop/*"}));
  EXPECT_EQ(secrets["Statement"][1]["Resource"],
            Value::array({"arn:aws:secretsmanager:eu-west-1:${aws_caller_identity.kubernetes.account_id}:secret:shop/*"}));
  EXPECT_EQ(secrets["Statement"][2]["Resource"], Value::array({"${aws_kms_key.platform.arn}"}));
  EXPECT_NE(Find("aws_caller_identity", "kubernetes"), nullptr);
  EXPECT_NE(Policy("addon_cluster_autoscaler").dump().find("k8s.io/cluster-autoscaler/${aws_eks_cluster.main.name}"),
            std::string::npos);

  // For the GitOps renderer: every add-on with its chart, pinned or overridden version, and role.
  const Value& addons = exports_.at("kubernetes.addons");
  ASSERT_EQ(addons.size(), 7u);
  EXPECT_EQ(addons[1]["name"], "external-dns");
  EXPECT_EQ(addons[1]["role_arn"], "${aws_iam_role.addon_external_dns.arn}");
  EXPECT_EQ(addons[1]["service_account"], "external-dns");
  EXPECT_EQ(addons[6]["version"], "4.11.3");
  EXPECT_EQ(addons[6]["values_file"], "values/ingress.yaml");
  EXPECT_EQ(addons[6]["repository"], "https://kubernetes.github.io/ingress-nginx");
  EXPECT_FALSE(addons[4].contains("role_arn"));
}

TEST_F(KubernetesBlueprintTest, MistakesAreNamedWhereTheyAre) {
  Expand("  addons: [external-dsn]\n");
  EXPECT_NE(Errors().find("unknown add-on \"external-dsn\""), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("did you mean \"external-dns\"?"), std::string::npos) << Errors();
  Expand("  addons: [external-dns]\n", /*cluster=*/true, /*dns=*/false);
  EXPECT_NE(Errors().find("external-dns needs the dns: section"), std::string::npos) << Errors();
  Expand("  addons: [metrics-server]\n", /*cluster=*/false);
  EXPECT_NE(Errors().find("needs the cluster: section"), std::string::npos) << Errors();
  Expand("  addons: [argocd, argocd]\n");
  EXPECT_NE(Errors().find("argocd is listed twice"), std::string::npos) << Errors();
  Expand("  addons: [{name: ingress-nginx, values: {replicas: 2}}]\n");
  EXPECT_NE(Errors().find("values must be file:PATH"), std::string::npos) << Errors();
  Expand("  addon: [argocd]\n");
  EXPECT_NE(Errors().find("did you mean \"addons\"?"), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("p.yaml:2"), std::string::npos) << Errors();
}

}  // namespace
}  // namespace pave
