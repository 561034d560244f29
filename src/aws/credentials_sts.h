// The two STS calls of the credential chain, as query-protocol POSTs built and parsed here
// (pugixml): AssumeRole (signed with the source credentials) and AssumeRoleWithWebIdentity
// (unsigned: the web identity token is the proof). The endpoint comes from endpoints.h, so
// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS / the profile's overrides apply. Transport errors
// and HTTP 5xx are retried (3 attempts), as are IDPCommunicationError and throttling.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "aws/credentials.h"
#include "aws/credentials_context.h"

namespace pave::aws {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string role_session_name;
  std::string external_id;   // optional
  std::string mfa_serial;    // optional; with mfa_code
  std::string mfa_code;
  std::optional<int> duration_seconds;
};

struct WebIdentityRequest {
  std::string role_arn;
  std::string role_session_name;
  std::string web_identity_token;
  std::optional<int> duration_seconds;
};

// Temporary credentials; `source` is left for the caller to fill.
Result<Credentials> StsAssumeRole(const CredentialsContext& ctx, const Credentials& source,
                                  const AssumeRoleRequest& request);
Result<Credentials> StsAssumeRoleWithWebIdentity(const CredentialsContext& ctx,
                                                 const WebIdentityRequest& request);

// Credentials of the role `request.role_arn`, assumed with the credentials of `source` when
// first asked for and again shortly before they expire (RefreshingCredentialsProvider). The
// STS endpoint comes from `endpoints` (AWS_ENDPOINT_URL applies). `source_name` says where
// they came from in DebugString ("account 111111111111 (OrganizationAccountAccessRole)").
std::shared_ptr<CredentialsProvider> NewAssumedRoleProvider(Env* env, HttpClient* http, EndpointConfig endpoints,
                                                            std::shared_ptr<CredentialsProvider> source,
                                                            AssumeRoleRequest request, std::string source_name);

// Parses a query-protocol STS response: the <Credentials> of a 200, or the error of
// anything else as a Status whose reason() is the STS error code. Exposed for tests.
Result<Credentials> ParseStsCredentialsResponse(const HttpResponse& response,
                                                const std::string& what);

}  // namespace pave::aws
