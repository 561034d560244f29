// LocalStateStore: the state in a local directory (by default `.pave/` next to the platform
// file). Files, all mode 0600 in a 0700 directory (formats in docs/state-format.md):
//   state.json              the current version (temp + fsync + rename)
//   journal                 write-ahead journal of the current run (state/journal.h)
//   lock                    the lock (state/lock.h)
//   history/00000042.json   every saved version, a copy of state.json as it was saved
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/env.h"
#include "state/journal.h"
#include "state/store.h"

namespace pave {

class LocalStateStore : public StateStore {
 public:
  // Creates `dir` (mode 0700) when missing. Does not read the state yet.
  static Result<std::unique_ptr<LocalStateStore>> Open(Env* env, std::string dir);
  ~LocalStateStore() override;

  Result<std::unique_ptr<StateLock>> Lock(std::string_view operation) override;
  Result<LoadedState> Load() override;
  Status Save(const State& state, const SaveInfo& info) override;
  Status AdoptLineage(const std::string& lineage) override;
  ChangeRecorder* recorder() override;
  Result<std::vector<VersionInfo>> History() override;
  Result<State> Version(int64_t serial) override;
  Result<std::map<std::string, std::string>> VersionSources(int64_t serial) override;
  Status ForceUnlock(std::string_view id, bool force) override;

  const std::string& dir() const { return dir_; }
  std::string state_path() const;
  std::string journal_path() const;
  std::string lock_path() const;
  std::string history_path(int64_t serial) const;
  std::string sources_path(int64_t serial) const;  // history/<serial>.sources.json

 private:
  class Recorder;
  LocalStateStore(Env* env, std::string dir, std::string new_lineage, std::string run_id);

  // All *Locked methods run with mu_ held.
  Status CheckWritableLocked();
  Status CheckLockFileOursLocked();
  Status CheckStoredUnchangedLocked();
  Status WriteVersionLocked(const std::string& text, int64_t serial);
  Status ResetJournalLocked();
  Status EnsureJournalOpenLocked();
  Result<LoadedState> LoadLocked();
  Status ReplayJournalLocked(bool state_found, LoadedState* loaded);
  Status Record(JournalRecord record);
  // A Record call waiting in queue_ for its batch to be written.
  struct QueuedRecord {
    const JournalRecord* record;
    const std::string* line;  // framed
    Status status;
    bool done = false;
  };
  void WriteBatchLocked(std::unique_lock<std::mutex>& l);
  void NoteWrittenLocked(const JournalRecord& record);
  // mu_, once no batch is being written outside it.
  std::unique_lock<std::mutex> LockIdle();
  void ForgetLock(const std::string& id);
  std::string HistoryHintLocked();
  Result<std::vector<int64_t>> HistorySerials();

  Env* const env_;
  const std::string dir_;
  const std::string new_lineage_;  // for a state that has never been saved
  const std::string run_id_;
  const std::unique_ptr<Recorder> recorder_;
  // Held weakly by handed-out StateLocks, so a lock that outlives the store stays safe.
  const std::shared_ptr<LocalStateStore*> self_;

  std::mutex mu_;  // guards everything below; recorder calls come from many threads
  std::optional<std::string> lock_id_;  // set while a StateLock from this store is held
  bool loaded_ = false;
  bool loaded_new_ = false;  // the last Load found no state file and no journal
  std::string loaded_lineage_;
  int64_t loaded_serial_ = 0;
  std::string loaded_text_;  // state.json as last read or written ("" when there was none)
  std::unique_ptr<JournalWriter> journal_;  // open while recording
  std::deque<QueuedRecord*> queue_;          // Record calls in order; the front one writes
  std::condition_variable turn_;             // a batch was written: new front, or done
  bool writing_ = false;                     // a leader is writing journal_ outside mu_
  std::condition_variable idle_;             // writing_ became false
  // Begun through recorder() and not yet finished or failed, by operation key: carried into
  // the fresh journal that Save starts.
  std::map<std::string, JournalRecord> in_flight_;
};

}  // namespace pave
