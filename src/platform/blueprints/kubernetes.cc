#include "platform/blueprints/kubernetes.h"

#include <algorithm>
#include <set>

#include "platform/blueprints/cluster_iam.h"
#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kKeys = {"addons"};
const std::vector<std::string> kAddonKeys = {"name", "version", "values"};

std::string Ref(const std::string& address, const std::string& attribute) {
  return "${" + address + "." + attribute + "}";
}

std::string Slug(const std::string& name) {
  std::string out = name;
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

std::vector<std::string> AddonNames() {
  std::vector<std::string> names;
  for (const KubernetesAddon& a : KubernetesAddons()) names.push_back(a.name);
  return names;
}

class KubernetesExpansion {
 public:
  KubernetesExpansion(const YAML::Node& node, BlueprintContext& ctx) : node_(node), ctx_(ctx) {}

  void Run() {
    if (!node_.IsMap()) return ctx_.Error(node_, "kubernetes must be a map", "kubernetes: {addons: [...]}");
    for (const auto& kv : node_) {
      std::string key = kv.first.Scalar();
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        ctx_.Error(kv.first, "kubernetes: unknown key \"" + key + "\"", SuggestionHint(key, kKeys));
      }
    }
    YAML::Node addons = MapValue(node_, "addons");
    if (!addons.IsDefined() || addons.IsNull()) return;
    if (!addons.IsSequence()) return ctx_.Error(addons, "kubernetes.addons must be a list of add-on names or maps");
    if (ctx_.Import("cluster.oidc_provider_arn") == nullptr) {
      return ctx_.Error(addons, "kubernetes.addons needs the cluster: section",
                        "the add-ons run in the platform's EKS cluster");
    }
    Value exported = Value::array();
    std::set<std::string> seen;
    for (const YAML::Node& entry : addons) {
      std::optional<Value> addon = Addon(entry, &seen);
      if (addon) exported.push_back(std::move(*addon));
    }
    ctx_.Export("kubernetes.addons", std::move(exported));
  }

 private:
  // One entry: a catalog name or {name, version, values}. The exported entry, or nullopt on
  // an error (reported).
  std::optional<Value> Addon(const YAML::Node& entry, std::set<std::string>* seen) {
    YAML::Node name_node = entry.IsMap() ? MapValue(entry, "name") : entry;
    if (entry.IsMap()) {
      for (const auto& kv : entry) {
        std::string key = kv.first.Scalar();
        if (std::find(kAddonKeys.begin(), kAddonKeys.end(), key) == kAddonKeys.end()) {
          ctx_.Error(kv.first, "kubernetes.addons: unknown key \"" + key + "\"", SuggestionHint(key, kAddonKeys));
        }
      }
    }
    if (!name_node.IsDefined() || !name_node.IsScalar() || name_node.Scalar().empty()) {
      ctx_.Error(entry, "each of kubernetes.addons must be an add-on name or a map with a name",
                 "e.g. - external-dns, or - {name: ingress-nginx, version: \"4.11.3\"}");
      return std::nullopt;
    }
    const std::string name = name_node.Scalar();
    const KubernetesAddon* known = nullptr;
    for (const KubernetesAddon& a : KubernetesAddons()) known = a.name == name ? &a : known;
    if (known == nullptr) {
      ctx_.Error(name_node, "kubernetes.addons: unknown add-on \"" + name + "\"", SuggestionHint(name, AddonNames()));
      return std::nullopt;
    }
    if (!seen->insert(name).second) {
      ctx_.Error(name_node, "kubernetes.addons: " + name + " is listed twice");
      return std::nullopt;
    }
    Value out = {{"name", name},
                 {"namespace", known->ns},
                 {"chart", known->chart},
                 {"repository", known->chart_repository},
                 {"version", known->version},
                 {"values", Value::object()}};
    if (entry.IsMap()) {
      if (YAML::Node v = MapValue(entry, "version"); v.IsDefined() && !v.IsNull()) {
        if (!v.IsScalar() || v.Scalar().empty()) {
          ctx_.Error(v, "kubernetes.addons." + name + ".version must be a chart version", "e.g. version: \"4.11.3\"");
        } else {
          out["version"] = v.Scalar();
        }
      }
      if (YAML::Node v = MapValue(entry, "values"); v.IsDefined() && !v.IsNull()) {
        if (v.IsScalar() && v.Scalar().rfind("file:", 0) == 0 && v.Scalar().size() > 5) {
          out["values_file"] = v.Scalar().substr(5);
        } else {
          ctx_.Error(v, "kubernetes.addons." + name + ".values must be file:PATH (a Helm values file)",
                     "e.g. values: file:values/ingress.yaml (relative to the platform file)");
        }
      }
    }
    if (!known->service_account.empty()) {
      out["service_account"] = known->service_account;
      std::optional<std::string> policy = Policy(name, name_node);
      if (!policy) return std::nullopt;
      out["role_arn"] = Role(*known, *policy, entry);
    }
    return out;
  }

  // The inline policy of add-on `name`; nullopt (reported) when a section it needs is missing.
  std::optional<std::string> Policy(const std::string& name, const YAML::Node& at) {
    const Value* cluster = ctx_.Import("cluster.name");
    const std::string cluster_name = cluster && cluster->is_string() ? cluster->get<std::string>() : "";
    if (name == "aws-load-balancer-controller") return NamedPolicyDocument("load-balancer-controller", cluster_name);
    if (name == "cluster-autoscaler") return NamedPolicyDocument("cluster-autoscaler", cluster_name);
    if (name == "external-dns") {
      const Value* zone = ctx_.Import("dns.zone_id");
      if (zone == nullptr || !zone->is_string()) {
        ctx_.Error(at, "kubernetes.addons: external-dns needs the dns: section",
                   "its role may change records only in the platform's zone");
        return std::nullopt;
      }
      return ExternalDnsZonePolicy(zone->get<std::string>());
    }
    if (name == "external-secrets") {
      if (!identity_) {
        ctx_.Add("aws_caller_identity", "kubernetes", Value::object(), at);
        identity_ = true;
      }
      const Value* key = ctx_.Import("secrets.kms_key_arn");
      return ExternalSecretsPolicy(ctx_.metadata().name, ctx_.metadata().region,
                                   Ref("aws_caller_identity.kubernetes", "account_id"),
                                   key && key->is_string() ? key->get<std::string>() : "");
    }
    ctx_.Error(at, "kubernetes.addons: pave has no IAM policy for " + name);
    return std::nullopt;
  }

  // aws_iam_role.addon_<name> for the add-on's service account, with its inline policy.
  // Returns the role's ARN (a reference).
  std::string Role(const KubernetesAddon& addon, const std::string& policy, const YAML::Node& at) {
    const std::string rname = "addon_" + Slug(addon.name);
    const std::string provider = "aws_iam_openid_connect_provider.eks";
    std::string role = ctx_.metadata().name + "-" + addon.name;
    if (role.size() > 64) {
      ctx_.Error(at, "kubernetes.addons: the IAM role name \"" + role + "\" is longer than 64 characters",
                 "use a shorter metadata.name");
    }
    Value props = {{"name", role},
                   {"assume_role_policy", ServiceAccountTrustPolicy(Ref(provider, "arn"), Ref(provider, "issuer_host"),
                                                                    addon.ns, addon.service_account)}};
    const Value& tags = ctx_.metadata().tags;
    if (tags.is_object() && !tags.empty()) props["tags"] = tags;
    ctx_.Add("aws_iam_role", rname, std::move(props), at);
    ctx_.Add("aws_iam_role_policy", rname,
             {{"role", Ref("aws_iam_role." + rname, "name")}, {"name", addon.name}, {"policy", policy}}, at);
    std::string arn = Ref("aws_iam_role." + rname, "arn");
    ctx_.Output("kubernetes.addons." + addon.name + ".role_arn", arn,
                "the role of " + addon.ns + "/" + addon.service_account + " (eks.amazonaws.com/role-arn)");
    return arn;
  }

  const YAML::Node& node_;
  BlueprintContext& ctx_;
  bool identity_ = false;
};

}  // namespace

