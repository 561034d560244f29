// aws_eks_cluster: created with clientRequestToken = the idempotency token and the pave tags,
// waited for until ACTIVE. `version` is upgraded in place (UpdateClusterVersion); endpoint
// access, subnets and control-plane logging change in place (UpdateClusterConfig, one kind of
// change per call as EKS requires). Delete removes node groups left on the cluster first
// (they block DeleteCluster), then waits until the cluster is gone.
#include <algorithm>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/eks/eks_common.h"
#include "providers/aws/eks/eks_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema ClusterSchema() {
  ResourceSchema s;
  s.type = "aws_eks_cluster";
  s.description = "an EKS cluster (the Kubernetes control plane)";
  s.typical_create = std::chrono::minutes(12);
  s.attributes = {
      Required("name", AttrType::kString, "cluster name", true),
      // Not force_new: a reference to the role's arn is unknown while the role is updated, and
      // that must not plan a replacement of the cluster; a real change fails in Update.
      Required("role_arn", AttrType::kString, "the cluster role (cannot change)"),
      Unordered(Required("subnet_ids", AttrType::kList, "subnets of the control plane's network interfaces")),
      Monotonic(Computed("version", AttrType::kString, "Kubernetes version, e.g. 1.31 (in-place upgrade; never down)")),
      Unordered(Optional("security_group_ids", AttrType::kList, "extra security groups", Value::array())),
      Optional("endpoint_private_access", AttrType::kBool, "API reachable inside the VPC", Value(true)),
      Optional("endpoint_public_access", AttrType::kBool, "API reachable from the internet", Value(false)),
      Unordered(Computed("public_access_cidrs", AttrType::kList, "who may reach the public endpoint")),
      Unordered(Optional("enabled_log_types", AttrType::kList,
               "control-plane logs: api, audit, authenticator, controllerManager, scheduler",
               Value::array())),
      Optional("kms_key_arn", AttrType::kString,
               "KMS key encrypting Kubernetes secrets (can be added later, never changed)", Value("")),
      TagsAttribute(),
      ArnAttribute(),
      Stable("endpoint", AttrType::kString, "the API server URL"),
      Stable("certificate_authority", AttrType::kString, "base64 CA bundle of the API server"),
      Stable("oidc_issuer", AttrType::kString, "the OIDC issuer URL (https://...)"),
      Computed("platform_version", AttrType::kString, "EKS platform version"),
      Stable("cluster_security_group_id", AttrType::kString, "the security group EKS made"),
  };
  return s;
}

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

