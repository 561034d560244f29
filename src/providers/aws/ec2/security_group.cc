// aws_security_group: a group of a VPC; rules are aws_security_group_rule resources. With
// revoke_default_egress the allow-all egress rule AWS adds is removed, so the group denies
// everything until rules say otherwise.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

const Value& AllEgress() {
  static const Value kAll =
      Value::array({{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}});
  return kAll;
}

bool HasAllEgress(const Value& group) {
  for (const Value& p : group.value("IpPermissionsEgress", Value::array())) {
    if (GetString(p, "IpProtocol") != "-1") continue;
    for (const Value& r : p.value("IpRanges", Value::array())) {
      if (GetString(r, "CidrIp") == "0.0.0.0/0") return true;
    }
  }
  return false;
}

ResourceSchema GroupSchema() {
  ResourceSchema s;
  s.type = "aws_security_group";
  s.description = "a security group of a VPC";
  s.attributes = {
      Required("name", AttrType::kString, "group name, unique in the VPC", true),
      Optional("description", AttrType::kString, "what it is for", Value("managed by pave"), true),
      Required("vpc_id", AttrType::kString, "the VPC", true),
      Optional("revoke_default_egress", AttrType::kBool, "remove the allow-all egress rule", false),
      TagsAttribute(),
      ArnAttribute(),
  };
  return s;
}

class SecurityGroupType : public AwsResourceType {
 public:
  explicit SecurityGroupType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), GroupSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"GroupName", GetString(desired, "name")},
                   {"Description", GetString(desired, "description", "managed by pave")},
                   {"VpcId", GetString(desired, "vpc_id")},
                   {"TagSpecifications", TagSpecifications("security-group", TagsForCreate(ctx, desired))}};
    ASSIGN_OR_RETURN(Value out, Ec2("CreateSecurityGroup", input));
    std::string id = GetString(out, "GroupId");
    if (id.empty()) return Status::Internal("CreateSecurityGroup returned no GroupId");
    ctx.Created({{"id", id}});  // before RevokeSecurityGroupEgress can fail
    ASSIGN_OR_RETURN(Value current, ReadBack(ctx, {{"id", id}}, /*create_done=*/false));
    RETURN_IF_ERROR(ApplyEgress(id, current, desired));
    return ReadBack(ctx, {{"id", id}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto items, Describe("group-id", PriorValues(requests, "id")));
    std::map<std::string, Value> by_id = IndexBy(items, "GroupId");
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      out.push_back(it == by_id.end() ? std::nullopt : std::optional<Value>(ToAttributes(it->second)));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(SyncEc2Tags(ctx, id, prior, desired));
    RETURN_IF_ERROR(ApplyEgress(id, prior, desired));
    return ReadBack(ctx, {{"id", id}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    Status s = poller().RetryWhile(ctx, "deleting security group " + id, {"DependencyViolation"},
                                   [&]() { return Ec2("DeleteSecurityGroup", {{"GroupId", id}}).status(); });
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    // The name is unique in the VPC: adopt the group only when it carries our address tag.
    DescribeQuery q{.operation = "DescribeSecurityGroups",
                    .filter_name = "vpc-id",
                    .result_key = "SecurityGroups",
                    .extra_filters = Value::array(
                        {{{"Name", "group-name"}, {"Values", {GetString(desired, "name")}}}})};
    ASSIGN_OR_RETURN(auto items, DescribeByFilter(client(), q, {GetString(desired, "vpc_id")}));
    std::optional<Value> pick = PickAdoptable(ctx, items);
    if (!pick) return std::optional<Value>();
    return std::optional<Value>(ToAttributes(*pick));
  }

 private:
  Result<std::vector<Value>> Describe(const std::string& filter, const std::vector<std::string>& values) {
    DescribeQuery q{.operation = "DescribeSecurityGroups", .filter_name = filter, .result_key = "SecurityGroups"};
    return DescribeByFilter(client(), q, values);
  }

  Value ToAttributes(const Value& g) const {
    std::string id = GetString(g, "GroupId");
    return {{"id", id},
            {"name", GetString(g, "GroupName")},
            {"description", GetString(g, "Description")},
            {"vpc_id", GetString(g, "VpcId")},
            {"revoke_default_egress", !HasAllEgress(g)},
            {"tags", UserTags(g.value("Tags", Value::array()))},
            {"arn", Ec2Arn(region(), GetString(g, "OwnerId"), "security-group", id)}};
  }

  Status ApplyEgress(const std::string& id, const Value& current, const Value& desired) {
    bool revoke = GetBool(desired, "revoke_default_egress", false);
    if (GetBool(current, "revoke_default_egress", false) == revoke) return Status::Ok();
    Value input = {{"GroupId", id}, {"IpPermissions", AllEgress()}};
    Status s = Ec2(revoke ? "RevokeSecurityGroupEgress" : "AuthorizeSecurityGroupEgress", input).status();
    if (s.reason() == "InvalidPermission.NotFound" || s.reason() == "InvalidPermission.Duplicate") {
      return Status::Ok();
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewSecurityGroupType(AwsTypeDeps deps) {
  return std::make_unique<SecurityGroupType>(std::move(deps));
}

}  // namespace pave::aws_provider
