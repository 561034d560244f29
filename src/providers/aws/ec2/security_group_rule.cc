// aws_security_group_rule: one ingress or egress rule, id = its sgr- id. A rule already
// there with the same content (InvalidPermission.Duplicate) is taken over.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema RuleSchema() {
  ResourceSchema s;
  s.type = "aws_security_group_rule";
  s.description = "an ingress or egress rule of a security group; set cidr_ipv4 or source_security_group_id";
  s.attributes = {
      Required("security_group_id", AttrType::kString, "the group", true),
      Required("type", AttrType::kString, "ingress | egress", true),
      Required("protocol", AttrType::kString, "tcp | udp | icmp | -1 (all)", true),
      Optional("from_port", AttrType::kInt, "first port (-1: all)", Value(-1), true),
      Optional("to_port", AttrType::kInt, "last port (-1: all)", Value(-1), true),
      Optional("cidr_ipv4", AttrType::kString, "peer IPv4 range", std::nullopt, true),
      Optional("source_security_group_id", AttrType::kString, "peer group", std::nullopt, true),
      Optional("description", AttrType::kString, "what it allows", Value(""), true),
      TagsAttribute(),
      ArnAttribute(),
  };
  return s;
}

class SecurityGroupRuleType : public AwsResourceType {
 public:
  explicit SecurityGroupRuleType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), RuleSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    bool egress = GetString(desired, "type") == "egress";
    Value input = {{"GroupId", GetString(desired, "security_group_id")},
                   {"IpPermissions", Value::array({Permission(desired)})},
                   {"TagSpecifications", TagSpecifications("security-group-rule", TagsForCreate(ctx, desired))}};
    Result<Value> out = Ec2(egress ? "AuthorizeSecurityGroupEgress" : "AuthorizeSecurityGroupIngress", input);
    std::string id;
    if (out.ok()) {
      for (const Value& r : out->value("SecurityGroupRules", Value::array())) id = GetString(r, "SecurityGroupRuleId");
    } else if (out.status().reason() != "InvalidPermission.Duplicate") {
      return out.status();
    }
    if (id.empty()) {  // duplicate, or an old API answer without rule ids: find it by content
      ASSIGN_OR_RETURN(std::optional<Value> same, FindSame(desired));
      if (!same) return Status::Internal("security group rule created but not found");
      id = GetString(*same, "id");
      RETURN_IF_ERROR(SyncEc2Tags(ctx, id, *same, desired));
    }
    return ReadBack(ctx, {{"id", id}, {"security_group_id", GetString(desired, "security_group_id")}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto rules, Describe(PriorValues(requests, "security_group_id")));
    std::map<std::string, Value> by_id = IndexBy(rules, "SecurityGroupRuleId");
    ASSIGN_OR_RETURN(std::string account, Account());
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      out.push_back(it == by_id.end() ? std::nullopt : std::optional<Value>(ToAttributes(it->second, account)));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(SyncEc2Tags(ctx, id, prior, desired));
    return ReadBack(ctx, prior);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    bool egress = GetString(prior, "type") == "egress";
    Value input = {{"GroupId", GetString(prior, "security_group_id")},
                   {"SecurityGroupRuleIds", {GetString(prior, "id")}}};
    Status s = Ec2(egress ? "RevokeSecurityGroupEgress" : "RevokeSecurityGroupIngress", input).status();
    return IsNotFound(s) || s.reason() == "InvalidPermission.NotFound" ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    return FindSame(desired);
  }

 private:
  Result<std::vector<Value>> Describe(const std::vector<std::string>& group_ids) {
    DescribeQuery q{.operation = "DescribeSecurityGroupRules",
                    .filter_name = "group-id",
                    .result_key = "SecurityGroupRules"};
    return DescribeByFilter(client(), q, group_ids);
  }

  // The rule of the group with the same content as `desired`, if any.
  Result<std::optional<Value>> FindSame(const Value& desired) {
    ASSIGN_OR_RETURN(auto rules, Describe({GetString(desired, "security_group_id")}));
    ASSIGN_OR_RETURN(std::string account, Account());
    for (const Value& rule : rules) {
      Value a = ToAttributes(rule, account);
      bool same = true;
      for (const char* k : {"type", "protocol", "from_port", "to_port", "cidr_ipv4", "source_security_group_id"}) {
        Value want = desired.contains(k) ? desired[k] : Value();
        if (std::string(k) == "from_port" || std::string(k) == "to_port") want = GetInt(desired, k, -1);
        if (a.value(k, Value()) != want) same = false;
      }
      if (same) return std::optional<Value>(std::move(a));
    }
    return std::optional<Value>();
  }

  static Value Permission(const Value& d) {
    Value p = {{"IpProtocol", GetString(d, "protocol")}};
    if (GetString(d, "protocol") != "-1") {
      p["FromPort"] = GetInt(d, "from_port", -1);
      p["ToPort"] = GetInt(d, "to_port", -1);
    }
    std::string description = GetString(d, "description");
    if (!GetString(d, "cidr_ipv4").empty()) {
      Value range = {{"CidrIp", GetString(d, "cidr_ipv4")}};
      if (!description.empty()) range["Description"] = description;
      p["IpRanges"] = Value::array({range});
    }
    if (!GetString(d, "source_security_group_id").empty()) {
      Value pair = {{"GroupId", GetString(d, "source_security_group_id")}};
      if (!description.empty()) pair["Description"] = description;
      p["UserIdGroupPairs"] = Value::array({pair});
    }
    return p;
  }

  Value ToAttributes(const Value& r, const std::string& account) const {
    std::string id = GetString(r, "SecurityGroupRuleId");
    Value a = {{"id", id},
               {"security_group_id", GetString(r, "GroupId")},
               {"type", GetBool(r, "IsEgress", false) ? "egress" : "ingress"},
               {"protocol", GetString(r, "IpProtocol")},
               {"from_port", GetInt(r, "FromPort", -1)},
               {"to_port", GetInt(r, "ToPort", -1)},
               {"description", GetString(r, "Description")},
               {"tags", UserTags(r.value("Tags", Value::array()))},
               {"arn", Ec2Arn(region(), GetString(r, "GroupOwnerId", account), "security-group-rule", id)}};
    if (!GetString(r, "CidrIpv4").empty()) a["cidr_ipv4"] = GetString(r, "CidrIpv4");
    std::string source = GetString(r.value("ReferencedGroupInfo", Value::object()), "GroupId");
    if (!source.empty()) a["source_security_group_id"] = source;
    return a;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewSecurityGroupRuleType(AwsTypeDeps deps) {
  return std::make_unique<SecurityGroupRuleType>(std::move(deps));
}

}  // namespace pave::aws_provider
