// aws_security_group as a spec: a group of a VPC; rules are aws_security_group_rule
// resources. With revoke_default_egress the allow-all egress rule AWS adds is removed (an
// update pair: RevokeSecurityGroupEgress while true, AuthorizeSecurityGroupEgress back when
// false), so the group denies everything until rules say otherwise. A group still used by a
// network interface refuses its delete (DependencyViolation): asked again until it is free.
#include "providers/aws/common/attrs.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

const Value& AllEgress() {
  static const Value kAll = Value::array({{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}});
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

ResourceSpec SecurityGroupSpec() {
  return {
      .type = "aws_security_group",
      .description = "a security group of a VPC",
      .service = "ec2",
      .attributes = {{.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "group name, unique in the VPC",
                      .create_member = "GroupName",
                      .read_member = "GroupName"},
                     {.name = "description",
                      .force_new = true,
                      .description = "what it is for",
                      .default_value = "managed by pave",
                      .create_member = "Description",
                      .read_member = "Description"},
                     {.name = "vpc_id",
                      .required = true,
                      .force_new = true,
                      .description = "the VPC",
                      .create_member = "VpcId",
                      .read_member = "VpcId"},
                     {.name = "revoke_default_egress",
                      .type = AttrType::kBool,
                      .description = "remove the allow-all egress rule",
                      .default_value = false},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"}},
      .arn_format = "arn:aws:ec2:{region}:{OwnerId}:security-group/{id}",
      .create = {.operation = "CreateSecurityGroup", .id_output = "GroupId"},
      .read = {.operation = "DescribeSecurityGroups", .result_key = "SecurityGroups", .item_key = "GroupId",
               .filter_name = "group-id"},
      .updates = {{.operation = "RevokeSecurityGroupEgress",
                   .key_member = "GroupId",
                   .members = {{"revoke_default_egress", ""}},
                   .unset_operation = "AuthorizeSecurityGroupEgress",
                   .constants = {{"IpPermissions", AllEgress()}},
                   .false_is_unset = true,
                   .done_codes = {"InvalidPermission.NotFound", "InvalidPermission.Duplicate"}}},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "security-group", .read_member = "Tags"},
      .del = {.operation = "DeleteSecurityGroup", .key_member = "GroupId", .retry_codes = {"DependencyViolation"}},
      .find = FindStyle::kByTags,
      .hooks = {.read = [](const SpecEnv&, const Value& item, const Value&, Value* attrs) {
        (*attrs)["revoke_default_egress"] = !HasAllEgress(item);
        return true;
      }},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewSecurityGroupType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), SecurityGroupSpec());
}

}  // namespace pave::aws_provider
