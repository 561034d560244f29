// aws_route (a spec): one route of a route table, id "<table>_<destination>". The target changes
// in place (ReplaceRoute); a route already there for the destination (RouteAlreadyExists: a
// leftover, or a create whose answer was lost) is taken over and pointed at the target.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// Attribute name -> CreateRoute/ReplaceRoute member for the targets pave supports.
constexpr std::pair<const char*, const char*> kTargets[] = {
    {"gateway_id", "GatewayId"},
    {"nat_gateway_id", "NatGatewayId"},
    {"vpc_endpoint_id", "VpcEndpointId"},
    {"network_interface_id", "NetworkInterfaceId"},
};

// Routes nest in their tables: one DescribeRouteTables for every table asked about.
Result<std::vector<std::optional<Value>>> ReadRoutes(const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  DescribeQuery q{.operation = "DescribeRouteTables", .filter_name = "route-table-id", .result_key = "RouteTables"};
  ASSIGN_OR_RETURN(auto tables, DescribeByFilter(env.client, q, PriorValues(requests, "route_table_id")));
  std::map<std::string, Value> by_table = IndexBy(tables, "RouteTableId");
  std::vector<std::optional<Value>> out;
  for (const ReadRequest& r : requests) {
    out.push_back(std::nullopt);
    auto it = by_table.find(GetString(r.prior, "route_table_id"));
    if (it == by_table.end()) continue;
    std::string table = it->first, dest = GetString(r.prior, "destination_cidr_block");
    for (const Value& route : it->second.value("Routes", Value::array())) {
      if (GetString(route, "DestinationCidrBlock") != dest) continue;
      Value a = {{"id", table + "_" + dest}, {"route_table_id", table}, {"destination_cidr_block", dest}};
      for (const auto& [attr, member] : kTargets) {
        std::string target = GetString(route, member);
        if (!target.empty() && target != "local") a[attr] = target;
      }
      out.back() = std::move(a);
    }
  }
  return out;
}

ResourceSpec RouteSpec() {
  ResourceSpec s{
      .type = "aws_route",
      .description = "a route in a route table; set exactly one target",
      .service = "ec2",
      .id_parts = {"route_table_id", "destination_cidr_block"},
      .id_separator = "_",
      .attributes = {{.name = "route_table_id", .required = true, .force_new = true, .description = "the route table",
                      .create_member = "RouteTableId"},
                     {.name = "destination_cidr_block", .required = true, .force_new = true,
                      .description = "e.g. 0.0.0.0/0", .create_member = "DestinationCidrBlock"}},
      .create = {.operation = "CreateRoute", .conflict_codes = {"RouteAlreadyExists"}},
      .read = {.operation = "DescribeRouteTables", .result_key = "RouteTables", .item_key = "RouteTableId",
               .filter_name = "route-table-id"},
      .updates = {{.operation = "ReplaceRoute",
                   .members = {{"route_table_id", "RouteTableId"}, {"destination_cidr_block", "DestinationCidrBlock"}}}},
      .del = {.operation = "DeleteRoute",
              .members = {{"route_table_id", "RouteTableId"}, {"destination_cidr_block", "DestinationCidrBlock"}}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadRoutes},
  };
  for (const auto& [attr, member] : kTargets) {
    s.attributes.push_back({.name = attr, .description = std::string("target: ") + member, .create_member = member});
    s.updates[0].members.emplace_back(attr, member);
  }
  return s;
}

}  // namespace

std::unique_ptr<ResourceType> NewRouteType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), RouteSpec());
}

}  // namespace pave::aws_provider
