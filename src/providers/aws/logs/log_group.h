// aws_cloudwatch_log_group: a CloudWatch Logs group with a retention policy.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"
#include "providers/aws/spec/spec_type.h"  // CommonPrefix

namespace pave::aws_provider {

ResourceSpec LogGroupSpec();
std::unique_ptr<ResourceType> NewLogGroupType(AwsTypeDeps deps);

}  // namespace pave::aws_provider
