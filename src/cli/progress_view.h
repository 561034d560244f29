// ProgressView: shows engine events as they happen. Three looks:
//   kTerminal  colored lines, a "still creating (note) [1m10s]" line every 10 s for each
//              long operation, and a live status line under them, redrawn every second:
//                [23/59] running: aws_eks_cluster.main 8m10s, aws_db_instance.main 3m02s
//   kPlain     the same lines without color or status line, stamped with the time (logs, CI)
//   kJson      one JSON object per line (machine-readable)
// Human views write to the Printer's err stream, so stdout carries only the result (the plan,
// the outputs) and `pave plan | less` shows the plan alone; JSON lines go to out.
// Thread-safe: the executor's workers call OnEvent concurrently.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/kept_resources.h"
#include "cli/printer.h"
#include "core/env.h"
#include "engine/events.h"

namespace pave::cli {

enum class ViewMode { kTerminal, kPlain, kJson };

class ProgressView : public EventSink {
 public:
  ProgressView(Env* env, Printer* printer, ViewMode mode,
               std::chrono::seconds heartbeat = std::chrono::seconds(10));
  ~ProgressView() override;

  void OnEvent(const Event& e) override;

  // The number of changes the apply will make: finished lines then carry "[done/total]".
  void SetTotal(size_t total);

  // Counts seen so far, for the summary.
  size_t succeeded() const;
  size_t failed() const;
  // What the run kept although it deleted it (final snapshots, scheduled deletions), from
  // the providers' progress notes, in the order they came.
  std::vector<KeptResource> kept() const;

 private:
  void Heartbeat();
  void PrintLine(const std::string& line);  // requires mu_
  std::ostream& Stream();                    // err for people, out for JSON
  std::string Counter() const;               // "[23/59] " or ""; requires mu_
  std::string StatusLine() const;            // requires mu_
  void DrawStatus();                         // requires mu_; terminal only
  void ClearStatus();                        // requires mu_
  std::string Elapsed(std::chrono::milliseconds d) const;

  Env* env_;
  Printer* printer_;
  ViewMode mode_;
  std::chrono::seconds heartbeat_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  struct InFlight {
    Action action;
    std::chrono::steady_clock::time_point started;
    std::chrono::steady_clock::time_point last_note;
    std::string note;
  };
  std::map<ResourceAddress, InFlight> in_flight_;  // guarded by mu_
  size_t succeeded_ = 0;                           // guarded by mu_
  size_t failed_ = 0;                              // guarded by mu_
  size_t done_ = 0;                                // guarded by mu_: finished in any way
  size_t total_ = 0;                               // guarded by mu_
  std::vector<KeptResource> kept_;                 // guarded by mu_
  bool status_shown_ = false;                      // guarded by mu_
  std::thread ticker_;
};

// "1m05s", "12.3s", "0.4s".
std::string FormatDuration(std::chrono::milliseconds d);

// A provider's progress note without the timer it may end with ("cluster: CREATING, 70s" ->
// "cluster: CREATING"): the view shows its own.
std::string WithoutTimer(const std::string& note);

}  // namespace pave::cli
