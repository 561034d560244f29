#include "platform/blueprints/cluster.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "platform/blueprints/cluster_checks.h"
#include "platform/blueprints/cluster_iam.h"
#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kClusterKeys = {"name", "version", "subnetIds", "endpoint", "publicAccessCidrs", "logging",
                                               "nodeGroups", "addons", "serviceAccounts"};
const std::vector<std::string> kNodeGroupKeys = {"name", "instanceTypes", "min", "max", "desired", "diskGB",
                                                 "labels", "capacity"};
const std::vector<std::string> kServiceAccountKeys = {"namespace", "name", "policies"};
const std::vector<std::string> kLogTypes = {"api", "audit", "authenticator", "controllerManager", "scheduler"};
const std::vector<std::string> kEndpoints = {"private", "public", "private+public"};
constexpr const char* kManaged = "arn:aws:iam::aws:policy/";

// Reads YAML scalars and lists, reporting what is malformed through the context.
class Reader {
 public:
  explicit Reader(BlueprintContext& ctx) : ctx_(ctx) {}

  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& where) {
    for (const auto& kv : map) {
      std::string key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        ctx_.Error(kv.first, "unknown key \"" + key + "\" in " + where, SuggestionHint(key, allowed));
      }
    }
  }
  std::optional<std::string> String(const YAML::Node& map, const std::string& key, const std::string& where) {
    YAML::Node n = MapValue(map, key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    if (!n.IsScalar()) {
      ctx_.Error(n, where + "." + key + " must be a string");
      return std::nullopt;
    }
    return n.Scalar();
  }
  std::optional<int64_t> Int(const YAML::Node& map, const std::string& key, const std::string& where, int64_t lo,
                             int64_t hi) {
    YAML::Node n = MapValue(map, key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    int64_t v = 0;
    if (!n.IsScalar() || !YAML::convert<int64_t>::decode(n, v)) {
      ctx_.Error(n, where + "." + key + " must be a whole number");
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      ctx_.Error(n, where + "." + key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
      return std::nullopt;
    }
    return v;
  }
  // A list of strings; with `allowed`, each must be one of them.
  std::vector<std::string> Strings(const YAML::Node& map, const std::string& key, const std::string& where,
                                   const std::vector<std::string>& allowed = {}) {
    std::vector<std::string> out;
    YAML::Node n = MapValue(map, key);
    if (!n.IsDefined() || n.IsNull()) return out;
    if (!n.IsSequence()) {
      ctx_.Error(n, where + "." + key + " must be a list");
      return out;
    }
    for (const YAML::Node& item : n) {
      if (!item.IsScalar()) {
        ctx_.Error(item, where + "." + key + " must hold strings");
        continue;
      }
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), item.Scalar()) == allowed.end()) {
        ctx_.Error(item, "unknown " + key + " \"" + item.Scalar() + "\" in " + where,
                   SuggestionHint(item.Scalar(), allowed));
        continue;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

 private:
  BlueprintContext& ctx_;
};

// A resource name from a user's name: letters, digits, '_' and '-' kept, others become '_'.
std::string Slug(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "x" + out;
  return out;
}

// An IAM role name (at most 64 characters).
std::string RoleName(const std::string& s) { return s.size() <= 64 ? s : s.substr(0, 64); }

std::string Ref(const std::string& address, const std::string& attribute) {
  return "${" + address + "." + attribute + "}";
}

class ClusterExpansion {
 public:
  ClusterExpansion(const YAML::Node& node, BlueprintContext& ctx) : node_(node), ctx_(ctx), read_(ctx) {}

  void Run() {
    if (!node_.IsMap()) return ctx_.Error(node_, "cluster must be a map");
    read_.CheckKeys(node_, kClusterKeys, "cluster");
    name_ = read_.String(node_, "name", "cluster").value_or(ctx_.metadata().name);
    std::vector<std::string> own = read_.Strings(node_, "subnetIds", "cluster");
    // A cluster that names its own subnets does not depend on the network section (so a
    // broken network: does not hide the cluster's own errors).
    const Value* subnets = own.empty() ? ctx_.Import("network.private_subnet_ids") : nullptr;
    if (!own.empty()) {
      subnets_ = own;
    } else if (subnets && !subnets->empty()) {
      subnets_ = *subnets;
      const Value* nat = ctx_.Import("network.nat");
      if (nat && *nat == "none") {
        ctx_.Error(node_, "cluster: the nodes run in the network's private subnets, which have no NAT (network.nat is none): "
                          "they cannot pull images or reach the EKS API",
                   "set network.nat: single (with a public tier), or list cluster.subnetIds that reach the internet");
      }
    } else {
      return ctx_.Error(node_, "cluster: needs private subnets from a network section",
                        "add a network section with private subnets, or list cluster.subnetIds");
    }
    Roles();
    Cluster();
    NodeGroups();
    Addons();
    ServiceAccounts();
    ctx_.Export("cluster.name", Ref("aws_eks_cluster.main", "name"));
    ctx_.Export("cluster.oidc_provider_arn", Ref("aws_iam_openid_connect_provider.eks", "arn"));
    ctx_.Export("cluster.node_role_name", Ref("aws_iam_role.eks_nodes", "name"));
    ctx_.Output("cluster.name", Ref("aws_eks_cluster.main", "name"), "the EKS cluster");
    ctx_.Output("cluster.endpoint", Ref("aws_eks_cluster.main", "endpoint"), "the API server URL");
    ctx_.Output("cluster.oidc_issuer", Ref("aws_eks_cluster.main", "oidc_issuer"),
                "the issuer service-account roles trust");
    // Managed node groups run in the cluster security group EKS makes: sections that admit
    // the nodes (databases) admit this group.
    ctx_.Export("cluster.security_group_id", Ref("aws_eks_cluster.main", "cluster_security_group_id"));
  }

 private:
  // `props` with metadata.tags, for the types that carry tags.
  Value Tagged(Value props) const {
    const Value& tags = ctx_.metadata().tags;
    if (tags.is_object() && !tags.empty()) props["tags"] = tags;
    return props;
  }

  // RoleName(full), or an error when another role of the section truncates to the same name.
  std::string UniqueRoleName(const std::string& full, const YAML::Node& at) {
    std::string name = RoleName(full);
    auto [it, fresh] = role_names_.emplace(name, full);
    if (!fresh && it->second != full) {
      ctx_.Error(at, "cluster: IAM role names \"" + it->second + "\" and \"" + full + "\" are both \"" + name +
                         "\" after truncation to 64 characters",
                 "use a cluster.name (or metadata.name) of at most 52 characters");
    }
    return name;
  }

  void Role(const std::string& rname, const std::string& role, const std::string& trust,
            const std::vector<std::string>& managed) {
    ctx_.Add("aws_iam_role", rname, Tagged({{"name", UniqueRoleName(role, node_)}, {"assume_role_policy", trust}}), node_);
    for (const std::string& policy : managed) {
      ctx_.Add("aws_iam_role_policy_attachment", rname + "_" + Slug(policy),
               {{"role", Ref("aws_iam_role." + rname, "name")}, {"policy_arn", kManaged + policy}}, node_);
    }
  }

  void Roles() {
    Role("eks_cluster", name_ + "-eks-cluster", ServiceTrustPolicy("eks.amazonaws.com"), {"AmazonEKSClusterPolicy"});
    Role("eks_nodes", name_ + "-eks-nodes", ServiceTrustPolicy("ec2.amazonaws.com"),
         {"AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"});
    ctx_.Add("aws_kms_key", "eks",
             Tagged({{"description", "secrets of EKS cluster " + name_}, {"enable_key_rotation", true}}), node_);
    ctx_.Add("aws_iam_role_policy", "eks_cluster_kms",
             {{"role", Ref("aws_iam_role.eks_cluster", "name")}, {"name", "secrets-encryption"},
              {"policy", ClusterKmsPolicy(Ref("aws_kms_key.eks", "arn"))}},
             node_);
  }

  void Cluster() {
    std::string endpoint = read_.String(node_, "endpoint", "cluster").value_or("private");
    if (std::find(kEndpoints.begin(), kEndpoints.end(), endpoint) == kEndpoints.end()) {
      ctx_.Error(MapValue(node_, "endpoint"), "cluster.endpoint must be private, public or private+public",
                 SuggestionHint(endpoint, kEndpoints));
    }
    Value props = {{"name", name_},
                   {"role_arn", Ref("aws_iam_role.eks_cluster", "arn")},
                   {"subnet_ids", subnets_},
                   {"endpoint_private_access", endpoint != "public"},
                   {"endpoint_public_access", endpoint != "private"},
                   {"enabled_log_types", read_.Strings(node_, "logging", "cluster", kLogTypes)},
                   {"kms_key_arn", Ref("aws_kms_key.eks", "arn")}};
    if (auto version = read_.String(node_, "version", "cluster")) {
      CheckVersion(*version);
      props["version"] = *version;
    }
    std::vector<std::string> cidrs = PublicAccessCidrs();
    if (!cidrs.empty()) props["public_access_cidrs"] = cidrs;
    WarnIfOpen(endpoint, cidrs);
    ResourceConfig& rc = ctx_.Add("aws_eks_cluster", "main", Tagged(props), node_);
    // The role must hold its policies (and the key grant) before EKS assumes it.
    rc.depends_on = {{"aws_iam_role_policy_attachment", "eks_cluster_AmazonEKSClusterPolicy"},
                     {"aws_iam_role_policy", "eks_cluster_kms"}};
    ctx_.Add("aws_iam_openid_connect_provider", "eks",
             Tagged({{"url", Ref("aws_eks_cluster.main", "oidc_issuer")}, {"client_ids", {"sts.amazonaws.com"}},
                     // The thumbprint of the root CA of EKS's OIDC endpoints (Starfield Services
                     // Root CA G2), which IAM asks for and otherwise derives itself.
                     {"thumbprints", {"9e99a48a9960b14926bb7f3b02e22da2b0ab7280"}}}),
             node_);
  }

  void CheckVersion(const std::string& version) {
    const auto& known = cluster_checks::KnownVersions();
    if (std::find(known.begin(), known.end(), version) != known.end()) return;
    std::string hint = SuggestionHint(version, known);
    ctx_.Error(MapValue(node_, "version"), "cluster.version \"" + version + "\" is not a Kubernetes version EKS offers",
               hint.empty() ? "use one of " + known.front() + " to " + known.back() : hint);
  }

  std::vector<std::string> PublicAccessCidrs() {
    std::vector<std::string> cidrs = read_.Strings(node_, "publicAccessCidrs", "cluster");
    YAML::Node list = MapValue(node_, "publicAccessCidrs");
    for (size_t i = 0; i < cidrs.size() && list.IsSequence() && i < list.size(); ++i) {
      std::string why = cluster_checks::PublicCidrError(cidrs[i]);
      if (!why.empty()) ctx_.Error(list[i], "cluster.publicAccessCidrs: \"" + cidrs[i] + "\" is " + why);
    }
    return cidrs;
  }

  // A public endpoint without publicAccessCidrs is open to the whole internet (AWS's default).
  void WarnIfOpen(const std::string& endpoint, const std::vector<std::string>& cidrs) {
    if (endpoint == "private") return;
    bool open = cidrs.empty() || std::find(cidrs.begin(), cidrs.end(), "0.0.0.0/0") != cidrs.end();
    if (!open) return;
    YAML::Node at = MapValue(node_, "endpoint");
    ctx_.Warn(at.IsDefined() ? at : node_,
              "cluster.endpoint " + endpoint + " opens the Kubernetes API server to 0.0.0.0/0 (the whole internet)",
              "list the networks that may reach it in cluster.publicAccessCidrs, or use endpoint: private");
  }

  void NodeGroups() {
    YAML::Node groups = MapValue(node_, "nodeGroups");
    if (!groups.IsDefined() || groups.IsNull()) return;
    if (!groups.IsSequence()) return ctx_.Error(groups, "cluster.nodeGroups must be a list");
    for (const YAML::Node& g : groups) NodeGroup(g);
  }

  void NodeGroup(const YAML::Node& g) {
    if (!g.IsMap()) return ctx_.Error(g, "each of cluster.nodeGroups must be a map");
    read_.CheckKeys(g, kNodeGroupKeys, "cluster.nodeGroups");
    std::optional<std::string> name = read_.String(g, "name", "cluster.nodeGroups");
    if (!name) return ctx_.Error(g, "cluster.nodeGroups: a node group needs a name");
    std::string where = "node group " + *name;
    int64_t min = read_.Int(g, "min", where, 0, 1000).value_or(1);
    int64_t max = read_.Int(g, "max", where, 1, 1000).value_or(std::max<int64_t>(min, 1));
    int64_t desired = read_.Int(g, "desired", where, 0, 1000).value_or(min);
    if (min > max || desired < min || desired > max) {
      ctx_.Error(g, where + ": sizes must satisfy min <= desired <= max");
    }
    std::vector<std::string> types = read_.Strings(g, "instanceTypes", where);
    YAML::Node type_list = MapValue(g, "instanceTypes");
    for (size_t i = 0; i < types.size() && type_list.IsSequence() && i < type_list.size(); ++i) {
      if (cluster_checks::IsInstanceTypeName(types[i])) continue;
      ctx_.Error(type_list[i], where + ": \"" + types[i] + "\" is not an EC2 instance type",
                 "instance types are family.size, e.g. m6i.large or t3.xlarge");
    }
    Value props = {{"cluster_name", Ref("aws_eks_cluster.main", "name")},
                   {"name", *name},
                   {"node_role_arn", Ref("aws_iam_role.eks_nodes", "arn")},
                   {"subnet_ids", subnets_},
                   {"min_size", min},
                   {"max_size", max},
                   {"desired_size", desired},
                   {"instance_types", types.empty() ? Value::array({"m6i.large"}) : Value(types)},
                   {"disk_size", read_.Int(g, "diskGB", where, 1, 16384).value_or(20)},
                   {"capacity_type", Capacity(g, where)},
                   {"version", Ref("aws_eks_cluster.main", "version")}};
    YAML::Node labels = MapValue(g, "labels");
    if (labels.IsMap()) {
      Value l = Value::object();
      for (const auto& kv : labels) l[kv.first.Scalar()] = kv.second.Scalar();
      props["labels"] = l;
    }
    std::string rname = "eks_" + Slug(*name);
    ResourceConfig& rc = ctx_.Add("aws_eks_node_group", rname, Tagged(props), g);
    rc.depends_on = {{"aws_iam_role_policy_attachment", "eks_nodes_AmazonEKSWorkerNodePolicy"},
                     {"aws_iam_role_policy_attachment", "eks_nodes_AmazonEKS_CNI_Policy"},
                     {"aws_iam_role_policy_attachment", "eks_nodes_AmazonEC2ContainerRegistryReadOnly"}};
    node_groups_.push_back({"aws_eks_node_group", rname});
  }

  // capacity: ON_DEMAND (default), SPOT or CAPACITY_BLOCK, in any case ("spot" is SPOT).
  std::string Capacity(const YAML::Node& g, const std::string& where) {
    std::optional<std::string> text = read_.String(g, "capacity", where);
    if (!text) return "ON_DEMAND";
    if (std::optional<std::string> known = cluster_checks::NormalizeCapacity(*text)) return *known;
    std::string upper;  // suggest in AWS's spelling: "spto" is near "SPOT"
    for (char c : *text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ctx_.Error(MapValue(g, "capacity"), where + ": unknown capacity \"" + *text + "\"",
               SuggestionHint(upper, cluster_checks::CapacityTypes()));
    return "ON_DEMAND";
  }

  void Addons() {
    YAML::Node addons = MapValue(node_, "addons");
    if (!addons.IsDefined() || addons.IsNull()) return;
    for (const std::string& addon : read_.Strings(node_, "addons", "cluster", cluster_checks::KnownAddons())) {
      Value props = {{"cluster_name", Ref("aws_eks_cluster.main", "name")},
                     {"name", addon},
                     {"kubernetes_version", Ref("aws_eks_cluster.main", "version")}};
      ResourceConfig& rc = ctx_.Add("aws_eks_addon", "eks_" + Slug(addon), Tagged(props), addons);
      rc.depends_on = node_groups_;  // coredns and friends need nodes; upgrades go last
    }
  }

  void ServiceAccounts() {
    YAML::Node accounts = MapValue(node_, "serviceAccounts");
    if (!accounts.IsDefined() || accounts.IsNull()) return;
    if (!accounts.IsSequence()) return ctx_.Error(accounts, "cluster.serviceAccounts must be a list");
    for (const YAML::Node& a : accounts) ServiceAccount(a);
  }

  void ServiceAccount(const YAML::Node& a) {
    if (!a.IsMap()) return ctx_.Error(a, "each of cluster.serviceAccounts must be a map");
    read_.CheckKeys(a, kServiceAccountKeys, "cluster.serviceAccounts");
    std::optional<std::string> ns = read_.String(a, "namespace", "cluster.serviceAccounts");
    std::optional<std::string> name = read_.String(a, "name", "cluster.serviceAccounts");
    if (!ns || !name) return ctx_.Error(a, "cluster.serviceAccounts: a service account needs namespace and name");
    std::string where = "service account " + *ns + "/" + *name;
    std::string rname = "sa_" + Slug(*ns) + "_" + Slug(*name);
    std::string provider = "aws_iam_openid_connect_provider.eks";
    ctx_.Add("aws_iam_role", rname,
             Tagged({{"name", UniqueRoleName(name_ + "-" + *ns + "-" + *name, a)},
                     {"assume_role_policy",
                      ServiceAccountTrustPolicy(Ref(provider, "arn"), Ref(provider, "issuer_host"), *ns, *name)}}),
             a);
    ctx_.Output("cluster.service_accounts." + *ns + "." + *name + ".role_arn",
                Ref("aws_iam_role." + rname, "arn"),
                "the role to annotate " + where + " with (eks.amazonaws.com/role-arn)");
    for (const std::string& policy : read_.Strings(a, "policies", where, NamedPolicyNames())) {
      ctx_.Add("aws_iam_role_policy", rname + "_" + Slug(policy),
               {{"role", Ref("aws_iam_role." + rname, "name")}, {"name", policy},
                {"policy", NamedPolicyDocument(policy, name_)}},
               a);
    }
  }

  const YAML::Node& node_;
  BlueprintContext& ctx_;
  Reader read_;
  std::string name_;
  Value subnets_;
  std::vector<ResourceAddress> node_groups_;
  std::map<std::string, std::string> role_names_;  // truncated -> full
};

}  // namespace

void ClusterBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  ClusterExpansion(node, ctx).Run();
}

}  // namespace pave
