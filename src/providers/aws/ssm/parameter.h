// aws_ssm_parameter: an SSM Parameter Store parameter, a SecureString under a KMS key by
// default. Its value is a secret attribute: the engine keeps only a fingerprint in state, and
// Read never reads the value back (DescribeParameters returns none).
#pragma once

#include <memory>
#include <string>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewSsmParameterType(AwsTypeDeps deps);

// Adds aws_ssm_parameter to the registry.
void RegisterSsmTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

// "arn:aws:ssm:<region>:<account>:parameter/<name without its leading '/'>".
std::string SsmParameterArn(const std::string& region, const std::string& account,
                            const std::string& name);

// DescribeParameters accepts at most 50 values in one filter.
inline constexpr size_t kMaxSsmFilterValues = 50;

}  // namespace pave::aws_provider
