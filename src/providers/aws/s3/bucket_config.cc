#include "providers/aws/s3/bucket_config.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

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

const std::vector<std::string>& LogDeliveryServices() {
  static const std::vector<std::string> services = {"cloudtrail", "config"};
  return services;
}

namespace {

// Sids of the statements pave writes for `service` ("cloudtrail" -> "PaveCloudtrailAclCheck"...).
std::string DeliverySid(const std::string& service, const std::string& what) {
  std::string s = service;
  s[0] = char(s[0] - 'a' + 'A');
  return "Pave" + s + what;
}

bool IsOrganizationId(const std::string& s) { return s.rfind("o-", 0) == 0; }

// One account as a string, several as a list: a policy condition's value.
Value OneOrMany(const std::vector<std::string>& values) {
  if (values.size() == 1) return values[0];
  return Value(values);
}

Value ServiceStatement(const std::string& sid, const std::string& service, const Value& action,
                       const Value& resource, const std::vector<std::string>& accounts, bool full_control) {
  Value condition = {{"StringEquals", {{"aws:SourceAccount", OneOrMany(accounts)}}}};
  if (full_control) condition["StringEquals"]["s3:x-amz-acl"] = "bucket-owner-full-control";
  return {{"Sid", sid},
          {"Effect", "Allow"},
          {"Principal", {{"Service", service + ".amazonaws.com"}}},
          {"Action", action},
          {"Resource", resource},
          {"Condition", condition}};
}

// The statements admitting `service` to deliver the logs of `sources` (accounts, and for
// CloudTrail organizations) to `bucket`.
void AddDeliveryStatements(const std::string& service, const std::string& bucket,
                           const std::vector<std::string>& sources, Value* statements) {
  std::string arn = S3BucketArn(bucket);
  bool config = service == "config";  // Config also checks that the bucket exists (ListBucket)
  std::vector<std::string> accounts;
  std::vector<std::string> prefixes;
  for (const std::string& source : sources) {
    if (!IsOrganizationId(source)) accounts.push_back(source);
    // Config writes each account's snapshots under its own account id, also in an organization.
    if (!config || !IsOrganizationId(source)) {
      prefixes.push_back(arn + "/AWSLogs/" + source + (config ? "/Config/*" : "/*"));
    }
  }
  Value acl_check = config ? Value::array({"s3:GetBucketAcl", "s3:ListBucket"}) : Value("s3:GetBucketAcl");
  statements->push_back(ServiceStatement(DeliverySid(service, "AclCheck"), service, acl_check, arn, accounts, false));
  statements->push_back(ServiceStatement(DeliverySid(service, "Write"), service, "s3:PutObject",
                                         OneOrMany(prefixes), accounts, true));
}

// The accounts and organizations a Write statement admits.
void AddSources(const Value& statement, std::set<std::string>* out) {
  Value accounts = statement.value("Condition", Value::object()).value("StringEquals", Value::object());
  accounts = accounts.is_object() ? accounts.value("aws:SourceAccount", Value()) : Value();
  if (accounts.is_string()) accounts = Value::array({accounts});
  for (const Value& a : accounts.is_array() ? accounts : Value::array()) {
    if (a.is_string()) out->insert(a.get<std::string>());
  }
  Value resources = statement.value("Resource", Value());
  if (resources.is_string()) resources = Value::array({resources});
  for (const Value& r : resources.is_array() ? resources : Value::array()) {
    if (!r.is_string()) continue;
    std::string text = r.get<std::string>();
    size_t at = text.find("/AWSLogs/o-");
    if (at == std::string::npos) continue;
    std::string org = text.substr(at + 9);
    out->insert(org.substr(0, org.find('/')));
  }
}

}  // namespace

bool IsLogSource(const std::string& source) {
  auto all = [](const std::string& s, size_t from, auto ok) {
    return std::all_of(s.begin() + from, s.end(), [&](char c) { return ok(static_cast<unsigned char>(c)); });
  };
  if (IsOrganizationId(source)) {
    return source.size() >= 12 && source.size() <= 34 &&
           all(source, 2, [](unsigned char c) { return std::islower(c) || std::isdigit(c); });
  }
  return source.size() == 12 && all(source, 0, [](unsigned char c) { return std::isdigit(c); });
}

std::string BucketPolicy(const std::string& bucket, const std::string& account, const BucketPolicySettings& s) {
  Value statements = Value::array();
  if (s.require_tls) statements.push_back(Value::parse(TlsOnlyPolicy(bucket))["Statement"][0]);
  const std::vector<std::string> sources = s.sources.empty() ? std::vector<std::string>{account} : s.sources;
  for (const std::string& service : s.log_delivery) AddDeliveryStatements(service, bucket, sources, &statements);
  if (statements.empty()) return "";
  return Value({{"Version", "2012-10-17"}, {"Statement", statements}}).dump();
}

BucketPolicySettings ParseBucketPolicy(const std::string& policy_json, const std::string& own_account) {
  BucketPolicySettings out;
  out.require_tls = PolicyRequiresTls(policy_json);
  Value policy = Value::parse(policy_json, nullptr, /*allow_exceptions=*/false);
  Value statements = policy.is_object() ? policy.value("Statement", Value::array()) : Value::array();
  if (statements.is_object()) statements = Value::array({statements});
  if (!statements.is_array()) return out;
  std::set<std::string> sources;
  for (const std::string& service : LogDeliveryServices()) {
    for (const Value& st : statements) {
      if (st.is_object() && st.value("Sid", Value()) == DeliverySid(service, "Write")) {
        out.log_delivery.push_back(service);
        AddSources(st, &sources);
        break;
      }
    }
  }
  if (!(sources.size() == 1 && *sources.begin() == own_account)) out.sources.assign(sources.begin(), sources.end());
  return out;
}

Value ExpirationLifecycle(int days) {
  Value rule = {{"ID", kExpirationRuleId},
                {"Status", "Enabled"},
                {"Filter", {{"Prefix", ""}}},
                {"Expiration", {{"Days", days}}},
                {"NoncurrentVersionExpiration", {{"NoncurrentDays", days}}},
                {"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 7}}}};
  return {{"Rules", Value::array({rule})}};
}

int ExpirationDays(const Value& lifecycle) {
  for (const Value& rule : lifecycle.value("Rules", Value::array())) {
    if (!rule.is_object() || rule.value("ID", Value()) != kExpirationRuleId) continue;
    const Value days = rule.value("Expiration", Value::object()).value("Days", Value());
    if (days.is_number_integer()) return days.get<int>();
    if (days.is_string()) return std::atoi(days.get<std::string>().c_str());
  }
  return 0;
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
