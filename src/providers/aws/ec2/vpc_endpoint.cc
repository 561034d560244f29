// aws_vpc_endpoint (spec): a gateway endpoint (S3, DynamoDB) on route tables. Read by its VPC
// (EC2 fails a whole DescribeVpcEndpoints naming a deleted endpoint id); created with a
// ClientToken and waited for until available; its route tables changed in one
// ModifyVpcEndpoint; a delete waits until the endpoint is gone.
#include <cctype>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// An endpoint on its way out (or refused) is not the resource any more.
bool ReadEndpoint(const SpecEnv& env, const Value& item, const Value& prior, Value* attrs) {
  (void)env;
  std::string state = Lower(GetString(item, "State"));
  if (state == "deleting" || state == "deleted" || state == "failed" || state == "rejected" || state == "expired") {
    return false;
  }
  (*attrs)["route_table_ids"] = StableList(attrs->value("route_table_ids", Value::array()),
                                           prior.value("route_table_ids", Value::array()));
  return true;
}

bool Available(const Value& attrs) { return Lower(GetString(attrs, "state")) == "available"; }

// Waits until the endpoint is deleted (or no longer listed): its routes go with it.
Status WaitDeleted(const SpecEnv& env, const OperationContext& ctx, const Value& prior) {
  const std::string id = GetString(prior, "id");
  DescribeQuery q{.operation = "DescribeVpcEndpoints", .filter_name = "vpc-id", .result_key = "VpcEndpoints"};
  return env.poller->Until(ctx, "waiting for endpoint " + id + " to be deleted", [&](std::string* state) -> Result<bool> {
    ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(env.client, q, {GetString(prior, "vpc_id")}));
    *state = "deleted";
    for (const Value& e : items) {
      if (GetString(e, "VpcEndpointId") == id) *state = Lower(GetString(e, "State"));
    }
    return *state == "deleted" || *state == "failed";
  });
}

ResourceSpec VpcEndpointSpec() {
  return {
      .type = "aws_vpc_endpoint",
      .description = "a VPC endpoint, e.g. the S3 gateway endpoint",
      .service = "ec2",
      .attributes = {
          {.name = "vpc_id", .required = true, .force_new = true, .description = "the VPC",
           .create_member = "VpcId", .read_member = "VpcId"},
          {.name = "service_name", .required = true, .force_new = true,
           .description = "e.g. com.amazonaws.eu-west-1.s3", .create_member = "ServiceName",
           .read_member = "ServiceName"},
          {.name = "vpc_endpoint_type", .force_new = true, .description = "Gateway | Interface",
           .default_value = Value("Gateway"), .create_member = "VpcEndpointType", .read_member = "VpcEndpointType"},
          {.name = "route_table_ids", .type = AttrType::kList, .unordered = true,
           .description = "route tables (gateway endpoints)", .default_value = Value::array(),
           .create_member = "RouteTableIds", .read_member = "RouteTableIds"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
          {.name = "state", .computed = true, .description = "available, pending...", .read_member = "State"},
      },
      .arn_format = "arn:aws:ec2:{region}:{account}:vpc-endpoint/{id}",
      .create = {.operation = "CreateVpcEndpoint", .id_output = "VpcEndpoint.VpcEndpointId",
                 .token_member = "ClientToken"},
      .read = {.operation = "DescribeVpcEndpoints", .result_key = "VpcEndpoints", .item_key = "VpcEndpointId",
               .filter_name = "vpc-id", .filter_attribute = "vpc_id"},
      .updates = {{.operation = "ModifyVpcEndpoint", .key_member = "VpcEndpointId",
                   .members = {{"route_table_ids", ""}},
                   .added_member = "AddRouteTableIds", .removed_member = "RemoveRouteTableIds"}},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "vpc-endpoint", .read_member = "Tags"},
      .del = {.operation = "DeleteVpcEndpoints", .key_member = "VpcEndpointIds", .key_in_list = true,
              .unsuccessful_member = "Unsuccessful"},
      .find = FindStyle::kByTags,
      .hooks = {.read = ReadEndpoint, .after_delete = WaitDeleted, .ready = Available},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewVpcEndpointType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), VpcEndpointSpec());
}

}  // namespace pave::aws_provider