// Chart versions pinned as of this release; `version:` in the file overrides them.
const std::vector<KubernetesAddon>& KubernetesAddons() {
  static const std::vector<KubernetesAddon> addons = {
      {"argocd", "https://argoproj.github.io/argo-helm", "argo-cd", "7.7.0", "argocd", ""},
      {"aws-load-balancer-controller", "https://aws.github.io/eks-charts", "aws-load-balancer-controller", "1.9.2",
       "kube-system", "aws-load-balancer-controller"},
      {"cluster-autoscaler", "https://kubernetes.github.io/autoscaler", "cluster-autoscaler", "9.43.2", "kube-system",
       "cluster-autoscaler"},
      {"external-dns", "https://kubernetes-sigs.github.io/external-dns/", "external-dns", "1.15.0", "external-dns",
       "external-dns"},
      {"external-secrets", "https://charts.external-secrets.io", "external-secrets", "0.10.5", "external-secrets",
       "external-secrets"},
      {"ingress-nginx", "https://kubernetes.github.io/ingress-nginx", "ingress-nginx", "4.11.3", "ingress-nginx", ""},
      {"metrics-server", "https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.12.2", "kube-system",
       ""},
  };
  return addons;
}

void KubernetesBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  KubernetesExpansion(node, ctx).Run();
}

}  // namespace pave
