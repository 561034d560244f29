// aws_eks_addon (spec): an EKS add-on (vpc-cni, coredns, ...), id "<cluster>:<name>". Created
// with clientRequestToken and the pave tags, waited for with botocore's AddonActive. The
// add-on version and its service-account role change in place (UpdateAddon, waited for with
// DescribeUpdate). `kubernetes_version` follows the cluster's version: when it changes and no
// explicit version is set, the update asks DescribeAddonVersions for the default version on
// the new Kubernetes version and moves the add-on there — the last step of a cluster upgrade.
#include "providers/aws/common/attrs.h"
#include "providers/aws/eks/eks_common.h"
#include "providers/aws/eks/eks_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// What AWS does not keep comes from the prior value: the Kubernetes version the add-on was
// last moved to, and the conflict policy. An add-on being deleted is gone.
bool ReadAddon(const SpecEnv& env, const Value& item, const Value& prior, Value* attrs) {
  (void)env;
  if (GetString(item, "status") == "DELETING") return false;
  (*attrs)["kubernetes_version"] = GetString(prior, "kubernetes_version");
  (*attrs)["resolve_conflicts"] = GetString(prior, "resolve_conflicts", "OVERWRITE");
  (*attrs)["service_account_role_arn"] = GetString(*attrs, "service_account_role_arn");
  return true;
}

// The version DescribeAddonVersions marks as default for Kubernetes `k8s`.
Result<std::string> DefaultVersion(const SpecEnv& env, const std::string& name, const std::string& k8s) {
  ASSIGN_OR_RETURN(Value out, env.client->CallAllPages("eks", "DescribeAddonVersions",
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

// A new Kubernetes version without an explicit add-on version: that version's default.
Result<Value> FollowKubernetes(const SpecEnv& env, const Value& prior, const Value& desired) {
  std::string k8s = GetString(desired, "kubernetes_version"), name = GetString(desired, "name");
  if (!GetString(desired, "version").empty() || k8s.empty() || k8s == GetString(prior, "kubernetes_version")) {
    return desired;
  }
  ASSIGN_OR_RETURN(std::string version, DefaultVersion(env, name, k8s));
  Value want = desired;
  want["version"] = version;
  if (version != GetString(prior, "version") && env.ctx != nullptr) {
    env.ctx->Progress("updating add-on " + name + " to " + version);
  }
  return want;
}

// UpdateAddon starts an update: waited for until it ends.
Status AwaitUpdate(const SpecEnv& env, const UpdateSpec&, const Value& output, const Value& addon) {
  return AwaitEksUpdate(env, {.cluster = GetString(addon, "cluster_name"), .addon = GetString(addon, "name")}, output);
}

ResourceSpec AddonSpec() {
  const std::vector<std::pair<std::string, std::string>> names = {{"cluster_name", "clusterName"},
                                                                  {"name", "addonName"}};
  return {
      .type = "aws_eks_addon",
      .description = "an EKS add-on",
      .service = "eks",
      .id_parts = {"cluster_name", "name"},
      .attributes = {
          {.name = "cluster_name", .required = true, .force_new = true, .description = "the cluster",
           .create_member = "clusterName", .read_member = "clusterName"},
          {.name = "name", .required = true, .force_new = true, .description = "add-on name, e.g. coredns",
           .create_member = "addonName", .read_member = "addonName"},
          {.name = "version", .computed = true, .description = "add-on version (default: the cluster's default)",
           .create_member = "addonVersion", .read_member = "addonVersion"},
          {.name = "kubernetes_version",
           .description = "the cluster's version; a change moves the add-on to that version's default",
           .default_value = Value("")},
          {.name = "service_account_role_arn", .description = "IAM role of the add-on's service account",
           .default_value = Value(""), .create_member = "serviceAccountRoleArn",
           .read_member = "serviceAccountRoleArn"},
          {.name = "resolve_conflicts", .description = "OVERWRITE | PRESERVE | NONE",
           .default_value = Value("OVERWRITE"), .create_member = "resolveConflicts"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
           .read_member = "addonArn"},
      },
      .create = {.operation = "CreateAddon", .conflict_codes = {"ResourceInUseException"},
                 .token_member = "clientRequestToken"},
      .read = {.style = ReadStyle::kGetEach, .operation = "DescribeAddon", .result_key = "addon", .get_members = names},
      .updates = {{.operation = "UpdateAddon",
                   .members = {{"version", "addonVersion"}, {"service_account_role_arn", "serviceAccountRoleArn"}},
                   .changed_only = true,
                   .sent_members = {{"cluster_name", "clusterName"}, {"name", "addonName"},
                                    {"resolve_conflicts", "resolveConflicts"}}}},
      .tags = {.style = TagStyle::kMap, .create_member = "tags", .read_member = "tags",
               .tag_operation = "TagResource", .untag_operation = "UntagResource",
               .resource_member = "resourceArn", .tags_member = "tags", .keys_member = "tagKeys"},
      .del = {.operation = "DeleteAddon", .members = names},
      .find = FindStyle::kByKey,
      .create_waiter = "AddonActive",
      .delete_waiter = "AddonDeleted",
      .waiter_members = names,
      .poll_timeout = std::chrono::minutes(45),
      .typical_create = std::chrono::minutes(1),
      .hooks = {.read = ReadAddon, .update_desired = FollowKubernetes, .after_update = AwaitUpdate},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewEksAddonType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), AddonSpec());
}

}  // namespace pave::aws_provider
