// The bearer token kubectl sends to an EKS cluster, as `aws eks get-token` makes it:
//   "k8s-aws-v1." + base64url (no padding) of a presigned STS GetCallerIdentity URL whose
//   signed headers include "x-k8s-aws-id: <cluster name>", valid 60 seconds;
// and the ExecCredential JSON kubectl's exec plugin reads:
//   {"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{},
//    "status":{"expirationTimestamp":"<now + 14 min, YYYY-MM-DDTHH:MM:SSZ>","token":"..."}}
// Pure: credentials, endpoint and time are passed in; nothing is called.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "core/status.h"

namespace pave::aws_provider {

inline constexpr std::string_view kEksTokenPrefix = "k8s-aws-v1.";

struct EksTokenRequest {
  std::string cluster;      // the cluster name (x-k8s-aws-id)
  std::string region;       // signing region of STS
  std::string sts_url;      // "https://sts.eu-west-1.amazonaws.com" (an override as configured)
  std::chrono::system_clock::time_point now;
};

// The presigned GetCallerIdentity URL.
Result<std::string> EksPresignedUrl(const aws::Credentials& creds, const EksTokenRequest& request);
// kEksTokenPrefix + Base64UrlNoPadding(presigned URL).
Result<std::string> EksToken(const aws::Credentials& creds, const EksTokenRequest& request);
// The ExecCredential document (pretty-printed JSON, newline-terminated) for `token`,
// expiring 14 minutes after `now` as the AWS CLI says.
std::string ExecCredentialJson(const std::string& token, std::chrono::system_clock::time_point now);

// RFC 4648 section 5 (URL-safe alphabet), with the '=' padding removed.
std::string Base64UrlNoPadding(std::string_view bytes);

}  // namespace pave::aws_provider
