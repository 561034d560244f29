#include "aws/credentials_imds.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "aws/credentials_fetch.h"
#include "aws/credentials_refresh.h"

namespace pave::aws {
namespace {

constexpr const char* kCredentialsPath = "/latest/meta-data/iam/security-credentials/";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// IAM role names: 1-64 of A-Z a-z 0-9 + = , . @ _ -. Anything else is not put into a URL.
bool ValidRoleName(const std::string& role) {
  return role.size() <= 64 && std::all_of(role.begin(), role.end(), [](unsigned char c) {
           return std::isalnum(c) || std::string_view("+=,.@_-").find(static_cast<char>(c)) !=
                                         std::string_view::npos;
         });
}

struct ImdsSettings {
  std::string endpoint;
  std::chrono::milliseconds timeout{1000};
  int attempts = 1;
};

ImdsSettings ReadSettings(Env* env) {
  ImdsSettings s;
  s.endpoint = env->GetEnv("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("");
  if (s.endpoint.empty()) {
    bool ipv6 = Lower(env->GetEnv("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").value_or("")) == "ipv6";
    s.endpoint = ipv6 ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
  }
  while (s.endpoint.ends_with('/')) s.endpoint.pop_back();
  int timeout = std::atoi(env->GetEnv("AWS_METADATA_SERVICE_TIMEOUT").value_or("1").c_str());
  int attempts = std::atoi(env->GetEnv("AWS_METADATA_SERVICE_NUM_ATTEMPTS").value_or("1").c_str());
  s.timeout = std::chrono::milliseconds(1000 * std::clamp(timeout, 1, 60));
  s.attempts = std::clamp(attempts, 1, 10);
  return s;
}

class ImdsSession {
 public:
  ImdsSession(Env* env, HttpClient* http) : env_(env), http_(http), s_(ReadSettings(env)) {}

  Result<Credentials> Fetch() {
    RETURN_IF_ERROR(GetToken());
    ASSIGN_OR_RETURN(HttpResponse roles, Send("GET", kCredentialsPath));
    if (roles.status == 404) return Status::NotFound("the instance has no IAM role");
    if (roles.status != 200) return Unexpected("role list", roles.status);
    std::string role = roles.body.substr(0, roles.body.find_first_of("\r\n"));
    if (role.empty()) return Status::NotFound("the instance has no IAM role");
    if (!ValidRoleName(role)) return Status::Unavailable("instance metadata returned an invalid role name");
    ASSIGN_OR_RETURN(HttpResponse doc, Send("GET", std::string(kCredentialsPath) + role));
    if (doc.status != 200) return Unexpected("credentials of role " + role, doc.status);
    ASSIGN_OR_RETURN(Credentials creds,
                     CredentialsFromJson(doc.body, kPascalCaseKeys, "instance metadata credentials"));
    creds.source = "instance metadata (role " + role + ")";
    return creds;
  }

 private:
  Status GetToken() {
    ASSIGN_OR_RETURN(HttpResponse r, Send("PUT", "/latest/api/token"));
    if (r.status == 200) {
      token_ = r.body;
      return Status::Ok();
    }
    if (r.status == 403 || r.status == 404 || r.status == 405) return Status::Ok();  // IMDSv1
    return Unexpected("token", r.status);
  }

  // A metadata service that does not answer means "not on EC2": NotFound, so the chain ends
  // with "no credentials" instead of a network error.
  Result<HttpResponse> Send(const std::string& method, const std::string& path) {
    auto response = SendWithRetries(env_, http_, s_.attempts, [&]() -> Result<HttpRequest> {
      HttpRequest req{.method = method, .url = s_.endpoint + path, .timeout = s_.timeout};
      if (method == "PUT") req.headers.emplace_back("x-aws-ec2-metadata-token-ttl-seconds", "21600");
      if (!token_.empty()) req.headers.emplace_back("x-aws-ec2-metadata-token", token_);
      return req;
    });
    if (!response.ok()) {
      return Status::NotFound("no instance metadata service at " + s_.endpoint + " (" +
                              response.status().message() + ")");
    }
    return response;
  }

  Status Unexpected(const std::string& what, int status) const {
    return Status::Unavailable("instance metadata " + what + ": http " + std::to_string(status));
  }

  Env* const env_;
  HttpClient* const http_;
  const ImdsSettings s_;
  std::string token_;
};

}  // namespace

std::shared_ptr<CredentialsProvider> MakeImdsCredentialsProvider(const CredentialsContext& ctx) {
  Env* env = ctx.env;
  HttpClient* http = ctx.http;
  return std::make_shared<RefreshingCredentialsProvider>(env, [env, http]() -> Result<Credentials> {
    if (Lower(env->GetEnv("AWS_EC2_METADATA_DISABLED").value_or("")) == "true") {
      return Status::NotFound("instance metadata is disabled (AWS_EC2_METADATA_DISABLED)");
    }
    return ImdsSession(env, http).Fetch();
  });
}

}  // namespace pave::aws
