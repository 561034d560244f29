// aws_accessanalyzer_analyzer: an IAM Access Analyzer analyzer, as a spec.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

ResourceSpec AccessAnalyzerSpec();
std::unique_ptr<ResourceType> NewAccessAnalyzerType(AwsTypeDeps deps);

}  // namespace pave::aws_provider
