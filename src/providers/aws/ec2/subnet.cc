// aws_subnet (a spec): CreateSubnet with tags; map_public_ip_on_launch through
// ModifySubnetAttribute (made at create only when it differs from AWS's default, false).
// Deleting first removes leftover network interfaces, then retries while the subnet is in use.
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/ec2/enis.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

ResourceSpec SubnetSpec() {
  return {
      .type = "aws_subnet",
      .description = "a subnet of a VPC in one availability zone",
      .service = "ec2",
      .attributes = {{.name = "vpc_id", .required = true, .force_new = true, .description = "the VPC",
                      .create_member = "VpcId", .read_member = "VpcId"},
                     {.name = "cidr_block", .required = true, .force_new = true,
                      .description = "IPv4 range inside the VPC's", .create_member = "CidrBlock",
                      .read_member = "CidrBlock"},
                     {.name = "availability_zone", .required = true, .force_new = true,
                      .description = "zone name, e.g. eu-west-1a", .create_member = "AvailabilityZone",
                      .read_member = "AvailabilityZone"},
                     {.name = "map_public_ip_on_launch", .type = AttrType::kBool,
                      .description = "public IPv4 for instances", .default_value = Value(false),
                      .read_member = "MapPublicIpOnLaunch"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
                      .read_member = "SubnetArn"},
                     {.name = "availability_zone_id", .computed = true, .description = "zone id, e.g. euw1-az1",
                      .read_member = "AvailabilityZoneId"}},
      .create = {.operation = "CreateSubnet", .id_output = "Subnet.SubnetId"},
      .read = {.operation = "DescribeSubnets", .result_key = "Subnets", .item_key = "SubnetId",
               .filter_name = "subnet-id"},
      .updates = {{.operation = "ModifySubnetAttribute", .key_member = "SubnetId",
                   .members = {{"map_public_ip_on_launch", "MapPublicIpOnLaunch.Value"}}}},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "subnet", .read_member = "Tags"},
      .del = {.operation = "DeleteSubnet", .key_member = "SubnetId", .retry_codes = {"DependencyViolation"}},
      .find = FindStyle::kByTags,
      .hooks = {.read = [](const SpecEnv&, const Value&, const Value&, Value* attrs) {
                  if (!attrs->contains("map_public_ip_on_launch")) (*attrs)["map_public_ip_on_launch"] = false;
                  return true;
                },
                // Interfaces left by endpoints, Lambda or load balancers block DeleteSubnet.
                .before_delete = [](const SpecEnv& env, const std::string& id) {
                  return DeleteLeftoverEnis(env.client, "subnet-id", id);
                }},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewSubnetType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), SubnetSpec());
}

}  // namespace pave::aws_provider
