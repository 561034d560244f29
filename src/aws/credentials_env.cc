#include "aws/credentials_env.h"

namespace pave::aws {

Result<Credentials> EnvironmentCredentialsProvider::Get() {
  std::string key = env_->GetEnv("AWS_ACCESS_KEY_ID").value_or("");
  std::string secret = env_->GetEnv("AWS_SECRET_ACCESS_KEY").value_or("");
  if (key.empty() && secret.empty()) {
    return Status::NotFound("no AWS_ACCESS_KEY_ID in the environment");
  }
  if (key.empty() || secret.empty()) {
    return Status::InvalidArgument(std::string(key.empty() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") +
                                   " is set but " +
                                   (key.empty() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") +
                                   " is not");
  }
  Credentials creds{.access_key_id = key, .secret_access_key = secret, .source = "environment"};
  creds.session_token = env_->GetEnv("AWS_SESSION_TOKEN").value_or("");
  if (creds.session_token.empty()) {
    creds.session_token = env_->GetEnv("AWS_SECURITY_TOKEN").value_or("");
  }
  if (auto exp = env_->GetEnv("AWS_CREDENTIAL_EXPIRATION"); exp && !exp->empty()) {
    auto t = ParseAwsTimestamp(*exp);
    if (!t.ok()) return t.status().WithContext("AWS_CREDENTIAL_EXPIRATION");
    creds.expiration = *t;
  }
  return creds;
}

}  // namespace pave::aws
