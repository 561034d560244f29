// aws_internet_gateway and aws_internet_gateway_attachment (specs). Deleting a gateway
// detaches it from any VPC first; detaching waits while the VPC still has mapped public
// addresses.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Result<std::map<std::string, Value>> DescribeGateways(aws::AwsClient* client,
                                                      const std::vector<std::string>& ids) {
  DescribeQuery q{.operation = "DescribeInternetGateways",
                  .filter_name = "internet-gateway-id",
                  .result_key = "InternetGateways"};
  ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(client, q, ids));
  return IndexBy(items, "InternetGatewayId");
}

// Detaches the gateway from every VPC it is attached to (a gateway must be detached before it
// can be deleted).
Status DetachFromVpcs(const SpecEnv& env, const std::string& id) {
  ASSIGN_OR_RETURN(auto gateways, DescribeGateways(env.client, {id}));
  auto it = gateways.find(id);
  if (it == gateways.end()) return Status::Ok();
  for (const Value& a : it->second.value("Attachments", Value::array())) {
    Status d = env.client->Call("ec2", "DetachInternetGateway", {{"InternetGatewayId", id}, {"VpcId", GetString(a, "VpcId")}})
                   .status();
    if (!d.ok() && !IsNotFound(d) && d.reason() != "Gateway.NotAttached") return d;
  }
  return Status::Ok();
}

// Attachments nest in their gateways: one DescribeInternetGateways for every gateway asked about.
Result<std::vector<std::optional<Value>>> ReadAttachments(const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  ASSIGN_OR_RETURN(auto gateways, DescribeGateways(env.client, PriorValues(requests, "internet_gateway_id")));
  std::vector<std::optional<Value>> out;
  for (const ReadRequest& r : requests) {
    std::string igw = GetString(r.prior, "internet_gateway_id");
    std::string vpc = GetString(r.prior, "vpc_id");
    out.push_back(std::nullopt);
    auto it = gateways.find(igw);
    if (it == gateways.end()) continue;
    for (const Value& a : it->second.value("Attachments", Value::array())) {
      std::string state = GetString(a, "State");
      if (GetString(a, "VpcId") == vpc && state != "detaching" && state != "detached") {
        out.back() = Value{{"id", igw + ":" + vpc}, {"internet_gateway_id", igw}, {"vpc_id", vpc}};
      }
    }
  }
  return out;
}

// An attachment already there (Resource.AlreadyAssociated: a create whose answer was lost) is
// taken over; detaching waits while the VPC still has mapped public addresses.
ResourceSpec AttachmentSpec() {
  return {
      .type = "aws_internet_gateway_attachment",
      .description = "attaches an internet gateway to a VPC; id is \"<igw>:<vpc>\"",
      .service = "ec2",
      .id_parts = {"internet_gateway_id", "vpc_id"},
      .attributes = {{.name = "internet_gateway_id", .required = true, .force_new = true,
                      .description = "the gateway", .create_member = "InternetGatewayId"},
                     {.name = "vpc_id", .required = true, .force_new = true, .description = "the VPC",
                      .create_member = "VpcId"}},
      .create = {.operation = "AttachInternetGateway", .conflict_codes = {"Resource.AlreadyAssociated"}},
      .read = {.operation = "DescribeInternetGateways", .result_key = "InternetGateways",
               .item_key = "InternetGatewayId", .filter_name = "internet-gateway-id"},
      .del = {.operation = "DetachInternetGateway",
              .members = {{"internet_gateway_id", "InternetGatewayId"}, {"vpc_id", "VpcId"}},
              .gone_codes = {"Gateway.NotAttached"},
              .retry_codes = {"DependencyViolation"}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadAttachments},
  };
}

}  // namespace

namespace {

ResourceSpec InternetGatewaySpec() {
  return {
      .type = "aws_internet_gateway",
      .description = "an internet gateway (attach it with aws_internet_gateway_attachment)",
      .service = "ec2",
      .attributes = {{.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"}},
      .arn_format = "arn:aws:ec2:{region}:{OwnerId}:internet-gateway/{id}",
      .create = {.operation = "CreateInternetGateway", .id_output = "InternetGateway.InternetGatewayId"},
      .read = {.operation = "DescribeInternetGateways", .result_key = "InternetGateways",
               .item_key = "InternetGatewayId", .filter_name = "internet-gateway-id"},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "internet-gateway", .read_member = "Tags"},
      .del = {.operation = "DeleteInternetGateway", .key_member = "InternetGatewayId",
              .retry_codes = {"DependencyViolation"}},
      .find = FindStyle::kByTags,
      .hooks = {.before_delete = DetachFromVpcs},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewInternetGatewayType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), InternetGatewaySpec());
}
std::unique_ptr<ResourceType> NewInternetGatewayAttachmentType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), AttachmentSpec());
}

}  // namespace pave::aws_provider
