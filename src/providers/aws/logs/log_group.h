// aws_cloudwatch_log_group: a CloudWatch Logs group with a retention policy.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewLogGroupType(AwsTypeDeps deps);

// The longest common prefix of `names` ("" for none): one DescribeLogGroups prefix that
// covers every group of a batched read.
std::string CommonPrefix(const std::vector<std::string>& names);

}  // namespace pave::aws_provider
