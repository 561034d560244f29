// What lets one member account run a security service for the whole organization:
//   aws_organizations_service_access   trusted access of an AWS service to the organization
//                                      (EnableAWSServiceAccess), from the management account
//   aws_guardduty_organization_admin_account  the member account that administers GuardDuty
//                                      for the organization (its delegated administrator)
// Both are keyed by a name known before the call (the service principal, the account id), so
// a create whose answer was lost is found by listing (FindStyle::kByKey).
#include "providers/aws/common/attrs.h"
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

ResourceSpec OrganizationsServiceAccessSpec() {
  return {
      .type = "aws_organizations_service_access",
      .description = "trusted access of an AWS service to the organization (guardduty.amazonaws.com, ...)",
      .service = "organizations",
      .key_attribute = "service_principal",
      .attributes = {{.name = "service_principal",
                      .required = true,
                      .force_new = true,
                      .description = "the service's principal",
                      .create_member = "ServicePrincipal",
                      .read_member = "ServicePrincipal"}},
      .create = {.operation = "EnableAWSServiceAccess"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListAWSServiceAccessForOrganization",
               .result_key = "EnabledServicePrincipals",
               .item_key = "ServicePrincipal"},
      .del = {.operation = "DisableAWSServiceAccess", .key_member = "ServicePrincipal"},
      .find = FindStyle::kByKey,
  };
}

ResourceSpec GuardDutyOrganizationAdminSpec() {
  return {
      .type = "aws_guardduty_organization_admin_account",
      .description = "the member account that administers GuardDuty for the organization",
      .service = "guardduty",
      .key_attribute = "admin_account_id",
      .attributes = {{.name = "admin_account_id",
                      .required = true,
                      .force_new = true,
                      .description = "the delegated administrator's account id",
                      .create_member = "AdminAccountId",
                      .read_member = "AdminAccountId"},
                     {.name = "admin_status",
                      .computed = true,
                      .description = "ENABLED or DISABLE_IN_PROGRESS",
                      .read_member = "AdminStatus"}},
      .create = {.operation = "EnableOrganizationAdminAccount"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListOrganizationAdminAccounts",
               .result_key = "AdminAccounts",
               .item_key = "AdminAccountId"},
      .del = {.operation = "DisableOrganizationAdminAccount", .key_member = "AdminAccountId"},
      .find = FindStyle::kByKey,
  };
}

}  // namespace pave::aws_provider
