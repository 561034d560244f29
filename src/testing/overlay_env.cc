#include "testing/overlay_env.h"

#include <cassert>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace pave::testing {

OverlayEnv::OverlayEnv(Env* base) : base_(base), now_(base->Now()) {}

void OverlayEnv::SetVar(const std::string& name, const std::string& value) {
  std::lock_guard<std::mutex> lock(mu_);
  vars_[name] = value;
}

void OverlayEnv::UnsetVar(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  vars_.erase(name);
}

void OverlayEnv::SetNow(std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  now_ = now;
}

void OverlayEnv::Advance(std::chrono::milliseconds d) {
  std::lock_guard<std::mutex> lock(mu_);
  now_ += d;
  offset_ += d;
}

std::chrono::milliseconds OverlayEnv::total_slept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return slept_;
}

std::chrono::system_clock::time_point OverlayEnv::Now() {
  std::lock_guard<std::mutex> lock(mu_);
  return now_;
}

std::chrono::steady_clock::time_point OverlayEnv::MonotonicNow() {
  std::lock_guard<std::mutex> lock(mu_);
  return base_->MonotonicNow() + offset_;
}

void OverlayEnv::SleepFor(std::chrono::milliseconds d) {
  std::lock_guard<std::mutex> lock(mu_);
  now_ += d;
  offset_ += d;
  slept_ += d;
}

std::optional<std::string> OverlayEnv::GetEnv(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/pave-test-XXXXXX";
  char* made = ::mkdtemp(pattern.data());
  assert(made != nullptr && "mkdtemp failed");
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::WriteFile(const std::string& relative, const std::string& content) {
  std::filesystem::path full = std::filesystem::path(path_) / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << content;
  return full.string();
}

}  // namespace pave::testing
