#include "providers/aws/eks/eks_token.h"

#include "aws/sigv4.h"
#include "core/hash.h"
#include "core/value.h"

namespace pave::aws_provider {

std::string Base64UrlNoPadding(std::string_view bytes) {
  std::string out = Base64Encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

Result<std::string> EksPresignedUrl(const aws::Credentials& creds, const EksTokenRequest& request) {
  if (request.cluster.empty()) return Status::InvalidArgument("eks token: no cluster name");
  std::string base = request.sts_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  aws::HttpRequest http;
  http.method = "GET";
  http.url = base + "/?Action=GetCallerIdentity&Version=2011-06-15";
  http.headers.emplace_back("x-k8s-aws-id", request.cluster);
  aws::SigningParams params;
  params.region = request.region;
  params.service = "sts";
  params.time = request.now;
  return aws::PresignUrl(http, creds, params, std::chrono::seconds(60));
}

Result<std::string> EksToken(const aws::Credentials& creds, const EksTokenRequest& request) {
  ASSIGN_OR_RETURN(std::string url, EksPresignedUrl(creds, request));
  return std::string(kEksTokenPrefix) + Base64UrlNoPadding(url);
}

std::string ExecCredentialJson(const std::string& token, std::chrono::system_clock::time_point now) {
  auto expires = std::chrono::time_point_cast<std::chrono::seconds>(now + std::chrono::minutes(14));
  Value doc = {{"kind", "ExecCredential"},
               {"apiVersion", "client.authentication.k8s.io/v1beta1"},
               {"spec", Value::object()},
               {"status", {{"expirationTimestamp", aws::FormatAwsTimestamp(expires)}, {"token", token}}}};
  return doc.dump(4) + "\n";
}

}  // namespace pave::aws_provider
