// aws_cloudwatch_log_group, as a spec. Read is batched: DescribeLogGroups with the common
// prefix of the names, one call per page. DescribeLogGroups does not return tags, so a
// refresh keeps the tags last applied (tag drift on log groups is not detected).
#include "providers/aws/logs/log_group.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

ResourceSpec LogGroupSpec() {
  return {
      .type = "aws_cloudwatch_log_group",
      .description = "a CloudWatch Logs group",
      .service = "logs",
      .key_attribute = "name",
      .attributes = {{.name = "name", .required = true, .force_new = true, .description = "the group name",
                      .create_member = "logGroupName", .read_member = "logGroupName"},
                     {.name = "retention_in_days", .type = AttrType::kInt,
                      .description = "days to keep events (unset: forever)", .read_member = "retentionInDays"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
                      .read_member = "logGroupArn"}},
      .create = {.operation = "CreateLogGroup", .conflict_codes = {"ResourceAlreadyExistsException"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeLogGroups", .result_key = "logGroups",
               .item_key = "logGroupName", .prefix_member = "logGroupNamePrefix"},
      .updates = {{.operation = "PutRetentionPolicy", .key_member = "logGroupName",
                   .members = {{"retention_in_days", "retentionInDays"}},
                   .unset_operation = "DeleteRetentionPolicy"}},
      .tags = {.style = TagStyle::kMap, .create_member = "tags", .tag_operation = "TagResource",
               .untag_operation = "UntagResource", .resource_member = "resourceArn",
               .tags_member = "tags", .keys_member = "tagKeys"},
      .del = {.operation = "DeleteLogGroup", .key_member = "logGroupName"},
      .find = FindStyle::kByKey,
      .hooks = {.read = [](const SpecEnv&, const Value& item, const Value&, Value* attrs) {
        // Older endpoints return only "arn", ending in ":*".
        if (attrs->contains("arn")) return true;
        std::string arn = GetString(item, "arn");
        if (arn.size() > 2 && arn.compare(arn.size() - 2, 2, ":*") == 0) arn.resize(arn.size() - 2);
        (*attrs)["arn"] = arn;
        return true;
      }},
  };
}

std::unique_ptr<ResourceType> NewLogGroupType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), LogGroupSpec());
}

}  // namespace pave::aws_provider
