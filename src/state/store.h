// StateStore: where the state lives between runs, and the write-ahead journal that keeps
// every change made during a run recoverable. Backends: LocalStateStore (a directory,
// state/local_store.h); an S3 backend comes later.
//
// A run uses it like this:
//   ASSIGN_OR_RETURN(auto lock, store->Lock("apply"));     // one writer at a time
//   ASSIGN_OR_RETURN(LoadedState loaded, store->Load());   // last saved state + journal
//   ... adopt or retry loaded.pending, plan, apply with store->recorder() ...
//   RETURN_IF_ERROR(store->Save(state, {"apply", "3 created"}));
//
// Crash safety: every recorder call is durable before it returns, so at any instant the
// saved state plus the journal name every resource created so far. Load replays the
// journal's finished operations over the saved state and reports operations that began but
// never finished as `pending`: their outcome is unknown and the caller must adopt (find the
// resource by its idempotency token or tags) or retry them before it saves.
//
// Lost updates: Save writes serial+1 only when the stored state is still the one Load read
// (same lineage and serial); otherwise Aborted, naming both serials.
//
// Nothing here logs. Attribute values (secrets arrive as fingerprints) are written to the
// state files and the journal only, never into error messages.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "engine/recorder.h"
#include "engine/state.h"
#include "state/lock.h"

namespace pave {

struct LoadedState {
  State state;  // the saved state with the journal's finished operations applied
  // Operations that began and never finished nor failed, in journal order.
  std::vector<PendingOperation> pending;
  // True when the journal held operations from a run that did not save (a crash, kill -9,
  // or a save that failed): the caller should save the recovered state.
  bool recovered = false;
  // Notes for the person running pave, e.g. that a torn last journal record (a crash in the
  // middle of writing it) was dropped. Never attribute values.
  std::vector<std::string> warnings;
};

struct SaveInfo {
  std::string operation;  // "apply", "destroy", "rollback", "recover", ...
  std::string summary;    // one line for `pave history`
  // What produced this version (LoadedPlatform::sources: the platform file and the
  // non-secret files it reads, by relative path), kept with it for `pave rollback`. Empty
  // for saves that did not read the platform file (state mv, restore).
  std::map<std::string, std::string> sources;
};

// One saved version, as `pave history` lists it.
struct VersionInfo {
  int64_t serial = 0;
  std::string time;  // RFC 3339, UTC
  std::string user;  // user@host
  std::string operation;
  std::string summary;
  size_t resource_count = 0;
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  // Takes the lock for `operation` (recorded in the lock and shown to anyone who finds it
  // held). Aborted when another run holds it. Save and the recorder need a held lock.
  virtual Result<std::unique_ptr<StateLock>> Lock(std::string_view operation) = 0;

  // The last saved state with the journal replayed over it. A new store yields an empty
  // state with a fresh lineage and serial 0. Damage is DataLoss with a message naming the
  // file, the byte offset where it can, and the history version to restore from.
  virtual Result<LoadedState> Load() = 0;

  // Writes `state` as version serial+1 (serial of the last Load), adds it to the history and
  // starts a fresh journal (operations still in flight are carried over). `state` must hold
  // every result the recorder has finished so far; its serial is ignored and its lineage
  // must be the loaded one (so `pave rollback` saves Version(n) as a new version). Requires
  // the lock and a prior Load. Aborted when the stored lineage or serial moved since Load.
  virtual Status Save(const State& state, const SaveInfo& info) = 0;

  // For a state that was never saved (the last Load found neither state file nor journal):
  // use `lineage` instead of the fresh random one, so that a plan saved against the empty
  // state (`pave plan -out`, which writes nothing) can be applied. Must come after Load and
  // before any recorder call; FailedPrecondition otherwise.
  virtual Status AdoptLineage(const std::string& lineage) {
    (void)lineage;
    return Status::FailedPrecondition("this state backend cannot adopt a lineage");
  }

  // The journal writer for the executor. Thread-safe; every call is durable on return.
  // Needs the lock and a prior Load (FailedPrecondition otherwise). Owned by the store.
  virtual ChangeRecorder* recorder() = 0;

  // Every saved version, oldest first.
  virtual Result<std::vector<VersionInfo>> History() = 0;
  // One saved version; NotFound when there is none with this serial.
  virtual Result<State> Version(int64_t serial) = 0;
  // The sources saved with version `serial` (SaveInfo::sources); NotFound when it kept none.
  virtual Result<std::map<std::string, std::string>> VersionSources(int64_t serial) {
    (void)serial;
    return Status::NotFound("this state backend keeps no platform files with its versions");
  }

  // `pave state unlock <id> [--force]`: breaks a lock left by a run that is gone. Refuses a
  // live lock (or one held on another host, or with another id) unless `force`.
  virtual Status ForceUnlock(std::string_view id, bool force) = 0;
};

}  // namespace pave
