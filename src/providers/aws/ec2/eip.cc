// aws_eip (a spec): an Elastic IP in the VPC domain. Release waits while the address is still
// held by a NAT gateway being deleted; an association pave does not manage (an instance, an
// interface) is let go of between attempts.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// Held by an instance or interface: disassociate. Held by a NAT gateway being deleted: this
// fails quietly and the next attempt waits again.
Status LetGo(const SpecEnv& env, const std::string& id) {
  DescribeQuery q{.operation = "DescribeAddresses", .filter_name = "allocation-id", .result_key = "Addresses"};
  ASSIGN_OR_RETURN(auto found, DescribeByFilter(env.client, q, {id}));
  for (const Value& a : found) {
    std::string assoc = GetString(a, "AssociationId");
    if (!assoc.empty()) (void)env.client->Call("ec2", "DisassociateAddress", {{"AssociationId", assoc}});
  }
  return Status::Ok();
}

ResourceSpec EipSpec() {
  return {
      .type = "aws_eip",
      .description = "an Elastic IP address",
      .service = "ec2",
      .attributes = {{.name = "domain", .force_new = true, .description = "vpc", .default_value = Value("vpc"),
                      .create_member = "Domain", .read_member = "Domain"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
                     {.name = "public_ip", .computed = true, .description = "the address", .read_member = "PublicIp"}},
      .arn_format = "arn:aws:ec2:{region}:{account}:elastic-ip/{id}",
      .create = {.operation = "AllocateAddress", .id_output = "AllocationId"},
      // DescribeAddresses has no pagination: one call per chunk of filter values.
      .read = {.operation = "DescribeAddresses", .result_key = "Addresses", .item_key = "AllocationId",
               .filter_name = "allocation-id"},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "elastic-ip", .read_member = "Tags"},
      .del = {.operation = "ReleaseAddress", .key_member = "AllocationId",
              .retry_codes = {"InvalidIPAddress.InUse", "AuthFailure", "DependencyViolation"}},
      .find = FindStyle::kByTags,
      .hooks = {.read = [](const SpecEnv&, const Value&, const Value&, Value* attrs) {
                  if (GetString(*attrs, "domain").empty()) (*attrs)["domain"] = "vpc";
                  return true;
                },
                .after_delete_refused = LetGo},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewEipType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), EipSpec());
}

}  // namespace pave::aws_provider
