#include "aws/credentials_sso.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "aws/credentials_fetch.h"
#include "aws/credentials_refresh.h"
#include "aws/endpoints.h"
#include "core/hash.h"

namespace pave::aws {
namespace {

constexpr const char* kSsoKeys[] = {"sso_session", "sso_start_url", "sso_region",
                                    "sso_account_id", "sso_role_name"};

std::string Sha1Hex(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, EVP_sha1(), nullptr);
  return HexEncode(std::string_view(reinterpret_cast<char*>(out), len));
}

Status Missing(const std::string& profile, const char* key) {
  return Status::InvalidArgument("profile " + profile + " uses sso but has no " + key);
}

// Values the session section sets must not be contradicted by the profile.
Status FromSession(const SharedConfig& config, const std::string& profile, SsoSettings* s) {
  const IniSection* session = config.SsoSession(s->session_name);
  if (session == nullptr) {
    return Status::InvalidArgument("profile " + profile + " names sso_session " + s->session_name +
                                   ", but there is no [sso-session " + s->session_name + "]");
  }
  for (auto [key, field] : {std::pair{"sso_start_url", &s->start_url}, {"sso_region", &s->region}}) {
    std::string in_session = session->Get(key);
    if (!field->empty() && !in_session.empty() && *field != in_session) {
      return Status::InvalidArgument("profile " + profile + " and sso-session " + s->session_name +
                                     " disagree on " + key);
    }
    if (!in_session.empty()) *field = in_session;
  }
  return Status::Ok();
}

Result<std::string> ReadToken(const CredentialsContext& ctx, const std::string& profile,
                              const SsoSettings& settings) {
  std::string login = "run `aws sso login --profile " + profile + "`";
  std::string path = SsoTokenCachePath(ctx.env, settings);
  if (!ctx.env->FileExists(path)) {
    return Status::Unauthenticated("no sso session for profile " + profile + ": " + login);
  }
  auto text = ctx.env->ReadFile(path);
  if (!text.ok()) return text.status().WithContext("cannot read the sso token cache");
  auto doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.value("accessToken", nlohmann::json()).is_string() ||
      !doc.value("expiresAt", nlohmann::json()).is_string()) {
    return Status::Unauthenticated("the sso token cache " + path + " is unreadable: " + login);
  }
  auto expires = ParseAwsTimestamp(doc["expiresAt"].get<std::string>());
  if (!expires.ok() || ctx.env->Now() >= *expires) {
    return Status::Unauthenticated("the sso session of profile " + profile + " has expired: " + login);
  }
  return doc["accessToken"].get<std::string>();
}

Result<Credentials> FetchRoleCredentials(const CredentialsContext& ctx, const std::string& profile,
                                         const SsoSettings& settings) {
  ASSIGN_OR_RETURN(std::string token, ReadToken(ctx, profile, settings));
  EndpointConfig endpoints = ctx.endpoints;
  endpoints.region = settings.region;
  ASSIGN_OR_RETURN(Endpoint endpoint, ResolveEndpoint("sso", "portal.sso", "SSO", endpoints));
  std::string url = endpoint.url + "/federation/credentials?role_name=" +
                    FormEncode(settings.role_name) + "&account_id=" + FormEncode(settings.account_id);
  std::string what = "sso GetRoleCredentials for profile " + profile;
  auto response = SendWithRetries(ctx.env, ctx.http, 3, [&]() -> Result<HttpRequest> {
    return HttpRequest{.method = "GET", .url = url, .headers = {{"x-amz-sso_bearer_token", token}}};
  });
  if (!response.ok()) return response.status().WithContext(what);
  if (response->status == 401 || response->status == 403) {
    return Status::Unauthenticated(what + ": the sso token was rejected: run `aws sso login --profile " +
                                   profile + "`");
  }
  if (response->status != 200) {
    return Status::Unavailable(what + ": http " + std::to_string(response->status));
  }
  auto doc = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("roleCredentials")) {
    return Status::Unavailable(what + ": the response has no roleCredentials");
  }
  ASSIGN_OR_RETURN(Credentials creds,
                   CredentialsFromJson(doc["roleCredentials"].dump(),
                                       {"accessKeyId", "secretAccessKey", "sessionToken", "expiration"},
                                       what));
  creds.source = "profile " + profile + " (sso)";
  return creds;
}

}  // namespace

bool HasSsoSettings(const SharedConfig& config, const std::string& profile) {
  const IniSection* p = config.ConfigProfile(profile);
  if (p == nullptr) return false;
  for (const char* key : kSsoKeys) {
    if (p->Has(key)) return true;
  }
  return false;
}

Result<SsoSettings> ReadSsoSettings(const SharedConfig& config, const std::string& profile) {
  const IniSection* p = config.ConfigProfile(profile);
  if (p == nullptr) return Status::NotFound("profile " + profile + " is not in the config file");
  SsoSettings s{.session_name = p->Get("sso_session"),
                .start_url = p->Get("sso_start_url"),
                .region = p->Get("sso_region"),
                .account_id = p->Get("sso_account_id"),
                .role_name = p->Get("sso_role_name")};
  if (!s.session_name.empty()) RETURN_IF_ERROR(FromSession(config, profile, &s));
  if (s.start_url.empty()) return Missing(profile, "sso_start_url");
  if (s.region.empty()) return Missing(profile, "sso_region");
  if (s.account_id.empty()) return Missing(profile, "sso_account_id");
  if (s.role_name.empty()) return Missing(profile, "sso_role_name");
  return s;
}

std::string SsoTokenCachePath(Env* env, const SsoSettings& settings) {
  std::string key = settings.session_name.empty() ? settings.start_url : settings.session_name;
  return ExpandHome(env, "~/.aws/sso/cache/" + Sha1Hex(key) + ".json");
}

std::shared_ptr<CredentialsProvider> MakeSsoCredentialsProvider(const CredentialsContext& ctx,
                                                                const std::string& profile,
                                                                SsoSettings settings) {
  return std::make_shared<RefreshingCredentialsProvider>(
      ctx.env, [ctx, profile, settings] { return FetchRoleCredentials(ctx, profile, settings); });
}

}  // namespace pave::aws
