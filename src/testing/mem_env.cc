#include "testing/mem_env.h"

#include <algorithm>
#include <cstring>

namespace pave {

class MemEnv::MemAppendFile : public AppendFile {
 public:
  MemAppendFile(MemEnv* env, std::shared_ptr<Node> node, std::string path, uint64_t generation)
      : env_(env), node_(std::move(node)), path_(std::move(path)), generation_(generation) {}

  Status Append(std::string_view data) override {
    std::lock_guard<std::mutex> l(env_->mu_);
    RETURN_IF_ERROR(CheckUsableLocked());
    uint64_t n = env_->TakeBudgetLocked(data.size());
    node_->data.append(data.substr(0, n));
    if (n < data.size()) return env_->NoSpace(path_);
    return Status::Ok();
  }
  Status Sync() override {
    std::lock_guard<std::mutex> l(env_->mu_);
    RETURN_IF_ERROR(CheckUsableLocked());
    node_->synced = node_->data.size();
    return Status::Ok();
  }
  Status Close() override {
    std::lock_guard<std::mutex> l(env_->mu_);
    closed_ = true;
    return Status::Ok();
  }

 private:
  Status CheckUsableLocked() {
    if (closed_) return Status::Internal("write to closed file " + path_);
    if (generation_ != env_->generation_)
      return Status::Internal("file " + path_ + " lost in a crash");
    return Status::Ok();
  }

  MemEnv* env_;
  std::shared_ptr<Node> node_;
  std::string path_;
  uint64_t generation_;
  bool closed_ = false;
};

class MemEnv::MemLockedFile : public LockedFile {
 public:
  MemLockedFile(MemEnv* env, std::shared_ptr<Node> node, std::string path, uint64_t holder)
      : env_(env), node_(std::move(node)), path_(std::move(path)), holder_(holder) {}
  ~MemLockedFile() override {
    std::lock_guard<std::mutex> l(env_->mu_);
    if (node_->lock_holder == holder_) node_->lock_holder = 0;
  }
  Status Rewrite(std::string_view data) override {
    std::lock_guard<std::mutex> l(env_->mu_);
    if (node_->lock_holder != holder_) {
      return Status::Internal("file " + path_ + " lost its lock in a crash");
    }
    if (!env_->TakeWholeLocked(data.size())) return env_->NoSpace(path_);
    node_->data = std::string(data);
    node_->synced = data.size();
    return Status::Ok();
  }

