// aws_s3_bucket. S3 has no call that describes many buckets, so Read lists the buckets once
// (ListBuckets) and then reads each existing bucket's settings: versioning, encryption,
// public-access block, policy, lifecycle and tags (six calls per bucket, made together, and
// buckets in parallel: two round trips of wall time for a refresh). CreateBucket takes no tags,
// so the tags (with pave:token) are put right after it; a bucket of this account with the
// same name and no tags at all that holds no object is taken as one a crashed create made.
// A bucket with another state's pave tags (pave:lineage, tags.h) is refused, never adopted.
#include "providers/aws/s3/bucket.h"

#include <algorithm>
#include <set>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/parallel.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/s3/bucket_config.h"
#include "providers/aws/s3/bucket_objects.h"

namespace pave::aws_provider {
namespace {

ResourceSchema BucketSchema() {
  ResourceSchema s;
  s.type = "aws_s3_bucket";
  s.description = "an S3 bucket, private, encrypted and TLS-only";
  s.attributes = {
      Required("bucket", AttrType::kString, "the globally unique bucket name", true),
      Optional("versioning", AttrType::kBool, "keep every version of every object", true),
      Optional("sse_algorithm", AttrType::kString, "default encryption: AES256 (SSE-S3) or aws:kms (SSE-KMS)",
               Value("AES256")),
      Optional("kms_key_arn", AttrType::kString, "the KMS key for aws:kms (empty: aws/s3)", Value("")),
      Optional("block_public_access", AttrType::kBool, "all four switches of the public-access block", true),
      Optional("require_tls", AttrType::kBool, "a bucket policy denying requests without TLS", true),
      Unordered(Optional("log_delivery", AttrType::kList,
                         "AWS services the bucket policy admits to deliver their logs under AWSLogs/<account>/ "
                         "(cloudtrail, config), from this account or the log_sources",
                         Value::array())),
      Unordered(Optional("log_sources", AttrType::kList,
                         "whose logs log_delivery admits: account ids and an organization id (o-..., "
                         "CloudTrail's organization trail); empty: this bucket's account only",
                         Value::array())),
      Optional("expiration_days", AttrType::kInt,
               "delete objects and replaced versions this many days after they were written (0: keep them)",
               Value(0)),
      TagsAttribute(),
      ArnAttribute(),
      Computed("region", AttrType::kString, "the bucket's region"),
  };
  s.holds_data = true;
  return s;
}

bool IsNoSuchBucket(const Status& s) { return s.reason() == "NoSuchBucket" || IsNotFound(s); }

// The settings a bucket has right after CreateBucket, before pave configures it.
Value NewBucketSettings() {
  return {{"versioning", false}, {"sse_algorithm", ""}, {"kms_key_arn", ""}, {"block_public_access", false},
          {"require_tls", false},     {"log_delivery", Value::array()}, {"log_sources", Value::array()},
          {"expiration_days", 0}};
}

// The policy settings of an attribute set (log_delivery sorted, unknown names kept: Configure
// refuses them).
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

class S3BucketType : public AwsResourceType {
 public:
  explicit S3BucketType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), BucketSchema()) {}

