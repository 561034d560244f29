#include "state/local_store.h"

#include <fmt/format.h>

#include <cctype>

#include "core/hash.h"
#include "state/state_codec.h"
#include "state/timestamp.h"

namespace pave {
namespace {

constexpr size_t kLineageBytes = 16;
constexpr size_t kRunIdBytes = 8;
constexpr const char* kHistoryDir = "history";
// A batch of journal records stops growing here (one record may be larger on its own).
constexpr size_t kMaxBatchBytes = 1 << 20;

Result<std::string> RandomHex(Env* env, size_t bytes) {
  std::string raw(bytes, '\0');
  RETURN_IF_ERROR(env->RandomBytes(raw.data(), raw.size()));
  return HexEncode(raw);
}

// "00000042.json" -> 42; nullopt for anything else.
std::optional<int64_t> SerialOfHistoryName(const std::string& name) {
  constexpr std::string_view kSuffix = ".json";
  if (name.size() < 8 + kSuffix.size() || !name.ends_with(kSuffix)) return std::nullopt;
  std::string digits = name.substr(0, name.size() - kSuffix.size());
  if (digits.size() > 18) return std::nullopt;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::stoll(digits);
}

// Null when the file does not exist.
Result<std::optional<std::string>> ReadIfExists(Env* env, const std::string& path) {
  Result<std::string> text = env->ReadFile(path);
  if (text.status().code() == StatusCode::kNotFound) return std::optional<std::string>();
  RETURN_IF_ERROR(text.status());
  return std::optional<std::string>(std::move(text).value());
}

}  // namespace

class LocalStateStore::Recorder : public ChangeRecorder {
 public:
  explicit Recorder(LocalStateStore* store) : store_(store) {}

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
  LocalStateStore* const store_;
};

Result<std::unique_ptr<LocalStateStore>> LocalStateStore::Open(Env* env, std::string dir) {
  RETURN_IF_ERROR(env->CreateDirs(dir, 0700).WithContext("cannot create the state directory"));
  ASSIGN_OR_RETURN(std::string lineage, RandomHex(env, kLineageBytes));
  ASSIGN_OR_RETURN(std::string run_id, RandomHex(env, kRunIdBytes));
  return std::unique_ptr<LocalStateStore>(
      new LocalStateStore(env, std::move(dir), std::move(lineage), std::move(run_id)));
}

LocalStateStore::LocalStateStore(Env* env, std::string dir, std::string new_lineage,
                                 std::string run_id)
    : env_(env),
      dir_(std::move(dir)),
      new_lineage_(std::move(new_lineage)),
      run_id_(std::move(run_id)),
      recorder_(std::make_unique<Recorder>(this)),
      self_(std::make_shared<LocalStateStore*>(this)) {}

LocalStateStore::~LocalStateStore() {
  std::unique_lock<std::mutex> l = LockIdle();
  if (journal_) (void)journal_->Close();
}

std::string LocalStateStore::state_path() const { return JoinPath(dir_, "state.json"); }
std::string LocalStateStore::journal_path() const { return JoinPath(dir_, "journal"); }
std::string LocalStateStore::lock_path() const { return JoinPath(dir_, "lock"); }
std::string LocalStateStore::sources_path(int64_t serial) const {
  return JoinPath(JoinPath(dir_, kHistoryDir), fmt::format("{:08}.sources.json", serial));
}

std::string LocalStateStore::history_path(int64_t serial) const {
  return JoinPath(JoinPath(dir_, kHistoryDir), fmt::format("{:08}.json", serial));
}

// --- lock ---

Result<std::unique_ptr<StateLock>> LocalStateStore::Lock(std::string_view operation) {
  std::lock_guard<std::mutex> l(mu_);
  if (lock_id_) return Status::FailedPrecondition("this run already holds the state lock");
  ASSIGN_OR_RETURN(HeldLockFile held, AcquireLockFile(env_, lock_path(), operation));
  lock_id_ = held.info.id;
  std::weak_ptr<LocalStateStore*> self = self_;
  Env* env = env_;
  std::string path = lock_path();
  std::string id = held.info.id;
  // The kernel lock lives as long as the release function: it is dropped after the file
  // is removed, so the next run never locks a file that is about to vanish.
  std::shared_ptr<LockedFile> file = std::move(held.file);
  return std::make_unique<StateLock>(std::move(held.info), [self, env, path, id, file]() mutable {
    if (auto store = self.lock()) (*store)->ForgetLock(id);
    Status released = ReleaseLockFile(env, path, id);
    file.reset();
    return released;
  });
}

void LocalStateStore::ForgetLock(const std::string& id) {
  std::unique_lock<std::mutex> l = LockIdle();
  if (lock_id_ != id) return;
  lock_id_.reset();
  if (journal_) (void)journal_->Close();
  journal_.reset();
}

Status LocalStateStore::ForceUnlock(std::string_view id, bool force) {
  return BreakLockFile(env_, lock_path(), id, force);
}

Status LocalStateStore::CheckWritableLocked() {
  if (!lock_id_) return Status::FailedPrecondition("the state is not locked by this run");
  if (!loaded_) return Status::FailedPrecondition("the state was not loaded before writing");
  return Status::Ok();
}

Status LocalStateStore::CheckLockFileOursLocked() {
  ASSIGN_OR_RETURN(std::optional<std::string> text, ReadIfExists(env_, lock_path()));
  if (!text) {
    return Status::Aborted(
        fmt::format("the state lock {} was removed while this run held it: "
                    "another run may have changed the state",
                    lock_path()));
  }
  Result<LockInfo> holder = DecodeLockInfo(*text, lock_path());
  if (!holder.ok() || holder->id != *lock_id_) {
    return Status::Aborted(
        fmt::format("the state lock {} was broken and taken by someone else "
                    "while this run held it",
                    lock_path()));
  }
  return Status::Ok();
}

// --- load ---

Result<LoadedState> LocalStateStore::Load() {
  std::unique_lock<std::mutex> l = LockIdle();
  return LoadLocked();
}

Result<LoadedState> LocalStateStore::LoadLocked() {
  LoadedState loaded;
  ASSIGN_OR_RETURN(std::optional<std::string> text, ReadIfExists(env_, state_path()));
  if (text) {
    Result<StateDocument> doc = DecodeStateDocument(*text, state_path());
    if (doc.status().code() == StatusCode::kDataLoss) {
      return Status::DataLoss(doc.status().message() + HistoryHintLocked());
    }
    RETURN_IF_ERROR(doc.status());
    loaded.state = std::move(doc->state);
  } else {
    ASSIGN_OR_RETURN(std::vector<int64_t> serials, HistorySerials());
    if (!serials.empty()) {
      return Status::DataLoss(fmt::format(
          "state file {} is missing but the history holds versions up to {}: restore it from {}",
          state_path(), serials.back(), history_path(serials.back())));
    }
    loaded.state.lineage = new_lineage_;
  }
  RETURN_IF_ERROR(ReplayJournalLocked(text.has_value(), &loaded));
  loaded_ = true;
  loaded_new_ = !text && loaded.state.lineage == new_lineage_;
  loaded_lineage_ = loaded.state.lineage;
  loaded_serial_ = loaded.state.serial;
  loaded_text_ = text.value_or("");
  if (journal_) (void)journal_->Close();
  journal_.reset();  // reopened (and checked again) by the next recorder call
  return loaded;
}

Status LocalStateStore::ReplayJournalLocked(bool state_found, LoadedState* loaded) {
  ASSIGN_OR_RETURN(std::optional<std::string> data, ReadIfExists(env_, journal_path()));
  if (!data) return Status::Ok();
  ASSIGN_OR_RETURN(JournalContents journal, ParseJournal(*data, journal_path()));
  if (journal.dropped_at) {
    loaded->recovered = true;
    loaded->warnings.push_back(fmt::format(
        "journal {}: dropped an incomplete last record at byte {} (a crash in the middle of "
        "writing it)",
        journal_path(), *journal.dropped_at));
  }
  if (!journal.header) return Status::Ok();
  State& state = loaded->state;
  if (!state_found && journal.header->serial > 0) {
    return Status::DataLoss(
        fmt::format("state file {} is missing but the journal {} continues version {}",
                    state_path(), journal_path(), journal.header->serial));
  }
  if (!state_found) state.lineage = journal.header->lineage;  // a first run that crashed
  if (journal.header->lineage != state.lineage) {
    return Status::DataLoss(fmt::format(
        "journal {} belongs to another state (lineage {}, the state file has {}): move it away "
        "if the state file was replaced on purpose",
        journal_path(), journal.header->lineage, state.lineage));
  }
  if (journal.header->serial > state.serial) {
    return Status::DataLoss(fmt::format(
        "journal {} continues version {} but the state file {} is version {}: the state file "
        "was replaced by an older one; restore {}",
        journal_path(), journal.header->serial, state_path(), state.serial,
        history_path(journal.header->serial)));
  }
  // A journal older than the state was saved already; only its unfinished begins matter.
  bool current = journal.header->serial == state.serial;
  for (JournalRecord& r : ReplayJournal(journal.records, current, &state)) {
    loaded->pending.push_back(std::move(r.operation));
  }
  if ((current && !journal.records.empty()) || !loaded->pending.empty()) {
    loaded->recovered = true;
  }
  return Status::Ok();
}

// --- save ---

Status LocalStateStore::Save(const State& state, const SaveInfo& info) {
  std::unique_lock<std::mutex> l = LockIdle();
  RETURN_IF_ERROR(CheckWritableLocked());
  RETURN_IF_ERROR(CheckLockFileOursLocked());
  RETURN_IF_ERROR(CheckStoredUnchangedLocked());
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
    // Before the version itself: a crash in between leaves a file the next save overwrites.
    RETURN_IF_ERROR(env_->CreateDirs(JoinPath(dir_, kHistoryDir), 0700));
    RETURN_IF_ERROR(env_->WriteFileAtomic(sources_path(doc.state.serial), EncodeVersionSources(info.sources), 0600));
  }
  RETURN_IF_ERROR(WriteVersionLocked(text, doc.state.serial));
  return ResetJournalLocked().WithContext(
      fmt::format("state saved as version {}, but the journal was not reset", loaded_serial_));
}