 private:
  MemEnv* env_;
  std::shared_ptr<Node> node_;
  std::string path_;
  uint64_t holder_;
};

MemEnv::MemEnv()
    : now_(std::chrono::sys_days(std::chrono::year(2026) / 11 / 23) + std::chrono::hours(15)) {
  dirs_["/"] = 0755;
  dirs_["."] = 0755;
}

MemEnv::~MemEnv() = default;

Status MemEnv::CheckParentLocked(const std::string& path) {
  if (dirs_.count(path)) return Status::FailedPrecondition(path + " is a directory");
  if (!dirs_.count(DirName(path)))
    return Status::NotFound("no directory " + DirName(path) + " for " + path);
  return Status::Ok();
}

uint64_t MemEnv::TakeBudgetLocked(uint64_t n) {
  uint64_t take = write_budget_ ? std::min(n, *write_budget_) : n;
  if (write_budget_) *write_budget_ -= take;
  bytes_written_ += take;
  return take;
}

bool MemEnv::TakeWholeLocked(uint64_t n) {
  if (write_budget_ && *write_budget_ < n) {
    last_refused_size_ = n;
    return false;
  }
  TakeBudgetLocked(n);
  return true;
}

Status MemEnv::NoSpace(const std::string& path) {
  return Status::ResourceExhausted("cannot write " + path + ": No space left on device");
}

Result<std::string> MemEnv::ReadFile(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(path);
  if (it == files_.end())
    return Status::NotFound("cannot open " + path + ": No such file or directory");
  return it->second->data;
}

Status MemEnv::WriteFileAtomic(const std::string& path, std::string_view data, int mode) {
  std::lock_guard<std::mutex> l(mu_);
  RETURN_IF_ERROR(CheckParentLocked(path));
  if (!TakeWholeLocked(data.size())) return NoSpace(path + ".tmp");
  auto node = std::make_shared<Node>();
  node->data = std::string(data);
  node->synced = data.size();
  node->mode = mode;
  files_[path] = std::move(node);
  return Status::Ok();
}

Status MemEnv::CreateFileExclusive(const std::string& path, std::string_view data, int mode) {
  std::lock_guard<std::mutex> l(mu_);
  RETURN_IF_ERROR(CheckParentLocked(path));
  if (files_.count(path)) return Status::AlreadyExists("cannot create " + path + ": File exists");
  if (!TakeWholeLocked(data.size())) return NoSpace(path);
  auto node = std::make_shared<Node>();
  node->data = std::string(data);
  node->synced = data.size();
  node->mode = mode;
  files_[path] = std::move(node);
  return Status::Ok();
}

Result<std::unique_ptr<AppendFile>> MemEnv::OpenAppend(const std::string& path, int mode) {
  std::lock_guard<std::mutex> l(mu_);
  RETURN_IF_ERROR(CheckParentLocked(path));
  std::shared_ptr<Node>& node = files_[path];
  if (!node) {
    node = std::make_shared<Node>();
    node->mode = mode;
  }
  return std::unique_ptr<AppendFile>(new MemAppendFile(this, node, path, generation_));
}

Result<std::unique_ptr<LockedFile>> MemEnv::LockFile(const std::string& path, int mode) {
  std::lock_guard<std::mutex> l(mu_);
  RETURN_IF_ERROR(CheckParentLocked(path));
  std::shared_ptr<Node>& node = files_[path];
  if (!node) {
    node = std::make_shared<Node>();
    node->mode = mode;
  }
  if (node->lock_holder != 0) return Status::Aborted(path + " is locked by another process");
  node->lock_holder = next_lock_holder_++;
  return std::unique_ptr<LockedFile>(new MemLockedFile(this, node, path, node->lock_holder));
}

bool MemEnv::FileExists(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  return files_.count(path) > 0 || dirs_.count(path) > 0;
}

Status MemEnv::CreateDirs(const std::string& path, int mode) {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<std::string> missing;
  for (std::string p = path; !p.empty() && !dirs_.count(p); p = DirName(p)) {
    if (files_.count(p))
      return Status::FailedPrecondition("cannot create directory " + p + ": a file");
    missing.push_back(p);
  }
  for (const std::string& p : missing) dirs_[p] = mode;
  return Status::Ok();
}

Result<std::vector<std::string>> MemEnv::ListDir(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  if (!dirs_.count(path))
    return Status::NotFound("cannot list " + path + ": No such file or directory");
  std::vector<std::string> names;
  auto add = [&](const std::string& p) {
    if (p != path && DirName(p) == path) names.push_back(p.substr(p.rfind('/') + 1));
  };
  for (const auto& [p, node] : files_) add(p);
  for (const auto& [p, mode] : dirs_) add(p);
  std::sort(names.begin(), names.end());
  return names;
}

Status MemEnv::RemoveFile(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  if (!files_.erase(path))
    return Status::NotFound("cannot remove " + path + ": No such file or directory");
  return Status::Ok();
}

Status MemEnv::Truncate(const std::string& path, uint64_t size) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(path);
  if (it == files_.end())
    return Status::NotFound("cannot truncate " + path + ": No such file or directory");
  Node& node = *it->second;
  node.data.resize(size, '\0');
  node.synced = size;  // truncate(2) then fsync, as a durable metadata change
  return Status::Ok();
}

std::chrono::system_clock::time_point MemEnv::Now() {
  std::lock_guard<std::mutex> l(mu_);
  return now_;
}

std::chrono::steady_clock::time_point MemEnv::MonotonicNow() {
  std::lock_guard<std::mutex> l(mu_);
  return monotonic_;
}

