// aws_vpc (a spec): CreateVpc with tags; DNS support and hostnames (ModifyVpcAttribute, one
// attribute a call, support first: AWS refuses hostnames without it) made at create only where
// they differ from what a new VPC has (support on, hostnames off); the default security group
// stripped of its rules (CIS AWS 5.4) unless restrict_default_security_group is false — beside
// the DNS calls, not after them.
//
// The read is one DescribeVpcs for all VPCs, then one read_group round: the main route tables
// and the default groups of all of them (one Describe each) and each VPC's two DNS attributes,
// all at once. Deleting first removes leftover network interfaces, then retries while in use.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/parallel.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/ec2/enis.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// vpc id -> the item `operation` gives for it among those matching `filter` ("vpc-id" plus
// `extra`), one call for all VPCs; `keep` says which item counts.
Result<std::map<std::string, Value>> ByVpc(const SpecEnv& env, const std::string& operation,
                                           const std::string& result_key, const Value& extra,
                                           const std::vector<std::string>& vpc_ids,
                                           const std::function<bool(const Value&)>& keep) {
  DescribeQuery q{.operation = operation, .filter_name = "vpc-id", .result_key = result_key, .extra_filters = extra};
  ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(env.client, q, vpc_ids));
  std::map<std::string, Value> out;
  for (Value& item : items) {
    if (!keep(item)) continue;
    std::string vpc = GetString(item, "VpcId");  // before the item is moved from
    out[vpc] = std::move(item);
  }
  return out;
}

Result<std::map<std::string, Value>> DefaultGroups(const SpecEnv& env, const std::vector<std::string>& vpc_ids) {
  return ByVpc(env, "DescribeSecurityGroups", "SecurityGroups",
               Value::array({{{"Name", "group-name"}, {"Values", {"default"}}}}), vpc_ids,
               [](const Value& g) { return GetString(g, "GroupName") == "default"; });
}

Result<std::map<std::string, Value>> MainRouteTables(const SpecEnv& env, const std::vector<std::string>& vpc_ids) {
  return ByVpc(env, "DescribeRouteTables", "RouteTables",
               Value::array({{{"Name", "association.main"}, {"Values", {"true"}}}}), vpc_ids, [](const Value& t) {
                 for (const Value& a : t.value("Associations", Value::array())) {
                   if (GetBool(a, "Main", false)) return true;
                 }
                 return false;
               });
}

// A VPC's DNS switch ("enableDnsSupport") as DescribeVpcAttribute answers it.
Result<bool> DnsAttribute(const SpecEnv& env, const std::string& vpc_id, const std::string& attribute) {
  ASSIGN_OR_RETURN(Value out, env.client->Call("ec2", "DescribeVpcAttribute",
                                               {{"VpcId", vpc_id}, {"Attribute", attribute}}));
  std::string member = attribute;
  member[0] = 'E';
  return GetBool(out.value(member, Value::object()), "Value", false);
}

// read_group: the main route table, the default group (and whether it is stripped) and the
// two DNS switches of every VPC read, in one round of calls.
Status ReadVpcDetails(const SpecEnv& env, std::vector<std::optional<Value>>* read) {
  std::vector<std::string> ids;
  for (const std::optional<Value>& a : *read) {
    if (a) ids.push_back(GetString(*a, "id"));
  }
  static constexpr std::pair<const char*, const char*> kDns[] = {{"enableDnsSupport", "enable_dns_support"},
                                                                 {"enableDnsHostnames", "enable_dns_hostnames"}};
  Result<std::map<std::string, Value>> tables = std::map<std::string, Value>(), groups = tables;
  std::vector<Result<bool>> dns(ids.size() * 2, false);
  ParallelFor(2 + dns.size(), kReadParallelism, [&](size_t i) {
    if (i == 0) tables = MainRouteTables(env, ids);
    if (i == 1) groups = DefaultGroups(env, ids);
    if (i >= 2) dns[i - 2] = DnsAttribute(env, ids[(i - 2) / 2], kDns[(i - 2) % 2].first);
  });
  RETURN_IF_ERROR(tables.status());
  RETURN_IF_ERROR(groups.status());
  size_t at = 0;  // the index of the VPC in ids
  for (std::optional<Value>& a : *read) {
    if (!a) continue;
    const std::string& id = ids[at];
    bool gone = false;
    for (size_t k = 0; k < 2 && !gone; ++k) {
      const Result<bool>& on = dns[at * 2 + k];
      gone = !on.ok() && IsNotFound(on.status());  // deleted meanwhile
      if (!gone) RETURN_IF_ERROR(on.status());
      if (!gone) (*a)[kDns[k].second] = *on;
    }
    ++at;
    if (gone) {
      a.reset();
      continue;
    }
    if (auto t = tables->find(id); t != tables->end()) (*a)["main_route_table_id"] = GetString(t->second, "RouteTableId");
    if (auto g = groups->find(id); g != groups->end()) {
      (*a)["default_security_group_id"] = GetString(g->second, "GroupId");
      (*a)["restrict_default_security_group"] = g->second.value("IpPermissions", Value::array()).empty() &&
                                                g->second.value("IpPermissionsEgress", Value::array()).empty();
    }
  }
  return Status::Ok();
}