Status LocalStateStore::AdoptLineage(const std::string& lineage) {
  std::unique_lock<std::mutex> l = LockIdle();
  if (!loaded_ || !loaded_new_ || journal_ || !in_flight_.empty()) {
    return Status::FailedPrecondition("only a state that was never saved can take a lineage");
  }
  if (lineage.empty()) return Status::InvalidArgument("empty lineage");
  loaded_lineage_ = lineage;
  return Status::Ok();
}

Status LocalStateStore::CheckStoredUnchangedLocked() {
  ASSIGN_OR_RETURN(std::optional<std::string> text, ReadIfExists(env_, state_path()));
  if (text.value_or("") == loaded_text_) return Status::Ok();
  std::string stored = "no state file";
  if (text) {
    ASSIGN_OR_RETURN(StateDocument doc, DecodeStateDocument(*text, state_path()));
    if (doc.state.lineage == loaded_lineage_ && doc.state.serial == loaded_serial_) {
      return Status::Ok();
    }
    stored = fmt::format("version {} of lineage {}", doc.state.serial, doc.state.lineage);
  }
  return Status::Aborted(fmt::format(
      "the state changed since this run loaded it: it was version {} of lineage {}, now it is "
      "{}; another run saved in between: run again to plan against the new state",
      loaded_serial_, loaded_lineage_, stored));
}

