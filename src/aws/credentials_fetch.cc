#include "aws/credentials_fetch.h"

#include <nlohmann/json.hpp>

#include "aws/retry.h"
#include "aws/sigv4.h"

namespace pave::aws {
namespace {

Result<std::string> RequiredString(const nlohmann::json& doc, const char* key,
                                   const std::string& what) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_string() || it->get<std::string>().empty()) {
    return Status::FailedPrecondition(what + ": the response has no " + key);
  }
  return it->get<std::string>();
}

Status ReadExpiration(const nlohmann::json& doc, const char* key, const std::string& what,
                      Credentials* creds) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return Status::Ok();
  if (it->is_number_integer()) {
    creds->expiration = std::chrono::system_clock::time_point(
        std::chrono::milliseconds(it->get<int64_t>()));
    return Status::Ok();
  }
  if (!it->is_string()) return Status::FailedPrecondition(what + ": " + key + " is not a timestamp");
  auto t = ParseAwsTimestamp(it->get<std::string>());
  if (!t.ok()) return Status::FailedPrecondition(what + ": " + key + " is not a valid timestamp");
  creds->expiration = *t;
  return Status::Ok();
}

double RandomUnit(Env* env) {
  uint32_t bits = 0;
  if (!env->RandomBytes(&bits, sizeof bits).ok()) return 0.5;
  return static_cast<double>(bits) / 4294967296.0;
}

}  // namespace

Result<Credentials> CredentialsFromJson(std::string_view document, const JsonCredentialKeys& keys,
                                        const std::string& what) {
  // No exception text: nlohmann quotes the input it choked on.
  nlohmann::json doc = nlohmann::json::parse(document, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::FailedPrecondition(what + ": the response is not a JSON object");
  }
  Credentials creds;
  ASSIGN_OR_RETURN(creds.access_key_id, RequiredString(doc, keys.access_key_id, what));
  ASSIGN_OR_RETURN(creds.secret_access_key, RequiredString(doc, keys.secret_access_key, what));
  if (auto it = doc.find(keys.session_token); it != doc.end() && it->is_string()) {
    creds.session_token = it->get<std::string>();
  }
  RETURN_IF_ERROR(ReadExpiration(doc, keys.expiration, what, &creds));
  return creds;
}

Result<HttpResponse> SendWithRetries(Env* env, HttpClient* http, int max_attempts,
                                     const std::function<Result<HttpRequest>()>& build,
                                     const std::function<bool(const HttpResponse&)>& also_retry) {
  RetryStrategy retry(RetryConfig{.max_attempts = max_attempts,
                                  .base_delay = std::chrono::milliseconds(200),
                                  .max_delay = std::chrono::milliseconds(2000)});
  for (int attempt = 1;; ++attempt) {
    ASSIGN_OR_RETURN(HttpRequest request, build());
    Result<HttpResponse> response = http->Send(request);
    AttemptOutcome outcome;
    if (response.ok()) {
      outcome.http_status = response->status;
      if (also_retry && also_retry(*response)) outcome.error_code = "RequestTimeout";  // transient
    } else {
      outcome.transport_error = true;
      outcome.timeout = response.status().reason() == kTransportTimeout;
    }
    auto delay = retry.NextDelay(attempt, outcome, RandomUnit(env));
    if (!delay) return response;
    env->SleepFor(*delay);
  }
}

std::string FormEncode(std::string_view value) { return UriEncode(value, false); }

}  // namespace pave::aws
