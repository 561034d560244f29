// Executor: carries out a Plan exactly as written. Operations run as a DAG on a bounded pool
// of worker threads; among ready operations the one with the longest remaining chain of
// work behind it starts first.
//
// Order:
//  - create and update follow config dependencies;
//  - delete runs in reverse dependency order: a resource is deleted only after everything
//    that depended on it (in state) is deleted or updated away from it;
//  - replace is delete then create, or create then delete when the schema says
//    create_before_destroy (and nothing it depends on is replaced delete-first).
// For every provider call: recorder->Begin -> call -> recorder->Finish (new state, secrets
// fingerprinted) or recorder->Fail. References are resolved right before the call from the
// live state. When an operation fails, everything that depends on it is skipped; independent
// branches run to completion. Cancellation stops new work and waits for calls in flight.
//
// Apply owns *state during the run (updated under a mutex as results come in); the recorder
// is called from worker threads, one call at a time, and must not touch *state.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/env.h"
#include "core/status.h"
#include "engine/events.h"
#include "engine/plan.h"
#include "engine/recorder.h"
#include "engine/resource_type.h"
#include "engine/state.h"

namespace pave {

struct ApplyOptions {
  int parallelism = 10;
  EventSink* events = nullptr;        // may be null
  ChangeRecorder* recorder = nullptr; // may be null (nothing durable: tests, benchmarks)
  std::string platform;               // passed to providers (they tag with it)
  std::string lineage;                // key of secret fingerprints; state->lineage when empty
  std::function<bool()> cancelled;    // may be empty
  bool allow_data_loss = false;       // passed to providers (OperationContext::allow_data_loss)
  // Idempotency token of one operation; random hex (from env) when empty.
  std::function<std::string(const ResourceAddress&)> make_token;
  Env* env = nullptr;                 // clock and randomness; DefaultEnv() when null
};

struct ApplyResult {
  // Counted per change (a replace is one change of two operations).
  size_t succeeded = 0;
  size_t failed = 0;
  size_t skipped = 0;  // a dependency failed, or the run was cancelled first
  bool cancelled = false;
  // Why each failed change failed. An error with an empty address is about the whole run
  // (state moved since the plan, unorderable plan).
  std::vector<std::pair<ResourceAddress, Status>> errors;

  bool ok() const { return failed == 0 && skipped == 0 && errors.empty() && !cancelled; }
};

// Refuses (an Aborted error, nothing done) when state's lineage or serial differ from the
// plan's.
ApplyResult Apply(const Plan& plan, State* state, const ProviderRegistry& registry,
                  const ApplyOptions& options);

}  // namespace pave
