#include "aws/credentials_refresh.h"

namespace pave::aws {
namespace {

// Credentials that are already inside the refresh window when fetched are not fetched again
// sooner than this, so a source handing out short-lived keys is not called on every request.
constexpr std::chrono::seconds kMinRefreshInterval(30);

}  // namespace

RefreshingCredentialsProvider::RefreshingCredentialsProvider(Env* env, Fetch fetch,
                                                             std::chrono::seconds refresh_window)
    : env_(env), fetch_(std::move(fetch)), window_(refresh_window) {}

bool RefreshingCredentialsProvider::Fresh(std::chrono::system_clock::time_point now) const {
  return cached_ && (!cached_->expiration || now < refresh_at_);
}

bool RefreshingCredentialsProvider::Expired(std::chrono::system_clock::time_point now) const {
  return !cached_ || (cached_->expiration && now >= *cached_->expiration);
}

Result<Credentials> RefreshingCredentialsProvider::Get() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (Fresh(env_->Now())) return *cached_;
  }
  std::unique_lock<std::mutex> refreshing(refresh_mu_, std::try_to_lock);
  if (!refreshing.owns_lock()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!Expired(env_->Now())) return *cached_;  // still valid: do not wait for the refresh
    }
    refreshing.lock();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (Fresh(env_->Now())) return *cached_;  // another caller refreshed meanwhile
  }
  return Refresh();
}

Result<Credentials> RefreshingCredentialsProvider::Refresh() {
  Result<Credentials> fetched = fetch_();
  std::lock_guard<std::mutex> lock(mu_);
  ++fetches_;
  auto now = env_->Now();
  if (!fetched.ok()) {
    if (!Expired(now)) return *cached_;
    return fetched.status();
  }
  cached_ = *fetched;
  if (cached_->expiration) {
    auto advisory = *cached_->expiration - window_;
    refresh_at_ = advisory > now ? advisory : std::min(*cached_->expiration, now + kMinRefreshInterval);
  }
  return *cached_;
}

int RefreshingCredentialsProvider::fetch_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fetches_;
}

}  // namespace pave::aws
