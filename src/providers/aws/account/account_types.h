// Account hardening settings, one per account (and region): the IAM password policy and EBS
// encryption by default, the account's S3 public access block. Singleton specs
// (ResourceSpec::singleton): the id is the account id, delete resets the setting to AWS's default.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec PasswordPolicySpec();            // aws_iam_account_password_policy
ResourceSpec EbsEncryptionSpec();             // aws_ebs_encryption_by_default
ResourceSpec AccountPublicAccessBlockSpec();  // aws_s3_account_public_access_block (s3control)
ResourceSpec AccountAliasSpec();              // aws_iam_account_alias
ResourceSpec CallerIdentitySpec();            // aws_caller_identity (a lookup; delete does nothing)

void RegisterAccountTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
