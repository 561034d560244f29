// aws_route_table and aws_route_table_association (specs). Deleting a table first lets go
// of any subnet still associated with it (associations pave did not make block
// DeleteRouteTable).
#include <map>

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

Value AssociationAttributes(const Value& a) {
  return {{"id", GetString(a, "RouteTableAssociationId")},
          {"subnet_id", GetString(a, "SubnetId")},
          {"route_table_id", GetString(a, "RouteTableId")}};
}

// Associations live inside their tables: one describe by association id for all of them.
Result<std::vector<std::optional<Value>>> ReadAssociations(const SpecEnv& env,
                                                           const std::vector<ReadRequest>& requests) {
  ASSIGN_OR_RETURN(auto tables, DescribeTables(env.client, "association.route-table-association-id",
                                               PriorValues(requests, "id")));
  std::map<std::string, Value> by_id;
  for (const Value& t : tables) {
    for (const Value& a : t.value("Associations", Value::array())) {
      by_id[GetString(a, "RouteTableAssociationId")] = AssociationAttributes(a);
    }
  }
  std::vector<std::optional<Value>> out;
  for (const ReadRequest& r : requests) {
    auto it = by_id.find(GetString(r.prior, "id"));
    out.push_back(it == by_id.end() ? std::nullopt : std::optional<Value>(it->second));
  }
  return out;
}

// The explicit association of the subnet, with whichever table: a subnet has one, so a
// leftover association with another table is taken over and moved to ours.
Result<std::optional<std::string>> BySubnet(const SpecEnv& env, const OperationContext&, const Value& desired) {
  std::string subnet = GetString(desired, "subnet_id");
  ASSIGN_OR_RETURN(auto tables, DescribeTables(env.client, "association.subnet-id", {subnet}));
  for (const Value& t : tables) {
    for (const Value& a : t.value("Associations", Value::array())) {
      if (GetString(a, "SubnetId") == subnet) return std::optional<std::string>(GetString(a, "RouteTableAssociationId"));
    }
  }
  return std::optional<std::string>();
}

ResourceSpec AssociationSpec() {
  return {
      .type = "aws_route_table_association",
      .description = "associates a subnet with a route table",
      .service = "ec2",
      .attributes = {{.name = "subnet_id", .required = true, .force_new = true, .description = "the subnet",
                      .create_member = "SubnetId"},
                     {.name = "route_table_id", .required = true, .description = "the route table (changed in place)",
                      .create_member = "RouteTableId"}},
      .create = {.operation = "AssociateRouteTable", .id_output = "AssociationId",
                 .conflict_codes = {"Resource.AlreadyAssociated"}},
      .read = {.operation = "DescribeRouteTables", .result_key = "RouteTables", .item_key = "RouteTableId",
               .filter_name = "association.route-table-association-id"},
      .updates = {{.operation = "ReplaceRouteTableAssociation", .key_member = "AssociationId",
                   .members = {{"route_table_id", "RouteTableId"}}, .id_output = "NewAssociationId"}},
      .del = {.operation = "DisassociateRouteTable", .key_member = "AssociationId"},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadAssociations, .find_key = BySubnet},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewRouteTableType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), RouteTableSpec());
}
std::unique_ptr<ResourceType> NewRouteTableAssociationType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), AssociationSpec());
}

}  // namespace pave::aws_provider
