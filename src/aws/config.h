// Resolving everything a client needs the way the AWS CLI does: profile, region,
// credentials chain, endpoint overrides, retry settings — from flags, environment and the
// shared config/credentials files.
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

struct AwsOptions {
  std::string profile;  // --profile; empty: AWS_PROFILE, then "default"
  std::string region;   // --region; empty: AWS_REGION, AWS_DEFAULT_REGION, then the profile
};

struct ResolvedAwsConfig {
  std::string profile;
  std::string region;  // may be empty when nothing sets it; callers that need one error out
  std::shared_ptr<CredentialsProvider> credentials;  // the chain; resolves lazily on Get()
  EndpointConfig endpoints;
  RetryConfig retry;
};

// `http` is used by credential sources that call out (STS, SSO, container, IMDS); it must
// outlive the result.
Result<ResolvedAwsConfig> ResolveAwsConfig(Env* env, HttpClient* http, const AwsOptions& options);

}  // namespace pave::aws
