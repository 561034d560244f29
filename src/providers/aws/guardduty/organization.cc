// aws_guardduty_organization_configuration: in GuardDuty's delegated administrator account,
// which accounts of the organization AWS turns GuardDuty on in (ALL: every member, NEW: those
// that join from now on). Named by the administrator's detector; "deleted" by setting NONE.
// DescribeOrganizationConfiguration reads one detector's: a get-each read.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/guardduty/detector.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// NONE is what a delete leaves: no configuration. An older API answers only AutoEnable.
bool AutoEnabled(const SpecEnv&, const Value& out, const Value&, Value* attrs) {
  std::string members = GetString(out, "AutoEnableOrganizationMembers");
  if (members.empty()) members = out.value("AutoEnable", false) ? "NEW" : "NONE";
  (*attrs)["auto_enable_organization_members"] = members;
  return members != "NONE";
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
      .read = {.style = ReadStyle::kGetEach, .operation = "DescribeOrganizationConfiguration",
               .get_members = {{"detector_id", "DetectorId"}}},
      .updates = {{.operation = "UpdateOrganizationConfiguration",
                   .key_member = "DetectorId",
                   .members = {{"auto_enable_organization_members", "AutoEnableOrganizationMembers"}}}},
      // A detector that is gone (or no longer the administrator's) answers BadRequestException.
      .del = {.operation = "UpdateOrganizationConfiguration",
              .key_member = "DetectorId",
              .gone_codes = {"BadRequestException"},
              .constants = {{"AutoEnableOrganizationMembers", "NONE"}}},
      .hooks = {.read = AutoEnabled},
  };
}

}  // namespace pave::aws_provider
