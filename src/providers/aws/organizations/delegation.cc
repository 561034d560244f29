// What lets one member account run a security service for the whole organization:
//   aws_organizations_service_access   trusted access of an AWS service to the organization
//                                      (EnableAWSServiceAccess), from the management account
//   aws_guardduty_organization_admin_account  the member account that administers GuardDuty
//                                      for the organization (its delegated administrator)
//   (ServiceOrganizationAdminSpec: the same for Security Hub, ../securityhub/organization.cc)
//   aws_organizations_delegated_administrator  a member account registered as the delegated
//                                      administrator of any other service (Config, ...)
// All are keyed by names known before the call (the service principal, the account id), so a
// create whose answer was lost is found by listing (FindStyle::kByKey).
#include <map>
#include <set>

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

ResourceSpec ServiceOrganizationAdminSpec(const std::string& type, const std::string& service,
                                          const std::string& account_member, const std::string& status_member) {
  return {
      .type = type,
      .description = "the member account that administers " + service + " for the organization",
      .service = service,
      .key_attribute = "admin_account_id",
      .attributes = {{.name = "admin_account_id",
                      .required = true,
                      .force_new = true,
                      .description = "the delegated administrator's account id",
                      .create_member = "AdminAccountId",
                      .read_member = account_member},
                     {.name = "admin_status",
                      .computed = true,
                      .description = "ENABLED or DISABLE_IN_PROGRESS",
                      .read_member = status_member}},
      .create = {.operation = "EnableOrganizationAdminAccount"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListOrganizationAdminAccounts",
               .result_key = "AdminAccounts",
               .item_key = account_member},
      .del = {.operation = "DisableOrganizationAdminAccount", .key_member = "AdminAccountId"},
      .find = FindStyle::kByKey,
  };
}

ResourceSpec GuardDutyOrganizationAdminSpec() {
  return ServiceOrganizationAdminSpec("aws_guardduty_organization_admin_account", "guardduty", "AdminAccountId",
                                      "AdminStatus");
}

namespace {

// One listing per service principal, however many accounts are asked about.
Result<std::vector<std::optional<Value>>> ReadDelegatedAdmins(const SpecEnv& env,
                                                              const std::vector<ReadRequest>& requests) {
  std::map<std::string, std::set<std::string>> admins;  // service principal -> account ids
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string account = GetString(r.prior, "account_id"), principal = GetString(r.prior, "service_principal");
    if (!admins.count(principal)) {
      ASSIGN_OR_RETURN(Value out, env.client->CallAllPages("organizations", "ListDelegatedAdministrators",
                                                           Value{{"ServicePrincipal", principal}}));
      std::set<std::string>& ids = admins[principal];
      for (const Value& a : out.value("DelegatedAdministrators", Value::array())) ids.insert(GetString(a, "Id"));
    }
    result.push_back(std::nullopt);
    if (admins[principal].count(account)) {
      result.back() = Value{{"id", account + ":" + principal}, {"account_id", account}, {"service_principal", principal}};
    }
  }
  return result;
}

}  // namespace

ResourceSpec OrganizationsDelegatedAdminSpec() {
  const std::vector<std::pair<std::string, std::string>> members = {{"account_id", "AccountId"},
                                                                    {"service_principal", "ServicePrincipal"}};
  return {
      .type = "aws_organizations_delegated_administrator",
      .description = "a member account that administers an AWS service for the organization",
      .service = "organizations",
      .id_parts = {"account_id", "service_principal"},
      .attributes = {{.name = "account_id",
                      .required = true,
                      .force_new = true,
                      .description = "the member account",
                      .create_member = "AccountId"},
                     {.name = "service_principal",
                      .required = true,
                      .force_new = true,
                      .description = "the service (config.amazonaws.com, ...)",
                      .create_member = "ServicePrincipal"}},
      .create = {.operation = "RegisterDelegatedAdministrator",
                 .conflict_codes = {"AccountAlreadyRegisteredException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListDelegatedAdministrators",
               .result_key = "DelegatedAdministrators",
               .item_key = "Id"},
      .del = {.operation = "DeregisterDelegatedAdministrator",
              .members = members,
              .gone_codes = {"AccountNotRegisteredException"}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadDelegatedAdmins},
  };
}

}  // namespace pave::aws_provider
