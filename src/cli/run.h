// The shared flow of plan, apply and destroy:
//   lock the state -> load it (replaying the journal) -> adopt what a crashed run left
//   pending -> refresh from the cloud -> plan.
// Then apply carries the plan out and saves the state. Nothing here prints except through
// the Printer and the event view.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/printer.h"
#include "cli/workspace.h"
#include "engine/events.h"
#include "engine/plan.h"
#include "engine/state.h"

namespace pave::cli {

struct RunOptions {
  std::string operation;  // "plan", "apply", "destroy": recorded in the lock and history
  bool destroy = false;
  bool refresh = true;
  // plan saves nothing: what it recovers from an interrupted run stays in memory, and a new
  // state is not written (apply and destroy do both).
  bool save = true;
};

// A run in progress: holds the state lock until it is destroyed.
struct OpenRun {
  std::unique_ptr<StateLock> lock;
  State state;  // refreshed
  Plan plan;
  // For the person running pave, from loading the state (e.g. a torn journal tail dropped).
  std::vector<std::string> warnings;
};

Result<std::unique_ptr<OpenRun>> StartRun(Env* env, Workspace& ws, const GlobalOptions& options,
                                          EventSink* events, const RunOptions& run_options);

// The changes that would delete or replace a resource holding data (schema.holds_data):
// databases, buckets, zones, keys, secrets. One line each: "aws_s3_bucket.assets (delete)".
std::vector<std::string> DataLossChanges(const Plan& plan, const ProviderRegistry& registry);

// Carries out run->plan, saves the state (also when some changes failed: everything done is
// kept), and prints the summary. Returns the process exit code.
int ApplyAndSave(Env* env, Workspace& ws, const GlobalOptions& options, Printer& printer,
                 EventSink* events, OpenRun* run, const std::string& operation,
                 bool allow_data_loss);

}  // namespace pave::cli
