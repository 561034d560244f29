#include "cli/lazy_aws_client.h"

namespace pave::cli {

void LazyAwsClient::set_region(std::string region) {
  std::lock_guard<std::mutex> lock(mu_);
  region_ = std::move(region);
}

std::string LazyAwsClient::region() const {
  std::lock_guard<std::mutex> lock(mu_);
  return region_;
}

Result<aws::AwsClient*> LazyAwsClient::Get() {
  std::lock_guard<std::mutex> lock(mu_);
  if (client_) return client_.get();
  if (!error_.ok()) return error_;
  auto built = factory_(region_);
  if (!built.ok()) {
    error_ = built.status();
    return error_;
  }
  client_ = std::move(built).value();
  return client_.get();
}

Result<Value> LazyAwsClient::Call(const std::string& service, const std::string& operation,
                                  const Value& input, const aws::CallOptions& options) {
  ASSIGN_OR_RETURN(aws::AwsClient * client, Get());
  return client->Call(service, operation, input, options);
}

Result<Value> LazyAwsClient::CallAllPages(const std::string& service, const std::string& operation,
                                          const Value& input, const aws::CallOptions& options) {
  ASSIGN_OR_RETURN(aws::AwsClient * client, Get());
  return client->CallAllPages(service, operation, input, options);
}

}  // namespace pave::cli
