// Resolving everything a client needs the way the AWS CLI does: profile, region,
// credentials chain, endpoint overrides, retry settings — from flags, environment and the
// shared config/credentials files (shared_config.h).
//
//   profile   --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, "default"; a named profile that
//             exists in neither file is an error
//   region    --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`
//   endpoints AWS_ENDPOINT_URL_<SERVICE_ID>, the profile's `services` section, AWS_ENDPOINT_URL,
//             the profile's `endpoint_url`; all ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
//             (or the profile's ignore_configured_endpoint_urls) is true
//   retry     AWS_MAX_ATTEMPTS / max_attempts, AWS_RETRY_MODE / retry_mode
//   credentials  the chain of credentials_chain.h; with --profile the environment keys are
//             skipped (as the AWS CLI does), with AWS_PROFILE they still win
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/endpoints.h"
#include "aws/http.h"
#include "aws/retry.h"
#include "core/env.h"
#include "core/status.h"

namespace pave::aws {

class ProcessRunner;  // credentials_process.h

struct AwsOptions {
  std::string profile;  // --profile; empty: AWS_PROFILE, then "default"
  std::string region;   // --region; empty: AWS_REGION, AWS_DEFAULT_REGION, then the profile
  // Asks for MFA codes (profiles with mfa_serial). Empty: such profiles fail with a clear error.
  MfaPrompt mfa_prompt;
  // Runs credential_process commands. Null: the real one (/bin/sh -c).
  std::shared_ptr<ProcessRunner> process_runner;
};

struct ResolvedAwsConfig {
  std::string profile;
  std::string region;  // may be empty when nothing sets it; callers that need one error out
  std::shared_ptr<CredentialsProvider> credentials;  // the chain; resolves lazily on Get()
  EndpointConfig endpoints;
  RetryConfig retry;
};

// `http` is used by credential sources that call out (STS, SSO, container, IMDS); it must
// outlive the result. Errors: malformed config files (file:line), an unknown named profile,
// invalid AWS_MAX_ATTEMPTS / retry mode / endpoint URLs.
Result<ResolvedAwsConfig> ResolveAwsConfig(Env* env, HttpClient* http, const AwsOptions& options);

}  // namespace pave::aws
