#include "aws/curl_http_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testing/http_server.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::HttpServer;
using testing::OverlayEnv;

std::unique_ptr<HttpServer> StartEcho() {
  auto server = HttpServer::Start([](const HttpRequest& r) {
    HttpResponse resp{200, {{"X-Echo-Method", r.method}, {"Content-Type", "text/plain"}}, r.body};
    return resp;
  });
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return std::move(server).value();
}

TEST(CurlHttpClientTest, SendsMethodHeadersBodyAndLowercasesResponseHeaders) {
  auto server = StartEcho();
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  auto r = client.Send({.method = "POST",
                        .url = server->url() + "/a/b?x=1&y=%20",
                        .headers = {{"Content-Type", "application/json"}, {"X-Custom", "v"}},
                        .body = "{\"k\":1}"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "{\"k\":1}");
  EXPECT_EQ(r->Header("x-echo-method"), "POST");
  for (const auto& header : r->headers) {
    EXPECT_TRUE(std::none_of(header.first.begin(), header.first.end(), ::isupper)) << header.first;
  }

  auto seen = server->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].url, "/a/b?x=1&y=%20");
  EXPECT_EQ(FindHeader(seen[0].headers, "content-type"), "application/json");
  EXPECT_EQ(FindHeader(seen[0].headers, "x-custom"), "v");
  EXPECT_EQ(FindHeader(seen[0].headers, "expect"), "");  // no 100-continue dance
}

TEST(CurlHttpClientTest, AddsNoContentTypeOrAcceptOfItsOwn) {
  auto server = StartEcho();
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  ASSERT_TRUE(client.Send({.method = "POST", .url = server->url() + "/", .body = "a=b"}).ok());
  auto seen = server->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(FindHeader(seen[0].headers, "content-type"), "");
  EXPECT_EQ(FindHeader(seen[0].headers, "accept"), "");
}

TEST(CurlHttpClientTest, PutHeadDeleteAndEmptyPutBody) {
  auto server = StartEcho();
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  for (const char* method : {"PUT", "DELETE", "PATCH", "HEAD", "GET"}) {
    auto r = client.Send({.method = method, .url = server->url() + "/m"});
    ASSERT_TRUE(r.ok()) << method << ": " << r.status().ToString();
    EXPECT_EQ(r->status, 200);
  }
  auto seen = server->requests();
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(FindHeader(seen[0].headers, "content-length"), "0");
  EXPECT_EQ(seen[1].method, "DELETE");
  EXPECT_EQ(seen[2].method, "PATCH");
  EXPECT_EQ(seen[3].method, "HEAD");
  EXPECT_EQ(seen[4].method, "GET");
}

