// AWS Organizations resource types, as specs (organizations is a global service; its
// endpoint is in us-east-1): aws_organizations_organization, _organizational_unit, _account,
// _policy and _policy_attachment. Accounts are never closed without ctx.allow_data_loss.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec OrganizationSpec();
ResourceSpec OrganizationalUnitSpec();
ResourceSpec OrganizationsAccountSpec();
ResourceSpec OrganizationsPolicySpec();
ResourceSpec OrganizationsPolicyAttachmentSpec();

// Adds the five types above.
ResourceSpec OrganizationsServiceAccessSpec();  // delegation.cc
ResourceSpec GuardDutyOrganizationAdminSpec();
// A service's delegated administrator made through the service's own
// EnableOrganizationAdminAccount (GuardDuty, Security Hub): its list names the account by
// `account_member` and its status by `status_member`.
ResourceSpec ServiceOrganizationAdminSpec(const std::string& type, const std::string& service,
                                          const std::string& account_member, const std::string& status_member);
ResourceSpec OrganizationsDelegatedAdminSpec();

void RegisterOrganizationsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