class EksClusterType : public AwsResourceType {
 public:
  explicit EksClusterType(AwsTypeDeps deps)
      : AwsResourceType(std::move(deps), ClusterSchema()),
        slow_(deps_.env, EksPollOptions(deps_.poll)) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    Value input = {{"name", name},
                   {"roleArn", GetString(desired, "role_arn")},
                   {"resourcesVpcConfig", VpcConfig(desired, /*with_subnets=*/true)},
                   {"logging", LoggingUpdate(Value::array(), desired.value("enabled_log_types", Value::array()))},
                   {"tags", EksTagsForCreate(ctx, desired)}};
    if (input["logging"]["clusterLogging"].empty()) input.erase("logging");
    if (!GetString(desired, "version").empty()) input["version"] = desired["version"];
    if (!GetString(desired, "kms_key_arn").empty()) {
      input["encryptionConfig"] = EncryptionConfig(desired);
    }
    if (!ctx.idempotency_token.empty()) input["clientRequestToken"] = ctx.idempotency_token;
    Result<Value> out = Eks("CreateCluster", input);
    if (!out.ok() && out.status().reason() == "ResourceInUseException") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine) return out.status().WithContext("cluster " + name + " exists and was not made by this platform");
      return *mine;
    }
    RETURN_IF_ERROR(out.status());
    RETURN_IF_ERROR(WaitActive(ctx, name));
    return ReadBack(ctx, {{"id", name}, {"name", name}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> result;
    for (const ReadRequest& r : requests) {
      ASSIGN_OR_RETURN(std::optional<Value> cluster, Describe(GetString(r.prior, "name", GetString(r.prior, "id"))));
      if (!cluster || GetString(*cluster, "status") == "DELETING") {
        result.push_back(std::nullopt);
        continue;
      }
      result.push_back(ToAttributes(*cluster, r.prior));
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string name = GetString(prior, "name");
    RETURN_IF_ERROR(CheckFixed(prior, desired));
    if (GetString(prior, "kms_key_arn").empty() && !GetString(desired, "kms_key_arn").empty()) {
      RETURN_IF_ERROR(Apply(ctx, name, "AssociateEncryptionConfig",
                            {{"clusterName", name}, {"encryptionConfig", EncryptionConfig(desired)}}));
    }
    if (!GetString(desired, "version").empty() && GetString(desired, "version") != GetString(prior, "version")) {
      ctx.Progress("upgrading control plane to " + GetString(desired, "version"));
      RETURN_IF_ERROR(Apply(ctx, name, "UpdateClusterVersion", {{"name", name}, {"version", desired["version"]}}));
    }
    if (EndpointChanged(prior, desired)) {
      RETURN_IF_ERROR(Apply(ctx, name, "UpdateClusterConfig",
                            {{"name", name}, {"resourcesVpcConfig", VpcConfig(desired, false)}}));
    }
    if (SortedStrings(prior.value("subnet_ids", Value::array())) != SortedStrings(desired.value("subnet_ids", Value::array())) ||
        SortedStrings(prior.value("security_group_ids", Value::array())) !=
            SortedStrings(desired.value("security_group_ids", Value::array()))) {
      Value vpc = {{"subnetIds", desired.value("subnet_ids", Value::array())},
                   {"securityGroupIds", desired.value("security_group_ids", Value::array())}};
      RETURN_IF_ERROR(Apply(ctx, name, "UpdateClusterConfig", {{"name", name}, {"resourcesVpcConfig", vpc}}));
    }
    Value before = SortedStrings(prior.value("enabled_log_types", Value::array()));
    Value after = SortedStrings(desired.value("enabled_log_types", Value::array()));
    if (before != after) {
      RETURN_IF_ERROR(Apply(ctx, name, "UpdateClusterConfig", {{"name", name}, {"logging", LoggingUpdate(before, after)}}));
    }
    RETURN_IF_ERROR(SyncEksTags(client(), ctx, GetString(prior, "arn"), prior, desired));
    return ReadBack(ctx, {{"id", name}, {"name", name}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string name = GetString(prior, "name");
    RETURN_IF_ERROR(DeleteLeftoverNodegroups(ctx, name));
    Status s = slow_.RetryWhile(ctx, "deleting cluster " + name, {"ResourceInUseException"},
                                [&] { return Eks("DeleteCluster", {{"name", name}}).status(); });
    if (IsNotFound(s)) return Status::Ok();
    RETURN_IF_ERROR(s);
    return slow_.Until(ctx, "waiting for cluster " + name + " to be deleted", [&](std::string* note) -> Result<bool> {
      ASSIGN_OR_RETURN(std::optional<Value> c, Describe(name));
      *note = c ? GetString(*c, "status") : "gone";
      return !c.has_value();
    });
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    ASSIGN_OR_RETURN(std::optional<Value> cluster, Describe(name));
    if (!cluster || !EksTaggedAs(ctx, cluster->value("tags", Value::object()))) return std::optional<Value>();
    RETURN_IF_ERROR(WaitActive(ctx, name));
    ASSIGN_OR_RETURN(Value attrs, ReadBack(ctx, {{"id", name}, {"name", name}}));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  Result<Value> Eks(const std::string& op, const Value& input) const { return client()->Call("eks", op, input); }

  Result<std::optional<Value>> Describe(const std::string& name) const {
    Result<Value> out = Eks("DescribeCluster", {{"name", name}});
    if (!out.ok()) {
      if (IsNotFound(out.status())) return std::optional<Value>();
      return out.status();
    }
    return std::optional<Value>(out->value("cluster", Value::object()));
  }

  Result<std::string> CurrentStatus(const std::string& name) const {
    ASSIGN_OR_RETURN(std::optional<Value> c, Describe(name));
    return c ? GetString(*c, "status") : std::string("not visible yet");
  }

  Status WaitActive(const OperationContext& ctx, const std::string& name) const {
    return WaitEksActive(slow_, ctx, "cluster " + name, [&] { return CurrentStatus(name); }, {"FAILED"});
  }

  // Calls an Update* operation and waits for the update it starts to end.
  Status Apply(const OperationContext& ctx, const std::string& name, const std::string& op, const Value& input) const {
    ASSIGN_OR_RETURN(Value out, Eks(op, input));
    return WaitEksUpdate(client(), slow_, ctx, {.cluster = name}, out.value("update", Value::object()),
                         [&] { return CurrentStatus(name); });
  }

  static Value EncryptionConfig(const Value& desired) {
    return Value::array(
        {{{"resources", {"secrets"}}, {"provider", {{"keyArn", GetString(desired, "kms_key_arn")}}}}});
  }

  // What EKS cannot change on a cluster.
  static Status CheckFixed(const Value& prior, const Value& desired) {
    if (GetString(prior, "role_arn") != GetString(desired, "role_arn")) {
      return Status::FailedPrecondition("cluster " + GetString(prior, "name") + ": eks cannot change the role of a cluster (" +
                                        GetString(prior, "role_arn") + ")");
    }
    std::string before = GetString(prior, "kms_key_arn"), after = GetString(desired, "kms_key_arn");
    if (!before.empty() && before != after) {
      return Status::FailedPrecondition("cluster " + GetString(prior, "name") +
                                        ": eks cannot change or remove the key encrypting secrets once set");
    }
    return Status::Ok();
  }

  static Value VpcConfig(const Value& desired, bool with_subnets) {
    Value vpc = {{"endpointPrivateAccess", GetBool(desired, "endpoint_private_access", true)},
                 {"endpointPublicAccess", GetBool(desired, "endpoint_public_access", false)}};
    if (desired.contains("public_access_cidrs") && desired["public_access_cidrs"].is_array() &&
        GetBool(desired, "endpoint_public_access", false)) {
      vpc["publicAccessCidrs"] = desired["public_access_cidrs"];
    }
    if (with_subnets) {
      vpc["subnetIds"] = desired.value("subnet_ids", Value::array());
      vpc["securityGroupIds"] = desired.value("security_group_ids", Value::array());
    }
    return vpc;
  }

  static bool EndpointChanged(const Value& prior, const Value& desired) {
    bool cidrs = desired.contains("public_access_cidrs") && desired["public_access_cidrs"].is_array() &&
                 SortedStrings(desired["public_access_cidrs"]) != SortedStrings(prior.value("public_access_cidrs", Value::array()));
    return cidrs || GetBool(prior, "endpoint_private_access", true) != GetBool(desired, "endpoint_private_access", true) ||
           GetBool(prior, "endpoint_public_access", false) != GetBool(desired, "endpoint_public_access", false);
  }

  Status DeleteLeftoverNodegroups(const OperationContext& ctx, const std::string& name) const {
    Result<Value> list = client()->CallAllPages("eks", "ListNodegroups", {{"clusterName", name}});
    if (!list.ok()) return IsNotFound(list.status()) ? Status::Ok() : list.status();
    for (const Value& ng : list->value("nodegroups", Value::array())) {
      ctx.Progress("deleting node group " + ng.get<std::string>() + " left on cluster " + name);
      Status s = Eks("DeleteNodegroup", {{"clusterName", name}, {"nodegroupName", ng}}).status();
      if (!s.ok() && !IsNotFound(s) && s.reason() != "ResourceInUseException") return s;
    }
    return Status::Ok();
  }

  Value ToAttributes(const Value& c, const Value& prior) const {
    Value vpc = c.value("resourcesVpcConfig", Value::object());
    std::string kms;
    for (const Value& e : c.value("encryptionConfig", Value::array())) {
      kms = GetString(e.value("provider", Value::object()), "keyArn");
    }
    Value cidrs = vpc.value("publicAccessCidrs", Value::array());
    return {{"id", GetString(c, "name")},
            {"name", GetString(c, "name")},
            {"role_arn", GetString(c, "roleArn")},
            {"subnet_ids", StableList(vpc.value("subnetIds", Value::array()), prior.value("subnet_ids", Value()))},
            {"version", GetString(c, "version")},
            {"security_group_ids", StableList(vpc.value("securityGroupIds", Value::array()),
                                              prior.value("security_group_ids", Value()))},
            {"endpoint_private_access", GetBool(vpc, "endpointPrivateAccess", false)},
            {"endpoint_public_access", GetBool(vpc, "endpointPublicAccess", false)},
            {"public_access_cidrs", StableList(cidrs, prior.value("public_access_cidrs", Value()))},
            {"enabled_log_types", StableList(EnabledLogTypes(c.value("logging", Value::object())),
                                             prior.value("enabled_log_types", Value()))},
            {"kms_key_arn", kms},
            {"tags", EksUserTags(c.value("tags", Value::object()))},
            {"arn", GetString(c, "arn")},
            {"endpoint", GetString(c, "endpoint")},
            {"certificate_authority", GetString(c.value("certificateAuthority", Value::object()), "data")},
            {"oidc_issuer", GetString(c.value("identity", Value::object()).value("oidc", Value::object()), "issuer")},
            {"platform_version", GetString(c, "platformVersion")},
            {"cluster_security_group_id", GetString(vpc, "clusterSecurityGroupId")}};
  }

  Poller slow_;
};

}  // namespace

std::unique_ptr<ResourceType> NewEksClusterType(AwsTypeDeps deps) {
  return std::make_unique<EksClusterType>(std::move(deps));
}

}  // namespace pave::aws_provider
