#include "state/lock.h"

#include <fmt/format.h>

#include <chrono>

#include "core/hash.h"
#include "core/value.h"
#include "state/timestamp.h"

namespace pave {
namespace {

constexpr size_t kLockIdBytes = 16;

constexpr int kRecordReadTries = 5;
constexpr std::chrono::milliseconds kRecordReadPause{20};

Result<LockInfo> ReadLockFile(Env* env, const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, env->ReadFile(path));
  return DecodeLockInfo(text, path);
}

// The holder's record. A holder that has just taken the lock may still be writing it.
Result<LockInfo> ReadHolderRecord(Env* env, const std::string& path) {
  Result<LockInfo> holder = ReadLockFile(env, path);
  for (int i = 1; i < kRecordReadTries && !holder.ok(); ++i) {
    env->SleepFor(kRecordReadPause);
    holder = ReadLockFile(env, path);
  }
  return holder;
}

// Another live process holds the kernel lock on `path`.
Status LockedBy(Env* env, const std::string& path) {
  Result<LockInfo> holder = ReadHolderRecord(env, path);
  if (!holder.ok()) {
    return Status::Aborted(fmt::format(
        "state is locked by another running pave whose owner record cannot be read ({}): "
        "wait for that run to end (the lock goes with its process)",
        holder.status().message()));
  }
  return Status::Aborted(
      fmt::format("state is locked by {}: wait for that run to end (the lock goes with its "
                  "process)",
                  holder->Describe()));
}

}  // namespace

std::string LockInfo::Describe() const {
  return fmt::format("{}@{} (pid {}) running {} since {}", user, host, pid, operation, created);
}

StateLock::StateLock(LockInfo info, std::function<Status()> release)
    : info_(std::move(info)), release_(std::move(release)) {}

StateLock::~StateLock() { (void)Release(); }

Status StateLock::Release() {
  if (!release_) return Status::Ok();
  auto release = std::move(release_);
  release_ = nullptr;
  return release();
}

std::string EncodeLockInfo(const LockInfo& info) {
  Value v{{"id", info.id},
          {"user", info.user},
          {"host", info.host},
          {"pid", info.pid},
          {"operation", info.operation},
          {"created", info.created},
          {"pave_version", info.pave_version}};
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<LockInfo> DecodeLockInfo(std::string_view text, const std::string& path) {
  Value v;
  try {
    v = Value::parse(text);
  } catch (const nlohmann::json::parse_error&) {
    return Status::DataLoss(fmt::format("lock file {} is not valid JSON", path));
  }
  auto str = [&v](const char* key) -> std::optional<std::string> {
    auto it = v.is_object() ? v.find(key) : v.end();
    if (it == v.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  LockInfo info;
  auto id = str("id"), user = str("user"), host = str("host"), op = str("operation"),
       created = str("created"), version = str("pave_version");
  auto pid = v.is_object() ? v.find("pid") : v.end();
  if (!id || id->empty() || !user || !host || !op || !created || !version || pid == v.end() ||
      !pid->is_number_integer()) {
    return Status::DataLoss(
        fmt::format("lock file {} lacks a field or has one of the wrong type", path));
  }
  return LockInfo{*id, *user, *host, pid->get<int>(), *op, *created, *version};
}

Result<LockInfo> NewLockInfo(Env* env, std::string_view operation) {
  std::string id(kLockIdBytes, '\0');
  RETURN_IF_ERROR(env->RandomBytes(id.data(), id.size()));
  return LockInfo{HexEncode(id),    env->UserName(),        env->HostName(),
                  env->ProcessId(), std::string(operation), FormatRfc3339(env->Now()),
                  PAVE_VERSION};
}

Result<HeldLockFile> AcquireLockFile(Env* env, const std::string& path,
                                     std::string_view operation) {
  ASSIGN_OR_RETURN(LockInfo info, NewLockInfo(env, operation));
  Result<std::unique_ptr<LockedFile>> file = env->LockFile(path, 0600);
  if (file.status().code() == StatusCode::kAborted) return LockedBy(env, path);
  RETURN_IF_ERROR(file.status().WithContext("cannot take the state lock"));
  Status written = (*file)->Rewrite(EncodeLockInfo(info));
  if (!written.ok()) {
    (void)env->RemoveFile(path);  // still ours: no one sees a half-written record
    return written.WithContext("cannot write the state lock");
  }
  return HeldLockFile{std::move(info), std::move(file).value()};
}

Status ReleaseLockFile(Env* env, const std::string& path, std::string_view id) {
  Result<LockInfo> holder = ReadLockFile(env, path);
  if (holder.status().code() == StatusCode::kNotFound) return Status::Ok();
  if (holder.ok() && holder->id != id) {
    return Status::Aborted(
        fmt::format("the state lock was broken and is now held by {}", holder->Describe()));
  }
  // An unreadable lock file where ours was: someone replaced it; leave it to them.
  RETURN_IF_ERROR(holder.status());
  return env->RemoveFile(path);
}

Status BreakLockFile(Env* env, const std::string& path, std::string_view id, bool force) {
  Result<LockInfo> holder = ReadLockFile(env, path);
  if (holder.status().code() == StatusCode::kNotFound) {
    return Status::NotFound(fmt::format("the state is not locked (no {})", path));
  }
  if (force) return env->RemoveFile(path);
  RETURN_IF_ERROR(holder.status().WithContext("use --force to remove it"));
  if (holder->id != id) {
    return Status::FailedPrecondition(fmt::format(
        "the state lock is {}, not {}: it is held by {}", holder->id, id, holder->Describe()));
  }
  // Whoever can take the kernel lock knows that no live process holds it.
  Result<std::unique_ptr<LockedFile>> probe = env->LockFile(path, 0600);
  if (probe.status().code() == StatusCode::kAborted) {
    return Status::FailedPrecondition(fmt::format(
        "the state lock is held by {} and that process is still running; stop it first or "
        "use --force",
        holder->Describe()));
  }
  RETURN_IF_ERROR(probe.status());
  return env->RemoveFile(path);
}

}  // namespace pave
