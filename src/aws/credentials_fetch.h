// Helpers of the credential sources that call out (STS, SSO, container, instance metadata,
// credential_process): sending with a few retries, and reading the JSON credential documents.
// Errors never include a document or a response body: either may hold a secret.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/http.h"
#include "core/env.h"
#include "core/status.h"

namespace pave::aws {

// Member names of the credential fields in a JSON document.
struct JsonCredentialKeys {
  const char* access_key_id;
  const char* secret_access_key;
  const char* session_token;
  const char* expiration;  // ISO 8601 string, or epoch milliseconds when a number
};
inline constexpr JsonCredentialKeys kPascalCaseKeys = {"AccessKeyId", "SecretAccessKey", "Token",
                                                       "Expiration"};

// Credentials from `document`; `what` names the source in errors ("container credentials").
// The access key and secret are required, the token and expiration optional.
Result<Credentials> CredentialsFromJson(std::string_view document, const JsonCredentialKeys& keys,
                                        const std::string& what);

// Builds and sends a request up to `max_attempts` times while the failure is transient
// (transport error, HTTP 5xx, or a response `also_retry` accepts), waiting a short jittered
// backoff through `env` in between. Returns the last response (any status) or the last
// transport error.
Result<HttpResponse> SendWithRetries(
    Env* env, HttpClient* http, int max_attempts, const std::function<Result<HttpRequest>()>& build,
    const std::function<bool(const HttpResponse&)>& also_retry = nullptr);

// Percent-encodes a form value (application/x-www-form-urlencoded, RFC 3986 unreserved kept).
std::string FormEncode(std::string_view value);

}  // namespace pave::aws
