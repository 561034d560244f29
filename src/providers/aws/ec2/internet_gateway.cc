// aws_internet_gateway (a spec) and aws_internet_gateway_attachment. Deleting a gateway
// detaches it from any VPC first; detaching waits while the VPC still has mapped public
// addresses.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
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

ResourceSchema AttachmentSchema() {
  ResourceSchema s;
  s.type = "aws_internet_gateway_attachment";
  s.description = "attaches an internet gateway to a VPC; id is \"<igw>:<vpc>\"";
  s.attributes = {Required("internet_gateway_id", AttrType::kString, "the gateway", true),
                  Required("vpc_id", AttrType::kString, "the VPC", true)};
  return s;
}

class InternetGatewayAttachmentType : public AwsResourceType {
 public:
  explicit InternetGatewayAttachmentType(AwsTypeDeps deps)
      : AwsResourceType(std::move(deps), AttachmentSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string igw = GetString(desired, "internet_gateway_id");
    std::string vpc = GetString(desired, "vpc_id");
    Status s = Ec2("AttachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", vpc}}).status();
    if (!s.ok() && s.reason() != "Resource.AlreadyAssociated") return s;
    return ReadBack(ctx, Key(igw, vpc));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto gateways, DescribeGateways(client(), PriorValues(requests, "internet_gateway_id")));
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
          out.back() = Key(igw, vpc);
        }
      }
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    (void)ctx;
    (void)desired;
    return prior;  // every attribute is force_new
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    Value input = {{"InternetGatewayId", GetString(prior, "internet_gateway_id")},
                   {"VpcId", GetString(prior, "vpc_id")}};
    Status s = poller().RetryWhile(ctx, "detaching internet gateway", {"DependencyViolation"},
                                   [&]() { return Ec2("DetachInternetGateway", input).status(); });
    return IsNotFound(s) || s.reason() == "Gateway.NotAttached" ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, Key(GetString(desired, "internet_gateway_id"),
                                                                  GetString(desired, "vpc_id"))}}));
    return got[0];
  }

 private:
  static Value Key(const std::string& igw, const std::string& vpc) {
    return {{"id", igw + ":" + vpc}, {"internet_gateway_id", igw}, {"vpc_id", vpc}};
  }
};

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
  return std::make_unique<InternetGatewayAttachmentType>(std::move(deps));
}

}  // namespace pave::aws_provider
