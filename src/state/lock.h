// The state lock: one writer at a time. The local backend keeps it in `<dir>/lock`: the run
// holds an exclusive advisory kernel lock (Env::LockFile, flock) on that file for as long as
// it runs, and writes its owner record into it (docs/state-format.md):
//   {"id":"3f2a...","user":"alice","host":"build-7","pid":1234,"operation":"apply",
//    "created":"2026-11-23T15:40:02Z","pave_version":"0.1.0"}
// The kernel lock decides who holds the state; the record only names the holder in errors.
// The kernel drops the lock when its process ends, however it ends (kill -9, SIGPIPE), so a
// lock file left by a dead process never blocks: the next run locks it and writes its own
// record over the old one. A clean release removes the file.
#pragma once

#include <functional>
#include <memory>
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

// A lock taken by AcquireLockFile: the owner record and the locked file (dropping `file`
// releases the kernel lock).
struct HeldLockFile {
  LockInfo info;
  std::unique_ptr<LockedFile> file;
};

// Locks the lock file and writes this run's owner record into it. When a live process holds
// it: Aborted, naming the holder ("state is locked by alice@host (pid 1234) running apply
// since ...: wait for that run to end ..."). A record left by a dead process is overwritten.
Result<HeldLockFile> AcquireLockFile(Env* env, const std::string& path,
                                     std::string_view operation);

// Removes the lock file if it still holds lock `id` (call it before dropping the
// HeldLockFile); Aborted when another lock replaced it, OK when there is none.
Status ReleaseLockFile(Env* env, const std::string& path, std::string_view id);

// `pave state unlock <id>`: removes a lock file that holds lock `id` and whose process is
// gone (nobody holds the kernel lock), or whatever it holds when `force`. Refuses
// (FailedPrecondition) a lock held by a live process and a record with another id unless
// forced. NotFound when there is no lock file.
Status BreakLockFile(Env* env, const std::string& path, std::string_view id, bool force);

}  // namespace pave
