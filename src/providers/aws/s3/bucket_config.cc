#include "providers/aws/s3/bucket_config.h"

namespace pave::aws_provider {

namespace {
constexpr const char* kBlockSwitches[] = {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                                          "RestrictPublicBuckets"};

bool IsFalse(const Value& v) { return (v.is_boolean() && !v.get<bool>()) || (v.is_string() && v == "false"); }
}  // namespace

std::string S3BucketArn(const std::string& bucket) { return "arn:aws:s3:::" + bucket; }

std::string TlsOnlyPolicy(const std::string& bucket) {
  std::string arn = S3BucketArn(bucket);
  Value statement = {{"Sid", kTlsOnlySid},
                     {"Effect", "Deny"},
                     {"Principal", "*"},
                     {"Action", "s3:*"},
                     {"Resource", {arn, arn + "/*"}},
                     {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}};
  Value policy = {{"Version", "2012-10-17"}, {"Statement", Value::array({statement})}};
  return policy.dump();
}

bool PolicyRequiresTls(const std::string& policy_json) {
  Value policy = Value::parse(policy_json, nullptr, /*allow_exceptions=*/false);
  if (!policy.is_object()) return false;
  Value statements = policy.value("Statement", Value::array());
  if (statements.is_object()) statements = Value::array({statements});
  if (!statements.is_array()) return false;
  for (const Value& s : statements) {
    if (!s.is_object() || s.value("Effect", "") != "Deny") continue;
    const Value condition = s.value("Condition", Value::object());
    if (!condition.is_object()) continue;
    const Value bool_condition = condition.value("Bool", Value::object());
    if (bool_condition.is_object() && IsFalse(bool_condition.value("aws:SecureTransport", Value()))) return true;
  }
  return false;
}

Result<Value> EncryptionConfiguration(const std::string& sse_algorithm, const std::string& kms_key) {
  Value by_default = {{"SSEAlgorithm", sse_algorithm}};
  Value rule = Value::object();
  if (sse_algorithm == "aws:kms") {
    if (!kms_key.empty()) by_default["KMSMasterKeyID"] = kms_key;
    rule["BucketKeyEnabled"] = true;  // fewer KMS calls, lower cost
  } else if (sse_algorithm != "AES256") {
    return Status::InvalidArgument("unsupported sse_algorithm \"" + sse_algorithm +
                                   "\": use \"AES256\" (SSE-S3) or \"aws:kms\" (SSE-KMS)");
  }
  rule["ApplyServerSideEncryptionByDefault"] = by_default;
  return Value{{"Rules", Value::array({rule})}};
}

Value PublicAccessBlock(bool on) {
  Value out = Value::object();
  for (const char* s : kBlockSwitches) out[s] = on;
  return out;
}

bool AllPublicAccessBlocked(const Value& configuration) {
  if (!configuration.is_object()) return false;
  for (const char* s : kBlockSwitches) {
    const Value v = configuration.value(s, Value());
    if (!(v.is_boolean() && v.get<bool>())) return false;
  }
  return true;
}

}  // namespace pave::aws_provider
