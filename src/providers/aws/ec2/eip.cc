// aws_eip: an Elastic IP in the VPC domain. Release waits while the address is still held
// by a NAT gateway being deleted.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema EipSchema() {
  ResourceSchema s;
  s.type = "aws_eip";
  s.description = "an Elastic IP address";
  s.attributes = {
      Optional("domain", AttrType::kString, "vpc", Value("vpc"), true),
      TagsAttribute(),
      ArnAttribute(),
      Computed("public_ip", AttrType::kString, "the address"),
  };
  return s;
}

class EipType : public AwsResourceType {
 public:
  explicit EipType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), EipSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"Domain", GetString(desired, "domain", "vpc")},
                   {"TagSpecifications", TagSpecifications("elastic-ip", TagsForCreate(ctx, desired))}};
    ASSIGN_OR_RETURN(Value out, Ec2("AllocateAddress", input));
    std::string id = GetString(out, "AllocationId");
    if (id.empty()) return Status::Internal("AllocateAddress returned no AllocationId");
    return ReadBack(ctx, {{"id", id}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto addresses, Describe("allocation-id", PriorValues(requests, "id")));
    std::map<std::string, Value> by_id = IndexBy(addresses, "AllocationId");
    ASSIGN_OR_RETURN(std::string account, Account());
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      if (it == by_id.end()) {
        out.push_back(std::nullopt);
        continue;
      }
      const Value& a = it->second;
      out.push_back(Value{{"id", it->first},
                          {"domain", GetString(a, "Domain", "vpc")},
                          {"public_ip", GetString(a, "PublicIp")},
                          {"tags", UserTags(a.value("Tags", Value::array()))},
                          {"arn", Ec2Arn(region(), account, "elastic-ip", it->first)}});
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
    Status s = poller().RetryWhile(
        ctx, "releasing address " + id, {"InvalidIPAddress.InUse", "AuthFailure", "DependencyViolation"},
        [&]() -> Status {
          Status r = Ec2("ReleaseAddress", {{"AllocationId", id}}).status();
          if (r.ok() || IsNotFound(r)) return r;
          // Held by an instance or interface pave does not manage: let go of it. Held by a
          // NAT gateway being deleted: this fails and the next round tries again.
          ASSIGN_OR_RETURN(auto found, Describe("allocation-id", {id}));
          for (const Value& a : found) {
            std::string assoc = GetString(a, "AssociationId");
            if (!assoc.empty()) (void)Ec2("DisassociateAddress", {{"AssociationId", assoc}});
          }
          return r;
        });
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)desired;
    ASSIGN_OR_RETURN(auto items, Describe("tag:" + std::string(kTagAddress), {ctx.address.ToString()}));
    std::optional<Value> pick = PickAdoptable(ctx, items);
    if (!pick) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value attrs, ReadBack(ctx, {{"id", GetString(*pick, "AllocationId")}}));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  // DescribeAddresses has no pagination: one call per chunk of filter values.
  Result<std::vector<Value>> Describe(const std::string& filter, const std::vector<std::string>& values) {
    DescribeQuery q{.operation = "DescribeAddresses", .filter_name = filter, .result_key = "Addresses"};
    return DescribeByFilter(client(), q, values);
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewEipType(AwsTypeDeps deps) {
  return std::make_unique<EipType>(std::move(deps));
}

}  // namespace pave::aws_provider
