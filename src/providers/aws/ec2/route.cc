// aws_route: one route of a route table, id "<table>_<destination>". The target changes in
// place (ReplaceRoute); a route already there for the destination (a leftover) is taken over.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

// Attribute name -> CreateRoute/ReplaceRoute member for the targets pave supports.
constexpr std::pair<const char*, const char*> kTargets[] = {
    {"gateway_id", "GatewayId"},
    {"nat_gateway_id", "NatGatewayId"},
    {"vpc_endpoint_id", "VpcEndpointId"},
    {"network_interface_id", "NetworkInterfaceId"},
};

ResourceSchema RouteSchema() {
  ResourceSchema s;
  s.type = "aws_route";
  s.description = "a route in a route table; set exactly one target";
  s.attributes = {Required("route_table_id", AttrType::kString, "the route table", true),
                  Required("destination_cidr_block", AttrType::kString, "e.g. 0.0.0.0/0", true)};
  for (const auto& [attr, member] : kTargets) {
    s.attributes.push_back(Optional(attr, AttrType::kString, std::string("target: ") + member));
  }
  return s;
}

class RouteType : public AwsResourceType {
 public:
  explicit RouteType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), RouteSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Status s = Ec2("CreateRoute", Input(desired)).status();
    if (s.reason() == "RouteAlreadyExists") s = Ec2("ReplaceRoute", Input(desired)).status();
    RETURN_IF_ERROR(s);
    return ReadBack(ctx, Key(desired));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    DescribeQuery q{.operation = "DescribeRouteTables", .filter_name = "route-table-id", .result_key = "RouteTables"};
    ASSIGN_OR_RETURN(auto tables, DescribeByFilter(client(), q, PriorValues(requests, "route_table_id")));
    std::map<std::string, Value> by_table = IndexBy(tables, "RouteTableId");
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      out.push_back(std::nullopt);
      auto it = by_table.find(GetString(r.prior, "route_table_id"));
      if (it == by_table.end()) continue;
      std::string dest = GetString(r.prior, "destination_cidr_block");
      for (const Value& route : it->second.value("Routes", Value::array())) {
        if (GetString(route, "DestinationCidrBlock") != dest) continue;
        Value a = Key(r.prior);
        for (const auto& [attr, member] : kTargets) {
          std::string target = GetString(route, member);
          if (!target.empty() && target != "local") a[attr] = target;
        }
        out.back() = std::move(a);
      }
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    (void)prior;
    RETURN_IF_ERROR(Ec2("ReplaceRoute", Input(desired)).status());
    return ReadBack(ctx, Key(desired));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = Ec2("DeleteRoute", {{"RouteTableId", GetString(prior, "route_table_id")},
                                   {"DestinationCidrBlock", GetString(prior, "destination_cidr_block")}})
                   .status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, Key(desired)}}));
    return got[0];
  }

 private:
  static Value Key(const Value& v) {
    std::string table = GetString(v, "route_table_id");
    std::string dest = GetString(v, "destination_cidr_block");
    return {{"id", table + "_" + dest}, {"route_table_id", table}, {"destination_cidr_block", dest}};
  }

  static Value Input(const Value& desired) {
    Value in = {{"RouteTableId", GetString(desired, "route_table_id")},
                {"DestinationCidrBlock", GetString(desired, "destination_cidr_block")}};
    for (const auto& [attr, member] : kTargets) {
      if (!GetString(desired, attr).empty()) in[member] = desired[attr];
    }
    return in;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewRouteType(AwsTypeDeps deps) {
  return std::make_unique<RouteType>(std::move(deps));
}

}  // namespace pave::aws_provider