TEST(CurlHttpClientTest, HttpErrorsAreResponsesNotStatuses) {
  auto server = HttpServer::Start([](const HttpRequest&) {
    return HttpResponse{503, {}, "<Error><Code>SlowDown</Code></Error>"};
  });
  ASSERT_TRUE(server.ok());
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  auto r = client.Send({.url = (*server)->url() + "/"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  EXPECT_THAT(r->body, HasSubstr("SlowDown"));
}

TEST(CurlHttpClientTest, RefusedConnectionIsUnavailableWithoutQuery) {
  int port;
  {
    auto server = StartEcho();
    port = server->port();
  }  // stopped: nothing listens there now
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  auto r = client.Send({.url = "http://127.0.0.1:" + std::to_string(port) +
                               "/p?X-Amz-Signature=SECRETSIG&X-Amz-Security-Token=TOKEN"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.status().reason(), kTransportNotSent) << "refused: the request never left";
  EXPECT_THAT(r.status().message(), HasSubstr("127.0.0.1"));
  EXPECT_THAT(r.status().message(), HasSubstr("/p"));
  EXPECT_THAT(r.status().message(), Not(HasSubstr("SECRETSIG")));
  EXPECT_THAT(r.status().message(), Not(HasSubstr("TOKEN")));
}

TEST(CurlHttpClientTest, DroppedConnectionIsUnavailable) {
  auto server = HttpServer::Start(
      [](const HttpRequest&) { return HttpResponse{HttpServer::kDropConnection, {}, ""}; });
  ASSERT_TRUE(server.ok());
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  auto r = client.Send({.url = (*server)->url() + "/"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.status().reason(), kTransportError);
}

TEST(CurlHttpClientTest, SlowServerTimesOutWithTimeoutReason) {
  std::atomic<bool> release{false};
  auto server = HttpServer::Start([&](const HttpRequest&) {
    for (int i = 0; i < 500 && !release; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return HttpResponse{200, {}, "late"};
  });
  ASSERT_TRUE(server.ok());
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  auto r = client.Send({.url = (*server)->url() + "/", .timeout = std::chrono::milliseconds(200)});
  release = true;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.status().reason(), kTransportTimeout);
}

TEST(CurlHttpClientTest, ReusesConnectionsAcrossCalls) {
  auto server = StartEcho();
  OverlayEnv env;
  CurlHttpClient client(&env, {});
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(client.Send({.url = server->url() + "/" + std::to_string(i)}).ok());
  }
  EXPECT_EQ(server->request_count(), 10u);
  EXPECT_EQ(server->connections_accepted(), 1);
}

TEST(CurlHttpClientTest, ConcurrentCallsFromManyThreads) {
  auto server = StartEcho();
  OverlayEnv env;
  CurlHttpClient client(&env, {.max_idle_handles = 4});
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string body = std::to_string(t) + "-" + std::to_string(i);
        auto r = client.Send({.method = "POST", .url = server->url() + "/", .body = body});
        if (r.ok() && r->body == body) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 80);
  EXPECT_EQ(server->request_count(), 80u);
  EXPECT_LE(server->connections_accepted(), 80);
}

TEST(ProxySettingsTest, ReadsLowerThenUpperCaseAndAlwaysBypassesLoopback) {
  OverlayEnv env;
  env.SetVar("HTTP_PROXY", "http://upper:1");
  env.SetVar("https_proxy", "http://lower:2");
  env.SetVar("HTTPS_PROXY", "http://upper:3");
  env.SetVar("NO_PROXY", ".internal,10.0.0.1");
  ProxySettings p = ReadProxySettings(&env);
  EXPECT_EQ(p.http_proxy, "http://upper:1");
  EXPECT_EQ(p.https_proxy, "http://lower:2");
  EXPECT_EQ(p.no_proxy, "127.0.0.1,localhost,::1,.internal,10.0.0.1");

  OverlayEnv star;
  star.SetVar("no_proxy", "*");
  EXPECT_EQ(ReadProxySettings(&star).no_proxy, "*");
}

// A loopback server posing as the proxy: it receives the absolute-form request.
TEST(CurlHttpClientTest, HonoursHttpProxyFromEnvironment) {
  auto proxy = StartEcho();
  OverlayEnv env;
  env.SetVar("HTTP_PROXY", proxy->url());
  CurlHttpClient client(&env, {});
  auto r = client.Send({.url = "http://pave-proxy-test.invalid/through?a=1"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto seen = proxy->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].url, "http://pave-proxy-test.invalid/through?a=1");
}

TEST(CurlHttpClientTest, NoProxyAndLoopbackBypassTheProxy) {
  auto proxy = StartEcho();
  auto target = StartEcho();
  OverlayEnv env;
  env.SetVar("HTTP_PROXY", proxy->url());
  CurlHttpClient client(&env, {});
  ASSERT_TRUE(client.Send({.url = target->url() + "/direct"}).ok());
  EXPECT_EQ(proxy->request_count(), 0u);
  EXPECT_EQ(target->request_count(), 1u);

  OverlayEnv listed;
  listed.SetVar("HTTP_PROXY", proxy->url());
  listed.SetVar("NO_PROXY", "pave-proxy-test.invalid");
  CurlHttpClient bypass(&listed, {});
  auto r = bypass.Send({.url = "http://pave-proxy-test.invalid/x", .timeout = std::chrono::seconds(5)});
  EXPECT_FALSE(r.ok());  // resolved directly, and .invalid never resolves
  EXPECT_EQ(proxy->request_count(), 0u);
}

// `openssl s_server` with a fresh self-signed certificate for 127.0.0.1.
class SelfSignedTlsServer {
 public:
  SelfSignedTlsServer() {
    cert_ = dir_.path() + "/cert.pem";
    std::string key = dir_.path() + "/key.pem";
    std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
                       " -addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert_ +
                       " >/dev/null 2>&1";
    if (std::system(make.c_str()) != 0) return;
    auto probe = HttpServer::Start([](const HttpRequest&) { return HttpResponse{}; });
    port_ = (*probe)->port();
    probe->reset();  // frees the port for s_server
    pid_ = ::fork();
    if (pid_ == 0) {
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      std::string accept = "127.0.0.1:" + std::to_string(port_);
      ::execlp("openssl", "openssl", "s_server", "-quiet", "-www", "-accept", accept.c_str(),
               "-cert", cert_.c_str(), "-key", key.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    WaitForListen();
  }
  ~SelfSignedTlsServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool ready() const { return ready_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }
  const std::string& cert() const { return cert_; }

 private:
  void WaitForListen() {
    for (int i = 0; i < 200 && !ready_; ++i) {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(static_cast<uint16_t>(port_));
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      ready_ = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
      ::close(fd);
      if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }

  testing::TempDir dir_;
  std::string cert_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

TEST(CurlHttpClientTest, TlsPeerVerificationIsOnAndAwsCaBundleIsHonoured) {
  SelfSignedTlsServer tls;
  ASSERT_TRUE(tls.ready()) << "openssl s_server did not start";
  OverlayEnv env;
  CurlHttpClient strict(&env, {});
  auto refused = strict.Send({.url = tls.url(), .timeout = std::chrono::seconds(10)});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(refused.status().message(), HasSubstr("certificate"));

  OverlayEnv trusting;
  trusting.SetVar("AWS_CA_BUNDLE", tls.cert());
  CurlHttpClient client(&trusting, {});
  auto r = client.Send({.url = tls.url(), .timeout = std::chrono::seconds(10)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
}

TEST(FindHeaderTest, IgnoresCaseAndRemoveDropsAll) {
  Headers h = {{"Content-Type", "a"}, {"X-Amz-Date", "d"}, {"x-amz-date", "e"}};
  EXPECT_EQ(FindHeader(h, "content-type"), "a");
  EXPECT_EQ(FindHeader(h, "X-AMZ-DATE"), "d");
  EXPECT_EQ(FindHeader(h, "missing"), "");
  RemoveHeader(&h, "x-amz-date");
  EXPECT_EQ(h.size(), 1u);
}

}  // namespace
}  // namespace pave::aws
