#include "platform/blueprints/gitops.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/yaml_checks.h"
#include "platform/yaml_loader.h"

namespace pave {
namespace {

const std::vector<std::string> kKeys = {"repository", "branch", "path", "deployKey"};
constexpr const char* kHeader =
    "# Written by pave from the platform file: edits here are overwritten by the next pave apply.\n";

// Whether `s` reads back as this string when written plain: a word of letters, digits and
// "_./-" that YAML 1.1 or 1.2 would not read as a boolean or null.
bool PlainSafe(const std::string& s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '/' && c != '-') return false;
  }
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}) {
    if (lower == word) return false;
  }
  return true;
}

// A scalar: a plain word when safe, else a string double-quoted with JSON escapes (valid
// YAML); numbers, booleans and null as JSON writes them.
std::string Scalar(const Value& v) {
  if (v.is_string() && PlainSafe(v.get<std::string>())) return v.get<std::string>();
  return v.is_null() ? "null" : v.dump();
}

void Emit(const Value& v, int indent, std::string* out) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_object()) {
    for (const auto& [key, item] : v.items()) {
      *out += pad + Scalar(Value(key)) + ":";
      if ((item.is_object() || item.is_array()) && !item.empty()) {
        *out += "\n";
        Emit(item, item.is_array() ? indent : indent + 2, out);
      } else {
        *out += " " + (item.is_object() ? std::string("{}") : item.is_array() ? std::string("[]") : Scalar(item)) + "\n";
      }
    }
    return;
  }
  if (v.is_array()) {
    for (const Value& item : v) {
      if (item.is_object() && !item.empty()) {
        std::string inner;
        Emit(item, indent + 2, &inner);
        *out += pad + "- " + inner.substr(static_cast<size_t>(indent) + 2);
      } else if (item.is_array() && !item.empty()) {
        *out += pad + "-\n";
        Emit(item, indent + 2, out);
      } else {
        *out += pad + "- " + (item.is_object() ? std::string("{}") : item.is_array() ? std::string("[]") : Scalar(item)) +
                "\n";
      }
    }
    return;
  }
  *out += pad + Scalar(v) + "\n";
}

// `over` merged into `base`: maps key by key, anything else replaced.
void Merge(Value* base, const Value& over) {
  if (!base->is_object() || !over.is_object()) {
    *base = over;
    return;
  }
  for (const auto& [key, value] : over.items()) Merge(&(*base)[key], value);
}

class GitopsExpansion {
 public:
  GitopsExpansion(const YAML::Node& node, BlueprintContext& ctx) : node_(node), ctx_(ctx) {}

