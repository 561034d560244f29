// aws_cloudwatch_log_metric_filter and aws_cloudwatch_metric_alarm as specs. A metric filter
// is named by its log group and name ("<group>:<name>"); PutMetricFilter both makes and
// changes it, and its read lists the group's filters by name prefix (a read_batch hook, one
// call per filter). Alarms are read in one DescribeAlarms listing by the names' common prefix.
#include "providers/aws/cloudwatch/alarm_types.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Result<std::vector<std::optional<Value>>> ReadMetricFilters(
    const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string group = GetString(r.prior, "log_group_name"), name = GetString(r.prior, "name");
    Result<Value> out = env.client->CallAllPages(
        "logs", "DescribeMetricFilters", {{"logGroupName", group}, {"filterNamePrefix", name}});
    if (!out.ok() && !IsNotFound(out.status())) return out.status();
    std::optional<Value> found;
    for (const Value& f : out.ok() ? out->value("metricFilters", Value::array()) : Value::array()) {
      if (GetString(f, "filterName") != name) continue;
      found = Value{{"id", group + ":" + name},
                    {"log_group_name", group},
                    {"name", name},
                    {"pattern", GetString(f, "filterPattern")},
                    {"metric_transformations", f.value("metricTransformations", Value::array())}};
    }
    result.push_back(std::move(found));
  }
  return result;
}

}  // namespace

ResourceSpec MetricFilterSpec() {
  return {
      .type = "aws_cloudwatch_log_metric_filter",
      .description = "a metric counted from a log group's events",
      .service = "logs",
      .id_parts = {"log_group_name", "name"},
      .attributes = {{.name = "log_group_name",
                      .required = true,
                      .force_new = true,
                      .description = "the log group",
                      .create_member = "logGroupName"},
                     {.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "the filter's name",
                      .create_member = "filterName"},
                     {.name = "pattern",
                      .required = true,
                      .description = "the filter pattern",
                      .create_member = "filterPattern"},
                     {.name = "metric_transformations",
                      .type = AttrType::kList,
                      .required = true,
                      .description = "[{metricName, metricNamespace, metricValue}]",
                      .create_member = "metricTransformations"}},
      .create = {.operation = "PutMetricFilter"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "DescribeMetricFilters",
               .result_key = "metricFilters",
               .item_key = "filterName"},
      .updates = {{.operation = "PutMetricFilter",
                   .members = {{"log_group_name", "logGroupName"},
                               {"name", "filterName"},
                               {"pattern", "filterPattern"},
                               {"metric_transformations", "metricTransformations"}}}},
      .del = {.operation = "DeleteMetricFilter",
              .members = {{"log_group_name", "logGroupName"}, {"name", "filterName"}}},
      .hooks = {.read_batch = ReadMetricFilters},
  };
}

ResourceSpec MetricAlarmSpec() {
  std::vector<std::pair<std::string, std::string>> members = {
      {"description", "AlarmDescription"},
      {"metric_name", "MetricName"},
      {"namespace", "Namespace"},
      {"statistic", "Statistic"},
      {"period", "Period"},
      {"evaluation_periods", "EvaluationPeriods"},
      {"threshold", "Threshold"},
      {"comparison_operator", "ComparisonOperator"},
      {"treat_missing_data", "TreatMissingData"},
      {"alarm_actions", "AlarmActions"}};
  return {
      .type = "aws_cloudwatch_metric_alarm",
      .description = "a CloudWatch alarm on one metric",
      .service = "cloudwatch",
      .key_attribute = "name",
      .attributes = {{.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "the alarm's name",
                      .create_member = "AlarmName",
                      .read_member = "AlarmName"},
                     {.name = "description",
                      .description = "what it means",
                      .create_member = "AlarmDescription",
                      .read_member = "AlarmDescription"},
                     {.name = "metric_name",
                      .required = true,
                      .description = "the metric",
                      .create_member = "MetricName",
                      .read_member = "MetricName"},
                     {.name = "namespace",
                      .required = true,
                      .description = "the metric's namespace",
                      .create_member = "Namespace",
                      .read_member = "Namespace"},
                     {.name = "statistic",
                      .required = true,
                      .description = "Sum, Average, Maximum...",
                      .create_member = "Statistic",
                      .read_member = "Statistic"},
                     {.name = "period",
                      .type = AttrType::kInt,
                      .required = true,
                      .description = "seconds per datapoint",
                      .create_member = "Period",
                      .read_member = "Period"},
                     {.name = "evaluation_periods",
                      .type = AttrType::kInt,
                      .required = true,
                      .description = "datapoints compared",
                      .create_member = "EvaluationPeriods",
                      .read_member = "EvaluationPeriods"},
                     {.name = "threshold",
                      .type = AttrType::kAny,
                      .required = true,
                      .description = "the threshold",
                      .create_member = "Threshold",
                      .read_member = "Threshold"},
                     {.name = "comparison_operator",
                      .required = true,
                      .description = "GreaterThanOrEqualToThreshold...",
                      .create_member = "ComparisonOperator",
                      .read_member = "ComparisonOperator"},
                     {.name = "treat_missing_data",
                      .description = "missing, notBreaching, breaching, ignore",
                      .create_member = "TreatMissingData",
                      .read_member = "TreatMissingData"},
                     {.name = "alarm_actions",
                      .type = AttrType::kList,
                      .description = "ARNs notified (SNS topics)",
                      .create_member = "AlarmActions",
                      .read_member = "AlarmActions"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the alarm's ARN",
                      .read_member = "AlarmArn"}},
      .create = {.operation = "PutMetricAlarm"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "DescribeAlarms",
               .result_key = "MetricAlarms",
               .item_key = "AlarmName",
               .prefix_member = "AlarmNamePrefix"},
      .updates = {{.operation = "PutMetricAlarm",
                   .key_member = "AlarmName",
                   .members = std::move(members)}},
      .tags = {.style = TagStyle::kKeyValueList,
               .create_member = "Tags",
               .tag_operation = "TagResource",
               .untag_operation = "UntagResource",
               .resource_member = "ResourceARN",
               .tags_member = "Tags",
               .keys_member = "TagKeys",
               .list_operation = "ListTagsForResource",
               .list_result = "Tags"},
      .del = {.operation = "DeleteAlarms", .key_member = "AlarmNames", .key_in_list = true},
      .find = FindStyle::kByKey,
  };
}

void RegisterCloudWatchTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  for (ResourceSpec (*spec)() : {MetricFilterSpec, MetricAlarmSpec}) {
    registry->Register(NewSpecType(deps, spec()));
  }
}

}  // namespace pave::aws_provider
