// aws_flow_log: VPC flow logs to a CloudWatch Logs group (with a delivery role) or to an S3
// bucket ARN. Created with ClientToken = the idempotency token and tagged in the same call.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ec2/ec2_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema FlowLogSchema() {
  ResourceSchema s;
  s.type = "aws_flow_log";
  s.description = "VPC flow logs to CloudWatch Logs (log_group_name + iam_role_arn) or S3 (log_destination)";
  s.attributes = {
      Required("vpc_id", AttrType::kString, "the VPC", true),
      Optional("traffic_type", AttrType::kString, "ACCEPT | REJECT | ALL", Value("ALL"), true),
      Optional("log_destination_type", AttrType::kString, "cloud-watch-logs | s3",
               Value("cloud-watch-logs"), true),
      Optional("log_group_name", AttrType::kString, "CloudWatch Logs group", std::nullopt, true),
      Optional("log_destination", AttrType::kString, "ARN of the S3 bucket (or log group)", std::nullopt, true),
      Optional("iam_role_arn", AttrType::kString, "role that delivers to CloudWatch Logs", std::nullopt, true),
      Optional("max_aggregation_interval", AttrType::kInt, "60 or 600 seconds", Value(600), true),
      TagsAttribute(),
      ArnAttribute(),
  };
  return s;
}

class FlowLogType : public AwsResourceType {
 public:
  explicit FlowLogType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), FlowLogSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    Value input = {{"ResourceIds", {GetString(desired, "vpc_id")}},
                   {"ResourceType", "VPC"},
                   {"TrafficType", GetString(desired, "traffic_type", "ALL")},
                   {"LogDestinationType", GetString(desired, "log_destination_type", "cloud-watch-logs")},
                   {"MaxAggregationInterval", GetInt(desired, "max_aggregation_interval", 600)},
                   {"TagSpecifications", TagSpecifications("vpc-flow-log", TagsForCreate(ctx, desired))}};
    for (const auto& [attr, member] : {std::pair{"log_group_name", "LogGroupName"},
                                       std::pair{"log_destination", "LogDestination"},
                                       std::pair{"iam_role_arn", "DeliverLogsPermissionArn"}}) {
      if (!GetString(desired, attr).empty()) input[member] = desired[attr];
    }
    if (!ctx.idempotency_token.empty()) input["ClientToken"] = ctx.idempotency_token.substr(0, 64);
    ASSIGN_OR_RETURN(Value out, Ec2("CreateFlowLogs", input));
    for (const Value& u : out.value("Unsuccessful", Value::array())) {
      const Value err = u.value("Error", Value::object());
      return Status::FailedPrecondition("flow log for " + GetString(desired, "vpc_id") + " not created: " +
                                        GetString(err, "Code") + ": " + GetString(err, "Message"))
          .WithReason(GetString(err, "Code"));
    }
    std::string id;
    for (const Value& v : out.value("FlowLogIds", Value::array())) id = v.get<std::string>();
    if (id.empty()) return Status::Internal("CreateFlowLogs returned no FlowLogIds");
    Value key = desired;
    key["id"] = id;
    return ReadBack(ctx, key);
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    // By the VPCs they log (one call per page for all of them).
    ASSIGN_OR_RETURN(auto items, Describe(PriorValues(requests, "vpc_id")));
    std::map<std::string, Value> by_id = IndexBy(items, "FlowLogId");
    ASSIGN_OR_RETURN(std::string account, Account());
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = by_id.find(GetString(r.prior, "id"));
      out.push_back(it == by_id.end() ? std::nullopt
                                      : std::optional<Value>(ToAttributes(it->second, r.prior, account)));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(SyncEc2Tags(ctx, id, prior, desired));
    return ReadBack(ctx, prior);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    ASSIGN_OR_RETURN(Value out, Ec2("DeleteFlowLogs", {{"FlowLogIds", {GetString(prior, "id")}}}));
    for (const Value& u : out.value("Unsuccessful", Value::array())) {
      const Value err = u.value("Error", Value::object());
      Status s = Status::FailedPrecondition("deleting flow log " + GetString(prior, "id") + ": " +
                                            GetString(err, "Message"))
                     .WithReason(GetString(err, "Code"));
      if (!IsNotFound(s)) return s;
    }
    return Status::Ok();
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(auto items, Describe({GetString(desired, "vpc_id")}));
    std::optional<Value> pick = PickAdoptable(ctx, items);
    if (!pick) return std::optional<Value>();
    ASSIGN_OR_RETURN(std::string account, Account());
    return std::optional<Value>(ToAttributes(*pick, desired, account));
  }

 private:
  Result<std::vector<Value>> Describe(const std::vector<std::string>& vpc_ids) {
    DescribeQuery q{.operation = "DescribeFlowLogs",
                    .filter_member = "Filter",
                    .filter_name = "resource-id",
                    .result_key = "FlowLogs"};
    return DescribeByFilter(client(), q, vpc_ids);
  }

  // log_group_name and log_destination name the same place for CloudWatch Logs: each is
  // reported only when `shape` (the prior or desired attributes) uses it, so neither shows
  // a diff that is not one.
  Value ToAttributes(const Value& f, const Value& shape, const std::string& account) const {
    std::string id = GetString(f, "FlowLogId");
    Value a = {{"id", id},
               {"vpc_id", GetString(f, "ResourceId")},
               {"traffic_type", GetString(f, "TrafficType")},
               {"log_destination_type", GetString(f, "LogDestinationType", "cloud-watch-logs")},
               {"max_aggregation_interval", GetInt(f, "MaxAggregationInterval", 600)},
               {"tags", UserTags(f.value("Tags", Value::array()))},
               {"arn", Ec2Arn(region(), account, "vpc-flow-log", id)}};
    for (const auto& [attr, member] : {std::pair{"log_group_name", "LogGroupName"},
                                       std::pair{"log_destination", "LogDestination"},
                                       std::pair{"iam_role_arn", "DeliverLogsPermissionArn"}}) {
      if (!GetString(shape, attr).empty() && !GetString(f, member).empty()) a[attr] = GetString(f, member);
    }
    return a;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewFlowLogType(AwsTypeDeps deps) {
  return std::make_unique<FlowLogType>(std::move(deps));
}

}  // namespace pave::aws_provider
