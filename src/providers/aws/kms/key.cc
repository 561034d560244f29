// aws_kms_key (a spec): a customer managed KMS key. Rotation is on by default
// (EnableKeyRotation after the create: AWS makes keys without it); Delete schedules the
// deletion with a waiting period (deletion_window_in_days, 7..30, default 30) and never
// deletes at once; a key pending deletion reads as gone.
//
// KMS has no call that describes many keys, so Read costs DescribeKey, GetKeyRotationStatus,
// GetKeyPolicy and ListResourceTags per key: the keys are read in parallel (a get-each read),
// and the last three calls of a key go out together, so a refresh costs two round trips of
// wall time. Find
// (adoption after a crash) lists the keys and their tags and picks the one tagged with this
// address and token.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/parallel.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/kms/kms_types.h"
#include "providers/aws/spec/spec_type.h"

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

bool IsGoneState(const std::string& key_state) {
  return key_state == "PendingDeletion" || key_state == "PendingReplicaDeletion";
}

// Automatic rotation exists for symmetric encryption keys only.
bool RotationApplies(const Value& key) {
  return GetString(key, "key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT" &&
         GetString(key, "key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT";
}

Result<Value> Kms(const SpecEnv& env, const std::string& op, const Value& input) {
  return env.client->Call("kms", op, input);
}

// A key pending deletion reads as gone; an older API names the spec CustomerMasterKeySpec.
bool KeyMetadata(const SpecEnv&, const Value& meta, const Value&, Value* a) {
  if (IsGoneState(GetString(meta, "KeyState"))) return false;
  (*a)["key_usage"] = GetString(meta, "KeyUsage", "ENCRYPT_DECRYPT");
  (*a)["key_spec"] = GetString(meta, "KeySpec", GetString(meta, "CustomerMasterKeySpec", "SYMMETRIC_DEFAULT"));
  if (!a->contains("description")) (*a)["description"] = "";
  return true;
}

// Rotation, policy and tags: three calls of the key at once.
Status KeyDetail(const SpecEnv& env, const Value&, Value* a) {
  const std::string id = GetString(*a, "id");
  bool rotates = RotationApplies(*a);
  Result<Value> got[3] = {Value::object(), Value::object(), Value::object()};
  ParallelFor(3, 3, [&](size_t i) {
    if (i == 0 && rotates) got[0] = Kms(env, "GetKeyRotationStatus", {{"KeyId", id}});
    if (i == 1) got[1] = Kms(env, "GetKeyPolicy", {{"KeyId", id}, {"PolicyName", "default"}});
    if (i == 2) got[2] = env.client->CallAllPages("kms", "ListResourceTags", {{"KeyId", id}});
  });
  ASSIGN_OR_RETURN(Value rotation, std::move(got[0]));
  ASSIGN_OR_RETURN(Value policy, std::move(got[1]));
  ASSIGN_OR_RETURN(Value tags, std::move(got[2]));
  (*a)["enable_key_rotation"] = rotates && GetBool(rotation, "KeyRotationEnabled", false);
  if (!GetString(policy, "Policy").empty()) {
    ASSIGN_OR_RETURN((*a)["policy"], NormalizePolicy(policy["Policy"]));
  }
  (*a)["tags"] = UserTags(TagMapToList(KmsTagMap(tags.value("Tags", Value::array()))));
  return Status::Ok();
}

// The key this address made, of those listed: tagged so and not pending deletion.
Result<std::optional<std::string>> FindKey(const SpecEnv& env, const OperationContext& ctx, const Value&) {
  ASSIGN_OR_RETURN(Value keys, env.client->CallAllPages("kms", "ListKeys", Value::object()));
  std::vector<Value> live;
  for (const Value& k : keys.value("Keys", Value::array())) {
    std::string id = GetString(k, "KeyId");
    Result<Value> tags = Kms(env, "ListResourceTags", {{"KeyId", id}});
    if (!tags.ok()) continue;  // AWS managed keys and keys we may not read are not ours
    Value tag_list = TagMapToList(KmsTagMap(tags->value("Tags", Value::array())));
    if (!TaggedAs(tag_list, ctx.platform, ctx.address.ToString())) continue;
    ASSIGN_OR_RETURN(Value described, Kms(env, "DescribeKey", {{"KeyId", id}}));
    if (IsGoneState(GetString(described.value("KeyMetadata", Value::object()), "KeyState"))) continue;
    live.push_back({{"KeyId", id}, {"Tags", tag_list}});
  }
  std::optional<Value> pick = AwsResourceType::PickAdoptable(ctx, live);
  if (!pick) return std::optional<std::string>();
  return std::optional<std::string>(GetString(*pick, "KeyId"));
}

// A key already pending deletion has nothing left to delete: reported as gone.
Status LeavePending(const SpecEnv& env, const std::string& id) {
  ASSIGN_OR_RETURN(Value described, Kms(env, "DescribeKey", {{"KeyId", id}}));
  if (!IsGoneState(GetString(described.value("KeyMetadata", Value::object()), "KeyState"))) return Status::Ok();
  return Status::NotFound("key " + id + " is already pending deletion");
}

ResourceSpec KeySpec() {
  return {
      .type = "aws_kms_key",
      .description = "a customer managed KMS key",
      .service = "kms",
      .attributes = {
          {.name = "description", .description = "what the key protects", .default_value = Value(""),
           .create_member = "Description", .read_member = "Description"},
          {.name = "policy", .computed = true, .description = "key policy (JSON); AWS's default policy when unset",
           .create_member = "Policy"},
          {.name = "enable_key_rotation", .type = AttrType::kBool,
           .description = "rotate the key material every year", .default_value = Value(true),
           .initial_value = Value(false)},
          {.name = "key_usage", .force_new = true, .description = "ENCRYPT_DECRYPT, SIGN_VERIFY or GENERATE_VERIFY_MAC",
           .default_value = Value("ENCRYPT_DECRYPT"), .create_member = "KeyUsage"},
          {.name = "key_spec", .force_new = true, .description = "SYMMETRIC_DEFAULT, RSA_2048, ...",
           .default_value = Value("SYMMETRIC_DEFAULT"), .create_member = "KeySpec"},
          {.name = "deletion_window_in_days", .type = AttrType::kInt,
           .description = "days between destroy and the key's deletion (7..30)", .default_value = Value(30)},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN", .read_member = "Arn"},
          {.name = "key_id", .computed = true, .stable = true, .description = "the key id (a UUID)",
           .read_member = "KeyId"}},
      .holds_data = true,
      .create = {.operation = "CreateKey", .id_output = "KeyMetadata.KeyId"},
      .read = {.style = ReadStyle::kGetEach, .operation = "DescribeKey", .result_key = "KeyMetadata",
               .get_members = {{"id", "KeyId"}}},
      .updates = {{.operation = "UpdateKeyDescription", .key_member = "KeyId",
                   .members = {{"description", "Description"}}},
                  {.operation = "PutKeyPolicy", .key_member = "KeyId", .members = {{"policy", "Policy"}},
                   .constants = {{"PolicyName", "default"}}},
                  {.operation = "EnableKeyRotation", .key_member = "KeyId", .members = {{"enable_key_rotation", ""}},
                   .unset_operation = "DisableKeyRotation", .false_is_unset = true, .applies = RotationApplies}},
      .tags = {.style = TagStyle::kKeyValueList, .create_member = "Tags", .tag_operation = "TagResource",
               .untag_operation = "UntagResource", .resource_member = "KeyId", .resource_attribute = "id",
               .tags_member = "Tags", .keys_member = "TagKeys", .key_name = "TagKey", .value_name = "TagValue",
               .list_operation = "ListResourceTags", .list_result = "Tags"},
      .del = {.operation = "ScheduleKeyDeletion", .key_member = "KeyId", .waiting_attribute = "deletion_window_in_days",
              .waiting_member = "PendingWindowInDays", .waiting_noun = "key"},
      .find = FindStyle::kByKey,
      .typical_create = std::chrono::milliseconds(2000),
      .hooks = {.read = KeyMetadata, .read_detail = KeyDetail, .before_delete = LeavePending, .find_key = FindKey},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewKmsKeyType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), KeySpec());
}

void RegisterKmsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewKmsKeyType(deps));
  registry->Register(NewKmsAliasType(deps));
}

}  // namespace pave::aws_provider
