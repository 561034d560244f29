// aws_vpc_endpoint: a gateway endpoint (S3, DynamoDB) on route tables, changed in place with
// ModifyVpcEndpoint; created with ClientToken and waited for until available.
#include <cctype>
#include <set>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

bool Gone(const std::string& state) {
  std::string s;
  for (char c : state) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "deleting" || s == "deleted" || s == "failed" || s == "rejected" || s == "expired";
}

ResourceSchema EndpointSchema() {
  ResourceSchema s;
  s.type = "aws_vpc_endpoint";
  s.description = "a VPC endpoint, e.g. the S3 gateway endpoint";
  s.attributes = {
      Required("vpc_id", AttrType::kString, "the VPC", true),
      Required("service_name", AttrType::kString, "e.g. com.amazonaws.eu-west-1.s3", true),
      Optional("vpc_endpoint_type", AttrType::kString, "Gateway | Interface", Value("Gateway"), true),
      Unordered(Optional("route_table_ids", AttrType::kList, "route tables (gateway endpoints)", Value::array())),
      TagsAttribute(),
      ArnAttribute(),
      Computed("state", AttrType::kString, "available, pending..."),
  };
  return s;
}

std::set<std::string> StringSet(const Value& list) {
  std::set<std::string> out;
  if (!list.is_array()) return out;
  for (const Value& v : list) {
    if (v.is_string()) out.insert(v.get<std::string>());
  }
  return out;
}

class VpcEndpointType : public AwsResourceType {
 public:
  explicit VpcEndpointType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), EndpointSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"VpcId", GetString(desired, "vpc_id")},
                   {"ServiceName", GetString(desired, "service_name")},
                   {"VpcEndpointType", GetString(desired, "vpc_endpoint_type", "Gateway")},
                   {"TagSpecifications", TagSpecifications("vpc-endpoint", TagsForCreate(ctx, desired))}};
    if (!desired.value("route_table_ids", Value::array()).empty()) input["RouteTableIds"] = desired["route_table_ids"];
    if (!ctx.idempotency_token.empty()) input["ClientToken"] = ctx.idempotency_token.substr(0, 64);
    ASSIGN_OR_RETURN(Value out, Ec2("CreateVpcEndpoint", input));
    std::string id = GetString(out.value("VpcEndpoint", Value::object()), "VpcEndpointId");
    if (id.empty()) return Status::Internal("CreateVpcEndpoint returned no VpcEndpointId");
    ctx.CreatedComplete(Key(id, desired));  // made with its tags and routes: only the wait is left
    return WaitAvailable(ctx, Key(id, desired));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    // By VPC: EC2 fails a whole call listing a deleted endpoint id.
    ASSIGN_OR_RETURN(auto items, Describe(PriorValues(requests, "vpc_id")));
    std::map<std::string, Value> by_id = IndexBy(items, "VpcEndpointId");
    ASSIGN_OR_RETURN(std::string account, Account());
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      if (it == by_id.end() || Gone(GetString(it->second, "State"))) {
        out.push_back(std::nullopt);
        continue;
      }
      const Value& e = it->second;
      out.push_back(Value{{"id", it->first},
                          {"vpc_id", GetString(e, "VpcId")},
                          {"service_name", GetString(e, "ServiceName")},
                          {"vpc_endpoint_type", GetString(e, "VpcEndpointType")},
                          {"route_table_ids", StableList(e.value("RouteTableIds", Value::array()),
                                                         r.prior.value("route_table_ids", Value::array()))},
                          {"state", GetString(e, "State")},
                          {"tags", UserTags(e.value("Tags", Value::array()))},
                          {"arn", Ec2Arn(region(), GetString(e, "OwnerId", account), "vpc-endpoint", it->first)}});
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(SyncEc2Tags(ctx, id, prior, desired));
    std::set<std::string> before = StringSet(prior.value("route_table_ids", Value::array()));
    std::set<std::string> after = StringSet(desired.value("route_table_ids", Value::array()));
    Value add = Value::array(), remove = Value::array();
    for (const std::string& t : after) {
      if (!before.count(t)) add.push_back(t);
    }
    for (const std::string& t : before) {
      if (!after.count(t)) remove.push_back(t);
    }
    if (!add.empty() || !remove.empty()) {
      Value input = {{"VpcEndpointId", id}};
      if (!add.empty()) input["AddRouteTableIds"] = add;
      if (!remove.empty()) input["RemoveRouteTableIds"] = remove;
      RETURN_IF_ERROR(Ec2("ModifyVpcEndpoint", input).status());
    }
    return WaitAvailable(ctx, Key(id, desired));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    Result<Value> out = Ec2("DeleteVpcEndpoints", {{"VpcEndpointIds", {id}}});
    if (!out.ok()) return IsNotFound(out.status()) ? Status::Ok() : out.status();
    return poller().Until(ctx, "waiting for endpoint " + id + " to be deleted",
                          [&](std::string* state) -> Result<bool> {
                            ASSIGN_OR_RETURN(auto items, Describe({GetString(prior, "vpc_id")}));
                            *state = "deleted";
                            for (const Value& e : items) {
                              if (GetString(e, "VpcEndpointId") == id) *state = GetString(e, "State");
                            }
                            return *state == "deleted" || *state == "Deleted" || *state == "failed";
                          });
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(auto items, Describe({GetString(desired, "vpc_id")}));
    std::vector<Value> live;
    for (Value& item : items) {
      if (!Gone(GetString(item, "State"))) live.push_back(std::move(item));
    }
    std::optional<Value> pick = PickAdoptable(ctx, live);
    if (!pick) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value attrs, WaitAvailable(ctx, Key(GetString(*pick, "VpcEndpointId"), desired)));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  static Value Key(const std::string& id, const Value& v) {
    return {{"id", id}, {"vpc_id", GetString(v, "vpc_id")},
            {"route_table_ids", v.value("route_table_ids", Value::array())}};
  }

  Result<std::vector<Value>> Describe(const std::vector<std::string>& vpc_ids) {
    DescribeQuery q{.operation = "DescribeVpcEndpoints", .filter_name = "vpc-id", .result_key = "VpcEndpoints"};
    return DescribeByFilter(client(), q, vpc_ids);
  }

  Result<Value> WaitAvailable(const OperationContext& ctx, const Value& key) {
    Value last;
    RETURN_IF_ERROR(poller().Until(ctx, "waiting for endpoint " + GetString(key, "id"),
                                   [&](std::string* state) -> Result<bool> {
                                     ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, key}}));
                                     if (got.empty() || !got[0]) {
                                       *state = "not visible yet";
                                       return false;
                                     }
                                     last = *got[0];
                                     *state = GetString(last, "state");
                                     return *state == "available" || *state == "Available";
                                   }));
    return last;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewVpcEndpointType(AwsTypeDeps deps) {
  return std::make_unique<VpcEndpointType>(std::move(deps));
}

}  // namespace pave::aws_provider
