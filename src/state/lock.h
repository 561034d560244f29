// The state lock: one writer at a time. The local backend keeps it in `<dir>/lock`, created
// with O_CREAT|O_EXCL (Env::CreateFileExclusive) and holding one JSON object
// (docs/state-format.md):
//   {"id":"3f2a...","user":"alice","host":"build-7","pid":1234,"operation":"apply",
//    "created":"2026-11-23T15:40:02Z","pave_version":"0.1.0"}
// A lock is stale when it was taken on this host by a process that no longer exists. Stale
// locks are never broken automatically (two runs could both break it and both proceed):
// the person running pave breaks it with `pave state unlock <id>`.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/env.h"
#include "core/status.h"

namespace pave {

struct LockInfo {
  std::string id;  // random, hex; names the lock in `pave state unlock <id>`
  std::string user;
  std::string host;
  int pid = 0;
  std::string operation;  // "apply", "destroy", ...
  std::string created;    // RFC 3339, UTC
  std::string pave_version;

  // "alice@build-7 (pid 1234) running apply since 2026-11-23T15:40:02Z"
  std::string Describe() const;
};

// A held lock. Released when destroyed (errors ignored) or by Release(). Must not outlive
// the store that handed it out.
class StateLock {
 public:
  StateLock(LockInfo info, std::function<Status()> release);
  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

  const LockInfo& info() const { return info_; }
  // Releases now and reports errors. Later calls return OK and do nothing.
  Status Release();

 private:
  LockInfo info_;
  std::function<Status()> release_;
};

std::string EncodeLockInfo(const LockInfo& info);
// `path` names the file in errors.
Result<LockInfo> DecodeLockInfo(std::string_view text, const std::string& path);

// A new LockInfo for this process: fresh random id, user, host, pid, time from `env`.
Result<LockInfo> NewLockInfo(Env* env, std::string_view operation);

// True when the lock was taken on this host by a process that is gone.
bool IsStale(Env* env, const LockInfo& info);

// Creates the lock file. When it exists already: Aborted, naming the holder and saying how
// to break the lock ("state is locked by alice@host (pid 1234) running apply since ...;
// if that process is gone, run `pave state unlock 3f2a...`").
Result<LockInfo> AcquireLockFile(Env* env, const std::string& path, std::string_view operation);

// Removes the lock file if it still holds lock `id`; Aborted when another lock replaced it,
// OK when there is none.
Status ReleaseLockFile(Env* env, const std::string& path, std::string_view id);

// `pave state unlock <id>`: removes the lock file when it holds lock `id` and the lock is
// stale, or whatever it holds when `force`. Refuses (FailedPrecondition) a live lock, a lock
// held on another host (its liveness cannot be checked) and a lock with another id unless
// forced. NotFound when there is no lock.
Status BreakLockFile(Env* env, const std::string& path, std::string_view id, bool force);

}  // namespace pave
