// LazyAwsClient: an AwsClient that builds the real one on first use. Resource types are
// registered before the platform file is read (its schemas validate the file), but the region
// and the need for credentials are known only after: a platform that uses no AWS resource
// type never resolves credentials at all.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "aws/client.h"

namespace pave::cli {

class LazyAwsClient : public aws::AwsClient {
 public:
  using Factory = std::function<Result<std::unique_ptr<aws::AwsClient>>(const std::string& region)>;
  explicit LazyAwsClient(Factory factory) : factory_(std::move(factory)) {}

  // The region used when the client is built; set once the platform file is read.
  void set_region(std::string region);

  Result<Value> Call(const std::string& service, const std::string& operation, const Value& input,
                     const aws::CallOptions& options) override;
  Result<Value> CallAllPages(const std::string& service, const std::string& operation,
                             const Value& input, const aws::CallOptions& options) override;
  std::string region() const override;

 private:
  Result<aws::AwsClient*> Get();

  Factory factory_;
  mutable std::mutex mu_;
  std::string region_;                       // guarded by mu_
  std::unique_ptr<aws::AwsClient> client_;  // guarded by mu_
  Status error_;                             // guarded by mu_: a failed build is not retried
};

}  // namespace pave::cli
