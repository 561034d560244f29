#include "aws/credentials_sts.h"

#include <pugixml.hpp>

#include <utility>
#include <vector>

#include "aws/credentials_fetch.h"
#include "aws/credentials_refresh.h"
#include "aws/retry.h"
#include "aws/sigv4.h"

namespace pave::aws {
namespace {

constexpr int kStsAttempts = 3;

using Params = std::vector<std::pair<std::string, std::string>>;

std::string FormBody(const Params& params) {
  std::string body;
  for (const auto& [k, v] : params) {
    body.append(body.empty() ? "" : "&").append(k).append("=").append(FormEncode(v));
  }
  return body;
}

std::string ChildText(const pugi::xml_node& node, const char* name) {
  return node.child(name).text().as_string();
}

struct StsErrorInfo {
  std::string code;
  std::string message;
  std::string request_id;
};

StsErrorInfo ParseError(const std::string& body) {
  pugi::xml_document doc;
  StsErrorInfo info;
  if (!doc.load_buffer(body.data(), body.size())) return info;
  pugi::xml_node error = doc.find_node([](pugi::xml_node n) { return std::string_view(n.name()) == "Error"; });
  info.code = ChildText(error, "Code");
  info.message = ChildText(error, "Message");
  pugi::xml_node id = doc.find_node([](pugi::xml_node n) { return std::string_view(n.name()) == "RequestId"; });
  info.request_id = id.text().as_string();
  return info;
}

StatusCode CodeFor(const std::string& code, int http_status) {
  if (code == "AccessDenied") return StatusCode::kPermissionDenied;
  for (const char* auth : {"ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
                           "SignatureDoesNotMatch", "InvalidIdentityToken", "IncompleteSignature",
                           "MissingAuthenticationToken"}) {
    if (code == auth) return StatusCode::kUnauthenticated;
  }
  if (code == "IDPCommunicationError" || IsThrottlingError(code) || http_status >= 500) {
    return StatusCode::kUnavailable;
  }
  if (code == "MalformedPolicyDocument" || code == "ValidationError" ||
      code == "PackedPolicyTooLarge") {
    return StatusCode::kInvalidArgument;
  }
  return StatusCode::kFailedPrecondition;
}

Status StsError(const HttpResponse& response, const std::string& what) {
  StsErrorInfo info = ParseError(response.body);
  std::string http = "http " + std::to_string(response.status);
  if (info.code.empty()) return Status(CodeFor("", response.status), what + ": " + http);
  std::string detail = info.request_id.empty() ? http : "request id " + info.request_id + ", " + http;
  return Status(CodeFor(info.code, response.status),
                what + ": " + info.code + ": " + info.message + " (" + detail + ")")
      .WithReason(info.code);
}

bool RetryableStsResponse(const HttpResponse& response) {
  if (response.status < 400) return false;
  std::string code = ParseError(response.body).code;
  return code == "IDPCommunicationError" || IsThrottlingError(code);
}

Result<Credentials> CallSts(const CredentialsContext& ctx, const Params& params,
                            const Credentials* signer, const std::string& what) {
  ASSIGN_OR_RETURN(Endpoint endpoint, ResolveEndpoint("sts", "sts", "STS", ctx.endpoints));
  std::string body = FormBody(params);
  auto build = [&]() -> Result<HttpRequest> {
    HttpRequest req{.method = "POST",
                    .url = endpoint.url + "/",
                    .headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                    .body = body};
    if (signer != nullptr) {
      SigningParams signing{.region = endpoint.signing_region, .service = "sts", .time = ctx.env->Now()};
      RETURN_IF_ERROR(SignRequest(&req, *signer, signing));
    }
    return req;
  };
  auto response = SendWithRetries(ctx.env, ctx.http, kStsAttempts, build, RetryableStsResponse);
  if (!response.ok()) return response.status().WithContext(what);
  return ParseStsCredentialsResponse(*response, what);
}

}  // namespace

Result<Credentials> ParseStsCredentialsResponse(const HttpResponse& response,
                                                const std::string& what) {
  if (response.status != 200) return StsError(response, what);
  pugi::xml_document doc;
  if (!doc.load_buffer(response.body.data(), response.body.size())) {
    return Status::Unavailable(what + ": the response is not XML");
  }
  pugi::xml_node node = doc.find_node(
      [](pugi::xml_node n) { return std::string_view(n.name()) == "Credentials"; });
  Credentials creds{.access_key_id = ChildText(node, "AccessKeyId"),
                    .secret_access_key = ChildText(node, "SecretAccessKey"),
                    .session_token = ChildText(node, "SessionToken")};
  if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
    return Status::Unavailable(what + ": the response has no credentials");
  }
  auto expiration = ParseAwsTimestamp(ChildText(node, "Expiration"));
  if (!expiration.ok()) return Status::Unavailable(what + ": the response has no valid Expiration");
  creds.expiration = *expiration;
  return creds;
}

Result<Credentials> StsAssumeRole(const CredentialsContext& ctx, const Credentials& source,
                                  const AssumeRoleRequest& request) {
  Params params = {{"Action", "AssumeRole"},
                   {"Version", "2011-06-15"},
                   {"RoleArn", request.role_arn},
                   {"RoleSessionName", request.role_session_name}};
  if (!request.external_id.empty()) params.emplace_back("ExternalId", request.external_id);
  if (!request.mfa_serial.empty()) {
    params.emplace_back("SerialNumber", request.mfa_serial);
    params.emplace_back("TokenCode", request.mfa_code);
  }
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  return CallSts(ctx, params, &source, "sts AssumeRole " + request.role_arn);
}

Result<Credentials> StsAssumeRoleWithWebIdentity(const CredentialsContext& ctx,
                                                 const WebIdentityRequest& request) {
  Params params = {{"Action", "AssumeRoleWithWebIdentity"},
                   {"Version", "2011-06-15"},
                   {"RoleArn", request.role_arn},
                   {"RoleSessionName", request.role_session_name},
                   {"WebIdentityToken", request.web_identity_token}};
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  return CallSts(ctx, params, nullptr, "sts AssumeRoleWithWebIdentity " + request.role_arn);
}

std::shared_ptr<CredentialsProvider> NewAssumedRoleProvider(Env* env, HttpClient* http, EndpointConfig endpoints,
                                                            std::shared_ptr<CredentialsProvider> source,
                                                            AssumeRoleRequest request, std::string source_name) {
  CredentialsContext ctx;
  ctx.env = env;
  ctx.http = http;
  ctx.config = std::make_shared<SharedConfig>();
  ctx.endpoints = std::move(endpoints);
  auto fetch = [ctx, source, request, source_name]() -> Result<Credentials> {
    ASSIGN_OR_RETURN(Credentials base, source->Get());
    Result<Credentials> creds = StsAssumeRole(ctx, base, request);
    if (!creds.ok()) return creds.status().WithContext("assuming " + request.role_arn);
    creds->source = source_name;
    return creds;
  };
  return std::make_shared<RefreshingCredentialsProvider>(env, std::move(fetch));
}

}  // namespace pave::aws
