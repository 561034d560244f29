// Poller: waits for AWS resources that take time (NAT gateways, endpoints, deletions) with
// adaptive polling — check at once, then after 1 s, growing x1.5 per round to a cap of 15 s —
// reporting progress through the OperationContext and stopping early when the run is cancelled.
// Never a fixed long sleep.
#pragma once

#include <chrono>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/env.h"
#include "core/status.h"
#include "engine/resource_type.h"

namespace pave::aws_provider {

struct PollOptions {
  std::chrono::milliseconds initial{1000};
  double growth = 1.5;
  std::chrono::milliseconds cap{15000};
  std::chrono::milliseconds timeout{std::chrono::minutes(20)};
};

// The delay after `current`: current * growth, at most the cap.
std::chrono::milliseconds NextPollDelay(std::chrono::milliseconds current, const PollOptions& o);

// One look at the resource: true when the wait is over, false to look again later. `state`
// receives what to show in progress notes ("pending"). An Unavailable error is transient:
// the poller looks again; any other error ends the wait.
using PollCheck = std::function<Result<bool>(std::string* state)>;

class Poller {
 public:
  Poller(Env* env, PollOptions options) : env_(env), options_(options) {}

  // The clock it waits by (a final snapshot's time stamp).
  Env* env() const { return env_; }

  // Looks until `check` says done, the timeout passes (DeadlineExceeded) or the run is
  // cancelled (Cancelled). `what` names the wait in notes: "waiting for nat gateway".
  Status Until(const OperationContext& ctx, std::string_view what, const PollCheck& check) const;

  // Calls `op` until it succeeds or fails for a reason not in `retry_reasons` (AWS error codes,
  // e.g. "DependencyViolation" while an ENI is being released), polling between attempts.
  Status RetryWhile(const OperationContext& ctx, std::string_view what,
                    std::initializer_list<std::string_view> retry_reasons,
                    const std::function<Status()>& op) const;

 private:
  // Sleeps `d` in slices so cancellation is noticed; false when cancelled.
  bool Sleep(const OperationContext& ctx, std::chrono::milliseconds d) const;

  Env* env_;
  PollOptions options_;
};

}  // namespace pave::aws_provider
