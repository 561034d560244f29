// OverlayEnv: the real Env, except that reading one of a few given paths returns the content
// kept for it. `pave rollback` reads the platform file (and the non-secret files it read) of
// an older version this way, from the history, while the state, the lock and every other
// file are the real ones.
#pragma once

#include <map>
#include <string>

#include "core/env.h"

namespace pave::cli {

class OverlayEnv : public Env {
 public:
  OverlayEnv(Env* base, std::map<std::string, std::string> files) : base_(base), files_(std::move(files)) {}

  Result<std::string> ReadFile(const std::string& path) override {
    if (auto it = files_.find(path); it != files_.end()) return it->second;
    return base_->ReadFile(path);
  }
  bool FileExists(const std::string& path) override { return files_.count(path) > 0 || base_->FileExists(path); }

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
  Status CreateDirs(const std::string& path, int mode) override { return base_->CreateDirs(path, mode); }
  Result<std::vector<std::string>> ListDir(const std::string& path) override { return base_->ListDir(path); }
  Status RemoveFile(const std::string& path) override { return base_->RemoveFile(path); }
  Status Truncate(const std::string& path, uint64_t size) override { return base_->Truncate(path, size); }
  std::chrono::system_clock::time_point Now() override { return base_->Now(); }
  std::chrono::steady_clock::time_point MonotonicNow() override { return base_->MonotonicNow(); }
  void SleepFor(std::chrono::milliseconds d) override { base_->SleepFor(d); }
  std::optional<std::string> GetEnv(const std::string& name) override { return base_->GetEnv(name); }
  int ProcessId() override { return base_->ProcessId(); }
  bool ProcessAlive(int pid) override { return base_->ProcessAlive(pid); }
  std::string HostName() override { return base_->HostName(); }
  std::string UserName() override { return base_->UserName(); }
  Status RandomBytes(void* out, size_t n) override { return base_->RandomBytes(out, n); }

 private:
  Env* const base_;
  const std::map<std::string, std::string> files_;
};

}  // namespace pave::cli