  std::vector<PropertyProblem> CheckProperties(const Value& properties) const override {
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

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "bucket");
    Value input = {{"Bucket", name}};
    if (region() != "us-east-1") input["CreateBucketConfiguration"] = {{"LocationConstraint", region()}};
    Status s = S3("CreateBucket", input).status();
    if (s.reason() == "BucketAlreadyExists") {
      return s.WithContext("bucket name " + name + " is taken by another account (bucket names are global)");
    }
    if (s.reason() == "BucketAlreadyOwnedByYou") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine) return s.WithContext("bucket " + name + " exists and was not made by this platform");
      return Update(ctx, *mine, desired);
    }
    RETURN_IF_ERROR(s);
    // us-east-1 answers CreateBucket on an existing bucket of this account with success.
    RETURN_IF_ERROR(RefuseForeign(ctx, name));
    // A new bucket may not be visible at once: tag it as soon as S3 knows it.
    RETURN_IF_ERROR(poller().RetryWhile(ctx, "waiting for bucket " + name, {"NoSuchBucket"}, [&]() {
      return PutTags(ctx, name, desired, /*with_token=*/true);
    }));
    RETURN_IF_ERROR(Configure(name, NewBucketSettings(), desired));
    return ReadBack(ctx, {{"id", name}, {"bucket", name}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::set<std::string> existing;
    if (!PriorValues(requests, "bucket").empty()) {
      ASSIGN_OR_RETURN(existing, ListBucketNames());
    }
    std::vector<Result<std::optional<Value>>> read(requests.size(), std::optional<Value>());
    ParallelFor(requests.size(), kReadParallelism, [&](size_t i) {
      std::string name = GetString(requests[i].prior, "bucket");
      if (existing.count(name)) read[i] = ReadOne(name);
    });
    std::vector<std::optional<Value>> out;
    for (Result<std::optional<Value>>& r : read) {
      ASSIGN_OR_RETURN(std::optional<Value> got, std::move(r));
      out.push_back(std::move(got));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string name = GetString(prior, "bucket");
    RETURN_IF_ERROR(PutTags(ctx, name, desired, /*with_token=*/false));
    RETURN_IF_ERROR(Configure(name, prior, desired));
    return ReadBack(ctx, {{"id", name}, {"bucket", name}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string name = GetString(prior, "bucket");
    Result<ObjectCount> count = CountObjectVersions(client(), name);
    if (!count.ok()) return IsNoSuchBucket(count.status()) ? Status::Ok() : count.status();
    if (!count->empty()) {
      if (!ctx.allow_data_loss) {
        return Status::FailedPrecondition("bucket " + name + " holds " + count->ToString() +
                                          ": pave deletes a bucket's objects only with --allow-data-loss");
      }
      ctx.Progress("deleting the " + count->ToString() + " of bucket " + name);
      Result<int64_t> deleted = EmptyBucket(client(), name);
      if (!deleted.ok()) return IsNoSuchBucket(deleted.status()) ? Status::Ok() : deleted.status();
    }
    Status s = poller().RetryWhile(ctx, "deleting bucket " + name, {"BucketNotEmpty"},
                                   [&]() { return S3("DeleteBucket", {{"Bucket", name}}).status(); });
    return IsNoSuchBucket(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "bucket");
    ASSIGN_OR_RETURN(std::set<std::string> existing, ListBucketNames());
    if (!existing.count(name)) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value tag_list, TagList(name));
    switch (OwnershipOf(ctx, tag_list)) {
      case Ownership::kForeign:
        return ForeignResourceError(ctx, tag_list, "bucket " + name);
      case Ownership::kUntagged: {
        if (!tag_list.empty()) return std::optional<Value>();  // someone's, not pave's
        ASSIGN_OR_RETURN(ObjectCount count, CountObjectVersions(client(), name));
        if (!count.empty()) return std::optional<Value>();
        break;
      }
      case Ownership::kOurs:
        if (!TaggedAs(tag_list, ctx.platform, ctx.address.ToString())) return std::optional<Value>();
        break;
    }
    return ReadOne(name);
  }

 private:
  Result<Value> S3(const std::string& op, const Value& input) const { return client()->Call("s3", op, input); }

  Result<std::set<std::string>> ListBucketNames() const {
    ASSIGN_OR_RETURN(Value out, client()->CallAllPages("s3", "ListBuckets", Value::object()));
    std::set<std::string> names;
    for (const Value& b : out.value("Buckets", Value::array())) names.insert(GetString(b, "Name"));
    return names;
  }

  // An error when the bucket (if visible yet) carries another state's pave tags.
  Status RefuseForeign(const OperationContext& ctx, const std::string& name) const {
    Result<Value> tag_list = TagList(name);
    if (!tag_list.ok()) return IsNoSuchBucket(tag_list.status()) ? Status::Ok() : tag_list.status();
    if (OwnershipOf(ctx, *tag_list) != Ownership::kForeign) return Status::Ok();
    return ForeignResourceError(ctx, *tag_list, "bucket " + name);
  }

  // The bucket's tag list ([] when it has none).
  Result<Value> TagList(const std::string& name) const {
    Result<Value> out = S3("GetBucketTagging", {{"Bucket", name}});
    if (!out.ok()) return out.status().reason() == "NoSuchTagSet" ? Result<Value>(Value::array()) : out.status();
    return out->value("TagSet", Value::array());
  }

  Status PutTags(const OperationContext& ctx, const std::string& name, const Value& desired, bool with_token) const {
    Value tags = TagMapToList(TagsForCreate(ctx, desired, with_token));
    return S3("PutBucketTagging", {{"Bucket", name}, {"Tagging", {{"TagSet", tags}}}}).status();
  }

  // Makes the bucket's settings those of `desired`, changing only what differs from `current`.
  Status Configure(const std::string& name, const Value& current, const Value& desired) const {
    bool block = GetBool(desired, "block_public_access", true);
    if (GetBool(current, "block_public_access", !block) != block) {
      Status s = block ? S3("PutPublicAccessBlock", {{"Bucket", name}, {"PublicAccessBlockConfiguration", PublicAccessBlock(true)}}).status()
                       : S3("DeletePublicAccessBlock", {{"Bucket", name}}).status();
      RETURN_IF_ERROR(s);
    }
    std::string sse = GetString(desired, "sse_algorithm", "AES256");
    std::string key = GetString(desired, "kms_key_arn");
    if (GetString(current, "sse_algorithm") != sse || GetString(current, "kms_key_arn") != key) {
      ASSIGN_OR_RETURN(Value config, EncryptionConfiguration(sse, key));
      RETURN_IF_ERROR(S3("PutBucketEncryption", {{"Bucket", name}, {"ServerSideEncryptionConfiguration", config}}).status());
    }
    bool versioning = GetBool(desired, "versioning", true);
    if (GetBool(current, "versioning", !versioning) != versioning) {
      Value config = {{"Status", versioning ? "Enabled" : "Suspended"}};
      RETURN_IF_ERROR(S3("PutBucketVersioning", {{"Bucket", name}, {"VersioningConfiguration", config}}).status());
    }
    RETURN_IF_ERROR(ConfigurePolicy(name, current, desired));
    int64_t days = GetInt(desired, "expiration_days", 0);
    if (GetInt(current, "expiration_days", -1) != days) {
      Status s = days > 0 ? S3("PutBucketLifecycleConfiguration",
                               {{"Bucket", name}, {"LifecycleConfiguration", ExpirationLifecycle(int(days))}})
                                .status()
                          : S3("DeleteBucketLifecycle", {{"Bucket", name}}).status();
      RETURN_IF_ERROR(s);
    }
    return Status::Ok();
  }

  // The bucket policy: the TLS-only statement and the log-delivery statements, in one document.
  Status ConfigurePolicy(const std::string& name, const Value& current, const Value& desired) const {
    BucketPolicySettings want = PolicySettings(desired, true);
    BucketPolicySettings have = PolicySettings(current, !want.require_tls);
    if (have.require_tls == want.require_tls && have.log_delivery == want.log_delivery &&
        (want.log_delivery.empty() || have.sources == want.sources)) {
      return Status::Ok();
    }
    std::string account;
    if (!want.log_delivery.empty()) {
      ASSIGN_OR_RETURN(account, Account());
    }
    std::string policy = BucketPolicy(name, account, want);
    if (policy.empty()) return S3("DeleteBucketPolicy", {{"Bucket", name}}).status();
    return S3("PutBucketPolicy", {{"Bucket", name}, {"Policy", policy}}).status();
  }

  // One bucket's attributes; nullopt when it is gone.
  Result<std::optional<Value>> ReadOne(const std::string& name) const {
    Value a = {{"id", name}, {"bucket", name}, {"arn", S3BucketArn(name)}, {"region", region()}};
    Status s = ReadSettings(name, &a);
    if (!s.ok()) return IsNoSuchBucket(s) ? Result<std::optional<Value>>(std::nullopt) : s;
    return std::optional<Value>(std::move(a));
  }

  // A Get* call whose `absent` error code means the setting is not there (nullopt).
  Result<std::optional<Value>> GetSetting(const std::string& op, const std::string& name,
                                          const std::string& absent) const {
    Result<Value> out = S3(op, {{"Bucket", name}});
    if (!out.ok()) {
      if (out.status().reason() == absent) return std::optional<Value>();
      return out.status();
    }
    return std::optional<Value>(std::move(out).value());
  }

  static Result<std::optional<Value>> Present(Result<Value> got) {
    if (!got.ok()) return got.status();
    return std::optional<Value>(std::move(got).value());
  }

  // The six settings calls at once.
  Status ReadSettings(const std::string& name, Value* a) const {
    using Setting = Result<std::optional<Value>>;
    Setting got[6] = {std::optional<Value>(), std::optional<Value>(), std::optional<Value>(),
                      std::optional<Value>(), std::optional<Value>(), std::optional<Value>()};
    ParallelFor(6, 6, [&](size_t i) {
      switch (i) {
        case 0:
          got[0] = Present(S3("GetBucketVersioning", {{"Bucket", name}}));
          return;
        case 1:
          got[1] = GetSetting("GetBucketEncryption", name, "ServerSideEncryptionConfigurationNotFoundError");
          return;
        case 2:
          got[2] = GetSetting("GetPublicAccessBlock", name, "NoSuchPublicAccessBlockConfiguration");
          return;
        case 3:
          got[3] = GetSetting("GetBucketPolicy", name, "NoSuchBucketPolicy");
          return;
        case 4:
          got[4] = GetSetting("GetBucketLifecycleConfiguration", name, "NoSuchLifecycleConfiguration");
          return;
        default:
          got[5] = Present(TagList(name));
      }
    });
    for (Setting& s : got) RETURN_IF_ERROR(s.status());
    std::string own_account;  // only needed to read whose logs a delivery statement admits
    if (*got[3] && GetString(**got[3], "Policy").find("AWSLogs/") != std::string::npos) {
      ASSIGN_OR_RETURN(own_account, Account());
    }
    SetSettings(*got[0], *got[1], *got[2], *got[3], own_account, a);
    (*a)["expiration_days"] = *got[4] ? ExpirationDays(**got[4]) : 0;
    (*a)["tags"] = UserTags(**got[5]);
    return Status::Ok();
  }

  static void SetSettings(const std::optional<Value>& versioning, const std::optional<Value>& encryption,
                          const std::optional<Value>& block, const std::optional<Value>& policy,
                          const std::string& own_account, Value* a) {
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
};

}  // namespace

std::unique_ptr<ResourceType> NewS3BucketType(AwsTypeDeps deps) {
  return std::make_unique<S3BucketType>(std::move(deps));
}

void RegisterS3Types(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewS3BucketType(deps));
}

}  // namespace pave::aws_provider