// UpdateSpec::apply: strips every rule of the VPC's default group (ingress and egress at
// once), or puts back AWS's two (all traffic from the group itself in, all traffic out).
Status SetDefaultGroupRules(const SpecEnv& env, const std::string& vpc_id, const Value&, const Value& desired) {
  ASSIGN_OR_RETURN(auto groups, DefaultGroups(env, {vpc_id}));
  auto it = groups.find(vpc_id);
  if (it == groups.end()) return Status::Ok();
  const Value& g = it->second;
  const std::string gid = GetString(g, "GroupId");
  const bool restrict = GetBool(desired, "restrict_default_security_group", true);
  const Value self = Value::array({{{"IpProtocol", "-1"}, {"UserIdGroupPairs", {{{"GroupId", gid}}}}}});
  const Value all = Value::array({{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}});
  const std::pair<const char*, const char*> kinds[] = {{"IpPermissions", "Ingress"}, {"IpPermissionsEgress", "Egress"}};
  Status done[2];
  ParallelFor(2, 2, [&](size_t i) {
    Value rules = restrict ? g.value(kinds[i].first, Value::array()) : (i == 0 ? self : all);
    if (rules.empty()) return;
    std::string op = std::string(restrict ? "Revoke" : "Authorize") + "SecurityGroup" + kinds[i].second;
    done[i] = env.client->Call("ec2", op, {{"GroupId", gid}, {"IpPermissions", rules}}).status();
  });
  RETURN_IF_ERROR(done[0]);
  return done[1];
}

ResourceSpec VpcSpec() {
  return {
      .type = "aws_vpc",
      .description = "a virtual private cloud",
      .service = "ec2",
      .attributes = {{.name = "cidr_block", .required = true, .force_new = true,
                      .description = "IPv4 range, e.g. 10.0.0.0/16", .create_member = "CidrBlock",
                      .read_member = "CidrBlock"},
                     {.name = "enable_dns_support", .type = AttrType::kBool, .description = "Amazon DNS server",
                      .default_value = Value(true)},
                     {.name = "enable_dns_hostnames", .type = AttrType::kBool,
                      .description = "DNS names for instances", .default_value = Value(true),
                      .initial_value = Value(false)},
                     {.name = "restrict_default_security_group", .type = AttrType::kBool,
                      .description = "strip every rule of the VPC's default security group",
                      .default_value = Value(true), .initial_value = Value(false)},
                     {.name = "tags"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
                     {.name = "main_route_table_id", .computed = true, .description = "the VPC's main route table"},
                     {.name = "default_security_group_id", .computed = true,
                      .description = "the VPC's default security group"}},
      .arn_format = "arn:aws:ec2:{region}:{OwnerId}:vpc/{id}",
      .create = {.operation = "CreateVpc", .id_output = "Vpc.VpcId"},
      .read = {.operation = "DescribeVpcs", .result_key = "Vpcs", .item_key = "VpcId", .filter_name = "vpc-id"},
      .updates = {{.operation = "ModifyVpcAttribute", .key_member = "VpcId",
                   .members = {{"enable_dns_support", "EnableDnsSupport.Value"}}},
                  {.operation = "ModifyVpcAttribute", .key_member = "VpcId",
                   .members = {{"enable_dns_hostnames", "EnableDnsHostnames.Value"}}},
                  {.members = {{"restrict_default_security_group", ""}}, .parallel = true,
                   .apply = SetDefaultGroupRules}},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "vpc", .read_member = "Tags"},
      .del = {.operation = "DeleteVpc", .key_member = "VpcId", .retry_codes = {"DependencyViolation"}},
      .find = FindStyle::kByTags,
      // Interfaces left by endpoints, Lambda or load balancers block DeleteVpc.
      .hooks = {.before_delete = [](const SpecEnv& env,
                                    const std::string& id) { return DeleteLeftoverEnis(env.client, "vpc-id", id); },
                .read_group = ReadVpcDetails},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewVpcType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), VpcSpec());
}

}  // namespace pave::aws_provider
