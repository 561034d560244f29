#include "state/lock.h"

#include <fmt/format.h>

#include "core/hash.h"
#include "core/value.h"
#include "state/timestamp.h"

namespace pave {
namespace {

constexpr size_t kLockIdBytes = 16;

Result<LockInfo> ReadLockFile(Env* env, const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, env->ReadFile(path));
  return DecodeLockInfo(text, path);
}

std::string UnlockHint(Env* env, const LockInfo& info) {
  if (info.host != env->HostName()) {
    return fmt::format("if that process is gone, run `pave state unlock --force {}`", info.id);
  }
  return fmt::format("if that process is gone, run `pave state unlock {}`", info.id);
}

Status LockedBy(Env* env, const std::string& path) {
  Result<LockInfo> holder = ReadLockFile(env, path);
  if (!holder.ok()) {
    return Status::Aborted(fmt::format(
        "state is locked, but the lock file cannot be read ({}); if no pave is running, run "
        "`pave state unlock --force`",
        holder.status().message()));
  }
  std::string stale = IsStale(env, *holder) ? " (that process is gone)" : "";
  return Status::Aborted(fmt::format("state is locked by {}{}; {}", holder->Describe(), stale,
                                     UnlockHint(env, *holder)));
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

bool IsStale(Env* env, const LockInfo& info) {
  return info.host == env->HostName() && !env->ProcessAlive(info.pid);
}

Result<LockInfo> AcquireLockFile(Env* env, const std::string& path, std::string_view operation) {
  ASSIGN_OR_RETURN(LockInfo info, NewLockInfo(env, operation));
  Status created = env->CreateFileExclusive(path, EncodeLockInfo(info), 0600);
  if (created.code() == StatusCode::kAlreadyExists) return LockedBy(env, path);
  RETURN_IF_ERROR(created.WithContext("cannot take the state lock"));
  return info;
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
  if (!force) {
    RETURN_IF_ERROR(holder.status().WithContext("use --force to remove it"));
    if (holder->id != id) {
      return Status::FailedPrecondition(fmt::format(
          "the state lock is {}, not {}: it is held by {}", holder->id, id, holder->Describe()));
    }
    if (holder->host != env->HostName()) {
      return Status::FailedPrecondition(fmt::format(
          "the state lock is held by {} on another host, so pave cannot check that the process "
          "is gone; if it is, run `pave state unlock --force {}`",
          holder->Describe(), holder->id));
    }
    if (env->ProcessAlive(holder->pid)) {
      return Status::FailedPrecondition(fmt::format(
          "the state lock is held by {} and that process is still running; stop it first or "
          "use --force",
          holder->Describe()));
    }
  }
  return env->RemoveFile(path);
}

}  // namespace pave
