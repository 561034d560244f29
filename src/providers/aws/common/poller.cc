#include "providers/aws/common/poller.h"

#include <algorithm>
#include <string>

namespace pave::aws_provider {

using std::chrono::milliseconds;

milliseconds NextPollDelay(milliseconds current, const PollOptions& o) {
  auto next = milliseconds(static_cast<int64_t>(static_cast<double>(current.count()) * o.growth));
  return std::min(next, o.cap);
}

bool Poller::Sleep(const OperationContext& ctx, milliseconds d) const {
  const milliseconds slice(500);
  while (d.count() > 0) {
    if (ctx.Cancelled()) return false;
    milliseconds step = std::min(d, slice);
    env_->SleepFor(step);
    d -= step;
  }
  return !ctx.Cancelled();
}

Status Poller::Until(const OperationContext& ctx, std::string_view what,
                     const PollCheck& check) const {
  const auto start = env_->MonotonicNow();
  milliseconds delay = options_.initial;
  while (true) {
    std::string state;
    Result<bool> done = check(&state);
    if (done.ok() && *done) return Status::Ok();
    if (!done.ok() && done.status().code() != StatusCode::kUnavailable) return done.status();
    auto elapsed = std::chrono::duration_cast<milliseconds>(env_->MonotonicNow() - start);
    if (elapsed + delay > options_.timeout) {
      return Status::DeadlineExceeded(std::string(what) + ": still " +
                                      (state.empty() ? "not ready" : state) + " after " +
                                      std::to_string(elapsed.count() / 1000) + "s");
    }
    ctx.Progress(std::string(what) + ": " + (state.empty() ? "pending" : state) + ", " +
                 std::to_string(elapsed.count() / 1000) + "s");
    if (!Sleep(ctx, delay)) return Status::Cancelled(std::string(what) + ": cancelled");
    delay = NextPollDelay(delay, options_);
  }
}

Status Poller::RetryWhile(const OperationContext& ctx, std::string_view what,
                          std::initializer_list<std::string_view> retry_reasons,
                          const std::function<Status()>& op) const {
  Status last;
  Status waited = Until(ctx, what, [&](std::string* state) -> Result<bool> {
    last = op();
    if (last.ok()) return true;
    for (std::string_view r : retry_reasons) {
      if (last.reason() == r) {
        *state = last.reason();
        return false;
      }
    }
    return last;
  });
  if (waited.code() == StatusCode::kDeadlineExceeded && !last.ok()) return last.WithContext(std::string(what));
  return waited;
}

}  // namespace pave::aws_provider
