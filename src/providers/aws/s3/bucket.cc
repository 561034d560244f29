// aws_s3_bucket (a spec). S3 has no call that describes many buckets, so Read lists the
// buckets once (ListBuckets) and then reads each existing bucket's settings: versioning,
// encryption, public-access block, policy, lifecycle and tags (six calls per bucket, made
// together, and buckets in parallel: two round trips of wall time for a refresh). Each
// setting is an update call of its own, made only when it differs (at create: from what a new
// bucket has). CreateBucket takes no tags, so the tags (with pave:token) are put right after
// it; a bucket of this account with the same name and no tags at all that holds no object is
// taken as one a crashed create made. A bucket with another state's pave tags (pave:lineage,
// tags.h) is refused, never adopted. Objects are deleted with the bucket only with
// --allow-data-loss.
#include "providers/aws/s3/bucket.h"

#include <algorithm>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/parallel.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/s3/bucket_config.h"
#include "providers/aws/s3/bucket_objects.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

bool IsNoSuchBucket(const Status& s) { return s.reason() == "NoSuchBucket" || IsNotFound(s); }

// The policy settings of an attribute set (log_delivery sorted, unknown names kept: CheckBucket
// refuses them at load).
BucketPolicySettings PolicySettings(const Value& v, bool tls_fallback) {
  BucketPolicySettings out;
  out.require_tls = GetBool(v, "require_tls", tls_fallback);
  for (const Value& s : v.value("log_delivery", Value::array())) {
    if (s.is_string()) out.log_delivery.push_back(s.get<std::string>());
  }
  std::sort(out.log_delivery.begin(), out.log_delivery.end());
  for (const Value& s : v.value("log_sources", Value::array())) {
    if (s.is_string()) out.sources.push_back(s.get<std::string>());
  }
  std::sort(out.sources.begin(), out.sources.end());
  out.sources.erase(std::unique(out.sources.begin(), out.sources.end()), out.sources.end());
  return out;
}

std::vector<PropertyProblem> CheckBucket(const Value& properties) {
  std::vector<PropertyProblem> problems;
  const std::vector<std::string>& known = LogDeliveryServices();
  for (const Value& s : properties.value("log_delivery", Value::array())) {
    if (!s.is_string() || s.get<std::string>().find("${") != std::string::npos) continue;
    if (std::find(known.begin(), known.end(), s.get<std::string>()) == known.end()) {
      problems.push_back({"log_delivery", "unknown service \"" + s.get<std::string>() + "\" (cloudtrail, config)"});
    }
  }
  for (const Value& s : properties.value("log_sources", Value::array())) {
    if (!s.is_string() || s.get<std::string>().find("${") != std::string::npos) continue;
    if (!IsLogSource(s.get<std::string>())) {
      problems.push_back({"log_sources", "\"" + s.get<std::string>() +
                                             "\" is neither an account id (12 digits) nor an organization id (o-...)"});
    }
  }
  if (!properties.value("log_sources", Value::array()).empty() &&
      properties.value("log_delivery", Value::array()).empty()) {
    problems.push_back({"log_sources", "needs log_delivery: the services whose logs the sources deliver"});
  }
  const Value days = properties.value("expiration_days", Value(0));
  if (days.is_number_integer() && (days.get<int64_t>() < 0 || days.get<int64_t>() > 36500)) {
    problems.push_back({"expiration_days", "must be from 0 (keep) to 36500 days"});
  }
  return problems;
}

// The bucket's tag list ([] when it has none).
Result<Value> TagList(aws::AwsClient* client, const std::string& name) {
  Result<Value> out = client->Call("s3", "GetBucketTagging", {{"Bucket", name}});
  if (!out.ok()) return out.status().reason() == "NoSuchTagSet" ? Result<Value>(Value::array()) : out.status();
  return out->value("TagSet", Value::array());
}

