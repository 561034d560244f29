#include "platform/blueprints/gitops.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "platform/blueprints/expansion_test_util.h"
#include "platform/blueprints/kubernetes.h"
#include "platform/yaml_loader.h"

namespace pave {
namespace {

class GitopsBlueprintTest : public ::testing::Test {
 protected:
  void Expand(const std::string& yaml) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load(yaml);
    BlueprintContext ctx("p.yaml", PlatformMetadata{.name = "shop", .region = "eu-west-1"}, &config_, &diags_);
    ctx.Export("cluster.name", "${aws_eks_cluster.main.name}");
    ctx.Export("cluster.oidc_provider_arn", "${aws_iam_openid_connect_provider.eks.arn}");
    ctx.Export("network.vpc_id", "${aws_vpc.main.id}");
    ctx.Export("dns.zone_id", "${aws_route53_zone.main.id}");
    ctx.Export("dns.domain", "prod.example.org");
    for (Blueprint* b : std::initializer_list<Blueprint*>{&kubernetes_, &gitops_}) {
      std::string section(b->section());
      if (!root_[section]) continue;
      ctx.BeginSection(section, root_[section]);
      b->Expand(root_[section], ctx);
    }
  }
  // A rendered file parsed back.
  Value File(const std::string& name) {
    const ResourceConfig* repo = FindResource(config_, "git_repository_files", "gitops");
    if (repo == nullptr || !repo->properties["files"].contains(name)) {
      ADD_FAILURE() << name << " not rendered";
      return Value();
    }
    std::vector<Diagnostic> diags;
    auto node = ParseYaml(repo->properties["files"][name].get<std::string>(), name, &diags);
    EXPECT_TRUE(node.ok()) << name << ": " << DiagnosticsText(diags);
    auto v = YamlToValue(*node, name, &diags);
    return v.ok() ? *v : Value();
  }

  KubernetesBlueprint kubernetes_;
  GitopsBlueprint gitops_;
  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
};

TEST_F(GitopsBlueprintTest, AnApplicationPerAddonUnderTheAppOfAppsRootWithPavesValues) {
  Expand(R"(
kubernetes:
  addons: [external-dns, metrics-server, {name: ingress-nginx, version: "4.12.0"}]
gitops:
  repository: git@github.com:acme/shop-platform.git
)");
  ASSERT_TRUE(diags_.empty()) << DiagnosticsText(diags_);
  const ResourceConfig* repo = FindResource(config_, "git_repository_files", "gitops");
  ASSERT_NE(repo, nullptr);
  EXPECT_EQ(repo->properties["path"], "clusters/shop");
  EXPECT_EQ(repo->properties["branch"], "main");
  std::vector<std::string> names;
  for (const auto& [name, content] : repo->properties["files"].items()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"addons/external-dns.yaml", "addons/ingress-nginx.yaml",
                                             "addons/kustomization.yaml", "addons/metrics-server.yaml",
                                             "kustomization.yaml", "root.yaml"}));
  Value dns = File("addons/external-dns.yaml");
  EXPECT_EQ(dns["kind"], "Application");
  EXPECT_EQ(dns["spec"]["destination"]["namespace"], "external-dns");
  EXPECT_EQ(dns["spec"]["source"]["chart"], "external-dns");
  EXPECT_EQ(dns["spec"]["source"]["targetRevision"], "1.15.0");
  const Value& values = dns["spec"]["source"]["helm"]["valuesObject"];
  EXPECT_EQ(values["serviceAccount"]["annotations"]["eks.amazonaws.com/role-arn"], "${aws_iam_role.addon_external_dns.arn}");
  EXPECT_EQ(values["serviceAccount"]["name"], "external-dns");
  EXPECT_EQ(values["domainFilters"], Value::array({"prod.example.org"}));
  EXPECT_EQ(File("addons/ingress-nginx.yaml")["spec"]["source"]["targetRevision"], "4.12.0");
  EXPECT_FALSE(File("addons/metrics-server.yaml")["spec"]["source"].contains("helm")) << "no values to give";
  EXPECT_EQ(File("addons/kustomization.yaml")["resources"],
            Value::array({"external-dns.yaml", "metrics-server.yaml", "ingress-nginx.yaml"}));
  Value root = File("root.yaml");
  EXPECT_EQ(root["spec"]["source"]["repoURL"], "git@github.com:acme/shop-platform.git");
  EXPECT_EQ(root["spec"]["source"]["path"], "clusters/shop/addons");
  EXPECT_EQ(File("kustomization.yaml")["resources"], Value::array({"root.yaml"}));
}

