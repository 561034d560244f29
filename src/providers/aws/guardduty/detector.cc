// aws_guardduty_detector as a spec. GetDetector reads one detector (ListDetectors gives only
// ids): one GetDetector per resource, several in flight. CreateDetector takes a client token,
// so a resent create makes no second detector (no Find needed).
#include "providers/aws/guardduty/detector.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// "ENABLED" as the switch it is.
bool DetectorStatus(const SpecEnv&, const Value& item, const Value&, Value* attrs) {
  (*attrs)["enable"] = GetString(item, "Status") == "ENABLED";
  return true;
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
            .create_member = "Enable"},
           {.name = "finding_publishing_frequency",
            .description = "FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS",
            .default_value = "SIX_HOURS",
            .create_member = "FindingPublishingFrequency",
            .read_member = "FindingPublishingFrequency"},
           {.name = "arn", .computed = true, .stable = true, .description = "the detector's ARN"}},
      .arn_format = "arn:aws:guardduty:{region}:{account}:detector/{id}",
      .create = {.operation = "CreateDetector",
                 .id_output = "DetectorId",
                 .token_member = "ClientToken"},
      .read = {.style = ReadStyle::kGetEach, .operation = "GetDetector", .get_members = {{"id", "DetectorId"}}},
      .updates = {{.operation = "UpdateDetector",
                   .key_member = "DetectorId",
                   .members = {{"enable", "Enable"},
                               {"finding_publishing_frequency", "FindingPublishingFrequency"}}}},
      .tags = {.style = TagStyle::kMap,
               .create_member = "Tags",
               .read_member = "Tags",
               .tag_operation = "TagResource",
               .untag_operation = "UntagResource",
               .resource_member = "ResourceArn",
               .tags_member = "Tags",
               .keys_member = "TagKeys"},
      .del = {.operation = "DeleteDetector",
              .key_member = "DetectorId",
              // GuardDuty answers a detector that is not (or no longer) there so.
              .gone_codes = {"BadRequestException"}},
      .hooks = {.read = DetectorStatus},
  };
}

std::unique_ptr<ResourceType> NewGuardDutyDetectorType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), GuardDutyDetectorSpec());
}

}  // namespace pave::aws_provider
