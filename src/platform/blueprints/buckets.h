// BucketsBlueprint: the `buckets:` section — private, encrypted, TLS-only S3 buckets.
//
//   buckets:
//     - {name: assets, versioning: true}          # versioning defaults to true
//     - {name: logs, encryption: s3, bucket: my-exact-name}
//
// Each entry adds aws_s3_bucket.<name> with the public-access block on, a bucket policy
// denying requests without TLS, and default encryption: SSE-KMS under the platform's data key
// (encryption: kms, the default; the key is shared with the secrets section) or SSE-S3
// (encryption: s3). Bucket names are global, so pave derives them as
//   <platform>-<name>-<account>-<region>   when metadata.account is set,
//   <platform>-<name>-<region>             otherwise,
// lower-cased; `bucket:` sets the exact name instead. A name that breaks S3's rules (3..63
// characters: lower-case letters, digits, '-' and '.') is an error at the entry. Exports
// buckets.<name>.name and buckets.<name>.arn.
#pragma once

#include <string>

#include "platform/blueprint.h"

namespace pave {

class BucketsBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "buckets"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The derived bucket name (see above), lower-cased.
std::string DerivedBucketName(const PlatformMetadata& metadata, const std::string& name);

// Empty when `bucket` is a valid S3 bucket name, else why not.
std::string BucketNameProblem(const std::string& bucket);

}  // namespace pave
