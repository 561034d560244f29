#include "aws/retry.h"

#include <algorithm>
#include <cmath>

namespace pave::aws {
namespace {

constexpr int kInitialQuota = 500;
constexpr int kRetryCost = 5;
constexpr int kTimeoutRetryCost = 10;
constexpr int kNoRetryIncrement = 1;

constexpr std::string_view kThrottlingCodes[] = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

constexpr std::string_view kTransientCodes[] = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
    "InternalError",
};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view code) {
  return std::find(std::begin(list), std::end(list), code) != std::end(list);
}

}  // namespace

bool IsThrottlingError(std::string_view code) { return Contains(kThrottlingCodes, code); }

bool IsTransientError(const AttemptOutcome& outcome) {
  if (outcome.transport_error || outcome.timeout) return true;
  if (Contains(kTransientCodes, outcome.error_code)) return true;
  switch (outcome.http_status) {
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

bool IsRetryable(const AttemptOutcome& outcome) {
  return IsThrottlingError(outcome.error_code) || IsTransientError(outcome);
}

bool MayHaveTakenEffect(const AttemptOutcome& outcome) {
  if (outcome.transport_error) return !outcome.not_sent;
  return outcome.http_status >= 500 && !IsThrottlingError(outcome.error_code);
}

bool ResendSafe(std::string_view operation) {
  if (operation == "CreateTags") return true;
  for (std::string_view verb : {"Create", "Allocate", "Run", "Request", "Copy", "Import", "Associate"}) {
    if (operation.substr(0, verb.size()) == verb) return false;
  }
  return true;
}

RetryConfig DefaultPaveRetry() {
  RetryConfig c;
  c.max_attempts = 8;
  c.throttle_budget = std::chrono::minutes(5);
  return c;
}

std::optional<std::chrono::milliseconds> RetryStrategy::NextDelay(int attempt,
                                                                   const AttemptOutcome& outcome,
                                                                   double random01,
                                                                   std::chrono::milliseconds elapsed) {
  if (attempt < 1 || !IsRetryable(outcome)) return std::nullopt;
  const bool budgeted = config_.throttle_budget.count() > 0 && IsThrottlingError(outcome.error_code);
  if (budgeted) {
    if (elapsed >= config_.throttle_budget) return std::nullopt;
  } else {
    if (attempt >= config_.max_attempts) return std::nullopt;
    if (outcome.foreign && attempt >= kForeignAnswerAttempts) return std::nullopt;
    int cost = outcome.timeout ? kTimeoutRetryCost : kRetryCost;
    std::lock_guard<std::mutex> lock(mu_);
    if (quota_ < cost) return std::nullopt;
    quota_ -= cost;
  }
  double base = static_cast<double>(config_.base_delay.count());
  double cap = std::min(static_cast<double>(config_.max_delay.count()),
                        base * std::pow(2.0, std::min(attempt - 1, 62)));
  double r = std::clamp(random01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<int64_t>(cap * r));
}

void RetryStrategy::OnSuccess(bool was_retry, bool retry_followed_timeout) {
  int refund = !was_retry ? kNoRetryIncrement
                          : (retry_followed_timeout ? kTimeoutRetryCost : kRetryCost);
  std::lock_guard<std::mutex> lock(mu_);
  quota_ = std::min(kInitialQuota, quota_ + refund);
}

int RetryStrategy::quota() const {
  std::lock_guard<std::mutex> lock(mu_);
  return quota_;
}

}  // namespace pave::aws
