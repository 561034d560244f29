// Credentials and the providers that find them (the AWS CLI's chain: environment, profiles
// with assume-role, SSO, credential_process, web identity, container, IMDS).
//
// The sources live in credentials_*.h; credentials_chain.h puts them together in the AWS CLI's
// order. A source that is not configured at all answers NotFound, which makes the chain move
// on; any other error stops the chain (a configured source that fails is not skipped).
// Secrets (secret key, session token) never appear in a Status, a log line or DebugString.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pave::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::string source;  // where they came from, e.g. "environment", "profile prod (assume-role)"
};

// "AKIA…MPLE from environment, expires 2026-01-02T03:04:05Z": safe to print.
std::string DebugString(const Credentials& creds);

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current credentials; refreshes temporary ones before they expire. Thread-safe.
  virtual Result<Credentials> Get() = 0;
};

// Always the same credentials (tests, and callers that already hold keys).
class StaticCredentialsProvider : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials creds) : creds_(std::move(creds)) {}
  Result<Credentials> Get() override { return creds_; }

 private:
  const Credentials creds_;
};

// Asks the person at the terminal for the current code of the MFA device `mfa_serial`
// (assume-role profiles with mfa_serial). Provided by the cli; tests pass a fake.
using MfaPrompt = std::function<Result<std::string>(const std::string& mfa_serial)>;

// Parses the timestamps AWS hands out with credentials: ISO 8601 in UTC with optional
// fractional seconds ("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123Z",
// "2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05UTC").
Result<std::chrono::system_clock::time_point> ParseAwsTimestamp(std::string_view text);
// "2026-01-02T03:04:05Z".
std::string FormatAwsTimestamp(std::chrono::system_clock::time_point t);

}  // namespace pave::aws
