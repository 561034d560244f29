// S3StateStore: the state in an S3 bucket, shared by everyone who runs the same platform
// file (team state). Objects under the configured `key` (formats in docs/state-format.md):
//   <key>                           the current version (a state document, as local)
//   <key>.lock                      the lock: owner record plus an expiry, renewed while held
//   <key>.journal/<run>/<seq>       write-ahead journal: one object per group-committed batch,
//                                   each a complete journal (header + records)
//   <key>.history/00000042.json     every saved version
//   <key>.history/00000042.sources.json   the platform file (and files it read) that made it
// Safety comes from S3's conditional writes alone:
//   - the lock is created with If-None-Match: * and renewed with If-Match on its ETag; a lock
//     past its expiry (its holder died without releasing it) may be taken over, with a
//     warning naming the old owner and its age;
//   - Save writes the state with If-Match on the ETag read by Load (If-None-Match: * for a
//     first save), so a lost update is impossible even if the lock was broken meanwhile.
// Every recorder call returns once its record is in S3. Calls arriving while a batch is being
// written (and within `group_linger`) share the next object: one PUT for many records.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/env.h"
#include "state/journal.h"
#include "state/object_store.h"
#include "state/store.h"

namespace pave {

struct S3StoreOptions {
  std::chrono::seconds lock_ttl{120};            // a lock not renewed for this long is stale
  std::chrono::milliseconds renew_every{30000};  // the holder renews this often
  std::chrono::milliseconds group_linger{2};     // a batch leader waits this long for more
};

// The lock object: LockInfo plus its expiry.
struct S3LockRecord {
  LockInfo info;
  int64_t expires_unix = 0;  // seconds since the epoch
};
std::string EncodeS3Lock(const S3LockRecord& lock);
Result<S3LockRecord> DecodeS3Lock(std::string_view text, const std::string& where);

class S3StateStore : public StateStore {
 public:
  // `objects` must outlive the store. Reads nothing yet.
  static Result<std::unique_ptr<S3StateStore>> Open(Env* env, ObjectStore* objects, std::string key,
                                                    S3StoreOptions options = {});
  ~S3StateStore() override;

  Result<std::unique_ptr<StateLock>> Lock(std::string_view operation) override;
  Result<LoadedState> Load() override;
  Status Save(const State& state, const SaveInfo& info) override;
  Status AdoptLineage(const std::string& lineage) override;
  ChangeRecorder* recorder() override;
  Result<std::vector<VersionInfo>> History() override;
  Result<State> Version(int64_t serial) override;
  Result<std::map<std::string, std::string>> VersionSources(int64_t serial) override;
  Status ForceUnlock(std::string_view id, bool force) override;

  const std::string& state_key() const { return key_; }
  std::string lock_key() const { return key_ + ".lock"; }
  std::string journal_prefix() const { return key_ + ".journal/"; }
  std::string history_prefix() const { return key_ + ".history/"; }
  std::string history_key(int64_t serial) const;
  std::string sources_key(int64_t serial) const;  // <key>.history/<serial>.sources.json
  // Journal objects written by this store so far (PUTs), for benchmarks and tests.
  int64_t journal_objects_written() const;

 private:
  class Recorder;
  S3StateStore(Env* env, ObjectStore* objects, std::string key, S3StoreOptions options,
               std::string new_lineage, std::string run_id);

  Result<std::unique_ptr<StateLock>> TakeOver(const LockInfo& mine, const StoredObject& held,
                                              std::string_view operation);
  Result<std::unique_ptr<StateLock>> Hold(const LockInfo& info, std::string etag);
  S3LockRecord LockRecordFor(const LockInfo& info);
  void RenewLoop();
  Status ReleaseLock(const std::string& id);
  Status CheckLockOurs();

  // All *Locked methods run with mu_ held.
  Status CheckWritableLocked();
  Result<LoadedState> LoadLocked();
  Status ReplayJournalLocked(bool state_found, LoadedState* loaded);
  void DropStaleBatchesLocked(const std::vector<std::string>& stale);
  Result<std::string> StoredChangedLocked(const std::string& text);
  Status ResetJournalLocked();
  Status Record(JournalRecord record);
  struct QueuedRecord {
    const JournalRecord* record;
    const std::string* line;
    Status status;
    bool done = false;
  };
  void WriteBatchLocked(std::unique_lock<std::mutex>& l);
  Status PutQueuedLocked(std::unique_lock<std::mutex>& l, size_t* count);
  Status PutBatch(const std::string& key, const std::string& body);
  void NoteWrittenLocked(const JournalRecord& record);
  std::unique_lock<std::mutex> LockIdle();
  std::string NextBatchKeyLocked();

  Env* const env_;
  ObjectStore* const objects_;
  const std::string key_;
  const S3StoreOptions options_;
  const std::string new_lineage_;
  const std::string run_id_;
  const std::unique_ptr<Recorder> recorder_;
  const std::shared_ptr<S3StateStore*> self_;

  // The lock, renewed by renewer_ while held. Guarded by lock_mu_.
  std::mutex lock_mu_;
  std::condition_variable lock_cv_;
  std::optional<LockInfo> lock_;
  std::string lock_etag_;
  bool lock_lost_ = false;
  std::string lock_lost_why_;
  bool stop_renewing_ = false;
  std::thread renewer_;
  std::vector<std::string> lock_warnings_;  // handed out by the next Load

  std::mutex mu_;  // guards everything below
  bool locked_ = false;
  bool loaded_ = false;
  bool loaded_new_ = false;
  std::string loaded_lineage_;
  int64_t loaded_serial_ = 0;
  std::optional<std::string> loaded_etag_;  // nullopt: there was no state object
  std::vector<std::string> journal_keys_;   // journal objects to delete at the next Save
  int64_t next_seq_ = 0;
  int64_t batches_written_ = 0;
  std::string unsynced_;  // framed records of state-only types, sent with the next batch
  std::deque<QueuedRecord*> queue_;
  std::condition_variable turn_;
  bool writing_ = false;
  std::condition_variable idle_;
  std::map<std::string, JournalRecord> in_flight_;
};

}  // namespace pave
