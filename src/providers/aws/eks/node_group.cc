// aws_eks_node_group (spec): a managed node group, id "<cluster>:<name>". Created with
// clientRequestToken and the pave tags, waited for with botocore's NodegroupActive. Scaling
// sizes and labels change in place (UpdateNodegroupConfig), `version` with
// UpdateNodegroupVersion (after the cluster, which the blueprint's reference to the cluster's
// version ensures); each update is waited for. Delete waits until the group is gone
// (NodegroupDeleted), so the cluster can go next.
#include "providers/aws/common/attrs.h"
#include "providers/aws/eks/eks_common.h"
#include "providers/aws/eks/eks_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// A group being deleted is gone; the subnets keep the order written; what AWS leaves out of
// an answer is its default.
bool ReadNodeGroup(const SpecEnv& env, const Value& item, const Value& prior, Value* attrs) {
  (void)env;
  if (GetString(item, "status") == "DELETING") return false;
  (*attrs)["subnet_ids"] = StableList(attrs->value("subnet_ids", Value::array()), prior.value("subnet_ids", Value()));
  for (const char* size : {"min_size", "max_size", "desired_size"}) (*attrs)[size] = GetInt(*attrs, size, 0);
  (*attrs)["disk_size"] = GetInt(*attrs, "disk_size", 20);
  (*attrs)["capacity_type"] = GetString(*attrs, "capacity_type", "ON_DEMAND");
  for (const char* text : {"ami_type", "version", "release_version"}) (*attrs)[text] = GetString(*attrs, text);
  if (!attrs->contains("instance_types")) (*attrs)["instance_types"] = Value::array();
  if (!attrs->contains("labels")) (*attrs)["labels"] = Value::object();
  return true;
}

// EKS cannot give a node group another role: refused before any call (not force_new, so a
// plan never replaces a group over it; see aws_eks_cluster.role_arn).
Result<Value> KeepRole(const SpecEnv& env, const Value& prior, const Value& desired) {
  const std::string name = GetString(prior, "name");
  if (GetString(prior, "node_role_arn") != GetString(desired, "node_role_arn")) {
    return Status::FailedPrecondition("node group " + name + ": eks cannot change the role of a node group (" +
                                      GetString(prior, "node_role_arn") + ")");
  }
  const std::string version = GetString(desired, "version");
  if (!version.empty() && version != GetString(prior, "version") && env.ctx != nullptr) {
    env.ctx->Progress("upgrading nodes of " + name + " to " + version);
  }
  return desired;
}

// Each Update* call starts an update: waited for until it ends.
Status AwaitUpdate(const SpecEnv& env, const UpdateSpec&, const Value& output, const Value& group) {
  return AwaitEksUpdate(env, {.cluster = GetString(group, "cluster_name"), .nodegroup = GetString(group, "name")},
                        output);
}

ResourceSpec NodeGroupSpec() {
  const std::vector<std::pair<std::string, std::string>> names = {{"cluster_name", "clusterName"},
                                                                  {"name", "nodegroupName"}};
  auto size = [](const char* name, const char* description, const char* member) {
    return AttrSpec{.name = name, .type = AttrType::kInt, .required = true, .description = description,
                    .create_member = member, .read_member = member};
  };
  return {
      .type = "aws_eks_node_group",
      .description = "an EKS managed node group",
      .service = "eks",
      .id_parts = {"cluster_name", "name"},
      .attributes = {
          {.name = "cluster_name", .required = true, .force_new = true, .description = "the cluster",
           .create_member = "clusterName", .read_member = "clusterName"},
          {.name = "name", .required = true, .force_new = true, .description = "node group name",
           .create_member = "nodegroupName", .read_member = "nodegroupName"},
          // Not force_new: see aws_eks_cluster.role_arn; a real change fails in Update.
          {.name = "node_role_arn", .required = true, .description = "the node role (cannot change)",
           .create_member = "nodeRole", .read_member = "nodeRole"},
          {.name = "subnet_ids", .type = AttrType::kList, .required = true, .force_new = true, .unordered = true,
           .description = "subnets of the nodes", .create_member = "subnets", .read_member = "subnets"},
          size("min_size", "fewest nodes", "scalingConfig.minSize"),
          size("max_size", "most nodes", "scalingConfig.maxSize"),
          size("desired_size", "nodes wanted now", "scalingConfig.desiredSize"),
          {.name = "instance_types", .type = AttrType::kList, .force_new = true, .description = "EC2 instance types",
           .default_value = Value::array({"t3.medium"}), .create_member = "instanceTypes",
           .read_member = "instanceTypes"},
          {.name = "disk_size", .type = AttrType::kInt, .force_new = true, .description = "root volume size in GiB",
           .default_value = Value(20), .create_member = "diskSize", .read_member = "diskSize"},
          {.name = "capacity_type", .force_new = true, .description = "ON_DEMAND | SPOT",
           .default_value = Value("ON_DEMAND"), .create_member = "capacityType", .read_member = "capacityType"},
          {.name = "ami_type", .force_new = true, .computed = true,
           .description = "AMI family, e.g. AL2023_x86_64_STANDARD", .create_member = "amiType",
           .read_member = "amiType"},
          {.name = "version", .computed = true,
           .description = "Kubernetes version of the nodes (in-place upgrade; never down)",
           .create_member = "version", .read_member = "version", .monotonic = true},
          {.name = "labels", .type = AttrType::kMap, .description = "Kubernetes labels of the nodes",
           .default_value = Value::object(), .create_member = "labels", .read_member = "labels"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
           .read_member = "nodegroupArn"},
          {.name = "release_version", .computed = true, .description = "AMI release version",
           .read_member = "releaseVersion"},
      },
      .create = {.operation = "CreateNodegroup", .conflict_codes = {"ResourceInUseException"},
                 .token_member = "clientRequestToken"},
      .read = {.style = ReadStyle::kGetEach, .operation = "DescribeNodegroup", .result_key = "nodegroup",
               .get_members = names},
      .updates = {{.operation = "UpdateNodegroupVersion", .members = {{"version", "version"}}, .sent_members = names},
                  {.operation = "UpdateNodegroupConfig",
                   .members = {{"min_size", "scalingConfig.minSize"}, {"max_size", "scalingConfig.maxSize"},
                               {"desired_size", "scalingConfig.desiredSize"}},
                   .sent_members = names},
                  {.operation = "UpdateNodegroupConfig", .members = {{"labels", ""}},
                   .added_member = "labels.addOrUpdateLabels", .removed_member = "labels.removeLabels",
                   .sent_members = names}},
      .tags = {.style = TagStyle::kMap, .create_member = "tags", .read_member = "tags",
               .tag_operation = "TagResource", .untag_operation = "UntagResource",
               .resource_member = "resourceArn", .tags_member = "tags", .keys_member = "tagKeys"},
      .del = {.operation = "DeleteNodegroup", .members = names},
      .find = FindStyle::kByKey,
      .create_waiter = "NodegroupActive",
      .delete_waiter = "NodegroupDeleted",
      .waiter_members = names,
      .poll_timeout = std::chrono::minutes(45),
      .typical_create = std::chrono::minutes(4),
      .hooks = {.read = ReadNodeGroup, .update_desired = KeepRole, .after_update = AwaitUpdate},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewEksNodeGroupType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), NodeGroupSpec());
}

}  // namespace pave::aws_provider
