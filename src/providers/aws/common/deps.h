// AwsTypeDeps: what every AWS resource type is built with — the client it calls, the Env it
// sleeps and reads the clock through, how it polls, and the account id cache for ARNs.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "aws/client.h"
#include "core/env.h"
#include "core/status.h"
#include "providers/aws/common/poller.h"

namespace pave::aws_provider {

// The caller's account id, asked once (STS GetCallerIdentity) and kept. Thread-safe.
class AccountId {
 public:
  explicit AccountId(aws::AwsClient* client) : client_(client) {}
  Result<std::string> Get();

 private:
  aws::AwsClient* client_;
  std::mutex mu_;
  std::string cached_;  // guarded by mu_
};

struct AwsTypeDeps {
  aws::AwsClient* client = nullptr;
  Env* env = nullptr;
  PollOptions poll;
  std::shared_ptr<AccountId> account;
};

// "arn:aws:ec2:<region>:<account>:<kind>/<id>".
std::string Ec2Arn(const std::string& region, const std::string& account, const std::string& kind,
                   const std::string& id);

}  // namespace pave::aws_provider
