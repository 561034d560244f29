// MemRecorder: an in-memory ChangeRecorder that keeps the ordered log of every Begin, Finish
// and Fail, for assertions; Pending() lists what a crash at this moment would leave behind.
#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "engine/recorder.h"
#include "testing/fake_provider.h"

namespace pave {

class MemRecorder : public ChangeRecorder {
 public:
  enum class Kind { kBegin, kFinish, kFail, kMove };
  struct Entry {
    Kind kind;
    PendingOperation op;                  // Move: op.address is where the resource was
    std::optional<ResourceState> result;  // Finish with a resource
    Status error;                         // Fail
    ResourceAddress to;                   // Move
  };

  // `log` (may be null) also receives "begin|finish|fail <op> <address>".
  explicit MemRecorder(CallLog* log = nullptr) : log_(log) {}

  Status Begin(const PendingOperation& op) override;
  Status Finish(const PendingOperation& op, const ResourceState* result) override;
  Status Fail(const PendingOperation& op, const Status& error) override;
  Status Move(const ResourceAddress& from, const ResourceAddress& to) override;

  // Begin for `address` returns `error` (the durable write failed).
  void FailBeginFor(const ResourceAddress& address, Status error);

  std::vector<Entry> entries() const;
  // Begun and neither finished nor failed, in Begin order.
  std::vector<PendingOperation> Pending() const;
  // `base` with the first `count` entries replayed as the journal would be after a crash
  // there (finishes put or remove, moves carry): what the next run would load.
  State ReplayOnto(State base, size_t count) const;

 private:
  Status Add(Kind kind, const PendingOperation& op, std::optional<ResourceState> result, Status error);

  CallLog* const log_;
  mutable std::mutex mu_;
  std::vector<Entry> entries_;                                  // guarded by mu_
  std::vector<std::pair<ResourceAddress, Status>> begin_fail_;  // guarded by mu_
};

}  // namespace pave
