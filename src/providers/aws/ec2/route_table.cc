// aws_route_table and aws_route_table_association. Deleting a table first lets go of any
// subnet still associated with it (associations pave did not make block DeleteRouteTable).
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

Result<std::vector<Value>> DescribeTables(aws::AwsClient* client, const std::string& filter,
                                          const std::vector<std::string>& values) {
  DescribeQuery q{.operation = "DescribeRouteTables", .filter_name = filter, .result_key = "RouteTables"};
  return DescribeByFilter(client, q, values);
}

ResourceSchema TableSchema() {
  ResourceSchema s;
  s.type = "aws_route_table";
  s.description = "a route table of a VPC (routes are aws_route resources)";
  s.attributes = {Required("vpc_id", AttrType::kString, "the VPC", true), TagsAttribute(),
                  ArnAttribute()};
  return s;
}

class RouteTableType : public AwsResourceType {
 public:
  explicit RouteTableType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), TableSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"VpcId", GetString(desired, "vpc_id")},
                   {"TagSpecifications", TagSpecifications("route-table", TagsForCreate(ctx, desired))}};
    if (!ctx.idempotency_token.empty()) input["ClientToken"] = ctx.idempotency_token.substr(0, 64);
    ASSIGN_OR_RETURN(Value out, Ec2("CreateRouteTable", input));
    std::string id = GetString(out.value("RouteTable", Value::object()), "RouteTableId");
    if (id.empty()) return Status::Internal("CreateRouteTable returned no RouteTableId");
    return ReadBack(ctx, {{"id", id}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto items, DescribeTables(client(), "route-table-id", PriorValues(requests, "id")));
    std::map<std::string, Value> by_id = IndexBy(items, "RouteTableId");
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      out.push_back(it == by_id.end() ? std::nullopt : std::optional<Value>(ToAttributes(it->second)));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(SyncEc2Tags(ctx, id, prior, desired));
    return ReadBack(ctx, {{"id", id}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    Status s = poller().RetryWhile(ctx, "deleting route table " + id, {"DependencyViolation"}, [&]() {
      ASSIGN_OR_RETURN(auto tables, DescribeTables(client(), "route-table-id", {id}));
      for (const Value& t : tables) {
        for (const Value& a : t.value("Associations", Value::array())) {
          if (GetBool(a, "Main", false)) continue;
          Status d = Ec2("DisassociateRouteTable", {{"AssociationId", GetString(a, "RouteTableAssociationId")}})
                         .status();
          if (!d.ok() && !IsNotFound(d)) return d;
        }
      }
      return Ec2("DeleteRouteTable", {{"RouteTableId", id}}).status();
    });
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    DescribeQuery q{.operation = "DescribeRouteTables",
                    .filter_name = "vpc-id",
                    .result_key = "RouteTables",
                    .extra_filters = Value::array({{{"Name", "tag:" + std::string(kTagAddress)},
                                                    {"Values", {ctx.address.ToString()}}}})};
    ASSIGN_OR_RETURN(auto items, DescribeByFilter(client(), q, {GetString(desired, "vpc_id")}));
    std::optional<Value> pick = PickAdoptable(ctx, items);
    if (!pick) return std::optional<Value>();
    return std::optional<Value>(ToAttributes(*pick));
  }

 private:
  Value ToAttributes(const Value& t) const {
    std::string id = GetString(t, "RouteTableId");
    return {{"id", id},
            {"vpc_id", GetString(t, "VpcId")},
            {"tags", UserTags(t.value("Tags", Value::array()))},
            {"arn", Ec2Arn(region(), GetString(t, "OwnerId"), "route-table", id)}};
  }
};

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
  return std::make_unique<RouteTableType>(std::move(deps));
}
std::unique_ptr<ResourceType> NewRouteTableAssociationType(AwsTypeDeps deps) {
  return std::make_unique<RouteTableAssociationType>(std::move(deps));
}

}  // namespace pave::aws_provider
