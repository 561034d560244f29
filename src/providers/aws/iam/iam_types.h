// The IAM resource types pave needs for the network (the flow-log delivery role) and later
// sections: aws_iam_role and aws_iam_role_policy (inline policy).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "core/value.h"
#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewIamRoleType(AwsTypeDeps deps);
std::unique_ptr<ResourceType> NewIamRolePolicyType(AwsTypeDeps deps);

// A policy document as IAM returns it (a JSON object, a JSON string, or a URL-encoded JSON
// string) as compact JSON with sorted keys, so that equal policies compare equal.
Result<std::string> NormalizePolicy(const Value& document);

// Every role of the account with its inline policies and tags, one
// GetAccountAuthorizationDetails call per page, by role name.
Result<std::map<std::string, Value>> DescribeRoles(aws::AwsClient* client);

}  // namespace pave::aws_provider
