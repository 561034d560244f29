#include "aws/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace pave::aws {
namespace {

constexpr double kBeta = 0.7;         // the rate kept after a throttle
constexpr double kScale = 0.4;        // the cubic curve's scale
constexpr double kMinRate = 0.5;      // tokens per second, never less
constexpr double kSmoothing = 0.8;    // weight of the newest half-second in the measured rate
constexpr double kMeasureWindow = 0.5;

}  // namespace

double ClientRateLimiter::Seconds() const {
  return std::chrono::duration<double>(env_->MonotonicNow() - epoch_).count();
}

bool ClientRateLimiter::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return enabled_;
}

double ClientRateLimiter::fill_rate() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fill_rate_;
}

double ClientRateLimiter::measured_rate() const {
  std::lock_guard<std::mutex> lock(mu_);
  return measured_rate_;
}

void ClientRateLimiter::Refill(double now) {
  tokens_ = std::min(capacity_, tokens_ + (now - last_refill_) * fill_rate_);
  last_refill_ = now;
}

std::chrono::milliseconds ClientRateLimiter::Acquire() {
  std::chrono::milliseconds waited{0};
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (!enabled_) return waited;
    double now = Seconds();
    Refill(now);
    if (tokens_ >= 1) {
      tokens_ -= 1;
      return waited;
    }
    auto wait = std::chrono::milliseconds(static_cast<int64_t>(std::ceil((1 - tokens_) / fill_rate_ * 1000)));
    lock.unlock();
    env_->SleepFor(wait);
    waited += wait;
    lock.lock();
  }
}

void ClientRateLimiter::MeasureSend(double now) {
  double bucket = std::floor(now / kMeasureWindow) * kMeasureWindow;
  ++bucket_count_;
  if (bucket > bucket_start_) {
    double rate = bucket_count_ / (bucket - bucket_start_);
    measured_rate_ = rate * kSmoothing + measured_rate_ * (1 - kSmoothing);
    bucket_count_ = 0;
    bucket_start_ = bucket;
  }
}

double ClientRateLimiter::CubicRate(double now) const {
  double k = std::cbrt(last_max_rate_ * (1 - kBeta) / kScale);
  double t = now - last_throttle_;
  return kScale * std::pow(t - k, 3) + last_max_rate_;
}

void ClientRateLimiter::Update(bool throttled) {
  std::lock_guard<std::mutex> lock(mu_);
  double now = Seconds();
  MeasureSend(now);
  double rate;
  if (throttled) {
    double base = enabled_ ? std::min(measured_rate_, fill_rate_) : measured_rate_;
    last_max_rate_ = std::max(base, kMinRate);
    last_throttle_ = now;
    rate = last_max_rate_ * kBeta;
    if (!enabled_) {
      last_refill_ = now;
      tokens_ = 0;
    }
    enabled_ = true;
  } else {
    if (!enabled_) return;
    rate = CubicRate(now);
  }
  Refill(now);
  fill_rate_ = std::max(kMinRate, std::min(rate, 2 * std::max(measured_rate_, kMinRate)));
  capacity_ = std::max(1.0, fill_rate_);
  tokens_ = std::min(tokens_, capacity_);
}

}  // namespace pave::aws
