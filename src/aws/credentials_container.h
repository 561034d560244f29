// Container credentials (ECS task roles, EKS Pod Identity): a GET to
//   http://169.254.170.2<AWS_CONTAINER_CREDENTIALS_RELATIVE_URI>, or
//   AWS_CONTAINER_CREDENTIALS_FULL_URI (https, or http to a loopback address or the EKS Pod
//   Identity agent 169.254.170.23 / [fd00:ec2::23]),
// with "Authorization: <token>" from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on every
// fetch: it rotates) or AWS_CONTAINER_AUTHORIZATION_TOKEN. The answer is JSON with
// AccessKeyId, SecretAccessKey, Token, Expiration. Not configured (NotFound) when neither
// URI variable is set.
#pragma once

#include <memory>

#include "aws/credentials.h"
#include "aws/credentials_context.h"

namespace pave::aws {

std::shared_ptr<CredentialsProvider> MakeContainerCredentialsProvider(const CredentialsContext& ctx);

// The URL to fetch, from the environment; NotFound when not configured, InvalidArgument for
// a full URI pave must not send a token to. Exposed for tests.
Result<std::string> ContainerCredentialsUrl(Env* env);

}  // namespace pave::aws
