// The objects of a bucket, for deleting it: counting them (every version and delete marker)
// and deleting them all, 1,000 per DeleteObjects call.
#pragma once

#include <cstdint>
#include <string>

#include "aws/client.h"
#include "core/status.h"

namespace pave::aws_provider {

struct ObjectCount {
  int64_t versions = 0;  // object versions and delete markers on the first page
  bool more = false;     // more than one page
  bool empty() const { return versions == 0 && !more; }
  // "3 object versions", "more than 1000 object versions".
  std::string ToString() const;
};

// How many object versions the bucket holds (one ListObjectVersions call).
Result<ObjectCount> CountObjectVersions(aws::AwsClient* client, const std::string& bucket);

// Deletes every object version and delete marker; returns how many were deleted. Fails with
// the first per-object error DeleteObjects reports.
Result<int64_t> EmptyBucket(aws::AwsClient* client, const std::string& bucket);

}  // namespace pave::aws_provider
