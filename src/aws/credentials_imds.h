// EC2 instance metadata (IMDSv2) credentials:
//   PUT  <endpoint>/latest/api/token  (x-aws-ec2-metadata-token-ttl-seconds: 21600)
//   GET  <endpoint>/latest/meta-data/iam/security-credentials/        -> role name
//   GET  <endpoint>/latest/meta-data/iam/security-credentials/<role>  -> JSON credentials
// with x-aws-ec2-metadata-token on the GETs (when the token PUT answers 403/404/405 the GETs
// go without one, IMDSv1). The endpoint is AWS_EC2_METADATA_SERVICE_ENDPOINT, else
// http://169.254.169.254 (http://[fd00:ec2::254] with AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE
// = IPv6). AWS_METADATA_SERVICE_TIMEOUT (seconds, default 1) and
// AWS_METADATA_SERVICE_NUM_ATTEMPTS (default 1) bound each call. Not configured (NotFound)
// when AWS_EC2_METADATA_DISABLED is true, when no metadata service answers, or when the
// instance has no role.
#pragma once

#include <memory>

#include "aws/credentials.h"
#include "aws/credentials_context.h"

namespace pave::aws {

std::shared_ptr<CredentialsProvider> MakeImdsCredentialsProvider(const CredentialsContext& ctx);

}  // namespace pave::aws
