// HttpClient: the seam between the AWS client and the network. The real one is libcurl
// (curl_http_client.h); tests pass fakes or point it at loopback servers
// (src/testing/http_server.h).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace pave::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Value of the first header whose name equals `name` ignoring ASCII case, or "".
std::string FindHeader(const Headers& headers, std::string_view name);
// Removes every header whose name equals `name` ignoring ASCII case.
void RemoveHeader(Headers* headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, DELETE, HEAD, PATCH
  std::string url;             // absolute: scheme://host[:port]/path?query (already encoded)
  Headers headers;
  std::string body;
  // Total time allowed for this request (connect, send, receive); zero: the client's default.
  // Instance metadata calls use a short one so that the chain is quick off EC2.
  std::chrono::milliseconds timeout{0};
  // Sent on a new connection, closed afterwards. For requests that must not be sent twice:
  // an HTTP client may silently resend a request whose reused keep-alive connection closed
  // before any answer (libcurl does), which for a create can make a second resource.
  bool fresh_connection = false;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lower-cased
  std::string body;

  // First header with this (lower-case) name, or "".
  std::string Header(const std::string& lower_name) const { return FindHeader(headers, lower_name); }
};

// Status::reason() of transport failures, so retry logic can tell them apart.
inline constexpr std::string_view kTransportTimeout = "TransportTimeout";
inline constexpr std::string_view kTransportError = "TransportError";
// A transport failure before the request left: nothing reached the server.
inline constexpr std::string_view kTransportNotSent = "TransportNotSent";
// A create whose answer was lost and that was not sent again (retry.h ResendSafe).
inline constexpr std::string_view kAnswerLost = "AnswerLost";

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request. A transport failure (refused, reset, timeout, TLS) is Unavailable with
  // reason kTransportTimeout, kTransportError or kTransportNotSent; the message names the scheme, host and path
  // (never the query: presigned URLs carry credentials there). Any HTTP status, even 500, is a
  // response. Thread-safe.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace pave::aws
