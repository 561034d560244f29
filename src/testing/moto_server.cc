#include "testing/moto_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "aws/curl_http_client.h"

namespace pave::testing {
namespace {

using std::chrono::milliseconds;

// A port that was free a moment ago (the kernel hands out a fresh one for port 0).
Result<int> FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Internal(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  if (!ok) return Status::Internal("cannot find a free loopback port");
  return static_cast<int>(ntohs(addr.sin_port));
}

std::string LogPath(int port) {
  const char* tmp = std::getenv("TMPDIR");
  return std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/moto-" +
         std::to_string(port) + ".log";
}

Result<int> Spawn(int port) {
  std::string port_text = std::to_string(port);
  std::string log = LogPath(port);
  pid_t pid = ::fork();
  if (pid < 0) return Status::Internal(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execlp("python3", "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
             port_text.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return static_cast<int>(pid);
}

void Kill(int pid) {
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

// Waits until moto answers on `port`; false when the process died or 60 s passed.
bool WaitUntilReady(int pid, int port) {
  aws::CurlHttpClient http;
  aws::HttpRequest probe{.method = "GET",
                         .url = "http://127.0.0.1:" + std::to_string(port) + "/moto-api/data.json",
                         .timeout = milliseconds(2000)};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return false;
    auto r = http.Send(probe);
    if (r.ok() && r->status == 200) return true;
    std::this_thread::sleep_for(milliseconds(100));
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<MotoServer>> MotoServer::Start() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSIGN_OR_RETURN(int port, FreePort());
    ASSIGN_OR_RETURN(int pid, Spawn(port));
    if (WaitUntilReady(pid, port)) return std::unique_ptr<MotoServer>(new MotoServer(pid, port));
    Kill(pid);
  }
  return Status::Unavailable("moto did not start (python3 -m moto.server); see " +
                             LogPath(0).substr(0, LogPath(0).rfind('/')) + "/moto-*.log");
}

MotoServer::~MotoServer() { Kill(pid_); }

std::string MotoServer::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

Status MotoServer::Reset() {
  aws::CurlHttpClient http;
  auto r = http.Send({.method = "POST", .url = endpoint() + "/moto-api/reset"});
  if (!r.ok()) return r.status();
  if (r->status != 200) {
    return Status::Internal("moto reset answered http " + std::to_string(r->status));
  }
  return Status::Ok();
}

}  // namespace pave::testing
