// aws_route_table (a spec) and aws_route_table_association. Deleting a table first lets go
// of any subnet still associated with it (associations pave did not make block
// DeleteRouteTable).
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Result<std::vector<Value>> DescribeTables(aws::AwsClient* client, const std::string& filter,
                                          const std::vector<std::string>& values) {
  DescribeQuery q{.operation = "DescribeRouteTables", .filter_name = filter, .result_key = "RouteTables"};
  return DescribeByFilter(client, q, values);
}

// Lets go of every subnet still associated with the table (associations pave did not make
// block DeleteRouteTable); the main association stays.
Status LetGoOfSubnets(const SpecEnv& env, const std::string& id) {
  ASSIGN_OR_RETURN(auto tables, DescribeTables(env.client, "route-table-id", {id}));
  for (const Value& t : tables) {
    for (const Value& a : t.value("Associations", Value::array())) {
      if (GetBool(a, "Main", false)) continue;
      Value input = {{"AssociationId", GetString(a, "RouteTableAssociationId")}};
      Status d = env.client->Call("ec2", "DisassociateRouteTable", input).status();
      if (!d.ok() && !IsNotFound(d)) return d;
    }
  }
  return Status::Ok();
}

ResourceSpec RouteTableSpec() {
  return {
      .type = "aws_route_table",
      .description = "a route table of a VPC (routes are aws_route resources)",
      .service = "ec2",
      .attributes = {{.name = "vpc_id", .required = true, .force_new = true, .description = "the VPC",
                      .create_member = "VpcId", .read_member = "VpcId"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"}},
      .arn_format = "arn:aws:ec2:{region}:{OwnerId}:route-table/{id}",
      .create = {.operation = "CreateRouteTable", .id_output = "RouteTable.RouteTableId", .token_member = "ClientToken"},
      .read = {.operation = "DescribeRouteTables", .result_key = "RouteTables", .item_key = "RouteTableId",
               .filter_name = "route-table-id"},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "route-table", .read_member = "Tags"},
      .del = {.operation = "DeleteRouteTable", .key_member = "RouteTableId", .retry_codes = {"DependencyViolation"}},
      .find = FindStyle::kByTags,
      .hooks = {.before_delete = LetGoOfSubnets},
  };
}

ResourceSchema AssociationSchema() {
  ResourceSchema s;
  s.type = "aws_route_table_association";
  s.description = "associates a subnet with a route table";
  s.attributes = {Required("subnet_id", AttrType::kString, "the subnet", true),
                  Required("route_table_id", AttrType::kString, "the route table (changed in place)")};
  return s;
}

class RouteTableAssociationType : public AwsResourceType {
 public:
  explicit RouteTableAssociationType(AwsTypeDeps deps)
      : AwsResourceType(std::move(deps), AssociationSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string subnet = GetString(desired, "subnet_id");
    std::string table = GetString(desired, "route_table_id");
    Result<Value> out = Ec2("AssociateRouteTable", {{"SubnetId", subnet}, {"RouteTableId", table}});
    std::string id;
    if (out.ok()) {
      id = GetString(*out, "AssociationId");
    } else if (out.status().reason() == "Resource.AlreadyAssociated") {
      // A leftover association of the subnet with another table: move it to ours.
      ASSIGN_OR_RETURN(std::optional<Value> current, BySubnet(subnet));
      if (!current) return out.status();
      ASSIGN_OR_RETURN(Value moved, Replace(GetString(*current, "id"), table));
      id = GetString(moved, "id");
    } else {
      return out.status();
    }
    return ReadBack(ctx, {{"id", id}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto tables, DescribeTables(client(), "association.route-table-association-id",
                                                 PriorValues(requests, "id")));
    std::map<std::string, Value> by_id;
    for (const Value& t : tables) {
      for (const Value& a : t.value("Associations", Value::array())) {
        by_id[GetString(a, "RouteTableAssociationId")] = ToAttributes(a);
      }
    }
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      out.push_back(it == by_id.end() ? std::nullopt : std::optional<Value>(it->second));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    ASSIGN_OR_RETURN(Value moved, Replace(GetString(prior, "id"), GetString(desired, "route_table_id")));
    return ReadBack(ctx, moved);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = Ec2("DisassociateRouteTable", {{"AssociationId", GetString(prior, "id")}}).status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    ASSIGN_OR_RETURN(std::optional<Value> current, BySubnet(GetString(desired, "subnet_id")));
    if (current && GetString(*current, "route_table_id") != GetString(desired, "route_table_id")) {
      return std::optional<Value>();
    }
    return current;
  }

 private:
  static Value ToAttributes(const Value& a) {
    return {{"id", GetString(a, "RouteTableAssociationId")},
            {"subnet_id", GetString(a, "SubnetId")},
            {"route_table_id", GetString(a, "RouteTableId")}};
  }

  // The explicit association of a subnet, if any.
  Result<std::optional<Value>> BySubnet(const std::string& subnet) {
    ASSIGN_OR_RETURN(auto tables, DescribeTables(client(), "association.subnet-id", {subnet}));
    for (const Value& t : tables) {
      for (const Value& a : t.value("Associations", Value::array())) {
        if (GetString(a, "SubnetId") == subnet) return std::optional<Value>(ToAttributes(a));
      }
    }
    return std::optional<Value>();
  }

  Result<Value> Replace(const std::string& association, const std::string& table) {
    ASSIGN_OR_RETURN(Value out, Ec2("ReplaceRouteTableAssociation",
                                    {{"AssociationId", association}, {"RouteTableId", table}}));
    return Value{{"id", GetString(out, "NewAssociationId")}};
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewRouteTableType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), RouteTableSpec());
}
std::unique_ptr<ResourceType> NewRouteTableAssociationType(AwsTypeDeps deps) {
  return std::make_unique<RouteTableAssociationType>(std::move(deps));
}

}  // namespace pave::aws_provider
