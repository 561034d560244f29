// aws_nat_gateway: created with ClientToken = the idempotency token (a retried create returns
// the same gateway), waited for until available; deletion is waited for too, so the Elastic
// IP it held can be released right after.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

bool Gone(const std::string& state) {
  return state == "deleting" || state == "deleted" || state == "failed";
}

ResourceSchema NatSchema() {
  ResourceSchema s;
  s.type = "aws_nat_gateway";
  s.description = "a NAT gateway giving private subnets outbound internet access";
  s.typical_create = std::chrono::minutes(2);
  s.attributes = {
      Required("subnet_id", AttrType::kString, "a public subnet", true),
      Optional("allocation_id", AttrType::kString, "the Elastic IP (public gateways)", std::nullopt, true),
      Optional("connectivity_type", AttrType::kString, "public | private", Value("public"), true),
      TagsAttribute(),
      ArnAttribute(),
      Computed("public_ip", AttrType::kString, "the public address"),
      Computed("private_ip", AttrType::kString, "the private address"),
  };
  return s;
}

class NatGatewayType : public AwsResourceType {
 public:
  explicit NatGatewayType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), NatSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"SubnetId", GetString(desired, "subnet_id")},
                   {"ConnectivityType", GetString(desired, "connectivity_type", "public")},
                   {"TagSpecifications", TagSpecifications("natgateway", TagsForCreate(ctx, desired))}};
    if (!GetString(desired, "allocation_id").empty()) input["AllocationId"] = desired["allocation_id"];
    if (!ctx.idempotency_token.empty()) input["ClientToken"] = ctx.idempotency_token.substr(0, 64);
    ASSIGN_OR_RETURN(Value out, Ec2("CreateNatGateway", input));
    std::string id = GetString(out.value("NatGateway", Value::object()), "NatGatewayId");
    if (id.empty()) return Status::Internal("CreateNatGateway returned no NatGatewayId");
    ctx.CreatedComplete({{"id", id}});  // made as asked (tags too): only the wait for "available" remains
    RETURN_IF_ERROR(WaitAvailable(ctx, id));
    return ReadBack(ctx, {{"id", id}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto items, Describe("nat-gateway-id", PriorValues(requests, "id")));
    std::map<std::string, Value> by_id = IndexBy(items, "NatGatewayId");
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      if (it == by_id.end() || Gone(GetString(it->second, "State"))) {
        out.push_back(std::nullopt);
        continue;
      }
      ASSIGN_OR_RETURN(Value attrs, ToAttributes(it->second));
      out.push_back(std::move(attrs));
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
    Status s = Ec2("DeleteNatGateway", {{"NatGatewayId", id}}).status();
    if (IsNotFound(s)) return Status::Ok();
    RETURN_IF_ERROR(s);
    // Until "deleted", not just "deleting": the Elastic IP is held until then.
    return poller().Until(ctx, "waiting for nat gateway " + id + " to be deleted",
                          [&](std::string* state) -> Result<bool> {
                            ASSIGN_OR_RETURN(auto items, Describe("nat-gateway-id", {id}));
                            *state = items.empty() ? "deleted" : GetString(items[0], "State");
                            return *state == "deleted" || *state == "failed";
                          });
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    // Filtered by subnet; tags are matched here (not every endpoint filters NAT gateways by tag).
    ASSIGN_OR_RETURN(auto items, Describe("subnet-id", {GetString(desired, "subnet_id")}));
    std::vector<Value> live;
    for (Value& item : items) {
      if (!Gone(GetString(item, "State"))) live.push_back(std::move(item));
    }
    std::optional<Value> pick = PickAdoptable(ctx, live);
    if (!pick) return std::optional<Value>();
    std::string id = GetString(*pick, "NatGatewayId");
    RETURN_IF_ERROR(WaitAvailable(ctx, id));
    ASSIGN_OR_RETURN(Value attrs, ReadBack(ctx, {{"id", id}}));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  Result<std::vector<Value>> Describe(const std::string& filter, const std::vector<std::string>& values) {
    DescribeQuery q{.operation = "DescribeNatGateways",
                    .filter_member = "Filter",
                    .filter_name = filter,
                    .result_key = "NatGateways"};
    return DescribeByFilter(client(), q, values);
  }

  Status WaitAvailable(const OperationContext& ctx, const std::string& id) {
    return poller().Until(ctx, "waiting for nat gateway " + id, [&](std::string* state) -> Result<bool> {
      ASSIGN_OR_RETURN(auto items, Describe("nat-gateway-id", {id}));
      *state = items.empty() ? "not visible yet" : GetString(items[0], "State");
      if (*state == "failed") {
        return Status::FailedPrecondition("nat gateway " + id + " failed: " +
                                          GetString(items[0], "FailureMessage", "no reason given"));
      }
      return *state == "available";
    });
  }

  Result<Value> ToAttributes(const Value& nat) {
    std::string id = GetString(nat, "NatGatewayId");
    ASSIGN_OR_RETURN(std::string account, Account());
    Value a = {{"id", id},
               {"subnet_id", GetString(nat, "SubnetId")},
               {"connectivity_type", GetString(nat, "ConnectivityType", "public")},
               {"tags", UserTags(nat.value("Tags", Value::array()))},
               {"arn", Ec2Arn(region(), account, "natgateway", id)}};
    for (const Value& addr : nat.value("NatGatewayAddresses", Value::array())) {
      if (!GetString(addr, "AllocationId").empty() && !a.contains("allocation_id")) {
        a["allocation_id"] = GetString(addr, "AllocationId");
        a["public_ip"] = GetString(addr, "PublicIp");
        a["private_ip"] = GetString(addr, "PrivateIp");
      }
    }
    return a;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewNatGatewayType(AwsTypeDeps deps) {
  return std::make_unique<NatGatewayType>(std::move(deps));
}

}  // namespace pave::aws_provider