void MemEnv::SleepFor(std::chrono::milliseconds d) { AdvanceClock(d); }

std::optional<std::string> MemEnv::GetEnv(const std::string& name) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = env_vars_.find(name);
  if (it == env_vars_.end()) return std::nullopt;
  return it->second;
}

int MemEnv::ProcessId() {
  std::lock_guard<std::mutex> l(mu_);
  return pid_;
}

bool MemEnv::ProcessAlive(int pid) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = alive_.find(pid);
  if (it != alive_.end()) return it->second;
  return pid == pid_;
}

std::string MemEnv::HostName() {
  std::lock_guard<std::mutex> l(mu_);
  return host_;
}

std::string MemEnv::UserName() {
  std::lock_guard<std::mutex> l(mu_);
  return user_;
}

Status MemEnv::RandomBytes(void* out, size_t n) {
  std::lock_guard<std::mutex> l(mu_);
  auto* p = static_cast<unsigned char*>(out);
  for (size_t i = 0; i < n; ++i) p[i] = static_cast<unsigned char>(random_() & 0xff);
  return Status::Ok();
}

void MemEnv::SimulateCrash(uint64_t keep_unsynced) {
  std::lock_guard<std::mutex> l(mu_);
  for (auto& [path, node] : files_) {
    uint64_t unsynced = node->data.size() - node->synced;
    node->data.resize(node->synced + std::min(unsynced, keep_unsynced));
    node->synced = node->data.size();
    node->lock_holder = 0;
  }
  ++generation_;
}

void MemEnv::FailWritesAfter(std::optional<uint64_t> bytes) {
  std::lock_guard<std::mutex> l(mu_);
  write_budget_ = bytes;
}

uint64_t MemEnv::BytesWritten() {
  std::lock_guard<std::mutex> l(mu_);
  return bytes_written_;
}

uint64_t MemEnv::LastRefusedWriteSize() {
  std::lock_guard<std::mutex> l(mu_);
  return last_refused_size_;
}

void MemEnv::SetNow(std::chrono::system_clock::time_point t) {
  std::lock_guard<std::mutex> l(mu_);
  now_ = t;
}

void MemEnv::AdvanceClock(std::chrono::milliseconds d) {
  std::lock_guard<std::mutex> l(mu_);
  now_ += d;
  monotonic_ += d;
}

void MemEnv::SetEnv(const std::string& name, const std::string& value) {
  std::lock_guard<std::mutex> l(mu_);
  env_vars_[name] = value;
}

void MemEnv::UnsetEnv(const std::string& name) {
  std::lock_guard<std::mutex> l(mu_);
  env_vars_.erase(name);
}

void MemEnv::SetProcessId(int pid) {
  std::lock_guard<std::mutex> l(mu_);
  pid_ = pid;
}

void MemEnv::SetProcessAlive(int pid, bool alive) {
  std::lock_guard<std::mutex> l(mu_);
  alive_[pid] = alive;
}

void MemEnv::SetHostName(std::string host) {
  std::lock_guard<std::mutex> l(mu_);
  host_ = std::move(host);
}

void MemEnv::SetUserName(std::string user) {
  std::lock_guard<std::mutex> l(mu_);
  user_ = std::move(user);
}

void MemEnv::SeedRandom(uint64_t seed) {
  std::lock_guard<std::mutex> l(mu_);
  random_.seed(seed);
}

std::optional<int> MemEnv::FileMode(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second->mode;
}

std::optional<int> MemEnv::DirMode(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = dirs_.find(path);
  if (it == dirs_.end()) return std::nullopt;
  return it->second;
}

uint64_t MemEnv::SyncedSize(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(path);
  return it == files_.end() ? 0 : it->second->synced;
}

std::vector<std::string> MemEnv::AllFiles() {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<std::string> paths;
  for (const auto& [p, node] : files_) paths.push_back(p);
  return paths;
}

}  // namespace pave
