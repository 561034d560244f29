// aws_eks_node_group: a managed node group, id "<cluster>:<name>". Created with
// clientRequestToken and the pave tags, waited for until ACTIVE. Scaling sizes and labels
// change in place (UpdateNodegroupConfig), `version` with UpdateNodegroupVersion (after the
// cluster, which the blueprint's reference to the cluster's version ensures); each update is
// waited for. Delete waits until the group is gone, so the cluster can go next.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/eks/eks_common.h"
#include "providers/aws/eks/eks_types.h"

namespace pave::aws_provider {
namespace {

AttributeSchema ForceNew(AttributeSchema a) {
  a.force_new = true;
  return a;
}

ResourceSchema NodeGroupSchema() {
  ResourceSchema s;
  s.type = "aws_eks_node_group";
  s.description = "an EKS managed node group";
  s.typical_create = std::chrono::minutes(4);
  s.attributes = {
      Required("cluster_name", AttrType::kString, "the cluster", true),
      Required("name", AttrType::kString, "node group name", true),
      // Not force_new: see aws_eks_cluster.role_arn; a real change fails in Update.
      Required("node_role_arn", AttrType::kString, "the node role (cannot change)"),
      Unordered(Required("subnet_ids", AttrType::kList, "subnets of the nodes", true)),
      Required("min_size", AttrType::kInt, "fewest nodes"),
      Required("max_size", AttrType::kInt, "most nodes"),
      Required("desired_size", AttrType::kInt, "nodes wanted now"),
      Optional("instance_types", AttrType::kList, "EC2 instance types", Value::array({"t3.medium"}), true),
      Optional("disk_size", AttrType::kInt, "root volume size in GiB", Value(20), true),
      Optional("capacity_type", AttrType::kString, "ON_DEMAND | SPOT", Value("ON_DEMAND"), true),
      ForceNew(Computed("ami_type", AttrType::kString, "AMI family, e.g. AL2023_x86_64_STANDARD")),
      Monotonic(Computed("version", AttrType::kString, "Kubernetes version of the nodes (in-place upgrade; never down)")),
      Optional("labels", AttrType::kMap, "Kubernetes labels of the nodes", Value::object()),
      TagsAttribute(),
      ArnAttribute(),
      Computed("release_version", AttrType::kString, "AMI release version"),
  };
  return s;
}

Value ScalingConfig(const Value& v) {
  return {{"minSize", GetInt(v, "min_size", 1)},
          {"maxSize", GetInt(v, "max_size", 1)},
          {"desiredSize", GetInt(v, "desired_size", 1)}};
}

// The labels update: what to add or change, and what to remove.
Value LabelsUpdate(const Value& before, const Value& after) {
  Value add = Value::object();
  Value remove = Value::array();
  for (auto it = after.begin(); it != after.end(); ++it) {
    if (!before.contains(it.key()) || before[it.key()] != it.value()) add[it.key()] = it.value();
  }
  for (auto it = before.begin(); it != before.end(); ++it) {
    if (!after.contains(it.key())) remove.push_back(it.key());
  }
  Value out = Value::object();
  if (!add.empty()) out["addOrUpdateLabels"] = add;
  if (!remove.empty()) out["removeLabels"] = remove;
  return out;
}

class EksNodeGroupType : public AwsResourceType {
 public:
  explicit EksNodeGroupType(AwsTypeDeps deps)
      : AwsResourceType(std::move(deps), NodeGroupSchema()), slow_(deps_.env, EksPollOptions(deps_.poll)) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string cluster = GetString(desired, "cluster_name"), name = GetString(desired, "name");
    Value input = {{"clusterName", cluster},
                   {"nodegroupName", name},
                   {"nodeRole", GetString(desired, "node_role_arn")},
                   {"subnets", desired.value("subnet_ids", Value::array())},
                   {"scalingConfig", ScalingConfig(desired)},
                   {"instanceTypes", desired.value("instance_types", Value::array({"t3.medium"}))},
                   {"diskSize", GetInt(desired, "disk_size", 20)},
                   {"capacityType", GetString(desired, "capacity_type", "ON_DEMAND")},
                   {"labels", desired.value("labels", Value::object())},
                   {"tags", EksTagsForCreate(ctx, desired)}};
    if (!GetString(desired, "ami_type").empty()) input["amiType"] = desired["ami_type"];
    if (!GetString(desired, "version").empty()) input["version"] = desired["version"];
    if (!ctx.idempotency_token.empty()) input["clientRequestToken"] = ctx.idempotency_token;
    Result<Value> out = Eks("CreateNodegroup", input);
    if (!out.ok() && out.status().reason() == "ResourceInUseException") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine) return out.status().WithContext("node group " + name + " exists and was not made by this platform");
      return *mine;
    }
    RETURN_IF_ERROR(out.status());
    RETURN_IF_ERROR(WaitActive(ctx, cluster, name));
    return ReadBack(ctx, Key(cluster, name));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> result;
    for (const ReadRequest& r : requests) {
      ASSIGN_OR_RETURN(std::optional<Value> ng, Describe(GetString(r.prior, "cluster_name"), GetString(r.prior, "name")));
      if (!ng || GetString(*ng, "status") == "DELETING") {
        result.push_back(std::nullopt);
        continue;
      }
      result.push_back(ToAttributes(*ng, r.prior));
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string cluster = GetString(prior, "cluster_name"), name = GetString(prior, "name");
    if (GetString(prior, "node_role_arn") != GetString(desired, "node_role_arn")) {
      return Status::FailedPrecondition("node group " + name + ": eks cannot change the role of a node group (" +
                                        GetString(prior, "node_role_arn") + ")");
    }
    if (!GetString(desired, "version").empty() && GetString(desired, "version") != GetString(prior, "version")) {
      ctx.Progress("upgrading nodes of " + name + " to " + GetString(desired, "version"));
      RETURN_IF_ERROR(Apply(ctx, cluster, name, "UpdateNodegroupVersion",
                            {{"clusterName", cluster}, {"nodegroupName", name}, {"version", desired["version"]}}));
    }
    Value config = {{"clusterName", cluster}, {"nodegroupName", name}};
    if (ScalingConfig(prior) != ScalingConfig(desired)) config["scalingConfig"] = ScalingConfig(desired);
    Value labels = LabelsUpdate(prior.value("labels", Value::object()), desired.value("labels", Value::object()));
    if (!labels.empty()) config["labels"] = labels;
    if (config.size() > 2) RETURN_IF_ERROR(Apply(ctx, cluster, name, "UpdateNodegroupConfig", config));
    RETURN_IF_ERROR(SyncEksTags(client(), ctx, GetString(prior, "arn"), prior, desired));
    return ReadBack(ctx, Key(cluster, name));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string cluster = GetString(prior, "cluster_name"), name = GetString(prior, "name");
    Status s = Eks("DeleteNodegroup", {{"clusterName", cluster}, {"nodegroupName", name}}).status();
    if (IsNotFound(s)) return Status::Ok();
    RETURN_IF_ERROR(s);
    return slow_.Until(ctx, "waiting for node group " + name + " to be deleted", [&](std::string* note) -> Result<bool> {
      ASSIGN_OR_RETURN(std::optional<Value> ng, Describe(cluster, name));
      *note = ng ? GetString(*ng, "status") : "gone";
      if (*note == "DELETE_FAILED") return Status::FailedPrecondition("node group " + name + " failed to delete");
      return !ng.has_value();
    });
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string cluster = GetString(desired, "cluster_name"), name = GetString(desired, "name");
    ASSIGN_OR_RETURN(std::optional<Value> ng, Describe(cluster, name));
    if (!ng || !EksTaggedAs(ctx, ng->value("tags", Value::object()))) return std::optional<Value>();
    RETURN_IF_ERROR(WaitActive(ctx, cluster, name));
    ASSIGN_OR_RETURN(Value attrs, ReadBack(ctx, Key(cluster, name)));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  static Value Key(const std::string& cluster, const std::string& name) {
    return {{"id", cluster + ":" + name}, {"cluster_name", cluster}, {"name", name}};
  }

  Result<Value> Eks(const std::string& op, const Value& input) const { return client()->Call("eks", op, input); }

  Result<std::optional<Value>> Describe(const std::string& cluster, const std::string& name) const {
    Result<Value> out = Eks("DescribeNodegroup", {{"clusterName", cluster}, {"nodegroupName", name}});
    if (!out.ok()) {
      if (IsNotFound(out.status())) return std::optional<Value>();
      return out.status();
    }
    return std::optional<Value>(out->value("nodegroup", Value::object()));
  }

  Result<std::string> CurrentStatus(const std::string& cluster, const std::string& name) const {
    ASSIGN_OR_RETURN(std::optional<Value> ng, Describe(cluster, name));
    return ng ? GetString(*ng, "status") : std::string("not visible yet");
  }

  Status WaitActive(const OperationContext& ctx, const std::string& cluster, const std::string& name) const {
    return WaitEksActive(slow_, ctx, "node group " + name, [&] { return CurrentStatus(cluster, name); },
                         {"CREATE_FAILED", "DEGRADED"});
  }

  Status Apply(const OperationContext& ctx, const std::string& cluster, const std::string& name,
               const std::string& op, const Value& input) const {
    ASSIGN_OR_RETURN(Value out, Eks(op, input));
    return WaitEksUpdate(client(), slow_, ctx, {.cluster = cluster, .nodegroup = name},
                         out.value("update", Value::object()), [&] { return CurrentStatus(cluster, name); });
  }

  static Value ToAttributes(const Value& ng, const Value& prior) {
    Value scaling = ng.value("scalingConfig", Value::object());
    std::string cluster = GetString(ng, "clusterName"), name = GetString(ng, "nodegroupName");
    return {{"id", cluster + ":" + name},
            {"cluster_name", cluster},
            {"name", name},
            {"node_role_arn", GetString(ng, "nodeRole")},
            {"subnet_ids", StableList(ng.value("subnets", Value::array()), prior.value("subnet_ids", Value()))},
            {"min_size", GetInt(scaling, "minSize", 0)},
            {"max_size", GetInt(scaling, "maxSize", 0)},
            {"desired_size", GetInt(scaling, "desiredSize", 0)},
            {"instance_types", ng.value("instanceTypes", Value::array())},
            {"disk_size", GetInt(ng, "diskSize", 20)},
            {"capacity_type", GetString(ng, "capacityType", "ON_DEMAND")},
            {"ami_type", GetString(ng, "amiType")},
            {"version", GetString(ng, "version")},
            {"labels", ng.value("labels", Value::object())},
            {"tags", EksUserTags(ng.value("tags", Value::object()))},
            {"arn", GetString(ng, "nodegroupArn")},
            {"release_version", GetString(ng, "releaseVersion")}};
  }

  Poller slow_;
};

}  // namespace

std::unique_ptr<ResourceType> NewEksNodeGroupType(AwsTypeDeps deps) {
  return std::make_unique<EksNodeGroupType>(std::move(deps));
}

}  // namespace pave::aws_provider
