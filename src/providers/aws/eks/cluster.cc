// aws_eks_cluster (spec): created with clientRequestToken = the idempotency token and the pave
// tags, waited for with botocore's ClusterActive. `version` is upgraded in place
// (UpdateClusterVersion); endpoint access, subnets and control-plane logging change in place
// (UpdateClusterConfig, one kind of change per call as EKS requires); a key for secrets can be
// added later (AssociateEncryptionConfig), never changed. Each update is waited for. Delete
// removes node groups left on the cluster first (they block DeleteCluster), then waits until
// the cluster is gone (ClusterDeleted).
#include <algorithm>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/eks/eks_common.h"
#include "providers/aws/eks/eks_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Value SortedStrings(const Value& list) {
  std::vector<std::string> v;
  for (const Value& x : list) {
    if (x.is_string()) v.push_back(x.get<std::string>());
  }
  std::sort(v.begin(), v.end());
  return Value(v);
}

// The enabled log types of a cluster's logging block, sorted.
Value EnabledLogTypes(const Value& logging) {
  Value types = Value::array();
  for (const Value& entry : logging.value("clusterLogging", Value::array())) {
    if (!GetBool(entry, "enabled", false)) continue;
    for (const Value& t : entry.value("types", Value::array())) types.push_back(t);
  }
  return SortedStrings(types);
}

// The logging block that enables `desired` and disables what `prior` had besides.
Value LoggingUpdate(const Value& prior, const Value& desired) {
  Value on = SortedStrings(desired), off = Value::array();
  for (const Value& t : prior) {
    if (std::find(on.begin(), on.end(), t) == on.end()) off.push_back(t);
  }
  Value entries = Value::array();
  if (!on.empty()) entries.push_back({{"types", on}, {"enabled", true}});
  if (!off.empty()) entries.push_back({{"types", off}, {"enabled", false}});
  return {{"clusterLogging", entries}};
}

// Public access CIDRs mean something only with a public endpoint: left out otherwise.
void PublicCidrsOnlyWhenPublic(const Value& desired, Value* input) {
  Value* vpc = input->contains("resourcesVpcConfig") ? &(*input)["resourcesVpcConfig"] : nullptr;
  if (vpc != nullptr && vpc->is_object() && !GetBool(desired, "endpoint_public_access", false)) {
    vpc->erase("publicAccessCidrs");
  }
}

Value EncryptionConfig(const Value& desired) {
  return Value::array({{{"resources", {"secrets"}}, {"provider", {{"keyArn", GetString(desired, "kms_key_arn")}}}}});
}

// The create's logging and encryption blocks; public access CIDRs only with a public endpoint.
Status ClusterInput(const SpecEnv& env, const Value& desired, Value* input) {
  (void)env;
  Value logging = LoggingUpdate(Value::array(), desired.value("enabled_log_types", Value::array()));
  if (logging["clusterLogging"].empty()) {
    input->erase("logging");
  } else {
    (*input)["logging"] = logging;
  }
  if (!GetString(desired, "kms_key_arn").empty()) (*input)["encryptionConfig"] = EncryptionConfig(desired);
  PublicCidrsOnlyWhenPublic(desired, input);
  return Status::Ok();
}

// A cluster being deleted is gone; lists keep the order written; the log types and the key come
// from their blocks; what AWS leaves out is false or "".
bool ReadCluster(const SpecEnv& env, const Value& item, const Value& prior, Value* attrs) {
  (void)env;
  if (GetString(item, "status") == "DELETING") return false;
  for (const char* list : {"subnet_ids", "security_group_ids", "public_access_cidrs"}) {
    (*attrs)[list] = StableList(attrs->value(list, Value::array()), prior.value(list, Value()));
  }
  (*attrs)["enabled_log_types"] = StableList(EnabledLogTypes(item.value("logging", Value::object())),
                                             prior.value("enabled_log_types", Value()));
  std::string kms;
  for (const Value& e : item.value("encryptionConfig", Value::array())) {
    kms = GetString(e.value("provider", Value::object()), "keyArn");
  }
  (*attrs)["kms_key_arn"] = kms;
  for (const char* flag : {"endpoint_private_access", "endpoint_public_access"}) (*attrs)[flag] = GetBool(*attrs, flag, false);
  for (const char* text : {"version", "endpoint", "certificate_authority", "oidc_issuer", "platform_version",
                           "cluster_security_group_id"}) {
    (*attrs)[text] = GetString(*attrs, text);
  }
  return true;
}

