#include "state/s3_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/hash.h"
#include "core/value.h"
#include "state/state_codec.h"
#include "state/timestamp.h"

namespace pave {
namespace {

constexpr size_t kLineageBytes = 16;
constexpr size_t kRunIdBytes = 8;
constexpr size_t kMaxBatchBytes = 4 << 20;

Result<std::string> RandomHex(Env* env, size_t bytes) {
  std::string raw(bytes, '\0');
  RETURN_IF_ERROR(env->RandomBytes(raw.data(), raw.size()));
  return HexEncode(raw);
}

int64_t UnixSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// "20261204T233700Z": run ids sort by start time, so journals replay in run order.
std::string CompactTime(std::chrono::system_clock::time_point t) {
  std::string s = FormatRfc3339(t);  // 2026-12-04T23:37:00Z
  std::string out;
  for (char c : s) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

// "<prefix>00000042.json" -> 42.
std::optional<int64_t> SerialOfHistoryKey(std::string_view name) {
  constexpr std::string_view kSuffix = ".json";
  if (name.size() < 8 + kSuffix.size() || !name.ends_with(kSuffix)) return std::nullopt;
  std::string_view digits = name.substr(0, name.size() - kSuffix.size());
  if (digits.size() > 18) return std::nullopt;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::stoll(std::string(digits));
}

Result<std::optional<StoredObject>> GetIfExists(ObjectStore* objects, const std::string& key) {
  Result<StoredObject> got = objects->Get(key);
  if (got.status().code() == StatusCode::kNotFound && got.status().reason() == "NoSuchKey") {
    return std::optional<StoredObject>();
  }
  RETURN_IF_ERROR(got.status());
  return std::optional<StoredObject>(std::move(got).value());
}

}  // namespace

std::string EncodeS3Lock(const S3LockRecord& lock) {
  Value v = Value::parse(EncodeLockInfo(lock.info));
  v["expires_unix"] = lock.expires_unix;
  v["expires"] =
      FormatRfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(lock.expires_unix)));
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<S3LockRecord> DecodeS3Lock(std::string_view text, const std::string& where) {
  ASSIGN_OR_RETURN(LockInfo info, DecodeLockInfo(text, where));
  Value v = Value::parse(text, nullptr, false);
  auto it = v.is_object() ? v.find("expires_unix") : v.end();
  if (it == v.end() || !it->is_number_integer()) {
    return Status::DataLoss(fmt::format("lock {} has no expiry", where));
  }
  return S3LockRecord{std::move(info), it->get<int64_t>()};
}

class S3StateStore::Recorder : public ChangeRecorder {
 public:
  explicit Recorder(S3StateStore* store) : store_(store) {}

  Status Begin(const PendingOperation& op) override {
    return store_->Record(JournalRecord{JournalOp::kBegin, op});
  }
  Status Finish(const PendingOperation& op, const ResourceState* result) override {
    if (result && result->address != op.address) {
      return Status::InvalidArgument(fmt::format("finish of {} carries the state of {}",
                                                 op.address.ToString(),
                                                 result->address.ToString()));
    }
    JournalRecord r{JournalOp::kFinish, op};
    if (result) r.resource = *result;
    return store_->Record(std::move(r));
  }
  Status Fail(const PendingOperation& op, const Status& error) override {
    JournalRecord r{JournalOp::kFail, op};
    r.error = error.message();
    return store_->Record(std::move(r));
  }
  Status Move(const ResourceAddress& from, const ResourceAddress& to) override {
    JournalRecord r{JournalOp::kMove};
    r.operation.address = from;
    r.to = to;
    return store_->Record(std::move(r));
  }

