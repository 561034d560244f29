// Events: how the engine reports what it does. Views (terminal, plain log, JSON) in src/cli
// subscribe; the engine knows nothing about terminals.
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"
#include "engine/address.h"
#include "engine/plan.h"

namespace pave {

enum class EventKind {
  kRefreshStarted,   // reading resources of one type; message = type, count in `count`
  kRefreshFinished,
  kChangeStarted,    // a provider call for `address` with `action` began
  kChangeProgress,   // long operation note; `elapsed` since start
  kChangeSucceeded,
  kChangeFailed,     // `status` says why
  kChangeSkipped,    // a dependency failed; `message` names it
  kResourceAdopted,  // found after a crash and recorded instead of created again
  kRunFinished,      // end of apply/destroy; message is the summary line
};

struct Event {
  EventKind kind;
  ResourceAddress address;
  Action action = Action::kNoOp;
  std::string message;
  std::chrono::milliseconds elapsed{0};
  size_t count = 0;
  Status status;
};

// Implementations must be thread-safe: the executor calls from worker threads.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void OnEvent(const Event& e) = 0;
};

}  // namespace pave
