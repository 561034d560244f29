// CredentialsContext: what every credential source may need, passed by value into each.
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/endpoints.h"
#include "aws/http.h"
#include "aws/shared_config.h"
#include "core/env.h"

namespace pave::aws {

class ProcessRunner;  // credentials_process.h

struct CredentialsContext {
  Env* env = nullptr;          // environment variables, files, clock
  HttpClient* http = nullptr;  // STS, SSO, container and instance metadata calls
  std::shared_ptr<const SharedConfig> config;  // never null once built by the chain
  std::string profile = "default";             // the selected profile
  // With --profile the environment's keys are skipped (the AWS CLI's rule).
  bool profile_from_flag = false;
  // Region and overrides for the STS endpoint (the SSO portal uses sso_region instead).
  EndpointConfig endpoints;
  MfaPrompt mfa_prompt;                          // may be empty
  std::shared_ptr<ProcessRunner> process_runner;  // never null once built by the chain
};

}  // namespace pave::aws
