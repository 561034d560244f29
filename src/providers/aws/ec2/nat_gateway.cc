// aws_nat_gateway (a spec): created with ClientToken = the idempotency token (a resent create
// returns the same gateway) and its tags, then waited for with botocore's NatGatewayAvailable;
// its delete is waited for with NatGatewayDeleted, so the Elastic IP it held can be released
// right after. A gateway being deleted, deleted or failed does not count as existing.
#include "providers/aws/common/attrs.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// The state, and the address the gateway holds (its first with an allocation).
bool ReadNat(const SpecEnv&, const Value& item, const Value&, Value* attrs) {
  std::string state = GetString(item, "State");
  if (state == "deleting" || state == "deleted" || state == "failed") return false;
  if (GetString(*attrs, "connectivity_type").empty()) (*attrs)["connectivity_type"] = "public";
  for (const Value& address : item.value("NatGatewayAddresses", Value::array())) {
    if (GetString(address, "AllocationId").empty()) continue;
    (*attrs)["allocation_id"] = GetString(address, "AllocationId");
    (*attrs)["public_ip"] = GetString(address, "PublicIp");
    (*attrs)["private_ip"] = GetString(address, "PrivateIp");
    break;
  }
  return true;
}

ResourceSpec NatGatewaySpec() {
  return {
      .type = "aws_nat_gateway",
      .description = "a NAT gateway giving private subnets outbound internet access",
      .service = "ec2",
      .attributes = {{.name = "subnet_id", .required = true, .force_new = true, .description = "a public subnet",
                      .create_member = "SubnetId", .read_member = "SubnetId"},
                     {.name = "allocation_id", .force_new = true, .description = "the Elastic IP (public gateways)",
                      .create_member = "AllocationId"},
                     {.name = "connectivity_type", .force_new = true, .description = "public | private",
                      .default_value = Value("public"), .create_member = "ConnectivityType",
                      .read_member = "ConnectivityType"},
                     {.name = "tags"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
                     {.name = "public_ip", .computed = true, .description = "the public address"},
                     {.name = "private_ip", .computed = true, .description = "the private address"}},
      .arn_format = "arn:aws:ec2:{region}:{account}:natgateway/{id}",
      .create = {.operation = "CreateNatGateway", .id_output = "NatGateway.NatGatewayId", .token_member = "ClientToken"},
      .read = {.operation = "DescribeNatGateways", .result_key = "NatGateways", .item_key = "NatGatewayId",
               .filter_member = "Filter", .filter_name = "nat-gateway-id"},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "natgateway", .read_member = "Tags"},
      .del = {.operation = "DeleteNatGateway", .key_member = "NatGatewayId"},
      .find = FindStyle::kByTags,
      .create_waiter = "NatGatewayAvailable",
      .delete_waiter = "NatGatewayDeleted",
      .waiter_id_member = "NatGatewayIds",
      .typical_create = std::chrono::minutes(2),
      .hooks = {.read = ReadNat},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewNatGatewayType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), NatGatewaySpec());
}

}  // namespace pave::aws_provider
