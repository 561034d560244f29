// Refresh: reads what exists now for every resource in state. One ResourceType::Read per
// type with all of that type's resources (providers batch them into few API calls), types
// read in parallel.
#pragma once

#include <functional>
#include <set>

#include "core/env.h"
#include "core/status.h"
#include "engine/events.h"
#include "engine/resource_type.h"
#include "engine/state.h"

namespace pave {

struct RefreshOptions {
  int parallelism = 10;            // types read at once
  EventSink* events = nullptr;     // kRefreshStarted / kRefreshFinished per type; may be null
  Env* env = nullptr;              // clock for elapsed times; DefaultEnv() when null
};

struct RefreshResult {
  // The input state with every resource's attributes as read. Secret attributes keep their
  // stored fingerprints (providers cannot read secrets back); dependencies are kept.
  State state;
  // Were in state, gone in the cloud; removed from `state`.
  std::set<ResourceAddress> vanished;
};

// FailedPrecondition when state holds a type no provider knows; the first Read error
// (with the type as context) otherwise.
Result<RefreshResult> Refresh(const State& state, const ProviderRegistry& registry,
                              const RefreshOptions& options);

}  // namespace pave
