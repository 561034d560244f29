#include "providers/aws/ssm/redact.h"

namespace pave::aws_provider {

std::string RedactText(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
    text.replace(at, secret.size(), kRedacted);
    at += std::char_traits<char>::length(kRedacted);
  }
  return text;
}

Status Redacted(const Status& status, const std::string& secret) {
  if (status.ok() || secret.empty()) return status;
  Status out(status.code(), RedactText(status.message(), secret));
  return status.reason().empty() ? out : out.WithReason(RedactText(status.reason(), secret));
}

}  // namespace pave::aws_provider
