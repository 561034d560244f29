// The credential sources a profile of the shared files can name, resolved the way the AWS CLI
// does it:
//   assume-role       role_arn with source_profile (a chain of profiles, loops refused, a
//                     profile may name itself when it also holds keys) or credential_source
//                     (Environment, Ec2InstanceMetadata, EcsContainer); external_id,
//                     role_session_name, duration_seconds, mfa_serial (code asked through
//                     CredentialsContext::mfa_prompt on every refresh)
//   web identity      web_identity_token_file + role_arn, or AWS_WEB_IDENTITY_TOKEN_FILE +
//                     AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME) in the environment, which win
//   sso               sso_session or the legacy sso_* keys (credentials_sso.h)
//   credentials file  aws_access_key_id / aws_secret_access_key / aws_session_token
//   credential_process (credentials_process.h)
//   config file       the same keys in the config file
// A source profile (of source_profile) holding keys, or no role_arn, is resolved through the
// web identity, sso, credentials file, process and config file sources, without the
// environment; otherwise it assumes its own role first.
#pragma once

#include <memory>

#include "aws/credentials.h"
#include "aws/credentials_context.h"

namespace pave::aws {

enum class ProfileSource {
  kAssumeRole,
  kWebIdentity,
  kSso,
  kCredentialsFile,
  kProcess,
  kConfigFile,
};

const char* ProfileSourceName(ProfileSource source);

// The provider of `source` for ctx.profile: NotFound when that profile does not use the
// source; InvalidArgument for a malformed profile (role_arn without a source, a loop of
// source profiles, a source_profile that does not exist...).
Result<std::shared_ptr<CredentialsProvider>> MakeProfileSourceProvider(const CredentialsContext& ctx,
                                                                       ProfileSource source);

}  // namespace pave::aws
