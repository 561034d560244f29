// IAM Identity Center (sso-admin) and its identity store, as specs (people.sso):
//   aws_ssoadmin_instance           the account's Identity Center instance, looked up (pave
//                                   neither enables nor disables it)
//   aws_ssoadmin_permission_set     a permission set (what a people role is under SSO)
//   aws_ssoadmin_managed_policy_attachment  an AWS managed policy in a permission set
//   aws_identitystore_group         a group of the identity store
//   aws_ssoadmin_account_assignment a principal given a permission set in an account
#pragma once

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec SsoInstanceSpec();
ResourceSpec SsoPermissionSetSpec();
ResourceSpec SsoManagedPolicyAttachmentSpec();
ResourceSpec IdentityStoreGroupSpec();
ResourceSpec SsoAccountAssignmentSpec();

void RegisterSsoTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
