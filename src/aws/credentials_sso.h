// IAM Identity Center (SSO) credentials, as the AWS CLI gets them after `aws sso login`:
// the cached access token in ~/.aws/sso/cache/<sha1 hex>.json (of the sso-session name, or
// of the start URL for legacy profiles) is exchanged for role credentials with
// GetRoleCredentials at https://portal.sso.<sso_region>.amazonaws.com (overridable like any
// endpoint: AWS_ENDPOINT_URL_SSO...). A missing, expired or rejected token is Unauthenticated
// with "run `aws sso login --profile <profile>`". Tokens are not refreshed here.
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/credentials_context.h"
#include "aws/shared_config.h"

namespace pave::aws {

struct SsoSettings {
  std::string session_name;  // empty for a legacy profile (sso_start_url in the profile)
  std::string start_url;
  std::string region;
  std::string account_id;
  std::string role_name;
};

// True when the profile has any sso_* key.
bool HasSsoSettings(const SharedConfig& config, const std::string& profile);
// The profile's settings, through its sso_session section when it names one. Errors name
// what is missing or inconsistent.
Result<SsoSettings> ReadSsoSettings(const SharedConfig& config, const std::string& profile);
// ~/.aws/sso/cache/<sha1 hex of the session name, or of the start URL>.json
std::string SsoTokenCachePath(Env* env, const SsoSettings& settings);

std::shared_ptr<CredentialsProvider> MakeSsoCredentialsProvider(const CredentialsContext& ctx,
                                                                const std::string& profile,
                                                                SsoSettings settings);

}  // namespace pave::aws
