// The settings pave gives every S3 bucket, as the S3 API spells them: a TLS-only bucket policy
// (deny every request with aws:SecureTransport false), default encryption (SSE-S3 or SSE-KMS
// with a bucket key) and the public-access block with all four switches on.
#pragma once

#include <string>

#include "core/status.h"
#include "core/value.h"

namespace pave::aws_provider {

// The Sid of the statement pave adds; Read recognises it.
inline constexpr const char* kTlsOnlySid = "DenyInsecureTransport";

// "arn:aws:s3:::<bucket>".
std::string S3BucketArn(const std::string& bucket);

// The bucket policy (compact JSON, keys sorted) denying s3:* on the bucket and its objects to
// requests without TLS.
std::string TlsOnlyPolicy(const std::string& bucket);

// True when the policy text has a Deny statement on aws:SecureTransport = false.
bool PolicyRequiresTls(const std::string& policy_json);

// ServerSideEncryptionConfiguration for PutBucketEncryption: "AES256" (SSE-S3) or "aws:kms"
// with `kms_key` (empty: the AWS managed key aws/s3). InvalidArgument for another algorithm.
Result<Value> EncryptionConfiguration(const std::string& sse_algorithm, const std::string& kms_key);

// The PublicAccessBlockConfiguration with all four switches set to `on`.
Value PublicAccessBlock(bool on);

// True when all four switches of a PublicAccessBlockConfiguration are on.
bool AllPublicAccessBlocked(const Value& configuration);

}  // namespace pave::aws_provider
