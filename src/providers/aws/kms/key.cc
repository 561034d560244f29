// aws_kms_key: a customer managed KMS key. Rotation is on by default (EnableKeyRotation);
// Delete schedules the deletion with a waiting period (deletion_window_in_days, 7..30,
// default 30) and never deletes at once; a key pending deletion reads as gone.
//
// KMS has no call that describes many keys, so Read costs DescribeKey, GetKeyRotationStatus,
// GetKeyPolicy and ListResourceTags per key: the keys are read in parallel, and the last
// three calls of a key go out together, so a refresh costs two round trips of wall time. Find (adoption after a crash) lists the keys and
// their tags and picks the one tagged with this address and token.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/parallel.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/kms/kms_types.h"

namespace pave::aws_provider {

Value KmsTagList(const Value& tag_map) {
  Value out = Value::array();
  for (const Value& t : TagMapToList(tag_map)) {
    out.push_back({{"TagKey", t["Key"]}, {"TagValue", t["Value"]}});
  }
  return out;
}

Value KmsTagMap(const Value& tag_list) {
  Value out = Value::object();
  if (!tag_list.is_array()) return out;
  for (const Value& t : tag_list) out[GetString(t, "TagKey")] = GetString(t, "TagValue");
  return out;
}

namespace {

constexpr int64_t kDefaultWaitingDays = 30;

ResourceSchema KeySchema() {
  AttributeSchema policy = Computed("policy", AttrType::kString,
                                    "key policy (JSON); AWS's default policy when unset");
  ResourceSchema s;
  s.type = "aws_kms_key";
  s.description = "a customer managed KMS key";
  s.attributes = {
      Optional("description", AttrType::kString, "what the key protects", Value("")),
      policy,
      Optional("enable_key_rotation", AttrType::kBool, "rotate the key material every year", true),
      Optional("key_usage", AttrType::kString, "ENCRYPT_DECRYPT, SIGN_VERIFY or GENERATE_VERIFY_MAC",
               Value("ENCRYPT_DECRYPT"), true),
      Optional("key_spec", AttrType::kString, "SYMMETRIC_DEFAULT, RSA_2048, ...",
               Value("SYMMETRIC_DEFAULT"), true),
      Optional("deletion_window_in_days", AttrType::kInt,
               "days between destroy and the key's deletion (7..30)", kDefaultWaitingDays),
      TagsAttribute(),
      ArnAttribute(),
      Stable("key_id", AttrType::kString, "the key id (a UUID)"),
  };
  s.holds_data = true;
  s.typical_create = std::chrono::milliseconds(2000);
  return s;
}

bool IsGoneState(const std::string& key_state) {
  return key_state == "PendingDeletion" || key_state == "PendingReplicaDeletion";
}

Status CheckWaitingDays(const OperationContext& ctx, int64_t days) {
  if (days >= kMinWaitingDays && days <= kMaxWaitingDays) return Status::Ok();
  return Status::InvalidArgument("deletion_window_in_days of " + ctx.address.ToString() +
                                 " must be between 7 and 30 days, found " + std::to_string(days));
}

class KmsKeyType : public AwsResourceType {
 public:
  explicit KmsKeyType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), KeySchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    RETURN_IF_ERROR(CheckWaitingDays(ctx, GetInt(desired, "deletion_window_in_days", kDefaultWaitingDays)));
    Value input = {{"Description", GetString(desired, "description")},
                   {"KeyUsage", GetString(desired, "key_usage", "ENCRYPT_DECRYPT")},
                   {"KeySpec", GetString(desired, "key_spec", "SYMMETRIC_DEFAULT")},
                   {"Tags", KmsTagList(TagsForCreate(ctx, desired))}};
    if (!GetString(desired, "policy").empty()) input["Policy"] = desired["policy"];
    ASSIGN_OR_RETURN(Value out, Kms("CreateKey", input));
    std::string id = GetString(out.value("KeyMetadata", Value::object()), "KeyId");
    if (id.empty()) return Status::Internal("kms CreateKey returned no KeyId");
    ctx.Created({{"id", id}});  // the key exists: recorded before rotation can fail
    RETURN_IF_ERROR(ApplyRotation(id, desired, /*current=*/std::nullopt));
    return ReadBackWith(ctx, id, desired);
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<Result<std::optional<Value>>> read(requests.size(), std::optional<Value>());
    ParallelFor(requests.size(), kReadParallelism,
                [&](size_t i) { read[i] = ReadOne(GetString(requests[i].prior, "id")); });
    std::vector<std::optional<Value>> out;
    for (size_t i = 0; i < requests.size(); ++i) {
      ASSIGN_OR_RETURN(std::optional<Value> got, std::move(read[i]));
      if (got) (*got)["deletion_window_in_days"] = GetInt(requests[i].prior, "deletion_window_in_days", kDefaultWaitingDays);
      out.push_back(std::move(got));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string id = GetString(prior, "id");
    RETURN_IF_ERROR(CheckWaitingDays(ctx, GetInt(desired, "deletion_window_in_days", kDefaultWaitingDays)));
    if (GetString(prior, "description") != GetString(desired, "description")) {
      RETURN_IF_ERROR(Kms("UpdateKeyDescription", {{"KeyId", id}, {"Description", GetString(desired, "description")}})
                          .status());
    }
    std::string policy = GetString(desired, "policy");
    if (!policy.empty() && policy != GetString(prior, "policy")) {
      RETURN_IF_ERROR(Kms("PutKeyPolicy", {{"KeyId", id}, {"PolicyName", "default"}, {"Policy", policy}}).status());
    }
    RETURN_IF_ERROR(ApplyRotation(id, desired, GetBool(prior, "enable_key_rotation", false)));
    RETURN_IF_ERROR(SyncTags(ctx, id, prior, desired));
    return ReadBackWith(ctx, id, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    std::string id = GetString(prior, "id");
    int64_t days = GetInt(prior, "deletion_window_in_days", kDefaultWaitingDays);
    RETURN_IF_ERROR(CheckWaitingDays(ctx, days));
    Result<Value> described = Kms("DescribeKey", {{"KeyId", id}});
    if (!described.ok()) return IsNotFound(described.status()) ? Status::Ok() : described.status();
    if (IsGoneState(GetString((*described)["KeyMetadata"], "KeyState"))) return Status::Ok();
    Status s = Kms("ScheduleKeyDeletion", {{"KeyId", id}, {"PendingWindowInDays", days}}).status();
    if (!s.ok()) return IsNotFound(s) ? Status::Ok() : s;
    ctx.Progress("key " + id + " scheduled for deletion in " + std::to_string(days) + " days");
    return Status::Ok();
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(Value keys, client()->CallAllPages("kms", "ListKeys", Value::object()));
    std::vector<Value> live;  // tagged as this address and not pending deletion
    for (const Value& k : keys.value("Keys", Value::array())) {
      std::string id = GetString(k, "KeyId");
      Result<Value> tags = Kms("ListResourceTags", {{"KeyId", id}});
      if (!tags.ok()) continue;  // AWS managed keys and keys we may not read are not ours
      Value tag_list = TagMapToList(KmsTagMap(tags->value("Tags", Value::array())));
      if (!TaggedAs(tag_list, ctx.platform, ctx.address.ToString())) continue;
      ASSIGN_OR_RETURN(Value described, Kms("DescribeKey", {{"KeyId", id}}));
      if (IsGoneState(GetString(described.value("KeyMetadata", Value::object()), "KeyState"))) continue;
      live.push_back({{"KeyId", id}, {"Tags", tag_list}});
    }
    std::optional<Value> pick = PickAdoptable(ctx, live);
    if (!pick) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value attrs, ReadBackWith(ctx, GetString(*pick, "KeyId"), desired));
    return std::optional<Value>(std::move(attrs));
  }