// What EKS cannot change on a cluster is refused before any call.
Result<Value> CheckFixed(const SpecEnv& env, const Value& prior, const Value& desired) {
  const std::string name = GetString(prior, "name");
  if (GetString(prior, "role_arn") != GetString(desired, "role_arn")) {
    return Status::FailedPrecondition("cluster " + name + ": eks cannot change the role of a cluster (" +
                                      GetString(prior, "role_arn") + ")");
  }
  std::string before = GetString(prior, "kms_key_arn"), after = GetString(desired, "kms_key_arn");
  if (!before.empty() && before != after) {
    return Status::FailedPrecondition("cluster " + name + ": eks cannot change or remove the key encrypting secrets once set");
  }
  const std::string version = GetString(desired, "version");
  if (!version.empty() && version != GetString(prior, "version") && env.ctx != nullptr) {
    env.ctx->Progress("upgrading control plane to " + version);
  }
  return desired;
}

// Each call starts an update: waited for until it ends.
Status AwaitUpdate(const SpecEnv& env, const UpdateSpec&, const Value& output, const Value& cluster) {
  return AwaitEksUpdate(env, {.cluster = GetString(cluster, "name")}, output);
}

// Node groups left on the cluster block DeleteCluster: deleted first.
Status DeleteLeftoverNodegroups(const SpecEnv& env, const std::string& name) {
  Result<Value> list = env.client->CallAllPages("eks", "ListNodegroups", {{"clusterName", name}});
  if (!list.ok()) return IsNotFound(list.status()) ? Status::Ok() : list.status();
  for (const Value& ng : list->value("nodegroups", Value::array())) {
    if (env.ctx != nullptr) env.ctx->Progress("deleting node group " + ng.get<std::string>() + " left on cluster " + name);
    Status s = env.client->Call("eks", "DeleteNodegroup", {{"clusterName", name}, {"nodegroupName", ng}}).status();
    if (!s.ok() && !IsNotFound(s) && s.reason() != "ResourceInUseException") return s;
  }
  return Status::Ok();
}

