// The settings pave gives every S3 bucket, as the S3 API spells them: a TLS-only bucket policy
// (deny every request with aws:SecureTransport false), default encryption (SSE-S3 or SSE-KMS
// with a bucket key) and the public-access block with all four switches on.
#pragma once

#include <string>
#include <vector>

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

// The AWS services a bucket can admit to deliver their logs: "cloudtrail", "config".
const std::vector<std::string>& LogDeliveryServices();

// What pave puts in a bucket's policy: the TLS-only statement and, per log-delivery service,
// the statements AWS documents for it (GetBucketAcl, PutObject under AWSLogs/<account>/ with
// bucket-owner-full-control, each limited by aws:SourceAccount to `account`).
struct BucketPolicySettings {
  bool require_tls = false;
  std::vector<std::string> log_delivery;  // sorted, from LogDeliveryServices()
  // Whose logs the delivery statements admit (sorted): account ids and organization ids
  // (o-...). Empty: the bucket's own account. An organization id admits CloudTrail's
  // organization trail, which writes under AWSLogs/<organization id>/.
  std::vector<std::string> sources;
};

// Whether `source` can be a log source: a 12-digit account id or an organization id.
bool IsLogSource(const std::string& source);

// The policy document (compact JSON), or "" when it has no statement (no policy).
std::string BucketPolicy(const std::string& bucket, const std::string& account, const BucketPolicySettings& s);

// The settings a policy text holds (pave's statements are recognised by their Sid). `sources`
// is left empty when the statements admit only `own_account`.
BucketPolicySettings ParseBucketPolicy(const std::string& policy_json, const std::string& own_account = "");

// The id of the lifecycle rule pave manages.
inline constexpr const char* kExpirationRuleId = "pave-expiration";

// LifecycleConfiguration expiring objects (and noncurrent versions) `days` after they were
// written or replaced, and incomplete multipart uploads after 7 days.
Value ExpirationLifecycle(int days);

// The days of pave's expiration rule in a GetBucketLifecycleConfiguration answer; 0 when absent.
int ExpirationDays(const Value& lifecycle);

// ServerSideEncryptionConfiguration for PutBucketEncryption: "AES256" (SSE-S3) or "aws:kms"
// with `kms_key` (empty: the AWS managed key aws/s3). InvalidArgument for another algorithm.
Result<Value> EncryptionConfiguration(const std::string& sse_algorithm, const std::string& kms_key);

// The PublicAccessBlockConfiguration with all four switches set to `on`.
Value PublicAccessBlock(bool on);

// True when all four switches of a PublicAccessBlockConfiguration are on.
bool AllPublicAccessBlocked(const Value& configuration);

}  // namespace pave::aws_provider
