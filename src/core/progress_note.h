// Progress notes from deep inside a call, for the person watching: the AWS client, retrying a
// throttled request, says so ("throttled by AWS (ec2 CreateSubnet): retrying in 3.2 s")
// without knowing who runs it. Whoever runs the work (the executor, per operation) installs a
// sink for its thread with ScopedProgressNote; ProgressNote goes to it, or nowhere.
#pragma once

#include <functional>
#include <string>

namespace pave {

using ProgressSink = std::function<void(const std::string&)>;

// Sends notes of this thread to `sink` while it lives (nested scopes: the innermost wins).
class ScopedProgressNote {
 public:
  explicit ScopedProgressNote(const ProgressSink* sink);
  ~ScopedProgressNote();
  ScopedProgressNote(const ScopedProgressNote&) = delete;
  ScopedProgressNote& operator=(const ScopedProgressNote&) = delete;

 private:
  const ProgressSink* previous_;
};

// Reports `note` to this thread's sink, if any.
void ProgressNote(const std::string& note);

}  // namespace pave
