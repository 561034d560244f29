// aws_guardduty_detector as a spec. GetDetector reads one detector (ListDetectors gives only
// ids), so the read is a read_batch hook: one GetDetector per resource. CreateDetector takes a
// client token, so a resent create makes no second detector (no Find needed).
#include "providers/aws/guardduty/detector.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// The detector's attributes from GetDetector's answer.
Value DetectorAttributes(const std::string& id, const std::string& arn, const Value& out) {
  Value tags = Value::object(), read = out.value("Tags", Value::object());
  for (const auto& [k, v] : read.items()) {
    if (!IsManagedTagKey(k)) tags[k] = v;
  }
  return {{"id", id},
          {"arn", arn},
          {"enable", GetString(out, "Status") == "ENABLED"},
          {"finding_publishing_frequency", GetString(out, "FindingPublishingFrequency")},
          {"tags", tags}};
}

Result<std::vector<std::optional<Value>>> ReadDetectors(const SpecEnv& env,
                                                        const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  std::string account;
  for (const ReadRequest& r : requests) {
    std::string id = GetString(r.prior, "id");
    Result<Value> out = env.client->Call("guardduty", "GetDetector", {{"DetectorId", id}});
    // GuardDuty answers a detector that is not (or no longer) there with BadRequestException.
    if (!out.ok() && (IsNotFound(out.status()) || out.status().reason() == "BadRequestException")) {
      result.emplace_back();
      continue;
    }
    if (!out.ok()) return out.status();
    if (account.empty()) {
      ASSIGN_OR_RETURN(Value who, env.client->Call("sts", "GetCallerIdentity", Value::object()));
      account = GetString(who, "Account");
    }
    std::string arn = "arn:aws:guardduty:" + env.region + ":" + account + ":detector/" + id;
    result.emplace_back(DetectorAttributes(id, arn, *out));
  }
  return result;
}

}  // namespace

ResourceSpec GuardDutyDetectorSpec() {
  return {
      .type = "aws_guardduty_detector",
      .description = "the GuardDuty detector of the account in the region",
      .service = "guardduty",
      .attributes =
          {{.name = "enable",
            .type = AttrType::kBool,
            .description = "findings are produced",
            .default_value = true,
            .create_member = "Enable",
            .read_member = "Status"},
           {.name = "finding_publishing_frequency",
            .description = "FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS",
            .default_value = "SIX_HOURS",
            .create_member = "FindingPublishingFrequency",
            .read_member = "FindingPublishingFrequency"},
           {.name = "arn", .computed = true, .stable = true, .description = "the detector's ARN"}},
      .create = {.operation = "CreateDetector",
                 .id_output = "DetectorId",
                 .token_member = "ClientToken"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "GetDetector"},
      .updates = {{.operation = "UpdateDetector",
                   .key_member = "DetectorId",
                   .members = {{"enable", "Enable"},
                               {"finding_publishing_frequency", "FindingPublishingFrequency"}}}},
      .tags = {.style = TagStyle::kMap,
               .create_member = "Tags",
               .tag_operation = "TagResource",
               .untag_operation = "UntagResource",
               .resource_member = "ResourceArn",
               .tags_member = "Tags",
               .keys_member = "TagKeys"},
      .del = {.operation = "DeleteDetector",
              .key_member = "DetectorId",
              .gone_codes = {"BadRequestException"}},
      .hooks = {.read_batch = ReadDetectors},
  };
}

std::unique_ptr<ResourceType> NewGuardDutyDetectorType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), GuardDutyDetectorSpec());
}

}  // namespace pave::aws_provider