// Outside us-east-1 CreateBucket refuses a bucket this account has (BucketAlreadyOwnedByYou,
// then Find judges it); us-east-1 answers success, so a bucket there that carries another
// state's pave tags is refused before the create can take it over.
Status CreateInput(const SpecEnv& env, const Value& desired, Value* input) {
  if (env.region != "us-east-1") {
    (*input)["CreateBucketConfiguration"] = {{"LocationConstraint", env.region}};
    return Status::Ok();
  }
  std::string name = GetString(desired, "bucket");
  Result<Value> tag_list = TagList(env.client, name);
  if (!tag_list.ok()) return IsNoSuchBucket(tag_list.status()) ? Status::Ok() : tag_list.status();
  if (OwnershipOf(*env.ctx, *tag_list) != Ownership::kForeign) return Status::Ok();
  return ForeignResourceError(*env.ctx, *tag_list, "bucket " + name);
}

// A Get* call whose `absent` error code means the setting is not there (nullopt).
Result<std::optional<Value>> GetSetting(aws::AwsClient* client, const std::string& op, const std::string& name,
                                        const std::string& absent) {
  Result<Value> out = client->Call("s3", op, {{"Bucket", name}});
  if (!out.ok() && out.status().reason() == absent && !absent.empty()) return std::optional<Value>();
  if (!out.ok()) return out.status();
  return std::optional<Value>(std::move(out).value());
}

void SetSettings(const std::optional<Value>& versioning, const std::optional<Value>& encryption,
                 const std::optional<Value>& block, const std::optional<Value>& policy, const std::string& own_account,
                 Value* a) {
  (*a)["versioning"] = versioning && GetString(*versioning, "Status") == "Enabled";
  (*a)["sse_algorithm"] = "";
  (*a)["kms_key_arn"] = "";
  if (encryption) {
    Value rules = encryption->value("ServerSideEncryptionConfiguration", Value::object()).value("Rules", Value::array());
    if (!rules.empty()) {
      Value by_default = rules[0].value("ApplyServerSideEncryptionByDefault", Value::object());
      (*a)["sse_algorithm"] = GetString(by_default, "SSEAlgorithm");
      (*a)["kms_key_arn"] = GetString(by_default, "KMSMasterKeyID");
    }
  }
  (*a)["block_public_access"] =
      block.has_value() && AllPublicAccessBlocked(block->value("PublicAccessBlockConfiguration", Value::object()));
  BucketPolicySettings settings =
      policy ? ParseBucketPolicy(GetString(*policy, "Policy"), own_account) : BucketPolicySettings{};
  (*a)["require_tls"] = settings.require_tls;
  (*a)["log_delivery"] = settings.log_delivery;
  (*a)["log_sources"] = settings.sources;
}

// A bucket's settings: versioning, encryption, public-access block, policy, lifecycle and
// tags, the six calls at once.
Status ReadSettings(const SpecEnv& env, const Value&, Value* a) {
  const std::string name = GetString(*a, "bucket");
  struct Get {
    const char* operation;
    const char* absent;  // the code for "not set"; "": always set
  };
  static constexpr Get kGets[] = {{"GetBucketVersioning", ""},
                                  {"GetBucketEncryption", "ServerSideEncryptionConfigurationNotFoundError"},
                                  {"GetPublicAccessBlock", "NoSuchPublicAccessBlockConfiguration"},
                                  {"GetBucketPolicy", "NoSuchBucketPolicy"},
                                  {"GetBucketLifecycleConfiguration", "NoSuchLifecycleConfiguration"},
                                  {"GetBucketTagging", "NoSuchTagSet"}};
  std::vector<Result<std::optional<Value>>> got(std::size(kGets), std::optional<Value>());
  ParallelFor(got.size(), got.size(),
              [&](size_t i) { got[i] = GetSetting(env.client, kGets[i].operation, name, kGets[i].absent); });
  for (const Result<std::optional<Value>>& s : got) RETURN_IF_ERROR(s.status());
  std::string own_account;  // only needed to read whose logs a delivery statement admits
  if (*got[3] && GetString(**got[3], "Policy").find("AWSLogs/") != std::string::npos) {
    ASSIGN_OR_RETURN(own_account, env.account->Get());
  }
  SetSettings(*got[0], *got[1], *got[2], *got[3], own_account, a);
  (*a)["expiration_days"] = *got[4] ? ExpirationDays(**got[4]) : 0;
  (*a)["tags"] = UserTags(*got[5] ? (*got[5])->value("TagSet", Value::array()) : Value::array());
  (*a)["region"] = env.region;
  return Status::Ok();
}

