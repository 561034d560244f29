// aws_cloudtrail_trail: a CloudTrail trail (multi-region, global events, log file validation,
// KMS, CloudWatch Logs), logging once made; as a spec.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec CloudTrailSpec();
std::unique_ptr<ResourceType> NewCloudTrailType(AwsTypeDeps deps);

}  // namespace pave::aws_provider
