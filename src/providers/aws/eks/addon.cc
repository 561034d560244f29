// aws_eks_addon: an EKS add-on (vpc-cni, coredns, ...), id "<cluster>:<name>". Created with
// clientRequestToken and the pave tags, waited for until ACTIVE. The add-on version and its
// service-account role change in place (UpdateAddon). `kubernetes_version` follows the
// cluster's version: when it changes and no explicit version is set, Update asks
// DescribeAddonVersions for the default version on the new Kubernetes version and moves the
// add-on there — the last step of a cluster upgrade.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/eks/eks_common.h"
#include "providers/aws/eks/eks_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema AddonSchema() {
  ResourceSchema s;
  s.type = "aws_eks_addon";
  s.description = "an EKS add-on";
  s.typical_create = std::chrono::minutes(1);
  s.attributes = {
      Required("cluster_name", AttrType::kString, "the cluster", true),
      Required("name", AttrType::kString, "add-on name, e.g. coredns", true),
      Computed("version", AttrType::kString, "add-on version (default: the cluster's default)"),
      Optional("kubernetes_version", AttrType::kString,
               "the cluster's version; a change moves the add-on to that version's default", Value("")),
      Optional("service_account_role_arn", AttrType::kString, "IAM role of the add-on's service account",
               Value("")),
      Optional("resolve_conflicts", AttrType::kString, "OVERWRITE | PRESERVE | NONE", Value("OVERWRITE")),
      TagsAttribute(),
      ArnAttribute(),
  };
  return s;
}

