// aws_security_group_rule (spec): one ingress or egress rule, id = its sgr- id. The type
// chooses the operations (Authorize/RevokeSecurityGroupIngress or ...Egress); a rule already
// there with the same content (InvalidPermission.Duplicate: the allow-all egress rule of every
// new group) is found by its content and taken over.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// The IpPermissions entry of a rule: one range or one peer group, with the description.
Status AddPermission(const SpecEnv& env, const Value& d, Value* input) {
  (void)env;
  Value p = {{"IpProtocol", GetString(d, "protocol")}};
  if (GetString(d, "protocol") != "-1") {
    p["FromPort"] = GetInt(d, "from_port", -1);
    p["ToPort"] = GetInt(d, "to_port", -1);
  }
  std::string description = GetString(d, "description");
  auto peer = [&](const char* list, const char* member, const char* attribute) {
    if (GetString(d, attribute).empty()) return;
    Value entry = {{member, GetString(d, attribute)}};
    if (!description.empty()) entry["Description"] = description;
    p[list] = Value::array({entry});
  };
  peer("IpRanges", "CidrIp", "cidr_ipv4");
  peer("UserIdGroupPairs", "GroupId", "source_security_group_id");
  (*input)["IpPermissions"] = Value::array({p});
  return Status::Ok();
}

// What a rule's item says in the attributes' terms: its direction, and the ports and
// description AWS leaves out where they do not apply.
bool ReadRule(const SpecEnv& env, const Value& item, const Value& prior, Value* attrs) {
  (void)env;
  (void)prior;
  (*attrs)["type"] = GetBool(item, "IsEgress", false) ? "egress" : "ingress";
  for (const char* port : {"from_port", "to_port"}) (*attrs)[port] = GetInt(*attrs, port, -1);
  (*attrs)["description"] = GetString(*attrs, "description");
  for (const char* peer : {"cidr_ipv4", "source_security_group_id"}) {
    if (GetString(*attrs, peer).empty()) attrs->erase(peer);
  }
  return true;
}

// The group's rule with the desired content, if any.
Result<std::optional<std::string>> SameRule(const SpecEnv& env, const OperationContext& ctx, const Value& desired) {
  (void)ctx;
  DescribeQuery q{.operation = "DescribeSecurityGroupRules", .filter_name = "group-id",
                  .result_key = "SecurityGroupRules"};
  ASSIGN_OR_RETURN(std::vector<Value> rules, DescribeByFilter(env.client, q, {GetString(desired, "security_group_id")}));
  for (const Value& r : rules) {
    bool same = GetString(r, "IpProtocol") == GetString(desired, "protocol") &&
                GetInt(r, "FromPort", -1) == GetInt(desired, "from_port", -1) &&
                GetInt(r, "ToPort", -1) == GetInt(desired, "to_port", -1) &&
                (GetBool(r, "IsEgress", false) ? "egress" : "ingress") == GetString(desired, "type") &&
                GetString(r, "CidrIpv4") == GetString(desired, "cidr_ipv4") &&
                GetString(r.value("ReferencedGroupInfo", Value::object()), "GroupId") ==
                    GetString(desired, "source_security_group_id");
    if (same) return std::optional<std::string>(GetString(r, "SecurityGroupRuleId"));
  }
  return std::optional<std::string>();
}

ResourceSpec SecurityGroupRuleSpec() {
  const OperationChoice egress_create = {.attribute = "type", .operations = {{"egress", "AuthorizeSecurityGroupEgress"}}};
  const OperationChoice egress_delete = {.attribute = "type", .operations = {{"egress", "RevokeSecurityGroupEgress"}}};
  return {
      .type = "aws_security_group_rule",
      .description = "an ingress or egress rule of a security group; set cidr_ipv4 or source_security_group_id",
      .service = "ec2",
      .attributes = {
          {.name = "security_group_id", .required = true, .force_new = true, .description = "the group",
           .create_member = "GroupId", .read_member = "GroupId"},
          {.name = "type", .required = true, .force_new = true, .description = "ingress | egress"},
          {.name = "protocol", .required = true, .force_new = true, .description = "tcp | udp | icmp | -1 (all)",
           .read_member = "IpProtocol"},
          {.name = "from_port", .type = AttrType::kInt, .force_new = true, .description = "first port (-1: all)",
           .default_value = Value(-1), .read_member = "FromPort"},
          {.name = "to_port", .type = AttrType::kInt, .force_new = true, .description = "last port (-1: all)",
           .default_value = Value(-1), .read_member = "ToPort"},
          {.name = "cidr_ipv4", .force_new = true, .description = "peer IPv4 range", .read_member = "CidrIpv4"},
          {.name = "source_security_group_id", .force_new = true, .description = "peer group",
           .read_member = "ReferencedGroupInfo.GroupId"},
          {.name = "description", .force_new = true, .description = "what it allows", .default_value = Value(""),
           .read_member = "Description"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
      },
      .arn_format = "arn:aws:ec2:{region}:{account}:security-group-rule/{id}",
      .create = {.operation = "AuthorizeSecurityGroupIngress",
                 .id_output = "SecurityGroupRules.SecurityGroupRuleId",
                 .conflict_codes = {"InvalidPermission.Duplicate"},
                 .choice = egress_create},
      .read = {.operation = "DescribeSecurityGroupRules", .result_key = "SecurityGroupRules",
               .item_key = "SecurityGroupRuleId", .filter_name = "security-group-rule-id"},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "security-group-rule", .read_member = "Tags"},
      .del = {.operation = "RevokeSecurityGroupIngress", .key_member = "SecurityGroupRuleIds",
              .members = {{"security_group_id", "GroupId"}},
              .gone_codes = {"InvalidPermission.NotFound"},
              .key_in_list = true,
              .choice = egress_delete},
      .find = FindStyle::kByContent,
      .hooks = {.read = ReadRule, .create_input = AddPermission, .find_key = SameRule},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewSecurityGroupRuleType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), SecurityGroupRuleSpec());
}

}  // namespace pave::aws_provider
