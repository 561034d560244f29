#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

Result<std::string> AccountId::Get() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!cached_.empty()) return cached_;
  ASSIGN_OR_RETURN(Value out, client_->Call("sts", "GetCallerIdentity", Value::object()));
  if (!out.contains("Account") || !out["Account"].is_string()) {
    return Status::Internal("sts GetCallerIdentity returned no account");
  }
  cached_ = out["Account"].get<std::string>();
  return cached_;
}

std::string Ec2Arn(const std::string& region, const std::string& account, const std::string& kind,
                   const std::string& id) {
  return "arn:aws:ec2:" + region + ":" + account + ":" + kind + "/" + id;
}

}  // namespace pave::aws_provider