  void Run() {
    if (!node_.IsMap()) return ctx_.Error(node_, "gitops must be a map", "gitops: {repository: URL, path: DIR}");
    for (const auto& kv : node_) {
      std::string key = kv.first.Scalar();
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        ctx_.Error(kv.first, "gitops: unknown key \"" + key + "\"", SuggestionHint(key, kKeys));
      }
    }
    std::string repository = String("repository", "");
    if (repository.empty()) {
      return ctx_.Error(node_, "gitops.repository is required", "the git URL ArgoCD syncs, e.g. git@github.com:acme/shop.git");
    }
    std::string branch = String("branch", "main");
    std::string path = String("path", "clusters/" + ctx_.metadata().name);
    while (!path.empty() && path.back() == '/') path.pop_back();
    const Value* addons = ctx_.Import("kubernetes.addons");
    if (addons == nullptr || addons->empty()) {
      return ctx_.Error(node_, "gitops: nothing to write: the kubernetes section lists no add-ons",
                        "kubernetes: {addons: [argocd, metrics-server]}");
    }
    Value files = Value::object();
    Value app_files = Value::array();
    for (const Value& addon : *addons) {
      std::string name = addon["name"].get<std::string>();
      files["addons/" + name + ".yaml"] = kHeader + ToYaml(Application(addon));
      app_files.push_back(name + ".yaml");
    }
    if (DeployKeyOn() && Has(*addons, "external-secrets")) {
      // ArgoCD's credentials for the repository, from the deploy key's SSM parameter through
      // External Secrets (its role may read /<platform>/...): no secret in git.
      files["addons/argocd-repository.yaml"] = kHeader + ToYaml(SecretStore()) + "---\n" +
                                               ToYaml(RepositorySecret(repository));
      app_files.push_back("argocd-repository.yaml");
    }
    files["addons/kustomization.yaml"] = kHeader + ToYaml(Kustomization(app_files));
    files["root.yaml"] = kHeader + ToYaml(Root(repository, branch, path));
    files["kustomization.yaml"] = kHeader + ToYaml(Kustomization(Value::array({"root.yaml"})));
    ctx_.Add("git_repository_files", "gitops",
             {{"repository", repository}, {"branch", branch}, {"path", path}, {"files", std::move(files)}}, node_);
    DeployKey(repository);
    ctx_.Output("gitops.commit", "${git_repository_files.gitops.commit}",
                "the commit pave pushed last to " + repository + " (" + branch + ")");
  }

 private:
  static bool Has(const Value& addons, const std::string& name) {
    for (const Value& a : addons) {
      if (a.value("name", "") == name) return true;
    }
    return false;
  }

  bool DeployKeyOn() const {
    YAML::Node n = MapValue(node_, "deployKey");
    bool on = false;
    return n.IsDefined() && (n.IsMap() || (StrictBool(n, &on) && on));
  }

  // The store External Secrets reads SSM Parameter Store through, with its service account's role.
  Value SecretStore() const {
    Value sa = {{"name", "external-secrets"}, {"namespace", "external-secrets"}};
    return {{"apiVersion", "external-secrets.io/v1beta1"},
            {"kind", "ClusterSecretStore"},
            {"metadata", {{"name", ctx_.metadata().name + "-parameter-store"},
                          {"annotations", {{"argocd.argoproj.io/sync-options", "SkipDryRunOnMissingResource=true"}}}}},
            {"spec",
             {{"provider",
               {{"aws",
                 {{"service", "ParameterStore"},
                  {"region", ctx_.metadata().region},
                  {"auth", {{"jwt", {{"serviceAccountRef", sa}}}}}}}}}}}};
  }

  // The Secret ArgoCD recognises as a repository (label argocd.argoproj.io/secret-type),
  // made by External Secrets from the deploy key's parameter.
  Value RepositorySecret(const std::string& repository) const {
    const std::string name = ctx_.metadata().name;
    return {{"apiVersion", "external-secrets.io/v1beta1"},
            {"kind", "ExternalSecret"},
            {"metadata", {{"name", name + "-repository"},
                          {"namespace", "argocd"},
                          {"annotations", {{"argocd.argoproj.io/sync-options", "SkipDryRunOnMissingResource=true"}}}}},
            {"spec",
             {{"refreshInterval", "1h"},
              {"secretStoreRef", {{"kind", "ClusterSecretStore"}, {"name", name + "-parameter-store"}}},
              {"target",
               {{"name", name + "-repository"},
                {"template",
                 {{"metadata", {{"labels", {{"argocd.argoproj.io/secret-type", "repository"}}}}},
                  {"data", {{"type", "git"}, {"url", repository}, {"sshPrivateKey", "{{ .sshPrivateKey }}"}}}}}}},
              {"data", {{{"secretKey", "sshPrivateKey"},
                         {"remoteRef", {{"key", "/" + name + "/gitops/deploy-key"}}}}}}}}};
  }

  // deployKey: true (or {github: owner/name}): an SSH key pair whose private half only SSM
  // holds, for ArgoCD to read the repository; registered as a read-only deploy key on GitHub
  // when the repository is there and GITHUB_TOKEN is set, else shown to register by hand.
  void DeployKey(const std::string& repository) {
    YAML::Node n = MapValue(node_, "deployKey");
    if (!n.IsDefined() || n.IsNull()) return;
    bool on = true;
    std::string github = GithubRepository(repository);
    if (n.IsMap()) {
      for (const auto& kv : n) {
        if (kv.first.Scalar() != "github") {
          ctx_.Error(kv.first, "gitops.deployKey: unknown key \"" + kv.first.Scalar() + "\"", "it takes github: OWNER/NAME");
        }
      }
      YAML::Node g = MapValue(n, "github");
      if (g.IsDefined() && (!g.IsScalar() || g.Scalar().find('/') == std::string::npos)) {
        return ctx_.Error(g, "gitops.deployKey.github must be OWNER/NAME", "e.g. github: acme/shop-platform");
      }
      if (g.IsDefined()) github = g.Scalar();
    } else if (!StrictBool(n, &on)) {
      return ctx_.Error(n, StrictBoolError(n, "gitops.deployKey"));
    }
    if (!on) return;
    const std::string parameter = "/" + ctx_.metadata().name + "/gitops/deploy-key";
    Value props = {{"name", parameter}};
    if (const Value* key = ctx_.Import("secrets.kms_key_arn"); key && key->is_string()) props["key_id"] = *key;
    ctx_.Add("aws_ssm_deploy_key", "gitops", std::move(props), n);
    const std::string public_key = "${aws_ssm_deploy_key.gitops.public_key}";
    ctx_.Output("gitops.deploy_key", public_key,
                "the public key ArgoCD reads " + repository + " with (a read-only deploy key)");
    ctx_.Output("gitops.deploy_key_parameter", parameter, "the SSM SecureString holding its private key");
    if (github.empty()) return;
    const char* token = std::getenv("GITHUB_TOKEN");
    if (token == nullptr || *token == '\0') {
      return ctx_.Warn(n, "gitops.deployKey: GITHUB_TOKEN is not set, so pave does not register the key on " + github,
                       "set it (a token with administration rights on the repository), or add `pave outputs "
                       "gitops.deploy_key` as a read-only deploy key by hand");
    }
    ctx_.Add("github_deploy_key", "gitops",
             {{"repository", github},
              {"title", "pave " + ctx_.metadata().name + " (ArgoCD, read-only)"},
              {"key", public_key},
              {"read_only", true}},
             n);
  }

  // "acme/shop" from git@github.com:acme/shop.git, https://github.com/acme/shop(.git) or
  // ssh://git@github.com/acme/shop; "" for a repository elsewhere.
  static std::string GithubRepository(const std::string& url) {
    std::string rest;
    for (const char* prefix : {"git@github.com:", "https://github.com/", "ssh://git@github.com/"}) {
      if (url.rfind(prefix, 0) == 0) rest = url.substr(std::string(prefix).size());
    }
    if (rest.size() > 4 && rest.substr(rest.size() - 4) == ".git") rest.resize(rest.size() - 4);
    size_t slash = rest.find('/');
    if (slash == std::string::npos || slash == 0 || rest.find('/', slash + 1) != std::string::npos) return "";
    return rest;
  }

  std::string String(const std::string& key, const std::string& fallback) {
    YAML::Node n = MapValue(node_, key);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    if (!n.IsScalar() || n.Scalar().empty()) {
      ctx_.Error(n, "gitops." + key + " must be a string");
      return fallback;
    }
    return n.Scalar();
  }

  static Value Kustomization(Value resources) {
    return {{"apiVersion", "kustomize.config.k8s.io/v1beta1"}, {"kind", "Kustomization"}, {"resources", resources}};
  }

  static Value Application(const std::string& name, Value source, const std::string& ns) {
    return {{"apiVersion", "argoproj.io/v1alpha1"},
            {"kind", "Application"},
            {"metadata", {{"name", name}, {"namespace", "argocd"}}},
            {"spec",
             {{"project", "default"},
              {"source", std::move(source)},
              {"destination", {{"server", "https://kubernetes.default.svc"}, {"namespace", ns}}},
              {"syncPolicy",
               {{"automated", {{"prune", true}, {"selfHeal", true}}}, {"syncOptions", {"CreateNamespace=true"}}}}}}};
  }

  // The app-of-apps root: ArgoCD syncs the add-ons' Applications from the repository.
  Value Root(const std::string& repository, const std::string& branch, const std::string& path) const {
    return Application(ctx_.metadata().name + "-addons",
                       {{"repoURL", repository}, {"targetRevision", branch}, {"path", path + "/addons"}}, "argocd");
  }

  Value Application(const Value& addon) {
    const std::string name = addon["name"].get<std::string>();
    Value values = Values(addon);
    if (addon.contains("values_file")) Merge(&values, ValuesFile(addon["values_file"].get<std::string>()));
    Value source = {{"repoURL", addon["repository"]}, {"chart", addon["chart"]}, {"targetRevision", addon["version"]}};
    if (!values.empty()) source["helm"] = {{"valuesObject", values}};
    return Application(name, std::move(source), addon["namespace"].get<std::string>());
  }

  // What pave knows, in each chart's own value names.
  Value Values(const Value& addon) {
    const std::string name = addon["name"].get<std::string>();
    const std::string region = ctx_.metadata().region;
    std::string cluster = Import("cluster.name");
    Value account = Value::object();
    if (addon.contains("role_arn")) {
      account = {{"create", true},
                 {"name", addon["service_account"]},
                 {"annotations", {{"eks.amazonaws.com/role-arn", addon["role_arn"]}}}};
    }
    if (name == "aws-load-balancer-controller") {
      return {{"clusterName", cluster}, {"region", region}, {"vpcId", Import("network.vpc_id")},
              {"serviceAccount", account}};
    }
    if (name == "external-dns") {
      return {{"provider", {{"name", "aws"}}},
              {"domainFilters", {Import("dns.domain")}},
              {"txtOwnerId", ctx_.metadata().name},
              {"policy", "sync"},
              {"env", {{{"name", "AWS_DEFAULT_REGION"}, {"value", region}}}},
              {"serviceAccount", account}};
    }
    if (name == "cluster-autoscaler") {
      return {{"autoDiscovery", {{"clusterName", cluster}}}, {"awsRegion", region},
              {"rbac", {{"serviceAccount", account}}}};
    }
    if (name == "external-secrets") return {{"serviceAccount", account}};
    return Value::object();
  }

  std::string Import(const std::string& key) {
    const Value* v = ctx_.Import(key);
    return v && v->is_string() ? v->get<std::string>() : "";
  }

  // The entry's Helm values file, relative to the platform file.
  Value ValuesFile(const std::string& relative) {
    std::filesystem::path file = std::filesystem::path(ctx_.file()).parent_path() / relative;
    std::ifstream in(file);
    if (!in) {
      ctx_.Error(node_, "gitops: cannot read the values file " + file.string() + " of kubernetes.addons");
      return Value::object();
    }
    std::stringstream text;
    text << in.rdbuf();
    std::vector<Diagnostic> diags;
    Result<YAML::Node> parsed = ParseYaml(text.str(), file.string(), &diags);
    Result<Value> values = parsed.ok() ? YamlToValue(*parsed, file.string(), &diags) : Result<Value>(parsed.status());
    if (!values.ok() || !(values->is_object() || values->is_null())) {
      ctx_.Error(node_, "gitops: the values file " + file.string() + " is not a YAML map" +
                            (diags.empty() ? "" : ": " + diags.front().ToString()));
      return Value::object();
    }
    return values->is_null() ? Value::object() : *values;
  }

  const YAML::Node& node_;
  BlueprintContext& ctx_;
};

}  // namespace

std::string ToYaml(const Value& v, int indent) {
  std::string out;
  Emit(v, indent, &out);
  return out;
}

void GitopsBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) { GitopsExpansion(node, ctx).Run(); }

}  // namespace pave