 private:
  S3StateStore* const store_;
};

Result<std::unique_ptr<S3StateStore>> S3StateStore::Open(Env* env, ObjectStore* objects,
                                                         std::string key, S3StoreOptions options) {
  if (key.empty() || key.back() == '/') {
    return Status::InvalidArgument(fmt::format("state key \"{}\" must name an object", key));
  }
  ASSIGN_OR_RETURN(std::string lineage, RandomHex(env, kLineageBytes));
  ASSIGN_OR_RETURN(std::string random, RandomHex(env, kRunIdBytes));
  std::string run_id = CompactTime(env->Now()) + "-" + random;
  return std::unique_ptr<S3StateStore>(new S3StateStore(env, objects, std::move(key), options,
                                                        std::move(lineage), std::move(run_id)));
}

S3StateStore::S3StateStore(Env* env, ObjectStore* objects, std::string key, S3StoreOptions options,
                           std::string new_lineage, std::string run_id)
    : env_(env),
      objects_(objects),
      key_(std::move(key)),
      options_(options),
      new_lineage_(std::move(new_lineage)),
      run_id_(std::move(run_id)),
      recorder_(std::make_unique<Recorder>(this)),
      self_(std::make_shared<S3StateStore*>(this)) {}

S3StateStore::~S3StateStore() {
  std::string id;
  {
    std::lock_guard<std::mutex> l(lock_mu_);
    if (lock_) id = lock_->id;
  }
  if (!id.empty()) (void)ReleaseLock(id);
}

std::string S3StateStore::sources_key(int64_t serial) const {
  return fmt::format("{}{:08}.sources.json", history_prefix(), serial);
}

std::string S3StateStore::history_key(int64_t serial) const {
  return fmt::format("{}{:08}.json", history_prefix(), serial);
}

int64_t S3StateStore::journal_objects_written() const {
  std::lock_guard<std::mutex> l(const_cast<std::mutex&>(mu_));
  return batches_written_;
}

ChangeRecorder* S3StateStore::recorder() { return recorder_.get(); }

// --- lock ---

S3LockRecord S3StateStore::LockRecordFor(const LockInfo& info) {
  return S3LockRecord{info, UnixSeconds(env_->Now()) + options_.lock_ttl.count()};
}

Result<std::unique_ptr<StateLock>> S3StateStore::Lock(std::string_view operation) {
  {
    std::lock_guard<std::mutex> l(lock_mu_);
    if (lock_) return Status::FailedPrecondition("this run already holds the state lock");
  }
  ASSIGN_OR_RETURN(LockInfo info, NewLockInfo(env_, operation));
  std::string body = EncodeS3Lock(LockRecordFor(info));
  Result<std::string> etag = objects_->Put(lock_key(), body, WriteCondition::IfAbsent());
  if (etag.ok()) return Hold(info, *etag);
  if (!IsPreconditionFailed(etag.status())) {
    return etag.status().WithContext("cannot take the state lock");
  }
  ASSIGN_OR_RETURN(std::optional<StoredObject> held, GetIfExists(objects_, lock_key()));
  if (!held) return Lock(operation);  // released in between: try again
  return TakeOver(info, *held, operation);
}

// The lock object exists: ours (a PUT that was resent after it took effect), stale (its
// holder stopped renewing it) or live.
Result<std::unique_ptr<StateLock>> S3StateStore::TakeOver(const LockInfo& mine,
                                                          const StoredObject& held,
                                                          std::string_view operation) {
  Result<S3LockRecord> holder = DecodeS3Lock(held.body, objects_->Describe(lock_key()));
  if (holder.ok() && holder->info.id == mine.id) return Hold(mine, held.etag);
  int64_t now = UnixSeconds(env_->Now());
  // A holder on this host whose process is gone (kill -9) cannot renew: no need to wait.
  bool dead =
      holder.ok() && holder->info.host == env_->HostName() && !env_->ProcessAlive(holder->info.pid);
  if (holder.ok() && holder->expires_unix > now && !dead) {
    return Status::Aborted(fmt::format(
        "state is locked by {} (lock {}, id {}): wait for that run to end; if it is gone, "
        "its lock expires at {} or `pave state unlock {}` breaks it now",
        holder->info.Describe(), objects_->Describe(lock_key()), holder->info.id,
        FormatRfc3339(
            std::chrono::system_clock::time_point(std::chrono::seconds(holder->expires_unix))),
        holder->info.id));
  }
  std::string old = holder.ok() ? holder->info.Describe() : "an unreadable lock record";
  std::string why = dead ? fmt::format("its process {} on this host is gone", holder->info.pid)
                         : fmt::format(
                               "expired {} s ago, not renewed: that run died or lost "
                               "its connection",
                               holder.ok() ? now - holder->expires_unix : 0);
  ASSIGN_OR_RETURN(LockInfo info, NewLockInfo(env_, operation));
  Result<std::string> etag = objects_->Put(lock_key(), EncodeS3Lock(LockRecordFor(info)),
                                           WriteCondition::IfMatch(held.etag));
  if (!etag.ok()) {
    if (IsPreconditionFailed(etag.status())) return Lock(operation);  // someone was faster
    return etag.status().WithContext("cannot take over the stale state lock");
  }
  {
    std::lock_guard<std::mutex> l(lock_mu_);
    lock_warnings_.push_back(fmt::format(
        "WARNING: took over the state lock of {} ({}); check that it is not still running", old,
        why));
  }
  return Hold(info, *etag);
}

// Reads the lock back, then starts renewing it.
Result<std::unique_ptr<StateLock>> S3StateStore::Hold(const LockInfo& info, std::string etag) {
  ASSIGN_OR_RETURN(StoredObject back, objects_->Get(lock_key()));
  Result<S3LockRecord> record = DecodeS3Lock(back.body, objects_->Describe(lock_key()));
  if (!record.ok() || record->info.id != info.id) {
    return Status::Aborted(
        fmt::format("the state lock {} was taken by another run at the same "
                    "moment: try again",
                    objects_->Describe(lock_key())));
  }
  {
    std::lock_guard<std::mutex> l(lock_mu_);
    lock_ = info;
    lock_etag_ = back.etag.empty() ? etag : back.etag;
    lock_lost_ = false;
    stop_renewing_ = false;
  }
  {
    std::lock_guard<std::mutex> l(mu_);
    locked_ = true;
  }
  renewer_ = std::thread([this] { RenewLoop(); });
  std::weak_ptr<S3StateStore*> self = self_;
  std::string id = info.id;
  return std::make_unique<StateLock>(info, [self, id]() -> Status {
    if (auto store = self.lock()) return (*store)->ReleaseLock(id);
    return Status::Ok();
  });
}

void S3StateStore::RenewLoop() {
  std::unique_lock<std::mutex> l(lock_mu_);
  while (!stop_renewing_) {
    lock_cv_.wait_for(l, options_.renew_every, [this] { return stop_renewing_; });
    if (stop_renewing_ || !lock_ || lock_lost_) break;
    std::string body = EncodeS3Lock(LockRecordFor(*lock_));
    std::string etag = lock_etag_;
    l.unlock();
    Result<std::string> renewed = objects_->Put(lock_key(), body, WriteCondition::IfMatch(etag));
    l.lock();
    if (renewed.ok()) {
      lock_etag_ = *renewed;
    } else if (IsPreconditionFailed(renewed.status())) {
      lock_lost_ = true;
      lock_lost_why_ = "the state lock was broken and taken by another run while this run held it";
    }
    // Other errors (a network blip): try again at the next tick; the lock lasts lock_ttl.
  }
}

Status S3StateStore::ReleaseLock(const std::string& id) {
  std::string etag;
  bool lost = false;
  {
    std::unique_lock<std::mutex> l(lock_mu_);
    if (!lock_ || lock_->id != id) return Status::Ok();
    stop_renewing_ = true;
    lock_cv_.notify_all();
  }
  if (renewer_.joinable()) renewer_.join();
  {
    std::lock_guard<std::mutex> l(lock_mu_);
    etag = lock_etag_;
    lost = lock_lost_;
    lock_.reset();
  }
  {
    std::unique_lock<std::mutex> l = LockIdle();
    locked_ = false;
  }
  if (lost) return Status::Aborted(lock_lost_why_);
  Status deleted = objects_->Delete(lock_key(), WriteCondition::IfMatch(etag));
  if (IsPreconditionFailed(deleted)) {
    return Status::Aborted("the state lock was broken and is now held by another run");
  }
  return deleted;
}

// Before a save: the lock object still names this run.
Status S3StateStore::CheckLockOurs() {
  std::string id;
  {
    std::lock_guard<std::mutex> l(lock_mu_);
    if (lock_lost_) return Status::Aborted(lock_lost_why_);
    if (!lock_) return Status::FailedPrecondition("the state is not locked by this run");
    id = lock_->id;
  }
  ASSIGN_OR_RETURN(std::optional<StoredObject> held, GetIfExists(objects_, lock_key()));
  Result<S3LockRecord> record =
      held ? DecodeS3Lock(held->body, lock_key()) : Status::NotFound("no lock");
  if (!record.ok() || record->info.id != id) {
    return Status::Aborted(
        fmt::format("the state lock {} was removed or taken by someone else while this run held it",
                    objects_->Describe(lock_key())));
  }
  return Status::Ok();
}

Status S3StateStore::ForceUnlock(std::string_view id, bool force) {
  ASSIGN_OR_RETURN(std::optional<StoredObject> held, GetIfExists(objects_, lock_key()));
  if (!held) {
    return Status::NotFound(
        fmt::format("the state is not locked (no {})", objects_->Describe(lock_key())));
  }
  if (force) return objects_->Delete(lock_key(), WriteCondition::Always());
  ASSIGN_OR_RETURN(S3LockRecord holder, DecodeS3Lock(held->body, objects_->Describe(lock_key())));
  if (holder.info.id != id) {
    return Status::FailedPrecondition(fmt::format("the state lock is {}, not {}: it is held by {}",
                                                  holder.info.id, id, holder.info.Describe()));
  }
  bool dead = holder.info.host == env_->HostName() && !env_->ProcessAlive(holder.info.pid);
  if (holder.expires_unix > UnixSeconds(env_->Now()) && !dead) {
    return Status::FailedPrecondition(fmt::format(
        "the state lock is held by {} and was renewed recently (it expires at {}): that run "
        "looks alive; stop it first or use --force",
        holder.info.Describe(),
        FormatRfc3339(
            std::chrono::system_clock::time_point(std::chrono::seconds(holder.expires_unix)))));
  }
  return objects_->Delete(lock_key(), WriteCondition::IfMatch(held->etag));
}

Status S3StateStore::CheckWritableLocked() {
  if (!locked_) return Status::FailedPrecondition("the state is not locked by this run");
  if (!loaded_) return Status::FailedPrecondition("the state was not loaded before writing");
  std::lock_guard<std::mutex> l(lock_mu_);
  if (lock_lost_) return Status::Aborted(lock_lost_why_);
  return Status::Ok();
}

// --- load ---

Result<LoadedState> S3StateStore::Load() {
  std::unique_lock<std::mutex> l = LockIdle();
  Result<LoadedState> loaded = LoadLocked();
  if (loaded.ok()) {
    std::lock_guard<std::mutex> ll(lock_mu_);
    loaded->warnings.insert(loaded->warnings.begin(), lock_warnings_.begin(), lock_warnings_.end());
    lock_warnings_.clear();
  }
  return loaded;
}

Result<LoadedState> S3StateStore::LoadLocked() {
  LoadedState loaded;
  ASSIGN_OR_RETURN(std::optional<StoredObject> object, GetIfExists(objects_, key_));
  if (object) {
    ASSIGN_OR_RETURN(StateDocument doc,
                     DecodeStateDocument(object->body, objects_->Describe(key_)));
    loaded.state = std::move(doc.state);
  } else {
    ASSIGN_OR_RETURN(std::vector<std::string> versions, objects_->List(history_prefix()));
    if (!versions.empty()) {
      return Status::DataLoss(fmt::format(
          "state {} is missing but the history holds versions up to {}: restore it from there",
          objects_->Describe(key_), objects_->Describe(versions.back())));
    }
    loaded.state.lineage = new_lineage_;
  }
  RETURN_IF_ERROR(ReplayJournalLocked(object.has_value(), &loaded));
  loaded_ = true;
  loaded_new_ = !object && loaded.state.lineage == new_lineage_;
  loaded_lineage_ = loaded.state.lineage;
  loaded_serial_ = loaded.state.serial;
  loaded_etag_ = object ? std::optional<std::string>(object->etag) : std::nullopt;
  return loaded;
}

// Every batch of every run, in key order (runs by start time, batches by number). Batches
// over an older version count only for their begins that never finished.
Status S3StateStore::ReplayJournalLocked(bool state_found, LoadedState* loaded) {
  ASSIGN_OR_RETURN(journal_keys_, objects_->List(journal_prefix()));
  State& state = loaded->state;
  std::vector<JournalRecord> older, current;
  std::vector<std::string> stale;  // batches over an older version
  for (const std::string& key : journal_keys_) {
    ASSIGN_OR_RETURN(StoredObject batch, objects_->Get(key));
    std::string where = objects_->Describe(key);
    ASSIGN_OR_RETURN(JournalContents journal, ParseJournal(batch.body, where));
    if (journal.dropped_at || !journal.header) {
      return Status::DataLoss(fmt::format(
          "journal batch {} is damaged at byte {} (an S3 object is written whole: it was "
          "changed by something else than pave)",
          where, journal.dropped_at.value_or(0)));
    }
    if (!state_found && journal.header->serial == 0) state.lineage = journal.header->lineage;
    if (journal.header->lineage != state.lineage) {
      return Status::DataLoss(
          fmt::format("journal batch {} belongs to another state (lineage {}, the state has {})",
                      where, journal.header->lineage, state.lineage));
    }
    if (journal.header->serial > state.serial) {
      return Status::DataLoss(fmt::format(
          "journal batch {} continues version {} but the state {} is version {}: the state "
          "was replaced by an older one; restore {}",
          where, journal.header->serial, objects_->Describe(key_), state.serial,
          objects_->Describe(history_key(journal.header->serial))));
    }
    auto& into = journal.header->serial == state.serial ? current : older;
    into.insert(into.end(), journal.records.begin(), journal.records.end());
    if (journal.header->serial < state.serial) stale.push_back(key);
  }
  std::vector<JournalRecord> records = ReplayJournal(older, false, nullptr);
  if (records.empty()) DropStaleBatchesLocked(stale);
  records.insert(records.end(), current.begin(), current.end());
  for (JournalRecord& r : ReplayJournal(records, true, &state)) {
    loaded->pending.push_back(std::move(r.operation));
  }
  if (!current.empty() || !loaded->pending.empty()) loaded->recovered = true;
  return Status::Ok();
}

// Batches over an older version with nothing left pending: a run died while its save was
// deleting them. The lock holder deletes them now (a run without the lock leaves them), so
// they are not read again by every Load.
void S3StateStore::DropStaleBatchesLocked(const std::vector<std::string>& stale) {
  if (!locked_) return;
  for (const std::string& key : stale) {
    if (!objects_->Delete(key, WriteCondition::Always()).ok()) continue;  // next time
    journal_keys_.erase(std::remove(journal_keys_.begin(), journal_keys_.end(), key),
                        journal_keys_.end());
  }
}

// --- save ---

Status S3StateStore::Save(const State& state, const SaveInfo& info) {
  std::unique_lock<std::mutex> l = LockIdle();
  RETURN_IF_ERROR(CheckWritableLocked());
  RETURN_IF_ERROR(CheckLockOurs());
  if (state.lineage != loaded_lineage_) {
    return Status::FailedPrecondition(
        fmt::format("cannot save a state of lineage {} over the stored state of lineage {}",
                    state.lineage, loaded_lineage_));
  }
  StateDocument doc{state,
                    WrittenBy{FormatRfc3339(env_->Now()), env_->UserName() + "@" + env_->HostName(),
                              info.operation, info.summary}};
  doc.state.serial = loaded_serial_ + 1;
  ASSIGN_OR_RETURN(std::string text, EncodeStateDocument(doc));
  if (!info.sources.empty()) {
    // Before the version itself: a failure in between leaves an object the next save replaces.
    RETURN_IF_ERROR(objects_->Put(sources_key(doc.state.serial), EncodeVersionSources(info.sources),
                                  WriteCondition::Always())
                        .status()
                        .WithContext("cannot keep the platform file with the new version"));
  }
  WriteCondition condition =
      loaded_etag_ ? WriteCondition::IfMatch(*loaded_etag_) : WriteCondition::IfAbsent();
  Result<std::string> etag = objects_->Put(key_, text, condition);
  if (IsPreconditionFailed(etag.status())) etag = StoredChangedLocked(text);
  RETURN_IF_ERROR(etag.status().WithContext("cannot save the state"));
  loaded_etag_ = *etag;
  loaded_serial_ = doc.state.serial;
  unsynced_.clear();
  RETURN_IF_ERROR(objects_->Put(history_key(loaded_serial_), text, WriteCondition::Always())
                      .status()
                      .WithContext(fmt::format(
                          "state saved as version {}, but not its history copy", loaded_serial_)));
  return ResetJournalLocked().WithContext(
      fmt::format("state saved as version {}, but the journal was not reset", loaded_serial_));
}

// The conditional write of the state failed. When the stored object is exactly what this
// save wrote, the PUT took effect and was sent again after its answer was lost: saved.
// Otherwise another run saved in between.
Result<std::string> S3StateStore::StoredChangedLocked(const std::string& text) {
  std::string stored = "no state";
  Result<std::optional<StoredObject>> now = GetIfExists(objects_, key_);
  if (now.ok() && *now && (*now)->body == text) return (*now)->etag;
  if (now.ok() && *now) {
    Result<StateDocument> doc = DecodeStateDocument((*now)->body, objects_->Describe(key_));
    stored = doc.ok()
                 ? fmt::format("version {} of lineage {}", doc->state.serial, doc->state.lineage)
                 : "an unreadable state";
  }
  return Status::Aborted(fmt::format(
      "the state changed since this run loaded it: it was version {} of lineage {}, now it is "
      "{}; another run saved in between: run again to plan against the new state",
      loaded_serial_, loaded_lineage_, stored));
}

// The begins still in flight go into a first batch over the new version; then every older
// batch is deleted.
Status S3StateStore::ResetJournalLocked() {
  std::vector<std::string> old = std::move(journal_keys_);
  journal_keys_.clear();
  if (!in_flight_.empty()) {
    std::string body = EncodeJournalHeader(JournalHeader{loaded_lineage_, loaded_serial_});
    for (const auto& [key, r] : in_flight_) {
      ASSIGN_OR_RETURN(std::string line, EncodeJournalRecord(r));
      body += line;
    }
    std::string key = NextBatchKeyLocked();
    RETURN_IF_ERROR(PutBatch(key, body));
    journal_keys_.push_back(key);
  }
  for (const std::string& key : old) {
    RETURN_IF_ERROR(objects_->Delete(key, WriteCondition::Always()));
  }
  return Status::Ok();
}

Status S3StateStore::AdoptLineage(const std::string& lineage) {
  std::unique_lock<std::mutex> l = LockIdle();
  if (!loaded_ || !loaded_new_ || !journal_keys_.empty() || !in_flight_.empty()) {
    return Status::FailedPrecondition("only a state that was never saved can take a lineage");
  }
  if (lineage.empty()) return Status::InvalidArgument("empty lineage");
  loaded_lineage_ = lineage;
  return Status::Ok();
}

// --- recording ---

std::unique_lock<std::mutex> S3StateStore::LockIdle() {
  std::unique_lock<std::mutex> l(mu_);
  idle_.wait(l, [this] { return !writing_; });
  return l;
}

std::string S3StateStore::NextBatchKeyLocked() {
  return fmt::format("{}{}/{:08}", journal_prefix(), run_id_, next_seq_++);
}

Status S3StateStore::PutBatch(const std::string& key, const std::string& body) {
  return objects_->Put(key, body, WriteCondition::Always()).status();
}

// Group commit as in LocalStateStore::Record: the first queued caller writes every record
// queued behind it as one object, outside the mutex; each call returns once its record is in
// S3. Records of state-only types (not `durable`) wait for the next batch or the save.
Status S3StateStore::Record(JournalRecord record) {
  {
    std::lock_guard<std::mutex> l(mu_);
    RETURN_IF_ERROR(CheckWritableLocked());
  }
  record.time = FormatRfc3339(env_->Now());
  record.run = run_id_;
  ASSIGN_OR_RETURN(std::string line, EncodeJournalRecord(record));
  QueuedRecord queued{&record, &line};
  std::unique_lock<std::mutex> l(mu_);
  queue_.push_back(&queued);
  turn_.wait(l, [&] { return queued.done || queue_.front() == &queued; });
  if (!queued.done) WriteBatchLocked(l);
  return queued.status;
}

void S3StateStore::WriteBatchLocked(std::unique_lock<std::mutex>& l) {
  if (options_.group_linger.count() > 0 && queue_.front()->record->operation.durable) {
    writing_ = true;  // Save, Load and release wait for the batch
    l.unlock();
    std::this_thread::sleep_for(options_.group_linger);
    l.lock();
    writing_ = false;
    idle_.notify_all();
  }
  size_t count = 1;
  Status s = CheckWritableLocked();
  if (s.ok()) s = PutQueuedLocked(l, &count);
  for (size_t i = 0; i < count; ++i) {
    QueuedRecord* done = queue_.front();
    queue_.pop_front();
    if (s.ok()) NoteWrittenLocked(*done->record);
    done->status = s;
    done->done = true;
  }
  turn_.notify_all();
}

// Writes the front of the queue (as many records as fit, `*count` of them) as one batch
// object, outside the mutex; records of state-only types alone wait for the next batch.
Status S3StateStore::PutQueuedLocked(std::unique_lock<std::mutex>& l, size_t* count) {
  std::string lines = *queue_.front()->line;
  bool sync = queue_.front()->record->operation.durable;
  for (*count = 1; *count < queue_.size(); ++*count) {
    const std::string& next = *queue_[*count]->line;
    if (lines.size() + next.size() > kMaxBatchBytes) break;
    lines += next;
    sync = sync || queue_[*count]->record->operation.durable;
  }
  if (!sync) {
    unsynced_ += lines;
    return Status::Ok();
  }
  std::string body =
      EncodeJournalHeader(JournalHeader{loaded_lineage_, loaded_serial_}) + unsynced_ + lines;
  std::string key = NextBatchKeyLocked();
  writing_ = true;
  l.unlock();
  Status s = PutBatch(key, body);
  l.lock();
  writing_ = false;
  idle_.notify_all();
  if (!s.ok()) return s.WithContext("cannot write the journal");
  unsynced_.clear();
  journal_keys_.push_back(key);
  ++batches_written_;
  return Status::Ok();
}

void S3StateStore::NoteWrittenLocked(const JournalRecord& record) {
  std::string key = OperationKey(record.operation);
  switch (record.op) {
    case JournalOp::kBegin:
      in_flight_[key] = record;
      break;
    case JournalOp::kFinish:
    case JournalOp::kFail:
      in_flight_.erase(key);
      break;
    case JournalOp::kMove:
      break;
  }
}

// --- history ---

Result<std::vector<VersionInfo>> S3StateStore::History() {
  ASSIGN_OR_RETURN(std::vector<std::string> keys, objects_->List(history_prefix()));
  std::vector<std::pair<int64_t, std::string>> versions;
  for (const std::string& key : keys) {
    auto serial = SerialOfHistoryKey(std::string_view(key).substr(history_prefix().size()));
    if (serial) versions.emplace_back(*serial, key);
  }
  std::sort(versions.begin(), versions.end());
  std::vector<VersionInfo> out;
  for (const auto& [serial, key] : versions) {
    ASSIGN_OR_RETURN(StoredObject object, objects_->Get(key));
    ASSIGN_OR_RETURN(StateDocument doc, DecodeStateDocument(object.body, objects_->Describe(key)));
    const WrittenBy& w = doc.written;
    out.push_back(
        VersionInfo{doc.state.serial, w.time, w.user, w.operation, w.summary, doc.state.size()});
  }
  return out;
}

Result<std::map<std::string, std::string>> S3StateStore::VersionSources(int64_t serial) {
  ASSIGN_OR_RETURN(std::optional<StoredObject> object, GetIfExists(objects_, sources_key(serial)));
  if (!object) {
    return Status::NotFound(fmt::format("version {} kept no platform file (no {})", serial,
                                        objects_->Describe(sources_key(serial))));
  }
  return DecodeVersionSources(object->body, objects_->Describe(sources_key(serial)));
}

Result<State> S3StateStore::Version(int64_t serial) {
  ASSIGN_OR_RETURN(std::optional<StoredObject> object, GetIfExists(objects_, history_key(serial)));
  if (!object) {
    return Status::NotFound(fmt::format("state version {} is not in the history (no {})", serial,
                                        objects_->Describe(history_key(serial))));
  }
  ASSIGN_OR_RETURN(StateDocument doc,
                   DecodeStateDocument(object->body, objects_->Describe(history_key(serial))));
  return std::move(doc.state);
}

}  // namespace pave
