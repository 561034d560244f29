// ClientRateLimiter: the client-side rate limiting of the AWS SDKs' "adaptive" retry mode, so
// that the parallel workers of one client share what AWS allows instead of each retrying into
// more throttling. Off until the first throttling answer; then a token bucket whose fill rate
// drops to 70% of the measured send rate on every throttle and grows back along a cubic curve
// (as in CUBIC congestion control) while calls succeed. Every attempt takes a token first,
// waiting for one when the bucket is empty. Thread-safe; the clock and sleeps go through Env.
#pragma once

#include <chrono>
#include <mutex>

#include "core/env.h"

namespace pave::aws {

class ClientRateLimiter {
 public:
  explicit ClientRateLimiter(Env* env) : env_(env) {}

  // Before an attempt: returns at once while off, else once a token is there (sleeping as
  // needed). Returns how long it waited.
  std::chrono::milliseconds Acquire();
  // After an attempt's answer: `throttled` when AWS refused it for its rate.
  void Update(bool throttled);

  bool enabled() const;
  double fill_rate() const;  // tokens per second; meaningful once enabled
  double measured_rate() const;

 private:
  double Seconds() const;  // monotonic, since construction
  void Refill(double now);            // needs mu_
  void MeasureSend(double now);       // needs mu_
  double CubicRate(double now) const;  // needs mu_

  Env* const env_;
  const std::chrono::steady_clock::time_point epoch_ = env_->MonotonicNow();
  mutable std::mutex mu_;
  bool enabled_ = false;        // guarded by mu_
  double fill_rate_ = 0.5;      // guarded by mu_: tokens per second
  double capacity_ = 1;         // guarded by mu_: the bucket's size (one second of fill)
  double tokens_ = 0;           // guarded by mu_
  double last_refill_ = 0;      // guarded by mu_
  double last_max_rate_ = 0;    // guarded by mu_: the rate at the last throttle
  double last_throttle_ = 0;    // guarded by mu_
  double measured_rate_ = 0;    // guarded by mu_: smoothed sends per second
  double bucket_start_ = 0;     // guarded by mu_: the half-second the count below belongs to
  int bucket_count_ = 0;        // guarded by mu_
};

}  // namespace pave::aws