class EksAddonType : public AwsResourceType {
 public:
  explicit EksAddonType(AwsTypeDeps deps)
      : AwsResourceType(std::move(deps), AddonSchema()), slow_(deps_.env, EksPollOptions(deps_.poll)) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string cluster = GetString(desired, "cluster_name"), name = GetString(desired, "name");
    Value input = {{"clusterName", cluster},
                   {"addonName", name},
                   {"resolveConflicts", GetString(desired, "resolve_conflicts", "OVERWRITE")},
                   {"tags", EksTagsForCreate(ctx, desired)}};
    if (!GetString(desired, "version").empty()) input["addonVersion"] = desired["version"];
    if (!GetString(desired, "service_account_role_arn").empty()) {
      input["serviceAccountRoleArn"] = desired["service_account_role_arn"];
    }
    if (!ctx.idempotency_token.empty()) input["clientRequestToken"] = ctx.idempotency_token;
    Result<Value> out = Eks("CreateAddon", input);
    if (!out.ok() && out.status().reason() == "ResourceInUseException") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine) return out.status().WithContext("add-on " + name + " exists and was not made by this platform");
      return *mine;
    }
    RETURN_IF_ERROR(out.status());
    RETURN_IF_ERROR(WaitActive(ctx, cluster, name));
    return ReadBack(ctx, Key(desired));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> result;
    for (const ReadRequest& r : requests) {
      ASSIGN_OR_RETURN(std::optional<Value> addon, Describe(GetString(r.prior, "cluster_name"), GetString(r.prior, "name")));
      if (!addon || GetString(*addon, "status") == "DELETING") {
        result.push_back(std::nullopt);
        continue;
      }
      result.push_back(ToAttributes(*addon, r.prior));
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string cluster = GetString(prior, "cluster_name"), name = GetString(prior, "name");
    std::string version = GetString(desired, "version");
    std::string k8s = GetString(desired, "kubernetes_version");
    if (version.empty() && !k8s.empty() && k8s != GetString(prior, "kubernetes_version")) {
      ASSIGN_OR_RETURN(version, DefaultVersion(name, k8s));
    }
    Value input = {{"clusterName", cluster}, {"addonName", name},
                   {"resolveConflicts", GetString(desired, "resolve_conflicts", "OVERWRITE")}};
    if (!version.empty() && version != GetString(prior, "version")) input["addonVersion"] = version;
    if (GetString(desired, "service_account_role_arn") != GetString(prior, "service_account_role_arn")) {
      input["serviceAccountRoleArn"] = GetString(desired, "service_account_role_arn");
    }
    if (input.contains("addonVersion") || input.contains("serviceAccountRoleArn")) {
      ctx.Progress("updating add-on " + name + (input.contains("addonVersion") ? " to " + version : ""));
      ASSIGN_OR_RETURN(Value out, Eks("UpdateAddon", input));
      RETURN_IF_ERROR(WaitEksUpdate(client(), slow_, ctx, {.cluster = cluster, .addon = name},
                                    out.value("update", Value::object()),
                                    [&] { return CurrentStatus(cluster, name); }));
    }
    RETURN_IF_ERROR(SyncEksTags(client(), ctx, GetString(prior, "arn"), prior, desired));
    return ReadBack(ctx, Key(desired));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string cluster = GetString(prior, "cluster_name"), name = GetString(prior, "name");
    Status s = Eks("DeleteAddon", {{"clusterName", cluster}, {"addonName", name}}).status();
    if (IsNotFound(s)) return Status::Ok();
    RETURN_IF_ERROR(s);
    return slow_.Until(ctx, "waiting for add-on " + name + " to be deleted", [&](std::string* note) -> Result<bool> {
      ASSIGN_OR_RETURN(std::optional<Value> addon, Describe(cluster, name));
      *note = addon ? GetString(*addon, "status") : "gone";
      if (*note == "DELETE_FAILED") return Status::FailedPrecondition("add-on " + name + " failed to delete");
      return !addon.has_value();
    });
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string cluster = GetString(desired, "cluster_name"), name = GetString(desired, "name");
    ASSIGN_OR_RETURN(std::optional<Value> addon, Describe(cluster, name));
    if (!addon || !EksTaggedAs(ctx, addon->value("tags", Value::object()))) return std::optional<Value>();
    RETURN_IF_ERROR(WaitActive(ctx, cluster, name));
    ASSIGN_OR_RETURN(Value attrs, ReadBack(ctx, Key(desired)));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  // What Read cannot learn from AWS travels in the key: the Kubernetes version the add-on was
  // last moved to, and the conflict policy.
  static Value Key(const Value& v) {
    return {{"id", GetString(v, "cluster_name") + ":" + GetString(v, "name")},
            {"cluster_name", GetString(v, "cluster_name")},
            {"name", GetString(v, "name")},
            {"kubernetes_version", GetString(v, "kubernetes_version")},
            {"resolve_conflicts", GetString(v, "resolve_conflicts", "OVERWRITE")}};
  }

  Result<Value> Eks(const std::string& op, const Value& input) const { return client()->Call("eks", op, input); }

  Result<std::optional<Value>> Describe(const std::string& cluster, const std::string& name) const {
    Result<Value> out = Eks("DescribeAddon", {{"clusterName", cluster}, {"addonName", name}});
    if (!out.ok()) {
      if (IsNotFound(out.status())) return std::optional<Value>();
      return out.status();
    }
    return std::optional<Value>(out->value("addon", Value::object()));
  }

  Result<std::string> CurrentStatus(const std::string& cluster, const std::string& name) const {
    ASSIGN_OR_RETURN(std::optional<Value> addon, Describe(cluster, name));
    return addon ? GetString(*addon, "status") : std::string("not visible yet");
  }

  Status WaitActive(const OperationContext& ctx, const std::string& cluster, const std::string& name) const {
    return WaitEksActive(slow_, ctx, "add-on " + name, [&] { return CurrentStatus(cluster, name); },
                         {"CREATE_FAILED", "DEGRADED"});
  }

  // The version DescribeAddonVersions marks as default for Kubernetes `k8s`.
  Result<std::string> DefaultVersion(const std::string& name, const std::string& k8s) const {
    ASSIGN_OR_RETURN(Value out, client()->CallAllPages("eks", "DescribeAddonVersions",
                                                       {{"addonName", name}, {"kubernetesVersion", k8s}}));
    for (const Value& addon : out.value("addons", Value::array())) {
      for (const Value& v : addon.value("addonVersions", Value::array())) {
        for (const Value& c : v.value("compatibilities", Value::array())) {
          if (GetString(c, "clusterVersion") == k8s && GetBool(c, "defaultVersion", false)) {
            return GetString(v, "addonVersion");
          }
        }
      }
    }
    return Status::NotFound("add-on " + name + " has no default version for kubernetes " + k8s);
  }

  static Value ToAttributes(const Value& addon, const Value& prior) {
    std::string cluster = GetString(addon, "clusterName"), name = GetString(addon, "addonName");
    return {{"id", cluster + ":" + name},
            {"cluster_name", cluster},
            {"name", name},
            {"version", GetString(addon, "addonVersion")},
            {"kubernetes_version", GetString(prior, "kubernetes_version")},
            {"service_account_role_arn", GetString(addon, "serviceAccountRoleArn")},
            {"resolve_conflicts", GetString(prior, "resolve_conflicts", "OVERWRITE")},
            {"tags", EksUserTags(addon.value("tags", Value::object()))},
            {"arn", GetString(addon, "addonArn")}};
  }

  Poller slow_;
};

}  // namespace

std::unique_ptr<ResourceType> NewEksAddonType(AwsTypeDeps deps) {
  return std::make_unique<EksAddonType>(std::move(deps));
}

}  // namespace pave::aws_provider
