// aws_cloudtrail_trail as a spec. DescribeTrails reads every trail of the account at once; the
// logging status (GetTrailStatus) is read per trail by the read hook, and a new trail is started
// (StartLogging) by after_create. CloudTrail's RemoveTags takes Key/Value pairs, not keys, which
// the generic tag sync does not do yet: the trail carries no tags, and is adopted by its name
// (unique in the account and region).
#include "providers/aws/cloudtrail/trail.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

AttrSpec TrailAttr(std::string name, AttrType type, std::string create, std::string read,
                   std::string what) {
  return {.name = std::move(name),
          .type = type,
          .description = std::move(what),
          .create_member = std::move(create),
          .read_member = std::move(read)};
}

std::vector<std::pair<std::string, std::string>> UpdateMembers(const std::vector<AttrSpec>& attrs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const AttrSpec& a : attrs) {
    if (!a.create_member.empty() && a.name != "name") out.emplace_back(a.name, a.create_member);
  }
  return out;
}

}  // namespace

ResourceSpec CloudTrailSpec() {
  std::vector<AttrSpec> attrs = {
      {.name = "name",
       .required = true,
       .force_new = true,
       .description = "the trail's name",
       .create_member = "Name",
       .read_member = "Name"},
      TrailAttr("s3_bucket_name", AttrType::kString, "S3BucketName", "S3BucketName",
                "the bucket logs go to"),
      TrailAttr("s3_key_prefix", AttrType::kString, "S3KeyPrefix", "S3KeyPrefix",
                "key prefix in the bucket"),
      TrailAttr("is_multi_region_trail", AttrType::kBool, "IsMultiRegionTrail",
                "IsMultiRegionTrail", "records every region"),
      TrailAttr("include_global_service_events", AttrType::kBool, "IncludeGlobalServiceEvents",
                "IncludeGlobalServiceEvents", "records IAM, STS and other global services"),
      TrailAttr("enable_log_file_validation", AttrType::kBool, "EnableLogFileValidation",
                "LogFileValidationEnabled", "digest files prove the logs unchanged"),
      {.name = "is_organization_trail",
       .type = AttrType::kBool,
       .description = "records every account of the organization (made in its management account)",
       .default_value = Value(false),
       .create_member = "IsOrganizationTrail",
       .read_member = "IsOrganizationTrail"},
      TrailAttr("kms_key_id", AttrType::kString, "KmsKeyId", "KmsKeyId",
                "KMS key encrypting the logs"),
      TrailAttr("cloud_watch_logs_group_arn", AttrType::kString, "CloudWatchLogsLogGroupArn",
                "CloudWatchLogsLogGroupArn", "log group the events also go to (ARN ending in :*)"),
      TrailAttr("cloud_watch_logs_role_arn", AttrType::kString, "CloudWatchLogsRoleArn",
                "CloudWatchLogsRoleArn", "role CloudTrail writes to the log group with"),
      {.name = "is_logging",
       .type = AttrType::kBool,
       .computed = true,
       .description = "the trail is logging"},
      {.name = "arn",
       .computed = true,
       .stable = true,
       .description = "the trail's ARN",
       .read_member = "TrailARN"},
  };
  auto members = UpdateMembers(attrs);
  return {
      .type = "aws_cloudtrail_trail",
      .description = "a CloudTrail trail, logging",
      .service = "cloudtrail",
      .key_attribute = "name",
      .attributes = std::move(attrs),
      .create = {.operation = "CreateTrail", .conflict_codes = {"TrailAlreadyExistsException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "DescribeTrails",
               .result_key = "trailList",
               .item_key = "Name"},
      .updates = {{.operation = "UpdateTrail",
                   .key_member = "Name",
                   .members = std::move(members)}},
      .del = {.operation = "DeleteTrail",
              .key_member = "Name",
              .gone_codes = {"TrailNotFoundException"}},
      .find = FindStyle::kByKey,
      .hooks = {
          .read =
              [](const SpecEnv& env, const Value& item, const Value&, Value* attrs) {
                Result<Value> status = env.client->Call("cloudtrail", "GetTrailStatus",
                                                        {{"Name", GetString(item, "Name")}});
                (*attrs)["is_logging"] = status.ok() && status->value("IsLogging", false) == true;
                return true;
              },
          .after_create = [](const SpecEnv& env, const OperationContext& ctx,
                             const Value& attrs) -> Status {
            RETURN_IF_ERROR(
                env.client->Call("cloudtrail", "StartLogging", {{"Name", GetString(attrs, "name")}})
                    .status());
            Value done = attrs;
            done["is_logging"] = true;
            ctx.CreatedComplete(done);
            return Status::Ok();
          }},
  };
}

std::unique_ptr<ResourceType> NewCloudTrailType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), CloudTrailSpec());
}

}  // namespace pave::aws_provider
