// CurlHttpClient's bounds against hostile servers on loopback: a body of hundreds of MB
// (with and without Content-Length) ends at the limit with an error that names it, without
// the process growing by the body; a server that stalls mid-body is a retryable timeout.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "aws/curl_http_client.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using testing::OverlayEnv;

// Serves one connection: reads the request, writes `head`, then `body_bytes` zero bytes
// (chunked when `chunked`) or, with stall, nothing more. Stops when the client goes away.
class StreamingServer {
 public:
  StreamingServer(std::string head, size_t body_bytes, bool chunked, bool stall)
      : head_(std::move(head)), body_bytes_(body_bytes), chunked_(chunked), stall_(stall) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(listen_fd_, 1);
    thread_ = std::thread([this] { Serve(); });
  }
  ~StreamingServer() {
    done_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    thread_.join();
    ::close(listen_fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  size_t sent() const { return sent_; }

 private:
  void Serve() {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    char buf[4096];
    [[maybe_unused]] ssize_t got = ::recv(fd, buf, sizeof buf, 0);
    bool ok = Write(fd, head_);
    std::string block(64 * 1024, '\0');
    while (ok && !stall_ && sent_ < body_bytes_) {
      if (chunked_) ok = Write(fd, "10000\r\n");
      ok = ok && Write(fd, block);
      if (chunked_) ok = ok && Write(fd, "\r\n");
      sent_ += block.size();
    }
    while (stall_ && !done_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::close(fd);
  }
  static bool Write(int fd, std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  std::string head_;
  size_t body_bytes_;
  bool chunked_;
  bool stall_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> done_{false};
  std::atomic<size_t> sent_{0};
  std::thread thread_;
};

long MaxRssMiB() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

constexpr size_t kHugeBody = size_t{400} << 20;  // 400 MiB

TEST(CurlHttpLimitsTest, HugeBodyWithContentLengthIsRefusedAtTheLimit) {
  StreamingServer server("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kHugeBody) +
                             "\r\n\r\n",
                         kHugeBody, /*chunked=*/false, /*stall=*/false);
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  auto r = client.Send({.url = server.url()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted) << r.status().ToString();
  EXPECT_EQ(r.status().reason(), kResponseTooLarge);
  EXPECT_NE(r.status().message().find("64 MiB limit"), std::string::npos) << r.status().message();
}

TEST(CurlHttpLimitsTest, HugeChunkedBodyStopsAtTheLimitWithBoundedMemory) {
  StreamingServer server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", kHugeBody,
                         /*chunked=*/true, /*stall=*/false);
  OverlayEnv env;
  CurlHttpOptions options;
  options.max_response_bytes = size_t{8} << 20;
  CurlHttpClient client(&env, options);
  long before = MaxRssMiB();
  auto r = client.Send({.url = server.url()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), kResponseTooLarge) << r.status().ToString();
  EXPECT_NE(r.status().message().find("8 MiB limit"), std::string::npos) << r.status().message();
  // The body string grows to at most the limit (doubling: 16 MiB), far from 400 MiB.
  EXPECT_LT(MaxRssMiB() - before, 100) << "peak RSS grew from " << before << " MiB";
}

TEST(CurlHttpLimitsTest, StalledBodyIsARetryableTimeout) {
  StreamingServer server("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial", 0,
                         /*chunked=*/false, /*stall=*/true);
  OverlayEnv env;
  CurlHttpOptions options;
  options.low_speed_time = std::chrono::seconds(1);
  CurlHttpClient client(&env, options);
  auto start = std::chrono::steady_clock::now();
  auto r = client.Send({.url = server.url()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
  EXPECT_EQ(r.status().reason(), kTransportTimeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace pave::aws
