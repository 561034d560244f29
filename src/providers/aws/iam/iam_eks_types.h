// The IAM resource types EKS needs besides roles and inline policies:
// aws_iam_role_policy_attachment (a managed policy attached to a role) and
// aws_iam_openid_connect_provider (the cluster's OIDC issuer, trusted by service-account roles).
#pragma once

#include <memory>
#include <string>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewIamRolePolicyAttachmentType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewIamOpenIdConnectProviderType(AwsTypeDeps deps);

// "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" -> "oidc.eks.eu-west-1.amazonaws.com/id/ABC":
// the form IAM keys providers by and trust-policy conditions use.
std::string OidcIssuerHost(const std::string& url);

}  // namespace pave::aws_provider
