// The default credentials chain, in the AWS CLI's order:
//   1. environment (AWS_ACCESS_KEY_ID...; skipped when the profile came from --profile)
//   2. assume-role profile     3. web identity     4. sso
//   5. shared credentials file 6. credential_process 7. config file
//   8. container credentials   9. EC2 instance metadata
// The first source that is configured answers; once one has, the chain sticks to it (it
// refreshes its own temporary credentials). A configured source that fails stops the chain
// with its error — except instance metadata, a probe whose every failure means "not on EC2"
// (so a machine without credentials gets the one message below, not a metadata error). When
// none is configured the error is Unauthenticated: what was tried, and how to fix it.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "aws/credentials.h"
#include "aws/credentials_context.h"

namespace pave::aws {

class ChainCredentialsProvider : public CredentialsProvider {
 public:
  struct Link {
    std::string name;  // "environment", "assume-role"...
    // The source's provider, or NotFound when it is not configured.
    std::function<Result<std::shared_ptr<CredentialsProvider>>()> make;
    bool probe = false;  // any failure means "not configured": go on
  };
  ChainCredentialsProvider(std::vector<Link> links, std::string profile);

  Result<Credentials> Get() override;

 private:
  Result<Credentials> Resolve();  // needs resolve_mu_

  const std::vector<Link> links_;
  const std::string profile_;
  std::mutex resolve_mu_;  // one resolution at a time
  std::mutex mu_;
  std::shared_ptr<CredentialsProvider> chosen_;  // guarded by mu_
};

// `ctx.config` and `ctx.process_runner` may be null: an empty config and the shell runner.
std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChain(CredentialsContext ctx);

}  // namespace pave::aws
