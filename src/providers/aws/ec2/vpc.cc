// aws_vpc: CreateVpc with tags, DNS support and hostnames (ModifyVpcAttribute, on by
// default), and a default security group stripped of its rules (CIS AWS 5.4) unless
// restrict_default_security_group is false.
//
// Create makes no read it can do without: the VPC's attributes come from CreateVpc's answer
// and from what pave set, and the three calls that do not depend on each other (DNS
// hostnames, the default group, the main route table) go out at once: six calls in three
// round trips (it was fourteen in a row: two full reads around the changes).
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/ec2/enis.h"
#include "providers/aws/common/parallel.h"

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
    Value vpc = out.value("Vpc", Value::object());
    std::string id = GetString(vpc, "VpcId");
    if (id.empty()) return Status::Internal("CreateVpc returned no VpcId");
    ctx.Created({{"id", id}});  // before ModifyVpcAttribute can fail
    // AWS turns DNS support on and hostnames off in a new VPC.
    Value dns = {{"enable_dns_support", true}, {"enable_dns_hostnames", false}};
    Status dns_set;
    Result<IdMap> main_tables = IdMap();
    Result<std::map<std::string, Value>> groups = std::map<std::string, Value>();
    ParallelFor(3, 3, [&](size_t i) {
      if (i == 0) dns_set = ApplyDns(id, dns, desired);
      if (i == 1) main_tables = MainRouteTables({id});
      if (i == 2) groups = DefaultGroups({id});
    });
    RETURN_IF_ERROR(dns_set);
    RETURN_IF_ERROR(main_tables.status());
    RETURN_IF_ERROR(groups.status());
    bool restrict = GetBool(desired, "restrict_default_security_group", true);
    if (auto it = groups->find(id); it != groups->end() && restrict) {
      RETURN_IF_ERROR(StripRules(it->second));
      it->second["IpPermissions"] = Value::array();
      it->second["IpPermissionsEgress"] = Value::array();
    }
    if (!vpc.contains("Tags")) vpc["Tags"] = TagMapToList(TagsForCreate(ctx, desired));
    Value attrs = Attributes(vpc, *main_tables, *groups);
    for (const char* attr : {"enable_dns_support", "enable_dns_hostnames"}) {
      attrs[attr] = GetBool(desired, attr, true);
    }
    return attrs;
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

  // The attributes a Describe item and the two lookups give, without the DNS settings.
  Value Attributes(const Value& vpc, const IdMap& main_tables,
                   const std::map<std::string, Value>& default_groups) const {
    std::string id = GetString(vpc, "VpcId");
    Value a = {{"id", id},
               {"cidr_block", GetString(vpc, "CidrBlock")},
               {"tags", UserTags(vpc.value("Tags", Value::array()))},
               {"arn", Ec2Arn(region(), GetString(vpc, "OwnerId"), "vpc", id)}};
    if (auto it = main_tables.find(id); it != main_tables.end()) a["main_route_table_id"] = it->second;
    if (auto it = default_groups.find(id); it != default_groups.end()) {
      a["default_security_group_id"] = GetString(it->second, "GroupId");
      a["restrict_default_security_group"] =
          it->second.value("IpPermissions", Value::array()).empty() &&
          it->second.value("IpPermissionsEgress", Value::array()).empty();
    }
    return a;
  }

  Result<Value> ToAttributes(const Value& vpc, const IdMap& main_tables,
                             const std::map<std::string, Value>& default_groups) {
    std::string id = GetString(vpc, "VpcId");
    Value a = Attributes(vpc, main_tables, default_groups);
    for (const char* attr : {"enableDnsSupport", "enableDnsHostnames"}) {
      ASSIGN_OR_RETURN(Value out, Ec2("DescribeVpcAttribute", {{"VpcId", id}, {"Attribute", attr}}));
      std::string member = attr;
      member[0] = 'E';
      bool on = GetBool(out.value(member, Value::object()), "Value", false);
      a[member == "EnableDnsSupport" ? "enable_dns_support" : "enable_dns_hostnames"] = on;
    }
    return a;
  }

  // The two DNS switches where `current` differs from `desired`.
  Status ApplyDns(const std::string& id, const Value& current, const Value& desired) const {
    // Support before hostnames: AWS refuses hostnames without support.
    for (const auto& [attr, member] : {std::pair{"enable_dns_support", "EnableDnsSupport"},
                                       std::pair{"enable_dns_hostnames", "EnableDnsHostnames"}}) {
      bool want = GetBool(desired, attr, true);
      if (current.contains(attr) && GetBool(current, attr, !want) == want) continue;
      RETURN_IF_ERROR(Ec2("ModifyVpcAttribute", {{"VpcId", id}, {member, {{"Value", want}}}}).status());
    }
    return Status::Ok();
  }

  Status ApplyAttributes(const std::string& id, const Value& current, const Value& desired) {
    RETURN_IF_ERROR(ApplyDns(id, current, desired));
    bool restrict = GetBool(desired, "restrict_default_security_group", true);
    if (GetBool(current, "restrict_default_security_group", !restrict) == restrict) return Status::Ok();
    return SetDefaultGroupRules(id, restrict);
  }

  // Revokes every rule of security group `g` (a Describe item), ingress and egress at once.
  Status StripRules(const Value& g) const {
    std::string gid = GetString(g, "GroupId");
    const std::pair<const char*, const char*> kinds[] = {
        {"IpPermissions", "RevokeSecurityGroupIngress"},
        {"IpPermissionsEgress", "RevokeSecurityGroupEgress"}};
    Status done[2];
    ParallelFor(2, 2, [&](size_t i) {
      Value perms = g.value(kinds[i].first, Value::array());
      if (!perms.empty()) done[i] = Ec2(kinds[i].second, {{"GroupId", gid}, {"IpPermissions", perms}}).status();
    });
    RETURN_IF_ERROR(done[0]);
    return done[1];
  }

  // Strips (restrict) or restores AWS's two default rules of the VPC's default group.
  Status SetDefaultGroupRules(const std::string& vpc_id, bool restrict) {
    ASSIGN_OR_RETURN(auto groups, DefaultGroups({vpc_id}));
    auto it = groups.find(vpc_id);
    if (it == groups.end()) return Status::Ok();
    const Value& g = it->second;
    std::string gid = GetString(g, "GroupId");
    if (restrict) return StripRules(g);
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
