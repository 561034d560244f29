#include "aws/curl_http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace pave::aws {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string FirstEnv(Env* env, const char* lower, const char* upper) {
  if (auto v = env->GetEnv(lower); v && !v->empty()) return *v;
  if (auto v = env->GetEnv(upper); v && !v->empty()) return *v;
  return "";
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// scheme://host[:port]/path without userinfo or query: safe to put in an error message.
std::string UrlForMessage(const std::string& url) {
  std::string out = url.substr(0, url.find_first_of("?#"));
  size_t scheme_end = out.find("://");
  size_t host_begin = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  size_t at = out.find('@', host_begin);
  size_t slash = out.find('/', host_begin);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    out.erase(host_begin, at + 1 - host_begin);
  }
  return out;
}

struct Exchange {
  HttpResponse response;
  size_t max_body = 0;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  if (ex->response.body.size() + size * n > ex->max_body) {
    ex->too_large = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  ex->response.body.append(data, size * n);
  return size * n;
}

std::string MiB(size_t bytes) {
  if (bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    ex->response.headers.clear();  // a new response (after 100-continue or a proxy CONNECT)
  } else if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
    if (!ex->response.headers.empty()) ex->response.headers.back().second += " " + Trim(line);
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    std::string name = Trim(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    ex->response.headers.emplace_back(std::move(name), Trim(line.substr(colon + 1)));
  }
  return size * n;
}

curl_slist* BuildHeaderList(const HttpRequest& request) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : request.headers) {
    // "Name;" is curl's way to send a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    list = curl_slist_append(list, line.c_str());
  }
  // Stop curl from adding headers of its own that nobody asked for.
  for (const char* name : {"Expect", "Accept", "Content-Type"}) {
    if (FindHeader(request.headers, name).empty()) {
      list = curl_slist_append(list, (std::string(name) + ":").c_str());
    }
  }
  return list;
}

void SetMethodAndBody(CURL* curl, const HttpRequest& request) {
  const std::string& m = request.method;
  bool sends_body = !request.body.empty() || m == "POST" || m == "PUT" || m == "PATCH";
  if (m == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (m == "GET" && !sends_body) {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (m != "POST") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, m.c_str());
  }
  if (sends_body && m != "HEAD") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  }
}

void SetTransportOptions(CURL* curl, const CurlHttpOptions& options, const ProxySettings& proxies,
                         const HttpRequest& request) {
  auto total = request.timeout.count() > 0 ? request.timeout : options.timeout;
  auto connect = std::min(total, options.connect_timeout);
  bool https = request.url.starts_with("https:");
  const std::string& proxy = https ? proxies.https_proxy : proxies.http_proxy;
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!proxies.ca_bundle.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, proxies.ca_bundle.c_str());
  curl_easy_setopt(curl, CURLOPT_PROXY, proxy.c_str());  // "" also stops curl reading env
  curl_easy_setopt(curl, CURLOPT_NOPROXY, proxies.no_proxy.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  // libcurl resends a request by itself only on a reused connection that closed without an
  // answer; a fresh connection rules that out.
  curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, request.fresh_connection ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, request.fresh_connection ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options.max_response_bytes));
}

}  // namespace

ProxySettings ReadProxySettings(Env* env) {
  ProxySettings p;
  p.http_proxy = FirstEnv(env, "http_proxy", "HTTP_PROXY");
  p.https_proxy = FirstEnv(env, "https_proxy", "HTTPS_PROXY");
  std::string no_proxy = FirstEnv(env, "no_proxy", "NO_PROXY");
  p.no_proxy = no_proxy == "*" ? "*" : "127.0.0.1,localhost,::1";
  if (!no_proxy.empty() && no_proxy != "*") p.no_proxy += "," + no_proxy;
  p.ca_bundle = env->GetEnv("AWS_CA_BUNDLE").value_or("");
  return p;
}

CurlHttpClient::CurlHttpClient() : CurlHttpClient(DefaultEnv(), CurlHttpOptions{}) {}

CurlHttpClient::CurlHttpClient(Env* env, CurlHttpOptions options)
    : options_(options), proxies_(ReadProxySettings(env)) {
  GlobalInitOnce();
}

CurlHttpClient::~CurlHttpClient() {
  for (void* curl : idle_) curl_easy_cleanup(static_cast<CURL*>(curl));
}

void* CurlHttpClient::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      void* curl = idle_.back();
      idle_.pop_back();
      return curl;
    }
  }
  return curl_easy_init();
}

void CurlHttpClient::Release(void* curl) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < options_.max_idle_handles) {
    idle_.push_back(curl);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(curl));
  }
}

Result<HttpResponse> CurlHttpClient::Send(const HttpRequest& request) {
  CURL* curl = static_cast<CURL*>(Acquire());
  if (curl == nullptr) return Status::Internal("cannot create a libcurl handle");
  curl_easy_reset(curl);  // keeps the connection cache
  Exchange ex;
  ex.max_body = options_.max_response_bytes;
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = BuildHeaderList(request);
  SetTransportOptions(curl, options_, proxies_, request);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &ex);
  SetMethodAndBody(curl, request);

  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  Release(curl);
  if (ex.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    return Status::ResourceExhausted("the response from " + UrlForMessage(request.url) +
                                     " is larger than the " + MiB(options_.max_response_bytes) +
                                     " limit")
        .WithReason(std::string(kResponseTooLarge));
  }
  if (rc != CURLE_OK) {
    std::string why = error[0] != '\0' ? error : curl_easy_strerror(rc);
    std::string reason(rc == CURLE_OPERATION_TIMEDOUT ? kTransportTimeout : kTransportError);
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY) {
      reason = kTransportNotSent;
    }
    return Status::Unavailable("cannot reach " + UrlForMessage(request.url) + ": " + why)
        .WithReason(reason);
  }
  ex.response.status = static_cast<int>(status);
  return std::move(ex.response);
}

}  // namespace pave::aws
