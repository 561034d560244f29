// Endpoint resolution: where a call to a service in a region goes, and how it is signed.
// Order (as the AWS SDKs): AWS_ENDPOINT_URL_<SERVICE> env, endpoint_url in the profile's
// services section, AWS_ENDPOINT_URL env, endpoint_url in the profile, then the default
// (https://<prefix>.<region>.amazonaws.com, global services to their one endpoint).
#pragma once

#include <map>
#include <string>

#include "core/status.h"

namespace pave::aws {

struct EndpointConfig {
  std::string region;
  // Overrides, already collected from environment and profile by the config resolver.
  std::string global_url;                          // AWS_ENDPOINT_URL or profile endpoint_url
  std::map<std::string, std::string> service_urls;  // key: service id env form, e.g. "EC2", "SECRETS_MANAGER"
};

struct Endpoint {
  std::string url;             // scheme://host[:port] with optional base path, no trailing '/'
  std::string signing_region;  // e.g. "us-east-1" for IAM, Route53, Organizations
};

// `service` is the botocore service name ("ec2", "iam", "route53"...); `endpoint_prefix` and
// `service_id` come from the model's metadata ("ec2"/"EC2", "iam"/"IAM", "route53"/"Route 53").
Result<Endpoint> ResolveEndpoint(const std::string& service, const std::string& endpoint_prefix,
                                 const std::string& service_id, const EndpointConfig& config);

}  // namespace pave::aws