 private:
  Result<Value> Kms(const std::string& op, const Value& input) const { return client()->Call("kms", op, input); }

  Result<Value> ReadBackWith(const OperationContext& ctx, const std::string& id, const Value& desired) {
    ASSIGN_OR_RETURN(Value got, ReadBack(ctx, {{"id", id}}));
    got["deletion_window_in_days"] = GetInt(desired, "deletion_window_in_days", kDefaultWaitingDays);
    return got;
  }

  // The key's attributes, or nullopt when it does not exist or is pending deletion.
  Result<std::optional<Value>> ReadOne(const std::string& id) const {
    if (id.empty()) return std::optional<Value>();
    Result<Value> described = Kms("DescribeKey", {{"KeyId", id}});
    if (!described.ok()) {
      if (IsNotFound(described.status())) return std::optional<Value>();
      return described.status();
    }
    const Value meta = described->value("KeyMetadata", Value::object());
    if (IsGoneState(GetString(meta, "KeyState"))) return std::optional<Value>();
    std::string spec = GetString(meta, "KeySpec", GetString(meta, "CustomerMasterKeySpec", "SYMMETRIC_DEFAULT"));
    std::string usage = GetString(meta, "KeyUsage", "ENCRYPT_DECRYPT");
    Value a = {{"id", id}, {"key_id", id}, {"arn", GetString(meta, "Arn")},
               {"description", GetString(meta, "Description")}, {"key_usage", usage}, {"key_spec", spec}};
    bool rotates = RotationApplies(spec, usage);
    Result<Value> got[3] = {Value::object(), Value::object(), Value::object()};
    ParallelFor(3, 3, [&](size_t i) {
      if (i == 0 && rotates) got[0] = Kms("GetKeyRotationStatus", {{"KeyId", id}});
      if (i == 1) got[1] = Kms("GetKeyPolicy", {{"KeyId", id}, {"PolicyName", "default"}});
      if (i == 2) got[2] = client()->CallAllPages("kms", "ListResourceTags", {{"KeyId", id}});
    });
    ASSIGN_OR_RETURN(Value rotation, std::move(got[0]));
    ASSIGN_OR_RETURN(Value policy, std::move(got[1]));
    ASSIGN_OR_RETURN(Value tags, std::move(got[2]));
    a["enable_key_rotation"] = rotates && GetBool(rotation, "KeyRotationEnabled", false);
    if (!GetString(policy, "Policy").empty()) {
      ASSIGN_OR_RETURN(a["policy"], NormalizePolicy(policy["Policy"]));
    }
    a["tags"] = UserTags(TagMapToList(KmsTagMap(tags.value("Tags", Value::array()))));
    return std::optional<Value>(std::move(a));
  }

