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
  enum class Kind { kBegin, kFinish, kFail };
  struct Entry {
    Kind kind;
    PendingOperation op;
    std::optional<ResourceState> result;  // Finish with a resource
    Status error;                         // Fail
  };

  // `log` (may be null) also receives "begin|finish|fail <op> <address>".
  explicit MemRecorder(CallLog* log = nullptr) : log_(log) {}

  Status Begin(const PendingOperation& op) override;
  Status Finish(const PendingOperation& op, const ResourceState* result) override;
  Status Fail(const PendingOperation& op, const Status& error) override;

  // Begin for `address` returns `error` (the durable write failed).
  void FailBeginFor(const ResourceAddress& address, Status error);

  std::vector<Entry> entries() const;
  // Begun and neither finished nor failed, in Begin order.
  std::vector<PendingOperation> Pending() const;

 private:
  Status Add(Kind kind, const PendingOperation& op, std::optional<ResourceState> result, Status error);

  CallLog* const log_;
  mutable std::mutex mu_;
  std::vector<Entry> entries_;                                  // guarded by mu_
  std::vector<std::pair<ResourceAddress, Status>> begin_fail_;  // guarded by mu_
};

}  // namespace pave
