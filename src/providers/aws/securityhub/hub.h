// aws_securityhub_account: Security Hub turned on in the account and region, as a spec; and
// Security Hub for the organization (organization.cc).
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec SecurityHubAccountSpec();
ResourceSpec SecurityHubOrganizationAdminSpec();          // organization.cc
ResourceSpec SecurityHubOrganizationConfigurationSpec();  // organization.cc
ResourceSpec SecurityHubStandardsSubscriptionSpec();      // organization.cc
ResourceSpec SecurityHubMemberSpec();                     // organization.cc
std::unique_ptr<ResourceType> NewSecurityHubAccountType(AwsTypeDeps deps);

}  // namespace pave::aws_provider
