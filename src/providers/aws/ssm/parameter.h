// aws_ssm_parameter: an SSM Parameter Store parameter, a SecureString under a KMS key by
// default. Its value is a secret attribute: the engine keeps only a fingerprint in state, and
// Read never reads the value back (DescribeParameters returns none).
#pragma once

#include <memory>
#include <string>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewSsmParameterType(AwsTypeDeps deps);

// Adds aws_ssm_parameter and aws_ssm_deploy_key to the registry.
void RegisterSsmTypes(ProviderRegistry* registry, const AwsTypeDeps& deps);

// "arn:aws:ssm:<region>:<account>:parameter/<name without its leading '/'>".
std::string SsmParameterArn(const std::string& region, const std::string& account,
                            const std::string& name);

// A parameter's tags: a Key/Value list at create, AddTagsToResource / RemoveTagsFromResource
// and ListTagsForResource by name (ResourceType Parameter).
TagSpec SsmParameterTags();

// Parameters by name, for every name: DescribeParameters with a Name filter (chunks of 50,
// all pages). It returns no value and no tags.
Result<std::vector<Value>> DescribeSsmParameters(const SpecEnv& env, const std::vector<std::string>& names);

// aws_ssm_deploy_key (deploy_key.cc): an SSH key pair made at create; the private half only
// in a SecureString parameter, the public half in its description (and the attributes).
ResourceSpec SsmDeployKeySpec();

// DescribeParameters accepts at most 50 values in one filter.
inline constexpr size_t kMaxSsmFilterValues = 50;

}  // namespace pave::aws_provider
