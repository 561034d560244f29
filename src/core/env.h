// Env: every way pave touches the machine it runs on — files, clock, environment
// variables, processes. Code receives an Env* through its constructor so tests can
// substitute MemEnv (src/testing/mem_env.h) or a fault-injecting wrapper.
//
// Durability contract for WriteFileAtomic: write to "<path>.tmp-<pid>", fsync it,
// rename over <path>, fsync the directory. A crash at any point leaves either the old
// or the new file, never a mix.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace pave {

// A file open for appending (the journal). Append buffers nothing across calls:
// after Sync() returns OK the bytes survive power loss.
class AppendFile {
 public:
  virtual ~AppendFile() = default;
  virtual Status Append(std::string_view data) = 0;
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

// A file held under an exclusive advisory lock (Env::LockFile). The kernel holds the lock
// for as long as this object lives, and drops it when the process ends however it ends
// (exit, crash, kill -9): a lock can never outlive its holder.
class LockedFile {
 public:
  virtual ~LockedFile() = default;  // closes the file, which releases the lock
  // Replaces the file's contents through the locked descriptor and syncs them.
  virtual Status Rewrite(std::string_view data) = 0;
};

class Env {
 public:
  virtual ~Env() = default;

  // --- files ---
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Atomic replace (see the file comment). `mode` is the permission of the new file.
  virtual Status WriteFileAtomic(const std::string& path, std::string_view data,
                                 int mode = 0600) = 0;
  // Creates `path` with `data` only if it does not exist yet (O_CREAT|O_EXCL), synced.
  // Returns AlreadyExists when it does. Used for lock files.
  virtual Status CreateFileExclusive(const std::string& path, std::string_view data,
                                     int mode = 0600) = 0;
  // Opens `path` (creating it empty with `mode` when missing) and takes an exclusive
  // advisory lock on it without waiting. Aborted when another open file holds the lock, in
  // this process or another. Returns only when `path` still names the file it locked (a
  // holder may unlink the file before it lets go). Unimplemented by Envs that have no locks.
  virtual Result<std::unique_ptr<LockedFile>> LockFile(const std::string& path, int mode = 0600) {
    (void)mode;
    return Status::Unimplemented("this Env cannot lock " + path);
  }
  virtual Result<std::unique_ptr<AppendFile>> OpenAppend(const std::string& path,
                                                          int mode = 0600) = 0;
  virtual bool FileExists(const std::string& path) = 0;
  virtual Status CreateDirs(const std::string& path, int mode = 0700) = 0;
  // Names (not paths) of the entries of a directory, sorted.
  virtual Result<std::vector<std::string>> ListDir(const std::string& path) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  virtual Status Truncate(const std::string& path, uint64_t size) = 0;

  // --- clock ---
  // Wall clock, for timestamps that people read and that go into files.
  virtual std::chrono::system_clock::time_point Now() = 0;
  // Monotonic clock, for durations and deadlines.
  virtual std::chrono::steady_clock::time_point MonotonicNow() = 0;
  virtual void SleepFor(std::chrono::milliseconds d) = 0;

  // --- environment and process ---
  virtual std::optional<std::string> GetEnv(const std::string& name) = 0;
  virtual int ProcessId() = 0;
  // True when a process with this id exists on this host.
  virtual bool ProcessAlive(int pid) = 0;
  virtual std::string HostName() = 0;
  virtual std::string UserName() = 0;
  // Fills `n` bytes of cryptographically secure randomness.
  virtual Status RandomBytes(void* out, size_t n) = 0;
};

// The real machine. Thread-safe. Owned by the process; never null.
Env* DefaultEnv();

// Joins path parts with '/' (no normalization beyond avoiding "//").
std::string JoinPath(std::string_view a, std::string_view b);
// The directory part of a path ("." when there is none).
std::string DirName(std::string_view path);

}  // namespace pave
