#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "core/env.h"

namespace pave {
namespace {

Status ErrnoStatus(const std::string& what, int err) {
  std::string msg = what + ": " + std::strerror(err);
  switch (err) {
    case ENOENT: return Status::NotFound(msg);
    case EEXIST: return Status::AlreadyExists(msg);
    case EACCES:
    case EPERM: return Status::PermissionDenied(msg);
    case ENOSPC: return Status::ResourceExhausted(msg);
    default: return Status::Internal(msg);
  }
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write " + path, errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status SyncDir(const std::string& path) {
  int fd = ::open(DirName(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open directory of " + path, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return ErrnoStatus("cannot sync directory of " + path, err);
  return Status::Ok();
}

class PosixAppendFile : public AppendFile {
 public:
  PosixAppendFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixAppendFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Append(std::string_view data) override { return WriteAll(fd_, data, path_); }
  Status Sync() override {
    if (::fdatasync(fd_) != 0) return ErrnoStatus("cannot sync " + path_, errno);
    return Status::Ok();
  }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) return ErrnoStatus("cannot close " + path_, errno);
    return Status::Ok();
  }

 private:
  int fd_;
  std::string path_;
};

// flock(2): the lock belongs to the open file description, so two opens conflict even in
// one process, and the kernel drops it when the last descriptor closes (process exit
// included). O_CLOEXEC keeps programs that pave starts from inheriting it.
class PosixLockedFile : public LockedFile {
 public:
  PosixLockedFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixLockedFile() override { ::close(fd_); }
  Status Rewrite(std::string_view data) override {
    // Write first, then cut: a reader sees the old record, the new one, or a mix that does
    // not parse (and retries), never an empty file.
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done, static_cast<off_t>(done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("cannot write " + path_, errno);
      }
      done += static_cast<size_t>(n);
    }
    if (::ftruncate(fd_, static_cast<off_t>(data.size())) != 0) {
      return ErrnoStatus("cannot truncate " + path_, errno);
    }
    if (::fdatasync(fd_) != 0) return ErrnoStatus("cannot sync " + path_, errno);
    return Status::Ok();
  }

 private:
  const int fd_;
  const std::string path_;
};

// True when `path` names the file open as `fd`.
bool SameFile(int fd, const std::string& path) {
  struct stat open_st, path_st;
  if (::fstat(fd, &open_st) != 0 || ::stat(path.c_str(), &path_st) != 0) return false;
  return open_st.st_dev == path_st.st_dev && open_st.st_ino == path_st.st_ino;
}

class PosixEnv : public Env {
 public:
  Result<std::unique_ptr<LockedFile>> LockFile(const std::string& path, int mode) override {
    // A holder unlinks the file before it lets go; whoever locked the unlinked file tries
    // again on the one the name holds now.
    for (int attempt = 0; attempt < 100; ++attempt) {
      int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
      if (fd < 0) return ErrnoStatus("cannot open " + path, errno);
      if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK) return Status::Aborted(path + " is locked by another process");
        return ErrnoStatus("cannot lock " + path, err);
      }
      if (SameFile(fd, path)) return std::unique_ptr<LockedFile>(new PosixLockedFile(fd, path));
      ::close(fd);
    }
    return Status::Aborted(path + " keeps being replaced while pave tries to lock it");
  }

  Result<std::string> ReadFile(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("cannot open " + path, errno);
    std::string out;
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::close(fd);
        return ErrnoStatus("cannot read " + path, err);
      }
      if (n == 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
  }

  Status WriteFileAtomic(const std::string& path, std::string_view data, int mode) override {
    std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return ErrnoStatus("cannot create " + tmp, errno);
    Status s = WriteAll(fd, data, tmp);
    if (s.ok() && ::fsync(fd) != 0) s = ErrnoStatus("cannot sync " + tmp, errno);
    ::close(fd);
    if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
      s = ErrnoStatus("cannot rename " + tmp + " to " + path, errno);
    }
    if (!s.ok()) {
      ::unlink(tmp.c_str());
      return s;
    }
    return SyncDir(path);
  }

  Status CreateFileExclusive(const std::string& path, std::string_view data, int mode) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return ErrnoStatus("cannot create " + path, errno);
    Status s = WriteAll(fd, data, path);
    if (s.ok() && ::fsync(fd) != 0) s = ErrnoStatus("cannot sync " + path, errno);
    ::close(fd);
    if (!s.ok()) {
      ::unlink(path.c_str());
      return s;
    }
    return SyncDir(path);
  }

  Result<std::unique_ptr<AppendFile>> OpenAppend(const std::string& path, int mode) override {
    bool existed = FileExists(path);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode);
    if (fd < 0) return ErrnoStatus("cannot open " + path, errno);
    if (!existed) {
      Status s = SyncDir(path);
      if (!s.ok()) {
        ::close(fd);
        return s;
      }
    }
    return std::unique_ptr<AppendFile>(new PosixAppendFile(fd, path));
  }

  bool FileExists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
  }

  Status CreateDirs(const std::string& path, int mode) override {
    if (path.empty() || FileExists(path)) return Status::Ok();
    std::string parent = DirName(path);
    if (parent != path && parent != ".") RETURN_IF_ERROR(CreateDirs(parent, mode));
    if (::mkdir(path.c_str(), static_cast<mode_t>(mode)) != 0 && errno != EEXIST) {
      return ErrnoStatus("cannot create directory " + path, errno);
    }
    return Status::Ok();
  }

  Result<std::vector<std::string>> ListDir(const std::string& path) override {
    DIR* dir = ::opendir(path.c_str());
    if (!dir) return ErrnoStatus("cannot list " + path, errno);
    std::vector<std::string> names;
    while (struct dirent* e = ::readdir(dir)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
  }

  Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return ErrnoStatus("cannot remove " + path, errno);
    return Status::Ok();
  }

  Status Truncate(const std::string& path, uint64_t size) override {
    if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0) {
      return ErrnoStatus("cannot truncate " + path, errno);
    }
    return Status::Ok();
  }

  std::chrono::system_clock::time_point Now() override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point MonotonicNow() override {
    return std::chrono::steady_clock::now();
  }
  void SleepFor(std::chrono::milliseconds d) override { std::this_thread::sleep_for(d); }

  std::optional<std::string> GetEnv(const std::string& name) override {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  }
  int ProcessId() override { return static_cast<int>(::getpid()); }
  bool ProcessAlive(int pid) override {
    if (pid <= 0) return false;
    return ::kill(pid, 0) == 0 || errno == EPERM;
  }
  std::string HostName() override {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
    return buf;
  }
  std::string UserName() override {
    if (const char* u = std::getenv("USER")) return u;
    struct passwd pw;
    struct passwd* out = nullptr;
    char buf[1024];
    if (::getpwuid_r(::getuid(), &pw, buf, sizeof buf, &out) == 0 && out) return out->pw_name;
    return "uid" + std::to_string(::getuid());
  }
  Status RandomBytes(void* out, size_t n) override {
    auto* p = static_cast<unsigned char*>(out);
    while (n > 0) {
      ssize_t got = ::getrandom(p, n, 0);
      if (got < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("cannot read random bytes", errno);
      }
      p += got;
      n -= static_cast<size_t>(got);
    }
    return Status::Ok();
  }
};

}  // namespace

Env* DefaultEnv() {
  static PosixEnv* env = new PosixEnv();  // never destroyed: usable from any thread at exit
  return env;
}

std::string JoinPath(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (!b.empty() && b.front() == '/') return std::string(b);
  std::string out(a);
  if (out.back() != '/') out += '/';
  out += b;
  return out;
}

std::string DirName(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

}  // namespace pave
