// aws_flow_log (a spec): VPC flow logs to a CloudWatch Logs group (with a delivery role) or to
// an S3 bucket ARN. Created with ClientToken = the idempotency token and tagged in the same
// call; CreateFlowLogs and DeleteFlowLogs answer 200 and report a failure in "Unsuccessful".
#include "providers/aws/common/attrs.h"
#include "providers/aws/ec2/ec2_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// log_group_name and log_destination name the same place for CloudWatch Logs: each is kept only
// when the prior (or desired) value uses it, so neither shows a diff that is not one. Members an
// endpoint leaves out read as AWS's defaults.
bool ReadFlowLog(const SpecEnv&, const Value&, const Value& prior, Value* attrs) {
  for (const char* attr : {"log_group_name", "log_destination", "iam_role_arn"}) {
    if (GetString(prior, attr).empty()) attrs->erase(attr);
  }
  if (!attrs->contains("log_destination_type")) (*attrs)["log_destination_type"] = "cloud-watch-logs";
  if (!attrs->contains("max_aggregation_interval")) (*attrs)["max_aggregation_interval"] = 600;
  return true;
}

AttrSpec Destination(const char* name, const char* description, const char* member) {
  return {.name = name, .force_new = true, .description = description, .create_member = member,
          .read_member = member};
}

ResourceSpec FlowLogSpec() {
  return {
      .type = "aws_flow_log",
      .description = "VPC flow logs to CloudWatch Logs (log_group_name + iam_role_arn) or S3 (log_destination)",
      .service = "ec2",
      .attributes = {{.name = "vpc_id", .required = true, .force_new = true, .description = "the VPC",
                      .create_member = "ResourceIds", .read_member = "ResourceId", .create_in_list = true},
                     {.name = "traffic_type", .force_new = true, .description = "ACCEPT | REJECT | ALL",
                      .default_value = Value("ALL"), .create_member = "TrafficType", .read_member = "TrafficType"},
                     {.name = "log_destination_type", .force_new = true, .description = "cloud-watch-logs | s3",
                      .default_value = Value("cloud-watch-logs"), .create_member = "LogDestinationType",
                      .read_member = "LogDestinationType"},
                     Destination("log_group_name", "CloudWatch Logs group", "LogGroupName"),
                     Destination("log_destination", "ARN of the S3 bucket (or log group)", "LogDestination"),
                     Destination("iam_role_arn", "role that delivers to CloudWatch Logs", "DeliverLogsPermissionArn"),
                     {.name = "max_aggregation_interval", .type = AttrType::kInt, .force_new = true,
                      .description = "60 or 600 seconds", .default_value = Value(600),
                      .create_member = "MaxAggregationInterval", .read_member = "MaxAggregationInterval"},
                     {.name = "tags"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"}},
      .arn_format = "arn:aws:ec2:{region}:{account}:vpc-flow-log/{id}",
      .create = {.operation = "CreateFlowLogs", .id_output = "FlowLogIds", .unsuccessful_member = "Unsuccessful",
                 .token_member = "ClientToken", .constants = {{"ResourceType", "VPC"}}},
      .read = {.operation = "DescribeFlowLogs", .result_key = "FlowLogs", .item_key = "FlowLogId",
               .filter_member = "Filter", .filter_name = "flow-log-id"},
      .tags = {.style = TagStyle::kEc2TagSpecifications, .create_member = "TagSpecifications",
               .ec2_resource_type = "vpc-flow-log", .read_member = "Tags"},
      .del = {.operation = "DeleteFlowLogs", .key_member = "FlowLogIds", .key_in_list = true,
              .unsuccessful_member = "Unsuccessful"},
      .find = FindStyle::kByTags,
      .hooks = {.read = ReadFlowLog},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewFlowLogType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), FlowLogSpec());
}

}  // namespace pave::aws_provider
