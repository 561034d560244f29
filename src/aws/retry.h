// The AWS "standard" retry mode: exponential backoff with full jitter (base 1 s... capped at
// 20 s), max attempts (AWS_MAX_ATTEMPTS, default 3), and a retry quota (token bucket of 500:
// a retry costs 5, a retry after a timeout 10; a first-attempt success adds 1, a successful
// retry gives back what it took). Classification follows the AWS SDKs reference "Retry
// behavior" and botocore's standard mode: throttling codes, transient codes, HTTP 500/502/503/
// 504 and transport errors are retried; nothing else. "legacy" mode is
// accepted and treated like standard; "adaptive" adds client-side rate limiting on throttling.
//
// pave's default, when the user sets neither AWS_MAX_ATTEMPTS nor a retry mode, is the budget
// of an IaC tool rather than a library's (docs/reliability.md): throttling is retried for as
// long as `throttle_budget` (5 minutes) since the call's first attempt, without spending the
// retry quota; other transient errors get `max_attempts` = 8.
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
  // > 0: throttling is retried until this much time has passed since the first attempt,
  // whatever max_attempts says, and costs no quota. 0: throttling counts like any retry.
  std::chrono::milliseconds throttle_budget{0};
};

// pave's default when the user configured no retry settings.
RetryConfig DefaultPaveRetry();

// What happened on one attempt.
struct AttemptOutcome {
  bool transport_error = false;  // refused, reset, timed out: no HTTP response
  bool timeout = false;
  bool not_sent = false;         // the request never left (connection refused, name not resolved)
  int http_status = 0;
  std::string error_code;        // AWS error code from the response body/headers, if any
  // The answer names no AWS error and carries no request id: not the service's answer (an
  // endpoint without the service, a proxy's page). Retried at most kForeignAnswerAttempts
  // times in all, whatever max_attempts says: asking again rarely changes such an answer.
  bool foreign = false;
};

inline constexpr int kForeignAnswerAttempts = 3;

bool IsThrottlingError(std::string_view code);
bool IsTransientError(const AttemptOutcome& outcome);
bool IsRetryable(const AttemptOutcome& outcome);
// The failed attempt may have changed something: a transport failure after the request left,
// or a 5xx that is not throttling. (Throttling and "not sent" failures changed nothing.)
bool MayHaveTakenEffect(const AttemptOutcome& outcome);
// Whether `operation` may be sent again after an attempt that may have taken effect. Creates
// that make a new, distinct resource on every call (Create*, Allocate*, Run*, Request*,
// Copy*, Import*, Associate*) are not, even with an idempotency token: not every
// implementation honours the token, and the engine looks for what the lost call made before
// it creates again (docs/reliability.md). CreateTags, reads, updates and deletes are.
bool ResendSafe(std::string_view operation);

// Shared by all calls of one client. Thread-safe.
class RetryStrategy {
 public:
  explicit RetryStrategy(RetryConfig config) : config_(std::move(config)) {}
  // `attempt` is 1 for the first attempt that just failed. Returns how long to wait before
  // the next attempt, or nullopt when the error is final (not retryable, attempts or quota
  // exhausted). `random01` is a uniform draw in [0,1) for the jitter.
  // `elapsed` is the time since the call's first attempt (for throttle_budget).
  std::optional<std::chrono::milliseconds> NextDelay(int attempt, const AttemptOutcome& outcome,
                                                      double random01,
                                                      std::chrono::milliseconds elapsed = {});
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
