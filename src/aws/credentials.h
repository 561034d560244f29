// Credentials and the providers that find them (the AWS CLI's chain: environment, profiles
// with assume-role, SSO, credential_process, web identity, container, IMDS).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"

namespace pave::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::string source;  // where they came from, e.g. "environment", "profile prod (assume-role)"
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current credentials; refreshes temporary ones before they expire. Thread-safe.
  virtual Result<Credentials> Get() = 0;
};

}  // namespace pave::aws
