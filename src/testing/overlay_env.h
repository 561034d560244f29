// OverlayEnv: the real Env (files, processes, randomness) with the environment variables and
// the clock under the test's control:
//   - GetEnv answers only from the variables set here (nothing leaks in from the machine that
//     runs the test, e.g. AWS_PROFILE or HTTPS_PROXY);
//   - Now() is a settable wall clock; SleepFor advances it instead of sleeping.
// Pair it with a TempDir as HOME for tests of the shared config files.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "core/env.h"

namespace pave::testing {

class OverlayEnv : public Env {
 public:
  explicit OverlayEnv(Env* base = DefaultEnv());

  void SetVar(const std::string& name, const std::string& value);
  void UnsetVar(const std::string& name);
  void SetNow(std::chrono::system_clock::time_point now);
  void Advance(std::chrono::milliseconds d);
  std::chrono::milliseconds total_slept() const;

  Result<std::string> ReadFile(const std::string& path) override { return base_->ReadFile(path); }
  Status WriteFileAtomic(const std::string& path, std::string_view data, int mode) override {
    return base_->WriteFileAtomic(path, data, mode);
  }
  Status CreateFileExclusive(const std::string& path, std::string_view data, int mode) override {
    return base_->CreateFileExclusive(path, data, mode);
  }
  Result<std::unique_ptr<LockedFile>> LockFile(const std::string& path, int mode) override {
    return base_->LockFile(path, mode);
  }
  Result<std::unique_ptr<AppendFile>> OpenAppend(const std::string& path, int mode) override {
    return base_->OpenAppend(path, mode);
  }
  bool FileExists(const std::string& path) override { return base_->FileExists(path); }
  Status CreateDirs(const std::string& path, int mode) override {
    return base_->CreateDirs(path, mode);
  }
  Result<std::vector<std::string>> ListDir(const std::string& path) override {
    return base_->ListDir(path);
  }
  Status RemoveFile(const std::string& path) override { return base_->RemoveFile(path); }
  Status Truncate(const std::string& path, uint64_t size) override {
    return base_->Truncate(path, size);
  }
  std::chrono::system_clock::time_point Now() override;
  std::chrono::steady_clock::time_point MonotonicNow() override;
  void SleepFor(std::chrono::milliseconds d) override;
  std::optional<std::string> GetEnv(const std::string& name) override;
  int ProcessId() override { return base_->ProcessId(); }
  bool ProcessAlive(int pid) override { return base_->ProcessAlive(pid); }
  std::string HostName() override { return base_->HostName(); }
  std::string UserName() override { return base_->UserName(); }
  Status RandomBytes(void* out, size_t n) override { return base_->RandomBytes(out, n); }

 private:
  Env* const base_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> vars_;    // guarded by mu_
  std::chrono::system_clock::time_point now_;  // guarded by mu_
  std::chrono::milliseconds offset_{0};        // guarded by mu_: added to MonotonicNow
  std::chrono::milliseconds slept_{0};         // guarded by mu_
};

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `content` to path()/relative, creating directories; returns the full path.
  std::string WriteFile(const std::string& relative, const std::string& content);

 private:
  std::string path_;
};

}  // namespace pave::testing
