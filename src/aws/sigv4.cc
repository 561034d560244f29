#include "aws/sigv4.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>
#include <vector>

#include "core/hash.h"

namespace pave::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct UrlParts {
  std::string host;  // host[:port] as the Host header carries it (default port dropped)
  std::string path;  // "/" when empty
  std::string query;
};

std::optional<UrlParts> SplitUrl(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return std::nullopt;
  std::string_view scheme = url.substr(0, scheme_end);
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('#'));
  size_t path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  if (authority.empty()) return std::nullopt;
  UrlParts parts;
  parts.host = std::string(authority);
  std::string default_port = scheme == "https" ? ":443" : scheme == "http" ? ":80" : "";
  if (!default_port.empty() && parts.host.ends_with(default_port)) {
    parts.host.resize(parts.host.size() - default_port.size());
  }
  std::string_view path_and_query =
      path_start == std::string_view::npos ? "" : rest.substr(path_start);
  size_t q = path_and_query.find('?');
  parts.path = std::string(path_and_query.substr(0, q));
  if (q != std::string_view::npos) parts.query = std::string(path_and_query.substr(q + 1));
  if (parts.path.empty()) parts.path = "/";
  return parts;
}

std::string AmzDate(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string Scope(const SigningParams& p) {
  return AmzDate(p.time).substr(0, 8) + "/" + p.region + "/" + p.service + "/aws4_request";
}

// Removes empty, "." and ".." segments; keeps a trailing slash when the path had one.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view seg = path.substr(pos, next - pos);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    pos = next + 1;
  }
  std::string out;
  for (auto seg : segments) out.append("/").append(seg);
  if (out.empty() || path.ends_with('/')) out += '/';
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    int hi = 0, lo = 0;
    if (s[i] == '%' && i + 2 < s.size() && (hi = HexValue(s[i + 1])) >= 0 &&
        (lo = HexValue(s[i + 2])) >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string CanonicalQuery(std::string_view query, bool omit_token) {
  std::vector<std::pair<std::string, std::string>> pairs;
  size_t pos = 0;
  while (pos < query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view part = query.substr(pos, amp - pos);
    pos = amp + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string key = PercentDecode(part.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(part.substr(eq + 1));
    if (key == "X-Amz-Signature" || (omit_token && key == "X-Amz-Security-Token")) continue;
    pairs.emplace_back(UriEncode(key, false), UriEncode(value, false));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) out.append(out.empty() ? "" : "&").append(k).append("=").append(v);
  return out;
}

bool IsUnsignedHeader(std::string_view lower_name) {
  for (std::string_view skip : {"authorization", "user-agent", "expect", "x-amzn-trace-id",
                                "connection", "transfer-encoding"}) {
    if (lower_name == skip) return true;
  }
  return false;
}

// Trims and turns every run of whitespace (line folds included) into one space.
std::string CanonicalHeaderValue(std::string_view v) {
  std::string out;
  bool pending_space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

struct CanonicalHeaders {
  std::string block;   // "name:value\n" per header
  std::string signed_names;  // "host;x-amz-date"
};

CanonicalHeaders BuildCanonicalHeaders(const Headers& headers, const std::string& host,
                                       bool omit_token) {
  std::map<std::string, std::vector<std::string>> by_name;
  for (const auto& [name, value] : headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (IsUnsignedHeader(lower) || (omit_token && lower == "x-amz-security-token")) continue;
    by_name[lower].push_back(CanonicalHeaderValue(value));
  }
  if (!by_name.contains("host")) by_name["host"].push_back(host);
  CanonicalHeaders out;
  for (const auto& [name, values] : by_name) {
    out.block.append(name).append(":");
    for (size_t i = 0; i < values.size(); ++i) out.block.append(i ? "," : "").append(values[i]);
    out.block.append("\n");
    out.signed_names.append(out.signed_names.empty() ? "" : ";").append(name);
  }
  return out;
}

std::string PayloadHash(const HttpRequest& request, const SigningParams& params) {
  if (params.unsigned_payload) return std::string(kUnsignedPayload);
  std::string declared = FindHeader(request.headers, "x-amz-content-sha256");
  return declared.empty() ? Sha256Hex(request.body) : declared;
}

struct Canonical {
  std::string request;
  std::string signed_names;
};

std::optional<Canonical> BuildCanonical(const HttpRequest& request, const SigningParams& params) {
  auto url = SplitUrl(request.url);
  if (!url) return std::nullopt;
  std::string path = params.normalize_path ? NormalizePath(url->path) : url->path;
  if (params.double_encode_path) path = UriEncode(path, true);
  CanonicalHeaders headers = BuildCanonicalHeaders(request.headers, url->host,
                                                   params.omit_session_token);
  Canonical c;
  c.request = request.method + "\n" + path + "\n" +
              CanonicalQuery(url->query, params.omit_session_token) + "\n" + headers.block +
              "\n" + headers.signed_names + "\n" + PayloadHash(request, params);
  c.signed_names = std::move(headers.signed_names);
  return c;
}

Status CheckInputs(const Credentials& creds, const SigningParams& params) {
  if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
    return Status::FailedPrecondition("cannot sign the request: credentials have no access key");
  }
  if (params.region.empty() || params.service.empty()) {
    return Status::InvalidArgument("cannot sign the request: no signing region or service");
  }
  return Status::Ok();
}

}  // namespace

std::string UriEncode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string CanonicalRequest(const HttpRequest& request, const SigningParams& params) {
  auto c = BuildCanonical(request, params);
  return c ? c->request : "";
}

std::string StringToSign(std::string_view canonical_request, const SigningParams& params) {
  return std::string(kAlgorithm) + "\n" + AmzDate(params.time) + "\n" + Scope(params) + "\n" +
         Sha256Hex(canonical_request);
}

std::string Signature(std::string_view string_to_sign, std::string_view secret_access_key,
                      const SigningParams& params) {
  std::string key = HmacSha256("AWS4" + std::string(secret_access_key),
                               AmzDate(params.time).substr(0, 8));
  key = HmacSha256(key, params.region);
  key = HmacSha256(key, params.service);
  key = HmacSha256(key, "aws4_request");
  return HexEncode(HmacSha256(key, string_to_sign));
}

SigningParams S3SigningParams(std::string region, std::chrono::system_clock::time_point time) {
  SigningParams p;
  p.region = std::move(region);
  p.service = "s3";
  p.time = time;
  p.normalize_path = false;
  p.double_encode_path = false;
  p.add_content_sha256 = true;
  return p;
}

Status SignRequest(HttpRequest* request, const Credentials& creds, const SigningParams& params) {
  RETURN_IF_ERROR(CheckInputs(creds, params));
  auto url = SplitUrl(request->url);
  if (!url) return Status::InvalidArgument("cannot sign the request: the url is not absolute");
  for (const char* name : {"Authorization", "X-Amz-Date", "X-Amz-Security-Token"}) {
    RemoveHeader(&request->headers, name);
  }
  if (params.add_content_sha256) RemoveHeader(&request->headers, "x-amz-content-sha256");
  if (FindHeader(request->headers, "host").empty()) request->headers.emplace_back("Host", url->host);
  if (!creds.session_token.empty()) {
    request->headers.emplace_back("X-Amz-Security-Token", creds.session_token);
  }
  request->headers.emplace_back("X-Amz-Date", AmzDate(params.time));
  if (params.add_content_sha256) {
    std::string hash = params.unsigned_payload ? std::string(kUnsignedPayload)
                                               : Sha256Hex(request->body);
    request->headers.emplace_back("x-amz-content-sha256", hash);
  }
  auto canonical = BuildCanonical(*request, params);
  std::string signature =
      Signature(StringToSign(canonical->request, params), creds.secret_access_key, params);
  request->headers.emplace_back(
      "Authorization", std::string(kAlgorithm) + " Credential=" + creds.access_key_id + "/" +
                           Scope(params) + ", SignedHeaders=" + canonical->signed_names +
                           ", Signature=" + signature);
  return Status::Ok();
}

Result<std::string> PresignUrl(const HttpRequest& request, const Credentials& creds,
                               const SigningParams& params, std::chrono::seconds expires) {
  RETURN_IF_ERROR(CheckInputs(creds, params));
  if (expires.count() < 1 || expires.count() > 7 * 24 * 3600) {
    return Status::InvalidArgument("presigned url expiry must be between 1 second and 7 days");
  }
  auto url = SplitUrl(request.url);
  if (!url) return Status::InvalidArgument("cannot presign the request: the url is not absolute");
  CanonicalHeaders headers = BuildCanonicalHeaders(request.headers, url->host,
                                                   params.omit_session_token);
  std::string added = "X-Amz-Algorithm=" + std::string(kAlgorithm) +
                      "&X-Amz-Credential=" + UriEncode(creds.access_key_id + "/" + Scope(params), false) +
                      "&X-Amz-Date=" + AmzDate(params.time) +
                      "&X-Amz-SignedHeaders=" + UriEncode(headers.signed_names, false) +
                      "&X-Amz-Expires=" + std::to_string(expires.count());
  if (!creds.session_token.empty()) {
    added += "&X-Amz-Security-Token=" + UriEncode(creds.session_token, false);
  }
  HttpRequest presigned = request;
  std::string base = request.url.substr(0, request.url.find('#'));
  presigned.url = base + (url->query.empty() ? (base.ends_with('?') ? "" : "?") : "&") + added;
  std::string signature = Signature(StringToSign(CanonicalRequest(presigned, params), params),
                                    creds.secret_access_key, params);
  return presigned.url + "&X-Amz-Signature=" + signature;
}

}  // namespace pave::aws
