// aws_guardduty_organization_configuration: in GuardDuty's delegated administrator account,
// which accounts of the organization AWS turns GuardDuty on in (ALL: every member, NEW: those
// that join from now on). Named by the administrator's detector; "deleted" by setting NONE.
// DescribeOrganizationConfiguration reads one detector's, so the read is a read_batch hook.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/guardduty/detector.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Result<std::vector<std::optional<Value>>> ReadOrganizationConfigurations(const SpecEnv& env,
                                                                         const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string detector = GetString(r.prior, "detector_id");
    Result<Value> out =
        env.client->Call("guardduty", "DescribeOrganizationConfiguration", {{"DetectorId", detector}});
    // A detector that is gone (or no longer the administrator's) answers BadRequestException.
    if (!out.ok() && (IsNotFound(out.status()) || out.status().reason() == "BadRequestException")) {
      result.emplace_back();
      continue;
    }
    if (!out.ok()) return out.status();
    std::string members = GetString(*out, "AutoEnableOrganizationMembers");
    if (members.empty()) members = out->value("AutoEnable", false) ? "NEW" : "NONE";  // before the member existed
    if (members == "NONE") {  // what a delete leaves
      result.emplace_back();
      continue;
    }
    result.emplace_back(Value{{"id", detector}, {"detector_id", detector}, {"auto_enable_organization_members", members}});
  }
  return result;
}

}  // namespace

ResourceSpec GuardDutyOrganizationConfigurationSpec() {
  return {
      .type = "aws_guardduty_organization_configuration",
      .description = "the accounts of the organization GuardDuty is turned on in (in the administrator account)",
      .service = "guardduty",
      .key_attribute = "detector_id",
      .attributes = {{.name = "detector_id",
                      .required = true,
                      .force_new = true,
                      .description = "the delegated administrator's detector",
                      .create_member = "DetectorId"},
                     {.name = "auto_enable_organization_members",
                      .description = "ALL (every member account) or NEW (accounts that join from now on)",
                      .default_value = "ALL",
                      .create_member = "AutoEnableOrganizationMembers"}},
      .create = {.operation = "UpdateOrganizationConfiguration"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeOrganizationConfiguration"},
      .updates = {{.operation = "UpdateOrganizationConfiguration",
                   .key_member = "DetectorId",
                   .members = {{"auto_enable_organization_members", "AutoEnableOrganizationMembers"}}}},
      .del = {.operation = "UpdateOrganizationConfiguration",
              .key_member = "DetectorId",
              .gone_codes = {"BadRequestException"},
              .constants = {{"AutoEnableOrganizationMembers", "NONE"}}},
      .hooks = {.read_batch = ReadOrganizationConfigurations},
  };
}

}  // namespace pave::aws_provider