TEST_F(GitopsBlueprintTest, AValuesFileGoesOverPavesValues) {
  std::string dir = ::testing::TempDir() + "/pave-gitops-values";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/dns.yaml") << "policy: upsert-only\nextraArgs: [--aws-zone-type=public]\nprovider: {name: aws}\n";
  Expand("kubernetes:\n  addons: [{name: external-dns, values: \"file:" + dir + "/dns.yaml\"}]\n"
         "gitops: {repository: x}\n");
  ASSERT_TRUE(diags_.empty()) << DiagnosticsText(diags_);
  const Value values = File("addons/external-dns.yaml")["spec"]["source"]["helm"]["valuesObject"];
  EXPECT_EQ(values["policy"], "upsert-only") << "the file wins";
  EXPECT_EQ(values["extraArgs"], Value::array({"--aws-zone-type=public"}));
  EXPECT_EQ(values["txtOwnerId"], "shop") << "pave's values stay where the file is silent";
  EXPECT_EQ(values["serviceAccount"]["annotations"]["eks.amazonaws.com/role-arn"],
            "${aws_iam_role.addon_external_dns.arn}");
  std::ofstream(dir + "/bad.yaml") << "- a list\n";
  Expand("kubernetes:\n  addons: [{name: external-dns, values: \"file:" + dir + "/bad.yaml\"}]\n"
         "gitops: {repository: x}\n");
  EXPECT_NE(DiagnosticsText(diags_).find("is not a YAML map"), std::string::npos) << DiagnosticsText(diags_);
  Expand("kubernetes:\n  addons: [{name: external-dns, values: \"file:" + dir + "/none.yaml\"}]\n"
         "gitops: {repository: x}\n");
  EXPECT_NE(DiagnosticsText(diags_).find("cannot read the values file"), std::string::npos) << DiagnosticsText(diags_);
  std::filesystem::remove_all(dir);
}

TEST_F(GitopsBlueprintTest, YamlOfAnyValueParsesBackToIt) {
  Value v = {{"a", {{"b", Value::array({1, "two", true, nullptr})}}},
             {"empty", Value::object()},
             {"list", Value::array({Value{{"k", "v"}, {"x", Value::array({"y"})}}, Value::array({"nested"})})},
             {"odd: key", "quote \" and \\ and ${ref.x}\nnewline"},
             {"words", Value::array({"yes", "No", "null", "1.30", "plain-word", "eks.amazonaws.com/role-arn", ""})}};
  std::vector<Diagnostic> diags;
  auto node = ParseYaml(ToYaml(v), "t.yaml", &diags);
  ASSERT_TRUE(node.ok()) << DiagnosticsText(diags) << ToYaml(v);
  auto back = YamlToValue(*node, "t.yaml", &diags);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, v) << ToYaml(v);
  EXPECT_EQ(ToYaml(Value{{"kind", "Application"}, {"on", "yes"}}), "kind: Application\n\"on\": \"yes\"\n");
}

