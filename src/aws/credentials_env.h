// Credentials from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and optionally
// AWS_SESSION_TOKEN (AWS_SECURITY_TOKEN, its old name) and AWS_CREDENTIAL_EXPIRATION.
// Not configured (NotFound) when AWS_ACCESS_KEY_ID is unset or empty.
#pragma once

#include "aws/credentials.h"
#include "core/env.h"

namespace pave::aws {

class EnvironmentCredentialsProvider : public CredentialsProvider {
 public:
  explicit EnvironmentCredentialsProvider(Env* env) : env_(env) {}
  Result<Credentials> Get() override;

 private:
  Env* const env_;
};

}  // namespace pave::aws
