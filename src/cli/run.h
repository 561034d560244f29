// The shared flow of plan, apply and destroy:
//   lock the state -> load it (replaying the journal) -> adopt what a crashed run left
//   pending -> refresh from the cloud -> plan.
// Then apply carries the plan out and saves the state. Nothing here prints except through
// the Printer and the event view.
#pragma once

#include <map>
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

// Carries out the platform file's `moved:` entries on loaded->state (planner_moves.h) and,
// when `save`, saves the result as its own version ("move" in the history) and loads it
// again, so that a crash later in the run cannot bring the old addresses back. A move touches
// no cloud resource. Returns new address -> old one for PlanOptions::moved.
Result<std::map<ResourceAddress, ResourceAddress>> CarryOutMoves(Workspace& ws, LoadedState* loaded,
                                                                  bool save);

// The changes that would delete or replace a resource holding data (schema.holds_data):
// databases, buckets, zones, keys, secrets. One line each: "aws_s3_bucket.assets (delete)".
std::vector<std::string> DataLossChanges(const Plan& plan, const ProviderRegistry& registry);

// Carries out run->plan, saves the state (also when some changes failed: everything done is
// kept), and prints the summary. Returns the process exit code.
int ApplyAndSave(Env* env, Workspace& ws, const GlobalOptions& options, Printer& printer,
                 EventSink* events, OpenRun* run, const std::string& operation,
                 bool allow_data_loss);

}  // namespace pave::cli
