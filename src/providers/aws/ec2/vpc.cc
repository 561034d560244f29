// aws_vpc: CreateVpc with tags, DNS support and hostnames (ModifyVpcAttribute, on by
// default), and a default security group stripped of its rules (CIS AWS 5.4) unless
// restrict_default_security_group is false.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/ec2/enis.h"

namespace pave::aws_provider {
namespace {

ResourceSchema VpcSchema() {
  ResourceSchema s;
  s.type = "aws_vpc";
  s.description = "a virtual private cloud";
  s.attributes = {
      Required("cidr_block", AttrType::kString, "IPv4 range, e.g. 10.0.0.0/16", true),
      Optional("enable_dns_support", AttrType::kBool, "Amazon DNS server", true),
      Optional("enable_dns_hostnames", AttrType::kBool, "DNS names for instances", true),
      Optional("restrict_default_security_group", AttrType::kBool,
               "strip every rule of the VPC's default security group", true),
      TagsAttribute(),
      ArnAttribute(),
      Computed("main_route_table_id", AttrType::kString, "the VPC's main route table"),
      Computed("default_security_group_id", AttrType::kString, "the VPC's default security group"),
  };
  return s;
}

class VpcType : public AwsResourceType {
 public:
  explicit VpcType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), VpcSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"CidrBlock", GetString(desired, "cidr_block")},
                   {"TagSpecifications", TagSpecifications("vpc", TagsForCreate(ctx, desired))}};
    ASSIGN_OR_RETURN(Value out, Ec2("CreateVpc", input));
    std::string id = GetString(out.value("Vpc", Value::object()), "VpcId");
    if (id.empty()) return Status::Internal("CreateVpc returned no VpcId");
    ctx.Created({{"id", id}});  // before ModifyVpcAttribute can fail
    ASSIGN_OR_RETURN(Value current, ReadBack(ctx, {{"id", id}}));
    RETURN_IF_ERROR(ApplyAttributes(id, current, desired));
    return ReadBack(ctx, {{"id", id}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::string> ids = PriorValues(requests, "id");
    DescribeQuery q{.operation = "DescribeVpcs", .filter_name = "vpc-id", .result_key = "Vpcs"};
    ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(client(), q, ids));
    std::map<std::string, Value> vpcs = IndexBy(items, "VpcId");
    std::vector<std::string> found;
    for (const auto& [id, item] : vpcs) found.push_back(id);
    ASSIGN_OR_RETURN(auto main_tables, MainRouteTables(found));
    ASSIGN_OR_RETURN(auto default_groups, DefaultGroups(found));
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = vpcs.find(GetString(r.prior, "id"));
      if (it == vpcs.end()) {
        out.push_back(std::nullopt);
        continue;
      }
      ASSIGN_OR_RETURN(Value attrs, ToAttributes(it->second, main_tables, default_groups));
      out.push_back(std::move(attrs));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(SyncEc2Tags(ctx, id, prior, desired));
    RETURN_IF_ERROR(ApplyAttributes(id, prior, desired));
    return ReadBack(ctx, {{"id", id}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    Status s = poller().RetryWhile(ctx, "deleting vpc " + id, {"DependencyViolation"}, [&]() {
      RETURN_IF_ERROR(DeleteLeftoverEnis(client(), "vpc-id", id));
      return Ec2("DeleteVpc", {{"VpcId", id}}).status();
    });
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)desired;
    DescribeQuery q{.operation = "DescribeVpcs",
                    .filter_name = "tag:" + std::string(kTagAddress),
                    .result_key = "Vpcs",
                    .extra_filters = Value::array(
                        {{{"Name", "tag:" + std::string(kTagPlatform)}, {"Values", {ctx.platform}}}})};
    ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(client(), q, {ctx.address.ToString()}));
    std::optional<Value> pick = PickAdoptable(ctx, items);
    if (!pick) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value attrs, ReadBack(ctx, {{"id", GetString(*pick, "VpcId")}}));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  using IdMap = std::map<std::string, std::string>;

  // vpc id -> main route table id (one call for all VPCs).
  Result<IdMap> MainRouteTables(const std::vector<std::string>& vpc_ids) {
    DescribeQuery q{.operation = "DescribeRouteTables",
                    .filter_name = "vpc-id",
                    .result_key = "RouteTables",
                    .extra_filters = Value::array({{{"Name", "association.main"}, {"Values", {"true"}}}})};
    ASSIGN_OR_RETURN(std::vector<Value> tables, DescribeByFilter(client(), q, vpc_ids));
    IdMap out;
    for (const Value& t : tables) {
      for (const Value& a : t.value("Associations", Value::array())) {
        if (GetBool(a, "Main", false)) out[GetString(t, "VpcId")] = GetString(t, "RouteTableId");
      }
    }
    return out;
  }

  // vpc id -> its default security group (whole item, for the rule check).
  Result<std::map<std::string, Value>> DefaultGroups(const std::vector<std::string>& vpc_ids) {
    DescribeQuery q{.operation = "DescribeSecurityGroups",
                    .filter_name = "vpc-id",
                    .result_key = "SecurityGroups",
                    .extra_filters = Value::array({{{"Name", "group-name"}, {"Values", {"default"}}}})};
    ASSIGN_OR_RETURN(std::vector<Value> groups, DescribeByFilter(client(), q, vpc_ids));
    std::map<std::string, Value> out;
    for (const Value& g : groups) {
      if (GetString(g, "GroupName") == "default") out[GetString(g, "VpcId")] = g;
    }
    return out;
  }

  Result<Value> ToAttributes(const Value& vpc, const IdMap& main_tables,
                             const std::map<std::string, Value>& default_groups) {
    std::string id = GetString(vpc, "VpcId");
    Value a = {{"id", id},
               {"cidr_block", GetString(vpc, "CidrBlock")},
               {"tags", UserTags(vpc.value("Tags", Value::array()))},
               {"arn", Ec2Arn(region(), GetString(vpc, "OwnerId"), "vpc", id)}};
    for (const char* attr : {"enableDnsSupport", "enableDnsHostnames"}) {
      ASSIGN_OR_RETURN(Value out, Ec2("DescribeVpcAttribute", {{"VpcId", id}, {"Attribute", attr}}));
      std::string member = attr;
      member[0] = 'E';
      bool on = GetBool(out.value(member, Value::object()), "Value", false);
      a[member == "EnableDnsSupport" ? "enable_dns_support" : "enable_dns_hostnames"] = on;
    }
    if (auto it = main_tables.find(id); it != main_tables.end()) a["main_route_table_id"] = it->second;
    if (auto it = default_groups.find(id); it != default_groups.end()) {
      a["default_security_group_id"] = GetString(it->second, "GroupId");
      a["restrict_default_security_group"] =
          it->second.value("IpPermissions", Value::array()).empty() &&
          it->second.value("IpPermissionsEgress", Value::array()).empty();
    }
    return a;
  }

  Status ApplyAttributes(const std::string& id, const Value& current, const Value& desired) {
    // Support before hostnames: AWS refuses hostnames without support.
    for (const auto& [attr, member] : {std::pair{"enable_dns_support", "EnableDnsSupport"},
                                       std::pair{"enable_dns_hostnames", "EnableDnsHostnames"}}) {
      bool want = GetBool(desired, attr, true);
      if (current.contains(attr) && GetBool(current, attr, !want) == want) continue;
      RETURN_IF_ERROR(Ec2("ModifyVpcAttribute", {{"VpcId", id}, {member, {{"Value", want}}}}).status());
    }
    bool restrict = GetBool(desired, "restrict_default_security_group", true);
    if (GetBool(current, "restrict_default_security_group", !restrict) == restrict) return Status::Ok();
    return SetDefaultGroupRules(id, restrict);
  }

  // Strips (restrict) or restores AWS's two default rules of the VPC's default group.
  Status SetDefaultGroupRules(const std::string& vpc_id, bool restrict) {
    ASSIGN_OR_RETURN(auto groups, DefaultGroups({vpc_id}));
    auto it = groups.find(vpc_id);
    if (it == groups.end()) return Status::Ok();
    const Value& g = it->second;
    std::string gid = GetString(g, "GroupId");
    if (restrict) {
      for (const auto& [member, op] : {std::pair{"IpPermissions", "RevokeSecurityGroupIngress"},
                                       std::pair{"IpPermissionsEgress", "RevokeSecurityGroupEgress"}}) {
        Value perms = g.value(member, Value::array());
        if (perms.empty()) continue;
        RETURN_IF_ERROR(Ec2(op, {{"GroupId", gid}, {"IpPermissions", perms}}).status());
      }
      return Status::Ok();
    }
    Value self = Value::array({{{"IpProtocol", "-1"}, {"UserIdGroupPairs", {{{"GroupId", gid}}}}}});
    Value all = Value::array({{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}});
    RETURN_IF_ERROR(Ec2("AuthorizeSecurityGroupIngress", {{"GroupId", gid}, {"IpPermissions", self}}).status());
    return Ec2("AuthorizeSecurityGroupEgress", {{"GroupId", gid}, {"IpPermissions", all}}).status();
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewVpcType(AwsTypeDeps deps) {
  return std::make_unique<VpcType>(std::move(deps));
}

}  // namespace pave::aws_provider