TEST_F(GitopsBlueprintTest, ADeployKeyIsMadeInSsmAndRegisteredOnGithubOnlyWithAToken) {
  const std::string file = R"(
kubernetes: {addons: [metrics-server]}
gitops: {repository: "git@github.com:acme/shop-platform.git", deployKey: true}
)";
  ::unsetenv("GITHUB_TOKEN");
  Expand(file);
  ASSERT_FALSE(FindResource(config_, "aws_ssm_deploy_key", "gitops") == nullptr) << DiagnosticsText(diags_);
  EXPECT_EQ(FindResource(config_, "aws_ssm_deploy_key", "gitops")->properties["name"], "/shop/gitops/deploy-key");
  EXPECT_EQ(FindResource(config_, "github_deploy_key", "gitops"), nullptr);
  EXPECT_NE(DiagnosticsText(diags_).find("GITHUB_TOKEN is not set, so pave does not register the key on acme/shop-platform"),
            std::string::npos)
      << DiagnosticsText(diags_);
  ::setenv("GITHUB_TOKEN", "t", 1);
  Expand(file);
  ::unsetenv("GITHUB_TOKEN");
  const ResourceConfig* key = FindResource(config_, "github_deploy_key", "gitops");
  ASSERT_NE(key, nullptr) << DiagnosticsText(diags_);
  EXPECT_EQ(key->properties["repository"], "acme/shop-platform");
  EXPECT_EQ(key->properties["key"], "${aws_ssm_deploy_key.gitops.public_key}");
  EXPECT_EQ(key->properties["read_only"], true);
  EXPECT_FALSE(FindResource(config_, "git_repository_files", "gitops")->properties["files"].contains(
      "addons/argocd-repository.yaml"))
      << "without external-secrets there is nothing to read the key with";
  EXPECT_EQ(key->properties.dump().find("\"t\""), std::string::npos) << "the token is read at the call, not kept";
  // Elsewhere than GitHub: the key is made and shown, nothing registered, nothing warned.
  Expand("kubernetes: {addons: [metrics-server]}\ngitops: {repository: \"https://git.example.org/shop.git\", deployKey: true}\n");
  EXPECT_TRUE(diags_.empty()) << DiagnosticsText(diags_);
  EXPECT_NE(FindResource(config_, "aws_ssm_deploy_key", "gitops"), nullptr);
  EXPECT_EQ(FindResource(config_, "github_deploy_key", "gitops"), nullptr);
}

TEST_F(GitopsBlueprintTest, WithExternalSecretsArgocdReadsTheDeployKeyFromSsm) {
  Expand(R"(
kubernetes: {addons: [external-secrets, argocd]}
gitops: {repository: "https://git.example.org/shop.git", deployKey: true}
)");
  ASSERT_TRUE(diags_.empty()) << DiagnosticsText(diags_);
  const ResourceConfig* repo = FindResource(config_, "git_repository_files", "gitops");
  ASSERT_NE(repo, nullptr);
  std::vector<Diagnostic> diags;
  auto docs = YAML::LoadAll(repo->properties["files"]["addons/argocd-repository.yaml"].get<std::string>());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["kind"].Scalar(), "ClusterSecretStore");
  EXPECT_EQ(docs[0]["spec"]["provider"]["aws"]["service"].Scalar(), "ParameterStore");
  EXPECT_EQ(docs[1]["kind"].Scalar(), "ExternalSecret");
  EXPECT_EQ(docs[1]["spec"]["data"][0]["remoteRef"]["key"].Scalar(), "/shop/gitops/deploy-key");
  EXPECT_EQ(docs[1]["spec"]["target"]["template"]["metadata"]["labels"]["argocd.argoproj.io/secret-type"].Scalar(),
            "repository");
  EXPECT_EQ(File("addons/kustomization.yaml")["resources"],
            Value::array({"external-secrets.yaml", "argocd.yaml", "argocd-repository.yaml"}));
}

TEST_F(GitopsBlueprintTest, MistakesAreNamed) {
  Expand("gitops: {repo: x}\n");
  EXPECT_NE(DiagnosticsText(diags_).find("p.yaml:1:10: gitops: unknown key \"repo\""), std::string::npos) << DiagnosticsText(diags_);
  EXPECT_NE(DiagnosticsText(diags_).find("gitops.repository is required"), std::string::npos) << DiagnosticsText(diags_);
  Expand("gitops: {repository: x}\n");
  EXPECT_NE(DiagnosticsText(diags_).find("lists no add-ons"), std::string::npos) << DiagnosticsText(diags_);
}

}  // namespace
}  // namespace pave