// No statement left: no policy at all.
bool NoPolicy(const Value& desired) {
  BucketPolicySettings want = PolicySettings(desired, true);
  return !want.require_tls && want.log_delivery.empty();
}

// The bucket policy: the TLS-only statement and the log-delivery statements, in one document.
Status PolicyInput(const SpecEnv& env, const Value&, const Value& desired, Value* input) {
  if (NoPolicy(desired)) return Status::Ok();  // the unset call: DeleteBucketPolicy
  BucketPolicySettings want = PolicySettings(desired, true);
  std::string account;
  if (!want.log_delivery.empty()) {
    ASSIGN_OR_RETURN(account, env.account->Get());
  }
  (*input)["Policy"] = BucketPolicy(GetString(desired, "bucket"), account, want);
  return Status::Ok();
}

// Objects go with the bucket only when the run allows data loss.
Status EmptyFirst(const SpecEnv& env, const std::string& name) {
  ASSIGN_OR_RETURN(ObjectCount count, CountObjectVersions(env.client, name));
  if (count.empty()) return Status::Ok();
  if (!env.ctx->allow_data_loss) {
    return Status::FailedPrecondition("bucket " + name + " holds " + count.ToString() +
                                      ": pave deletes a bucket's objects only with --allow-data-loss");
  }
  env.ctx->Progress("deleting the " + count.ToString() + " of bucket " + name);
  return EmptyBucket(env.client, name).status();
}

