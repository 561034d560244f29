// The AWS "standard" retry mode: exponential backoff with full jitter (base 1 s... capped at
// 20 s), max attempts (AWS_MAX_ATTEMPTS, default 3), and a retry quota (token bucket of 500:
// a retry costs 5, a retry after a timeout 10; a first-attempt success adds 1, a successful
// retry gives back what it took). Classification follows the AWS SDKs reference "Retry
// behavior" and botocore's standard mode: throttling codes, transient codes, HTTP 500/502/503/
// 504 and transport errors are retried; nothing else. "legacy" mode is
// accepted and treated like standard; "adaptive" adds client-side rate limiting on throttling.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace pave::aws {

struct RetryConfig {
  int max_attempts = 3;        // total attempts including the first
  std::string mode = "standard";
  std::chrono::milliseconds base_delay{1000};  // tests shrink it
  std::chrono::milliseconds max_delay{20000};
};

// What happened on one attempt.
struct AttemptOutcome {
  bool transport_error = false;  // refused, reset, timed out: no HTTP response
  bool timeout = false;
  int http_status = 0;
  std::string error_code;        // AWS error code from the response body/headers, if any
};

bool IsThrottlingError(std::string_view code);
bool IsTransientError(const AttemptOutcome& outcome);
bool IsRetryable(const AttemptOutcome& outcome);

// Shared by all calls of one client. Thread-safe.
class RetryStrategy {
 public:
  explicit RetryStrategy(RetryConfig config) : config_(std::move(config)) {}
  // `attempt` is 1 for the first attempt that just failed. Returns how long to wait before
  // the next attempt, or nullopt when the error is final (not retryable, attempts or quota
  // exhausted). `random01` is a uniform draw in [0,1) for the jitter.
  std::optional<std::chrono::milliseconds> NextDelay(int attempt, const AttemptOutcome& outcome,
                                                      double random01);
  // After a successful (2xx) response: refunds the quota taken by the retry that succeeded
  // (10 when it followed a timeout, else 5), or adds 1 when the call needed no retry.
  void OnSuccess(bool was_retry, bool retry_followed_timeout = false);
  const RetryConfig& config() const { return config_; }
  int quota() const;

 private:
  RetryConfig config_;
  mutable std::mutex mu_;
  int quota_ = 500;  // guarded by mu_
};

}  // namespace pave::aws
