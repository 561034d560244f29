// Security Hub for the whole organization:
//   aws_securityhub_organization_admin_account  the member account that administers Security
//       Hub for the organization (from the management account; AWS registers it as the
//       delegated administrator in Organizations too)
//   aws_securityhub_organization_configuration  in that account: Security Hub and its default
//       standards turned on by AWS in every account that joins the organization
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/securityhub/hub.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

ResourceSpec SecurityHubOrganizationAdminSpec() {
  return ServiceOrganizationAdminSpec("aws_securityhub_organization_admin_account", "securityhub", "AccountId",
                                      "Status");
}

ResourceSpec SecurityHubOrganizationConfigurationSpec() {
  return {
      .type = "aws_securityhub_organization_configuration",
      .description = "Security Hub turned on in accounts that join the organization (in the administrator account)",
      .service = "securityhub",
      .singleton = true,
      .attributes = {{.name = "auto_enable",
                      .type = AttrType::kBool,
                      .description = "new member accounts get Security Hub",
                      .default_value = true,
                      .create_member = "AutoEnable",
                      .read_member = "AutoEnable"},
                     {.name = "auto_enable_standards",
                      .description = "DEFAULT (AWS's default standards in new members) or NONE",
                      .default_value = "DEFAULT",
                      .create_member = "AutoEnableStandards",
                      .read_member = "AutoEnableStandards"}},
      .create = {.operation = "UpdateOrganizationConfiguration"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeOrganizationConfiguration"},
      .updates = {{.operation = "UpdateOrganizationConfiguration",
                   .members = {{"auto_enable", "AutoEnable"}, {"auto_enable_standards", "AutoEnableStandards"}}}},
      // Deleted: new members no longer get Security Hub (AWS's default).
      .del = {.operation = "UpdateOrganizationConfiguration",
              .constants = {{"AutoEnable", false}, {"AutoEnableStandards", "NONE"}}},
  };
}

}  // namespace pave::aws_provider
