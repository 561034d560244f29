// aws_subnet: CreateSubnet with tags; map_public_ip_on_launch through ModifySubnetAttribute.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/ec2/enis.h"

namespace pave::aws_provider {
namespace {

ResourceSchema SubnetSchema() {
  ResourceSchema s;
  s.type = "aws_subnet";
  s.description = "a subnet of a VPC in one availability zone";
  s.attributes = {
      Required("vpc_id", AttrType::kString, "the VPC", true),
      Required("cidr_block", AttrType::kString, "IPv4 range inside the VPC's", true),
      Required("availability_zone", AttrType::kString, "zone name, e.g. eu-west-1a", true),
      Optional("map_public_ip_on_launch", AttrType::kBool, "public IPv4 for instances", false),
      TagsAttribute(),
      ArnAttribute(),
      Computed("availability_zone_id", AttrType::kString, "zone id, e.g. euw1-az1"),
  };
  return s;
}

class SubnetType : public AwsResourceType {
 public:
  explicit SubnetType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), SubnetSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"VpcId", GetString(desired, "vpc_id")},
                   {"CidrBlock", GetString(desired, "cidr_block")},
                   {"AvailabilityZone", GetString(desired, "availability_zone")},
                   {"TagSpecifications", TagSpecifications("subnet", TagsForCreate(ctx, desired))}};
    ASSIGN_OR_RETURN(Value out, Ec2("CreateSubnet", input));
    std::string id = GetString(out.value("Subnet", Value::object()), "SubnetId");
    if (id.empty()) return Status::Internal("CreateSubnet returned no SubnetId");
    ctx.Created({{"id", id}});  // before ModifySubnetAttribute can fail
    RETURN_IF_ERROR(ApplyMapPublic(id, Value::object(), desired));
    return ReadBack(ctx, {{"id", id}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    DescribeQuery q{.operation = "DescribeSubnets", .filter_name = "subnet-id", .result_key = "Subnets"};
    ASSIGN_OR_RETURN(std::vector<Value> items, DescribeByFilter(client(), q, PriorValues(requests, "id")));
    std::map<std::string, Value> subnets = IndexBy(items, "SubnetId");
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = subnets.find(GetString(r.prior, "id"));
      out.push_back(it == subnets.end() ? std::nullopt : std::optional<Value>(ToAttributes(it->second)));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(SyncEc2Tags(ctx, id, prior, desired));
    RETURN_IF_ERROR(ApplyMapPublic(id, prior, desired));
    return ReadBack(ctx, {{"id", id}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    Status s = poller().RetryWhile(ctx, "deleting subnet " + id, {"DependencyViolation"}, [&]() {
      RETURN_IF_ERROR(DeleteLeftoverEnis(client(), "subnet-id", id));
      return Ec2("DeleteSubnet", {{"SubnetId", id}}).status();
    });
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    // By VPC and CIDR: unique within a VPC, so this also finds a create whose tags were lost.
    DescribeQuery q{.operation = "DescribeSubnets",
                    .filter_name = "vpc-id",
                    .result_key = "Subnets",
                    .extra_filters = Value::array(
                        {{{"Name", "cidr-block"}, {"Values", {GetString(desired, "cidr_block")}}}})};
    ASSIGN_OR_RETURN(std::vector<Value> items,
                     DescribeByFilter(client(), q, {GetString(desired, "vpc_id")}));
    std::optional<Value> pick = PickAdoptable(ctx, items);
    if (!pick) return std::optional<Value>();
    return std::optional<Value>(ToAttributes(*pick));
  }

 private:
  Value ToAttributes(const Value& subnet) const {
    return {{"id", GetString(subnet, "SubnetId")},
            {"vpc_id", GetString(subnet, "VpcId")},
            {"cidr_block", GetString(subnet, "CidrBlock")},
            {"availability_zone", GetString(subnet, "AvailabilityZone")},
            {"availability_zone_id", GetString(subnet, "AvailabilityZoneId")},
            {"map_public_ip_on_launch", GetBool(subnet, "MapPublicIpOnLaunch", false)},
            {"tags", UserTags(subnet.value("Tags", Value::array()))},
            {"arn", GetString(subnet, "SubnetArn")}};
  }

  Status ApplyMapPublic(const std::string& id, const Value& current, const Value& desired) {
    bool want = GetBool(desired, "map_public_ip_on_launch", false);
    if (GetBool(current, "map_public_ip_on_launch", false) == want) return Status::Ok();
    return Ec2("ModifySubnetAttribute", {{"SubnetId", id}, {"MapPublicIpOnLaunch", {{"Value", want}}}})
        .status();
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewSubnetType(AwsTypeDeps deps) {
  return std::make_unique<SubnetType>(std::move(deps));
}

}  // namespace pave::aws_provider