Status LocalStateStore::WriteVersionLocked(const std::string& text, int64_t serial) {
  std::string history_dir = JoinPath(dir_, kHistoryDir);
  RETURN_IF_ERROR(env_->CreateDirs(history_dir, 0700));
  // A crash right after an earlier save may have left its history copy unwritten.
  if (loaded_serial_ > 0 && !env_->FileExists(history_path(loaded_serial_))) {
    RETURN_IF_ERROR(env_->WriteFileAtomic(history_path(loaded_serial_), loaded_text_, 0600));
  }
  RETURN_IF_ERROR(env_->WriteFileAtomic(state_path(), text, 0600));
  loaded_serial_ = serial;
  loaded_text_ = text;
  return env_->WriteFileAtomic(history_path(serial), text, 0600)
      .WithContext(fmt::format("state saved as version {}, but not its history copy", serial));
}

// A fresh journal over the new version, holding the begins still in flight.
Status LocalStateStore::ResetJournalLocked() {
  if (journal_) (void)journal_->Close();
  journal_.reset();
  std::vector<JournalRecord> carried;
  for (const auto& [key, r] : in_flight_) carried.push_back(r);
  return WriteJournal(env_, journal_path(), JournalHeader{loaded_lineage_, loaded_serial_},
                      carried);
}

// --- recording ---

std::unique_lock<std::mutex> LocalStateStore::LockIdle() {
  std::unique_lock<std::mutex> l(mu_);
  idle_.wait(l, [this] { return !writing_; });
  return l;
}

