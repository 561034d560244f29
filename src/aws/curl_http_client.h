// CurlHttpClient: HttpClient over libcurl.
//
// - Connections are reused: finished easy handles go back to a pool (each keeps its
//   connection cache), so calls from any thread reuse warm TLS connections.
// - TLS peer and host verification are always on; AWS_CA_BUNDLE names an extra CA file.
// - Proxies come from the environment as the AWS CLI reads them: http_proxy/HTTP_PROXY for
//   http URLs, https_proxy/HTTPS_PROXY for https, no_proxy/NO_PROXY for exceptions. Loopback
//   hosts (127.0.0.1, localhost, ::1) are never proxied. The environment is read through Env
//   once, at construction.
// - No redirects are followed; response header names are lower-cased.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "aws/http.h"
#include "core/env.h"

namespace pave::aws {

// Every read is bounded: a server that never connects, stalls mid-body or sends without end
// costs at most these. Timeouts and stalls are Unavailable with reason kTransportTimeout (so
// the retry logic retries them); a body over the limit is ResourceExhausted with reason
// kResponseTooLarge (final: a retry would fetch the same), and its message says the limit.
struct CurlHttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{120'000};  // whole request, unless HttpRequest.timeout
  size_t max_idle_handles = 16;                // pooled handles kept between calls
  size_t max_response_bytes = size_t{64} << 20;  // body limit (64 MiB)
  // A transfer slower than low_speed_bytes per second for low_speed_time is abandoned.
  long low_speed_bytes = 1;
  std::chrono::seconds low_speed_time{30};
};

inline constexpr std::string_view kResponseTooLarge = "ResponseTooLarge";

// Proxy settings as read from the environment.
struct ProxySettings {
  std::string http_proxy;   // for http:// URLs; empty: none
  std::string https_proxy;  // for https:// URLs; empty: none
  std::string no_proxy;     // curl's NOPROXY list, always including the loopback names
  std::string ca_bundle;    // AWS_CA_BUNDLE
};
ProxySettings ReadProxySettings(Env* env);

class CurlHttpClient : public HttpClient {
 public:
  CurlHttpClient();  // DefaultEnv() and default options
  CurlHttpClient(Env* env, CurlHttpOptions options);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override;

  const ProxySettings& proxy_settings() const { return proxies_; }

 private:
  void* Acquire();           // a CURL*, from the pool or new
  void Release(void* curl);  // back to the pool (or cleaned up when the pool is full)

  const CurlHttpOptions options_;
  const ProxySettings proxies_;
  std::mutex mu_;
  std::vector<void*> idle_;  // guarded by mu_: CURL* handles ready for reuse
};

}  // namespace pave::aws
