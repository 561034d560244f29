// MemEnv: an in-memory Env for tests, with fault injection. Thread-safe.
//
// Files model a disk with a page cache: reads see every byte written, but only synced bytes
// survive SimulateCrash(). WriteFileAtomic, CreateFileExclusive, RemoveFile, Truncate and
// directory creation are durable when they return (like the real Env, which syncs the file
// and its directory). An AppendFile keeps writing to the file it opened even after that path
// is replaced (like an open descriptor to an unlinked inode). Creating a file needs its
// directory to exist. LockFile models flock(2): the lock is on the file (not its name), held
// until the LockedFile is destroyed, and SimulateCrash drops every lock (the holding
// process is gone).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/env.h"

namespace pave {

class MemEnv : public Env {
 public:
  MemEnv();
  ~MemEnv() override;

  // --- Env ---
  Result<std::string> ReadFile(const std::string& path) override;
  Status WriteFileAtomic(const std::string& path, std::string_view data, int mode = 0600) override;
  Status CreateFileExclusive(const std::string& path, std::string_view data,
                             int mode = 0600) override;
  Result<std::unique_ptr<AppendFile>> OpenAppend(const std::string& path, int mode = 0600) override;
  Result<std::unique_ptr<LockedFile>> LockFile(const std::string& path, int mode = 0600) override;
  bool FileExists(const std::string& path) override;
  Status CreateDirs(const std::string& path, int mode = 0700) override;
  Result<std::vector<std::string>> ListDir(const std::string& path) override;
  Status RemoveFile(const std::string& path) override;
  Status Truncate(const std::string& path, uint64_t size) override;
  std::chrono::system_clock::time_point Now() override;
  std::chrono::steady_clock::time_point MonotonicNow() override;
  void SleepFor(std::chrono::milliseconds d) override;  // advances both clocks, returns at once
  std::optional<std::string> GetEnv(const std::string& name) override;
  int ProcessId() override;
  bool ProcessAlive(int pid) override;
  std::string HostName() override;
  std::string UserName() override;
  Status RandomBytes(void* out, size_t n) override;  // deterministic (seeded), not secure

  // --- fault injection ---
  // The machine loses power: every file keeps its synced bytes plus, to model a torn write,
  // at most `keep_unsynced` of the bytes appended after the last sync. Open AppendFiles stop
  // working (their process is gone).
  void SimulateCrash(uint64_t keep_unsynced = 0);
  // After `bytes` more bytes are written (appends, atomic writes, lock files), writes fail
  // with ResourceExhausted like a full disk; an append that crosses the limit is partial.
  // nullopt lifts the limit.
  void FailWritesAfter(std::optional<uint64_t> bytes);
  // Bytes written so far (appends, atomic writes, lock files), and the size of the last
  // all-or-nothing write that FailWritesAfter refused. With them a test can step its budget
  // from one write boundary to the next instead of byte by byte through atomic writes.
  uint64_t BytesWritten();
  uint64_t LastRefusedWriteSize();

  // --- settings ---
  void SetNow(std::chrono::system_clock::time_point t);
  void AdvanceClock(std::chrono::milliseconds d);
  void SetEnv(const std::string& name, const std::string& value);
  void UnsetEnv(const std::string& name);
  void SetProcessId(int pid);                 // this process; alive unless set otherwise
  void SetProcessAlive(int pid, bool alive);  // other pids are dead by default
  void SetHostName(std::string host);
  void SetUserName(std::string user);
  void SeedRandom(uint64_t seed);

  // --- inspection ---
  std::optional<int> FileMode(const std::string& path);
  std::optional<int> DirMode(const std::string& path);
  // Bytes of `path` that would survive a crash now.
  uint64_t SyncedSize(const std::string& path);
  std::vector<std::string> AllFiles();  // paths, sorted

  struct Node {
    std::string data;
    uint64_t synced = 0;
    int mode = 0600;
    uint64_t lock_holder = 0;  // the LockedFile holding it; 0 when unlocked
  };

 private:
  class MemAppendFile;
  class MemLockedFile;
  Status CheckParentLocked(const std::string& path);
  // Takes up to `n` bytes of the write budget; returns how many may be written.
  uint64_t TakeBudgetLocked(uint64_t n);
  // For writes that happen whole or not at all: false (and nothing taken) when `n` bytes
  // do not fit in the budget.
  bool TakeWholeLocked(uint64_t n);
  Status NoSpace(const std::string& path);

  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Node>> files_;
  std::map<std::string, int> dirs_;  // path -> mode
  uint64_t generation_ = 0;          // bumped by SimulateCrash
  uint64_t next_lock_holder_ = 1;
  std::optional<uint64_t> write_budget_;
  uint64_t bytes_written_ = 0;
  uint64_t last_refused_size_ = 0;
  std::chrono::system_clock::time_point now_;
  std::chrono::steady_clock::time_point monotonic_;
  std::map<std::string, std::string> env_vars_;
  int pid_ = 4242;
  std::map<int, bool> alive_;
  std::string host_ = "testhost";
  std::string user_ = "tester";
  std::mt19937_64 random_{42};
};

}  // namespace pave
