#include "aws/credentials_container.h"

#include "aws/credentials_fetch.h"
#include "aws/credentials_refresh.h"

namespace pave::aws {
namespace {

constexpr const char* kEcsHost = "http://169.254.170.2";
constexpr std::chrono::milliseconds kTimeout(2000);
constexpr int kAttempts = 3;

std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (authority.starts_with('[')) return authority.substr(0, authority.find(']') + 1);
  return authority.substr(0, authority.find(':'));
}

bool AllowedHttpHost(const std::string& host) {
  return host.starts_with("127.") || host == "localhost" || host == "[::1]" ||
         host == "169.254.170.2" || host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

Result<std::string> AuthorizationToken(Env* env) {
  std::string token;
  if (auto file = env->GetEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); file && !file->empty()) {
    auto text = env->ReadFile(*file);
    if (!text.ok()) return text.status().WithContext("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    token = *text;
  } else {
    token = env->GetEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (token.find_first_of("\r\n") != std::string::npos) {
    return Status::InvalidArgument("the container authorization token spans several lines");
  }
  return token;
}

Result<Credentials> FetchContainerCredentials(Env* env, HttpClient* http) {
  ASSIGN_OR_RETURN(std::string url, ContainerCredentialsUrl(env));
  auto response = SendWithRetries(env, http, kAttempts, [&]() -> Result<HttpRequest> {
    ASSIGN_OR_RETURN(std::string token, AuthorizationToken(env));
    HttpRequest req{.method = "GET", .url = url, .headers = {{"Accept", "application/json"}},
                    .timeout = kTimeout};
    if (!token.empty()) req.headers.emplace_back("Authorization", token);
    return req;
  });
  if (!response.ok()) return response.status().WithContext("container credentials");
  if (response->status != 200) {
    return Status::Unavailable("container credentials endpoint " + HostOf(url) + " answered http " +
                               std::to_string(response->status));
  }
  ASSIGN_OR_RETURN(Credentials creds,
                   CredentialsFromJson(response->body, kPascalCaseKeys, "container credentials"));
  creds.source = "container";
  return creds;
}

}  // namespace

Result<std::string> ContainerCredentialsUrl(Env* env) {
  if (auto relative = env->GetEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
      relative && !relative->empty()) {
    return std::string(kEcsHost) + (relative->starts_with('/') ? "" : "/") + *relative;
  }
  std::string full = env->GetEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI").value_or("");
  if (full.empty()) return Status::NotFound("no container credentials configured");
  if (full.starts_with("https://")) return full;
  if (full.starts_with("http://") && AllowedHttpHost(HostOf(full))) return full;
  return Status::InvalidArgument(
      "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback address or the "
      "EKS Pod Identity agent, got host '" + HostOf(full) + "'");
}

std::shared_ptr<CredentialsProvider> MakeContainerCredentialsProvider(const CredentialsContext& ctx) {
  Env* env = ctx.env;
  HttpClient* http = ctx.http;
  return std::make_shared<RefreshingCredentialsProvider>(
      env, [env, http] { return FetchContainerCredentials(env, http); });
}

}  // namespace pave::aws