ResourceSpec ClusterSpec() {
  const std::vector<std::pair<std::string, std::string>> name = {{"name", "name"}};
  return {
      .type = "aws_eks_cluster",
      .description = "an EKS cluster (the Kubernetes control plane)",
      .service = "eks",
      .key_attribute = "name",
      .attributes = {
          {.name = "name", .required = true, .force_new = true, .description = "cluster name",
           .create_member = "name", .read_member = "name"},
          // Not force_new: a reference to the role's arn is unknown while the role is updated, and
          // that must not plan a replacement of the cluster; a real change fails in Update.
          {.name = "role_arn", .required = true, .description = "the cluster role (cannot change)",
           .create_member = "roleArn", .read_member = "roleArn"},
          {.name = "subnet_ids", .type = AttrType::kList, .required = true, .unordered = true,
           .description = "subnets of the control plane's network interfaces",
           .create_member = "resourcesVpcConfig.subnetIds", .read_member = "resourcesVpcConfig.subnetIds"},
          {.name = "version", .computed = true,
           .description = "Kubernetes version, e.g. 1.31 (in-place upgrade; never down)",
           .create_member = "version", .read_member = "version", .monotonic = true},
          {.name = "security_group_ids", .type = AttrType::kList, .unordered = true,
           .description = "extra security groups", .default_value = Value::array(),
           .create_member = "resourcesVpcConfig.securityGroupIds",
           .read_member = "resourcesVpcConfig.securityGroupIds"},
          {.name = "endpoint_private_access", .type = AttrType::kBool, .description = "API reachable inside the VPC",
           .default_value = Value(true), .create_member = "resourcesVpcConfig.endpointPrivateAccess",
           .read_member = "resourcesVpcConfig.endpointPrivateAccess"},
          {.name = "endpoint_public_access", .type = AttrType::kBool,
           .description = "API reachable from the internet", .default_value = Value(false),
           .create_member = "resourcesVpcConfig.endpointPublicAccess",
           .read_member = "resourcesVpcConfig.endpointPublicAccess"},
          {.name = "public_access_cidrs", .type = AttrType::kList, .computed = true, .unordered = true,
           .description = "who may reach the public endpoint", .create_member = "resourcesVpcConfig.publicAccessCidrs",
           .read_member = "resourcesVpcConfig.publicAccessCidrs"},
          {.name = "enabled_log_types", .type = AttrType::kList, .unordered = true,
           .description = "control-plane logs: api, audit, authenticator, controllerManager, scheduler",
           .default_value = Value::array(), .create_member = "logging"},
          {.name = "kms_key_arn",
           .description = "KMS key encrypting Kubernetes secrets (can be added later, never changed)",
           .default_value = Value(""), .create_member = "encryptionConfig"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN", .read_member = "arn"},
          {.name = "endpoint", .computed = true, .stable = true, .description = "the API server URL",
           .read_member = "endpoint"},
          {.name = "certificate_authority", .computed = true, .stable = true,
           .description = "base64 CA bundle of the API server", .read_member = "certificateAuthority.data"},
          {.name = "oidc_issuer", .computed = true, .stable = true, .description = "the OIDC issuer URL (https://...)",
           .read_member = "identity.oidc.issuer"},
          {.name = "platform_version", .computed = true, .description = "EKS platform version",
           .read_member = "platformVersion"},
          {.name = "cluster_security_group_id", .computed = true, .stable = true,
           .description = "the security group EKS made", .read_member = "resourcesVpcConfig.clusterSecurityGroupId"},
      },
      .create = {.operation = "CreateCluster", .conflict_codes = {"ResourceInUseException"},
                 .token_member = "clientRequestToken"},
      .read = {.style = ReadStyle::kGetEach, .operation = "DescribeCluster", .result_key = "cluster", .get_members = name},
      .updates = {
          {.operation = "AssociateEncryptionConfig", .key_member = "clusterName", .members = {{"kms_key_arn", ""}},
           .fill = [](const SpecEnv&, const Value&, const Value& desired, Value* input) {
             (*input)["encryptionConfig"] = EncryptionConfig(desired);
             return Status::Ok();
           }},
          {.operation = "UpdateClusterVersion", .key_member = "name", .members = {{"version", "version"}}},
          {.operation = "UpdateClusterConfig", .key_member = "name",
           .members = {{"endpoint_private_access", "resourcesVpcConfig.endpointPrivateAccess"},
                       {"endpoint_public_access", "resourcesVpcConfig.endpointPublicAccess"},
                       {"public_access_cidrs", "resourcesVpcConfig.publicAccessCidrs"}},
           .fill = [](const SpecEnv&, const Value&, const Value& desired, Value* input) {
             PublicCidrsOnlyWhenPublic(desired, input);
             return Status::Ok();
           }},
          {.operation = "UpdateClusterConfig", .key_member = "name",
           .members = {{"subnet_ids", "resourcesVpcConfig.subnetIds"},
                       {"security_group_ids", "resourcesVpcConfig.securityGroupIds"}}},
          {.operation = "UpdateClusterConfig", .key_member = "name", .members = {{"enabled_log_types", ""}},
           .fill = [](const SpecEnv&, const Value& prior, const Value& desired, Value* input) {
             (*input)["logging"] = LoggingUpdate(SortedStrings(prior.value("enabled_log_types", Value::array())),
                                                 desired.value("enabled_log_types", Value::array()));
             return Status::Ok();
           }},
      },
      .tags = {.style = TagStyle::kMap, .create_member = "tags", .read_member = "tags",
               .tag_operation = "TagResource", .untag_operation = "UntagResource",
               .resource_member = "resourceArn", .tags_member = "tags", .keys_member = "tagKeys"},
      .del = {.operation = "DeleteCluster", .key_member = "name", .retry_codes = {"ResourceInUseException"}},
      .find = FindStyle::kByKey,
      .create_waiter = "ClusterActive",
      .delete_waiter = "ClusterDeleted",
      .waiter_id_member = "name",
      .poll_timeout = std::chrono::minutes(45),
      .typical_create = std::chrono::minutes(12),
      .hooks = {.read = ReadCluster, .create_input = ClusterInput, .before_delete = DeleteLeftoverNodegroups,
                .update_desired = CheckFixed, .after_update = AwaitUpdate},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewEksClusterType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), ClusterSpec());
}

}  // namespace pave::aws_provider