ResourceSpec BucketSpec() {
  return {
      .type = "aws_s3_bucket",
      .description = "an S3 bucket, private, encrypted and TLS-only",
      .service = "s3",
      .key_attribute = "bucket",
      .attributes =
          {
              {.name = "bucket", .required = true, .force_new = true,
               .description = "the globally unique bucket name", .create_member = "Bucket", .read_member = "Name"},
              {.name = "versioning", .type = AttrType::kBool, .description = "keep every version of every object",
               .default_value = true, .initial_value = false},
              {.name = "sse_algorithm", .description = "default encryption: AES256 (SSE-S3) or aws:kms (SSE-KMS)",
               .default_value = "AES256", .initial_value = ""},
              {.name = "kms_key_arn", .description = "the KMS key for aws:kms (empty: aws/s3)", .default_value = ""},
              {.name = "block_public_access", .type = AttrType::kBool,
               .description = "all four switches of the public-access block", .default_value = true,
               .initial_value = false},
              {.name = "require_tls", .type = AttrType::kBool,
               .description = "a bucket policy denying requests without TLS", .default_value = true,
               .initial_value = false},
              {.name = "log_delivery", .type = AttrType::kList, .unordered = true,
               .description = "AWS services the bucket policy admits to deliver their logs under "
                              "AWSLogs/<account>/ (cloudtrail, config), from this account or the log_sources",
               .default_value = Value::array()},
              {.name = "log_sources", .type = AttrType::kList, .unordered = true,
               .description = "whose logs log_delivery admits: account ids and an organization id (o-..., "
                              "CloudTrail's organization trail); empty: this bucket's account only",
               .default_value = Value::array()},
              {.name = "expiration_days", .type = AttrType::kInt,
               .description = "delete objects and replaced versions this many days after they were written "
                              "(0: keep them)",
               .default_value = 0},
              {.name = "tags"},
              {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
              {.name = "region", .computed = true, .description = "the bucket's region"},
          },
      .arn_format = "arn:aws:s3:::{id}",
      .holds_data = true,
      .create = {.operation = "CreateBucket", .conflict_codes = {"BucketAlreadyOwnedByYou"},
                 .explained_codes = {{"BucketAlreadyExists",
                                      "the bucket name is taken by another account (bucket names are global)"}}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListBuckets", .result_key = "Buckets",
               .item_key = "Name"},
      // In this order, as a new bucket has them set: public access blocked before anything else.
      .updates =
          {
              {.operation = "PutPublicAccessBlock", .key_member = "Bucket",
               .members = {{"block_public_access", ""}}, .unset_operation = "DeletePublicAccessBlock",
               .false_is_unset = true,
               .fill = [](const SpecEnv&, const Value&, const Value& desired, Value* input) {
                 if (GetBool(desired, "block_public_access", true)) {
                   (*input)["PublicAccessBlockConfiguration"] = PublicAccessBlock(true);
                 }
                 return Status::Ok();
               }},
              {.operation = "PutBucketEncryption", .key_member = "Bucket",
               .members = {{"sse_algorithm", ""}, {"kms_key_arn", ""}},
               .fill = [](const SpecEnv&, const Value&, const Value& desired, Value* input) -> Status {
                 ASSIGN_OR_RETURN(Value config, EncryptionConfiguration(GetString(desired, "sse_algorithm", "AES256"),
                                                                        GetString(desired, "kms_key_arn")));
                 (*input)["ServerSideEncryptionConfiguration"] = std::move(config);
                 return Status::Ok();
               }},
              {.operation = "PutBucketVersioning", .key_member = "Bucket", .members = {{"versioning", ""}},
               .fill = [](const SpecEnv&, const Value&, const Value& desired, Value* input) {
                 (*input)["VersioningConfiguration"] = {
                     {"Status", GetBool(desired, "versioning", true) ? "Enabled" : "Suspended"}};
                 return Status::Ok();
               }},
              {.operation = "PutBucketPolicy", .key_member = "Bucket",
               .members = {{"require_tls", ""}, {"log_delivery", ""}, {"log_sources", ""}},
               .unset_operation = "DeleteBucketPolicy",
               .unset_when = NoPolicy,
               .fill = PolicyInput},
              {.operation = "PutBucketLifecycleConfiguration", .key_member = "Bucket",
               .members = {{"expiration_days", ""}}, .unset_operation = "DeleteBucketLifecycle",
               .unset_when = [](const Value& desired) { return GetInt(desired, "expiration_days", 0) <= 0; },
               .fill = [](const SpecEnv&, const Value&, const Value& desired, Value* input) {
                 int64_t days = GetInt(desired, "expiration_days", 0);
                 if (days > 0) (*input)["LifecycleConfiguration"] = ExpirationLifecycle(static_cast<int>(days));
                 return Status::Ok();
               }},
          },
      .tags = {.style = TagStyle::kKeyValueList, .tag_operation = "PutBucketTagging", .resource_member = "Bucket",
               .resource_attribute = "bucket", .tags_member = "Tagging.TagSet",
               .list_operation = "GetBucketTagging", .list_result = "TagSet", .not_yet_codes = {"NoSuchBucket"},
               .after_create = true, .no_tags_codes = {"NoSuchTagSet"}},
      .del = {.operation = "DeleteBucket", .key_member = "Bucket", .gone_codes = {"NoSuchBucket"},
              .retry_codes = {"BucketNotEmpty"}},
      .find = FindStyle::kByKey,
      .hooks = {.read_detail = ReadSettings,
                .create_input = CreateInput,
                .before_delete = EmptyFirst,
                .check_properties = CheckBucket,
                .adopt_untagged =
                    [](const SpecEnv& env, const Value& attrs) -> Result<bool> {
                      ASSIGN_OR_RETURN(ObjectCount count, CountObjectVersions(env.client, GetString(attrs, "bucket")));
                      return count.empty();
                    }},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewS3BucketType(AwsTypeDeps deps) { return NewSpecType(std::move(deps), BucketSpec()); }

void RegisterS3Types(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewS3BucketType(deps));
}

}  // namespace pave::aws_provider
