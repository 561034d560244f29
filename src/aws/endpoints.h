// Endpoint resolution: where a call to a service in a region goes, and how it is signed.
// Order (the AWS SDKs reference, "Service-specific endpoints", and botocore):
//   1. AWS_ENDPOINT_URL_<SERVICE_ID> environment variable
//   2. AWS_ENDPOINT_URL environment variable
//   3. endpoint_url for the service in the profile's `services` section
//   4. endpoint_url in the profile
//   5. the default: https://<prefix>.<region>.<partition dns suffix>, global services (IAM,
//      Route 53, Organizations, CloudFront, ...) to their one endpoint per partition, signed
//      for that endpoint's region (us-east-1 in the aws partition). STS is regional; with no
//      region (or "aws-global") it is the global sts.amazonaws.com.
// The service id's env form is its model serviceId upper-cased with spaces and hyphens as
// underscores ("Secrets Manager" -> SECRETS_MANAGER); the services section uses it lower-cased.
// FIPS and dual-stack endpoints are not supported.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/status.h"

namespace pave::aws {

struct EndpointConfig {
  std::string region;
  // Overrides, already collected from environment and profile by the config resolver.
  std::string global_url;                          // AWS_ENDPOINT_URL or profile endpoint_url
  std::map<std::string, std::string> service_urls;  // key: service id env form, e.g. "EC2", "SECRETS_MANAGER"
  // True when global_url came from AWS_ENDPOINT_URL: it then beats service_urls (which hold
  // the services section); false: service_urls beat global_url.
  bool global_url_from_env = false;
  // AWS_ENDPOINT_URL_<env form> lookup, consulted first ("" when unset). May be empty.
  std::function<std::string(const std::string& env_form)> service_url_from_env;
};

struct Endpoint {
  std::string url;             // scheme://host[:port] with optional base path, no trailing '/'
  std::string signing_region;  // e.g. "us-east-1" for IAM, Route53, Organizations
  // The URL is an override (AWS_ENDPOINT_URL*, a profile's endpoint_url): no host prefix
  // ("{AccountId}." of s3control) is added to it, as with botocore's inject_host_prefix=False
  // (the AWS CLI adds it even to an override, which then fails on a loopback address).
  bool overridden = false;
};

// `service` is the botocore service name ("ec2", "iam", "route53"...); `endpoint_prefix` and
// `service_id` come from the model's metadata ("ec2"/"EC2", "iam"/"IAM", "route53"/"Route 53").
// Errors: no region for a regional service, a malformed region, a malformed override URL.
Result<Endpoint> ResolveEndpoint(const std::string& service, const std::string& endpoint_prefix,
                                 const std::string& service_id, const EndpointConfig& config);

// "Secrets Manager" -> "SECRETS_MANAGER".
std::string ServiceIdEnvForm(const std::string& service_id);
// The partition of a region: "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", ...
std::string PartitionOf(const std::string& region);
// Checks an override URL: http(s)://host..., returned without a trailing '/'.
Result<std::string> NormalizeEndpointUrl(const std::string& url, const std::string& where);

}  // namespace pave::aws
