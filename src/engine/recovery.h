// Recovery: finishes what a crashed run left pending (a recorder Begin without Finish/Fail).
//
// Why this is safe:
//  - A pending create may or may not have reached the cloud. Creating again could make a
//    duplicate, so we ask the provider to Find what that call made, by the same idempotency
//    token (AWS ClientToken, or a tag) and the desired properties. Found: it exists, so we
//    record it in state (Finish) and report it adopted; the next plan treats it like any
//    other resource. Not found: the call never took effect; we record Fail and the next plan
//    creates it again with a fresh token.
//  - A pending update or delete acted on a resource pave already knew by id. Whether or not
//    the call took effect, reading that id tells the truth: we record what is there now
//    (Finish with the read state, or with nothing when it is gone), and the next plan diffs
//    against it.
//  - A provider error (e.g. throttling) leaves that operation pending and is listed in the
//    report; the caller should stop rather than plan on a state that may miss a resource.
#pragma once

#include <chrono>
#include <utility>
#include <vector>

#include "core/env.h"
#include "core/status.h"
#include "engine/config.h"
#include "engine/events.h"
#include "engine/recorder.h"
#include "engine/resource_type.h"
#include "engine/state.h"

namespace pave {

struct RecoveryReport {
  size_t adopted = 0;      // pending creates found in the cloud and recorded
  size_t not_created = 0;  // pending creates that never took effect (recorded Fail)
  size_t refreshed = 0;    // pending updates/deletes whose resource still exists
  size_t removed = 0;      // pending updates/deletes whose resource is gone
  // Operations left pending because the provider failed.
  std::vector<std::pair<ResourceAddress, Status>> errors;

  bool ok() const { return errors.empty(); }
};

struct RecoveryOptions {
  // Real AWS lists a new resource a little after it made it (eventual consistency): a pending
  // create whose resource is not found is looked for again, `looks` times in all, waiting
  // first_delay, then twice as long each time — one wait for all such creates together.
  // Only after the last look is it recorded as never made. 1: look once.
  int looks = 1;
  std::chrono::milliseconds first_delay{500};
  Env* env = nullptr;  // sleeps; DefaultEnv() when null
};

// Errors: a recorder failure (durability is broken), or a pending type no provider knows.
// `events` may be null; kResourceAdopted is emitted per adoption.
Result<RecoveryReport> RecoverPending(const std::vector<PendingOperation>& pending, const Config& config,
                                      State* state, const ProviderRegistry& registry,
                                      ChangeRecorder* recorder, EventSink* events,
                                      const RecoveryOptions& options = {});

}  // namespace pave