  // Automatic rotation exists for symmetric encryption keys only.
  static bool RotationApplies(const std::string& spec, const std::string& usage) {
    return spec == "SYMMETRIC_DEFAULT" && usage == "ENCRYPT_DECRYPT";
  }

  Status ApplyRotation(const std::string& id, const Value& desired, std::optional<bool> current) const {
    std::string spec = GetString(desired, "key_spec", "SYMMETRIC_DEFAULT");
    std::string usage = GetString(desired, "key_usage", "ENCRYPT_DECRYPT");
    bool want = GetBool(desired, "enable_key_rotation", true);
    if (!RotationApplies(spec, usage)) return Status::Ok();
    if (current.has_value() ? *current == want : !want) return Status::Ok();
    return Kms(want ? "EnableKeyRotation" : "DisableKeyRotation", {{"KeyId", id}}).status();
  }

  Status SyncTags(const OperationContext& ctx, const std::string& id, const Value& prior, const Value& desired) const {
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) RETURN_IF_ERROR(Kms("UntagResource", {{"KeyId", id}, {"TagKeys", removed}}).status());
    return Kms("TagResource", {{"KeyId", id}, {"Tags", KmsTagList(TagsForCreate(ctx, desired, false))}}).status();
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewKmsKeyType(AwsTypeDeps deps) {
  return std::make_unique<KmsKeyType>(std::move(deps));
}

void RegisterKmsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewKmsKeyType(deps));
  registry->Register(NewKmsAliasType(deps));
}

}  // namespace pave::aws_provider
