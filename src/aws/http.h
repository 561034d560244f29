// HttpClient: the seam between the AWS client and the network. The real one is libcurl
// (curl_http_client.h); tests pass fakes or point it at loopback servers.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace pave::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, DELETE, HEAD, PATCH
  std::string url;             // absolute: scheme://host[:port]/path?query (already encoded)
  Headers headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lower-cased
  std::string body;

  // First header with this (lower-case) name, or "".
  std::string Header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request. A transport failure (refused, reset, timeout, TLS) is Unavailable;
  // any HTTP status, even 500, is a response. Thread-safe.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace pave::aws
