// S3ObjectStore: ObjectStore on one S3 bucket through AwsClient (PutObject with If-Match /
// If-None-Match, GetObject, DeleteObject, ListObjectsV2). Errors keep S3's code as reason;
// the three a person can act on are rewritten to say what to do: a missing bucket
// (`pave state init`), access denied, a bucket in another region.
#pragma once

#include <string>

#include "aws/client.h"
#include "state/object_store.h"

namespace pave {

class S3ObjectStore : public ObjectStore {
 public:
  // `region` empty: the client's region.
  S3ObjectStore(aws::AwsClient* client, std::string bucket, std::string region);

  Result<StoredObject> Get(const std::string& key) override;
  Result<std::string> Put(const std::string& key, std::string_view body,
                          const WriteCondition& condition) override;
  Status Delete(const std::string& key, const WriteCondition& condition) override;
  Result<std::vector<std::string>> List(const std::string& prefix) override;
  std::string Describe(const std::string& key) const override;

  const std::string& bucket() const { return bucket_; }

 private:
  Status Explain(const Status& error, const std::string& key) const;

  aws::AwsClient* const client_;
  const std::string bucket_;
  const aws::CallOptions options_;
};

}  // namespace pave
