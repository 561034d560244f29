// RefreshingCredentialsProvider: caches temporary credentials and fetches new ones shortly
// before they expire (5 minutes by default). One fetch runs at a time: while it runs, other
// callers get the cached credentials when those have not expired yet, or wait for it. A
// failed refresh keeps serving the cached credentials until they really expire.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

#include "aws/credentials.h"
#include "core/env.h"

namespace pave::aws {

class RefreshingCredentialsProvider : public CredentialsProvider {
 public:
  using Fetch = std::function<Result<Credentials>()>;
  RefreshingCredentialsProvider(Env* env, Fetch fetch,
                                std::chrono::seconds refresh_window = std::chrono::minutes(5));

  Result<Credentials> Get() override;
  int fetch_count() const;

 private:
  bool Fresh(std::chrono::system_clock::time_point now) const;    // needs mu_
  bool Expired(std::chrono::system_clock::time_point now) const;  // needs mu_
  Result<Credentials> Refresh();                                   // needs refresh_mu_

  Env* const env_;
  const Fetch fetch_;
  const std::chrono::seconds window_;
  std::mutex refresh_mu_;  // held while fetching: one refresh at a time
  mutable std::mutex mu_;
  std::optional<Credentials> cached_;                 // guarded by mu_
  std::chrono::system_clock::time_point refresh_at_;  // guarded by mu_
  int fetches_ = 0;                                   // guarded by mu_
};

}  // namespace pave::aws
