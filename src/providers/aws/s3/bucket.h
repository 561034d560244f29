// aws_s3_bucket: an S3 bucket with versioning, default encryption (SSE-S3 or SSE-KMS), the
// public-access block (all four switches) and a TLS-only bucket policy. It holds data: Delete
// refuses a bucket with objects unless the run allows data loss, and then deletes every
// object version and delete marker first.
#pragma once

#include <memory>

#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

std::unique_ptr<ResourceType> NewS3BucketType(AwsTypeDeps deps);

// Adds aws_s3_bucket to the registry.
void RegisterS3Types(ProviderRegistry* registry, const AwsTypeDeps& deps);

}  // namespace pave::aws_provider