// Group commit (as LevelDB's log writer): callers queue their record; the first in the
// queue is the leader and writes every record queued behind it with one append and one
// fdatasync, outside the mutex, while new callers queue up for the next batch. Each call
// still returns only once its own record is synced.
Status LocalStateStore::Record(JournalRecord record) {
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

void LocalStateStore::WriteBatchLocked(std::unique_lock<std::mutex>& l) {
  size_t count = 1;
  Status s = CheckWritableLocked();
  if (s.ok()) s = EnsureJournalOpenLocked();
  if (s.ok()) {
    std::string batch = *queue_.front()->line;
    bool sync = queue_.front()->record->operation.durable;
    for (; count < queue_.size(); ++count) {
      const std::string& next = *queue_[count]->line;
      if (batch.size() + next.size() > kMaxBatchBytes) break;
      batch += next;
      sync = sync || queue_[count]->record->operation.durable;
    }
    JournalWriter* journal = journal_.get();
    writing_ = true;  // Save, Load and ForgetLock wait: they replace journal_
    l.unlock();
    s = journal->AppendEncoded(batch, sync);
    l.lock();
    writing_ = false;
    idle_.notify_all();
  }
  if (!s.ok()) {
    // The file may end in a partial record now: reopen (cutting it off) before the next one.
    if (journal_) (void)journal_->Close();
    journal_.reset();
    s = s.WithContext("cannot write the journal");
  }
  for (size_t i = 0; i < count; ++i) {
    QueuedRecord* done = queue_.front();
    queue_.pop_front();
    if (s.ok()) NoteWrittenLocked(*done->record);
    done->status = s;
    done->done = true;
  }
  turn_.notify_all();
}

void LocalStateStore::NoteWrittenLocked(const JournalRecord& record) {
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

Status LocalStateStore::EnsureJournalOpenLocked() {
  if (journal_) return Status::Ok();
  JournalHeader want{loaded_lineage_, loaded_serial_};
  ASSIGN_OR_RETURN(std::optional<std::string> data, ReadIfExists(env_, journal_path()));
  JournalContents journal;
  if (data) {
    ASSIGN_OR_RETURN(journal, ParseJournal(*data, journal_path()));
  }
  bool current = journal.header && journal.header->lineage == want.lineage &&
                 journal.header->serial == want.serial;
  if (!current) {
    // None yet, or left over from before the last save: start one over the loaded version,
    // keeping the begins that never finished so they stay pending until a save.
    std::vector<JournalRecord> carried;
    if (journal.header && journal.header->lineage == want.lineage) {
      carried = ReplayJournal(journal.records, false, nullptr);
    }
    RETURN_IF_ERROR(WriteJournal(env_, journal_path(), want, carried));
  } else if (journal.dropped_at) {
    RETURN_IF_ERROR(env_->Truncate(journal_path(), journal.valid_size));
  }
  ASSIGN_OR_RETURN(journal_, JournalWriter::Open(env_, journal_path()));
  return Status::Ok();
}

// --- history ---

Result<std::vector<int64_t>> LocalStateStore::HistorySerials() {
  Result<std::vector<std::string>> names = env_->ListDir(JoinPath(dir_, kHistoryDir));
  if (names.status().code() == StatusCode::kNotFound) return std::vector<int64_t>();
  RETURN_IF_ERROR(names.status());
  std::vector<int64_t> serials;
  for (const std::string& name : *names) {
    if (auto serial = SerialOfHistoryName(name)) serials.push_back(*serial);
  }
  std::sort(serials.begin(), serials.end());
  return serials;
}

std::string LocalStateStore::HistoryHintLocked() {
  Result<std::vector<int64_t>> serials = HistorySerials();
  if (!serials.ok() || serials->empty()) return "";
  return "; the previous version is " + history_path(serials->back());
}

Result<std::vector<VersionInfo>> LocalStateStore::History() {
  ASSIGN_OR_RETURN(std::vector<int64_t> serials, HistorySerials());
  std::vector<VersionInfo> out;
  for (int64_t serial : serials) {
    ASSIGN_OR_RETURN(std::string text, env_->ReadFile(history_path(serial)));
    ASSIGN_OR_RETURN(StateDocument doc, DecodeStateDocument(text, history_path(serial)));
    const WrittenBy& w = doc.written;
    out.push_back(
        VersionInfo{doc.state.serial, w.time, w.user, w.operation, w.summary, doc.state.size()});
  }
  return out;
}

Result<State> LocalStateStore::Version(int64_t serial) {
  Result<std::string> text = env_->ReadFile(history_path(serial));
  if (text.status().code() == StatusCode::kNotFound) {
    return Status::NotFound(fmt::format("state version {} is not in the history (no {})", serial,
                                        history_path(serial)));
  }
  RETURN_IF_ERROR(text.status());
  ASSIGN_OR_RETURN(StateDocument doc, DecodeStateDocument(*text, history_path(serial)));
  return std::move(doc.state);
}

Result<std::map<std::string, std::string>> LocalStateStore::VersionSources(int64_t serial) {
  const std::string path = sources_path(serial);
  Result<std::string> text = env_->ReadFile(path);
  if (text.status().code() == StatusCode::kNotFound) {
    return Status::NotFound(fmt::format("version {} kept no platform file (no {})", serial, path));
  }
  RETURN_IF_ERROR(text.status());
  return DecodeVersionSources(*text, path);
}

ChangeRecorder* LocalStateStore::recorder() { return recorder_.get(); }

}  // namespace pave
