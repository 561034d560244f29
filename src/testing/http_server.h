// HttpServer: a small HTTP/1.1 server on 127.0.0.1 for tests (instance metadata, container
// credentials, SSO portal, fault injection in front of a client).
//
//   auto server = HttpServer::Start([](const aws::HttpRequest& r) {
//     return aws::HttpResponse{200, {{"content-type", "text/plain"}}, "hello"};
//   });
//   client.Send({.method = "GET", .url = (*server)->url() + "/x"});
//
// The handler runs on the connection's thread and may be called concurrently: it must be
// thread-safe. Requests arrive with url = the request target as sent ("/path?query", or the
// absolute URL when the client talks to it as a proxy) and header names lower-cased.
// Keep-alive connections are served until the client closes them. A response with status
// kDropConnection closes the connection without answering (a reset, for retry tests).
// Every request is recorded. The destructor stops the server and joins its threads.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "aws/http.h"
#include "core/status.h"

namespace pave::testing {

class HttpServer {
 public:
  using Handler = std::function<aws::HttpResponse(const aws::HttpRequest&)>;
  static constexpr int kDropConnection = -1;

  static Result<std::unique_ptr<HttpServer>> Start(Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Stops accepting, closes every connection, joins the threads. Idempotent.
  void Stop();

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:<port>"

  std::vector<aws::HttpRequest> requests() const;
  size_t request_count() const;
  void ClearRequests();
  // TCP connections accepted so far (connection reuse shows as fewer connections than requests).
  int connections_accepted() const { return connections_.load(); }

 private:
  HttpServer(int listen_fd, int port, Handler handler);
  void AcceptLoop();
  void Serve(int fd);
  bool ServeOne(int fd, std::string* buffer);  // false: close the connection

  const int listen_fd_;
  const int port_;
  const Handler handler_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread accept_thread_;
  mutable std::mutex mu_;
  std::vector<aws::HttpRequest> requests_;  // guarded by mu_
  std::vector<int> open_fds_;               // guarded by mu_
  std::vector<std::thread> workers_;        // guarded by mu_
};

}  // namespace pave::testing
