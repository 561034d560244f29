// aws_secretsmanager_secret (a spec). Read is batched: ListSecrets with a name filter of up to
// 10 names per call (all pages; a prefix match, narrowed to exact names by the generic read),
// which returns description, key, tags and versions but never the value. Secrets pending
// deletion are not listed, so they read as gone. Update writes the value again
// (PutSecretValue, a new version) when the resource has one: the provider sees only its
// fingerprint in state. Errors never quote the value (the generic type redacts secret
// attributes).
#include "providers/aws/secretsmanager/secret.h"

#include <algorithm>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

std::string CurrentVersion(const Value& secret) {
  Value stages = secret.value("SecretVersionsToStages", secret.value("VersionIdsToStages", Value::object()));
  if (!stages.is_object()) return "";
  for (auto it = stages.begin(); it != stages.end(); ++it) {
    for (const Value& stage : it.value()) {
      if (stage == "AWSCURRENT") return it.key();
    }
  }
  return "";
}

bool ScheduledForDeletion(const Value& secret) {
  return secret.contains("DeletedDate") && !secret["DeletedDate"].is_null();
}

// The secrets named (and those whose names start so: the filter matches prefixes), 10 names
// a call.
Result<std::vector<Value>> ListSecrets(const SpecEnv& env, const std::vector<std::string>& names) {
  std::vector<Value> items;
  for (size_t start = 0; start < names.size(); start += kMaxSecretsFilterValues) {
    size_t end = std::min(names.size(), start + kMaxSecretsFilterValues);
    Value chunk(std::vector<std::string>(names.begin() + static_cast<ptrdiff_t>(start),
                                         names.begin() + static_cast<ptrdiff_t>(end)));
    Value input = {{"Filters", Value::array({{{"Key", "name"}, {"Values", chunk}}})}};
    ASSIGN_OR_RETURN(Value out, env.client->CallAllPages("secretsmanager", "ListSecrets", input));
    for (Value& s : out.value("SecretList", Value::array())) items.push_back(std::move(s));
  }
  return items;
}

bool CompleteSecret(const SpecEnv&, const Value& item, const Value&, Value* attrs) {
  if (!attrs->contains("description")) (*attrs)["description"] = "";
  (*attrs)["version_id"] = CurrentVersion(item);
  return !ScheduledForDeletion(item);
}

// A secret already scheduled for deletion has nothing left to delete: reported as gone.
Status LeaveScheduled(const SpecEnv& env, const std::string& name) {
  ASSIGN_OR_RETURN(Value described, env.client->Call("secretsmanager", "DescribeSecret", {{"SecretId", name}}));
  if (!ScheduledForDeletion(described)) return Status::Ok();
  return Status::NotFound("secret " + name + " is already scheduled for deletion");
}

// Destroyed, then declared again: this address's secret pending deletion is restored.
Result<bool> RestoreOwn(const SpecEnv& env, const OperationContext& ctx, const Value& desired) {
  std::string name = GetString(desired, "name");
  Result<Value> described = env.client->Call("secretsmanager", "DescribeSecret", {{"SecretId", name}});
  if (!described.ok()) return IsNotFound(described.status()) ? Result<bool>(false) : described.status();
  if (!ScheduledForDeletion(*described) ||
      !TaggedAs(described->value("Tags", Value::array()), ctx.platform, ctx.address.ToString())) {
    return false;
  }
  RETURN_IF_ERROR(env.client->Call("secretsmanager", "RestoreSecret", {{"SecretId", name}}).status());
  ctx.Progress("restored secret " + name + ", which was scheduled for deletion");
  return true;
}

ResourceSpec SecretSpec() {
  return {
      .type = "aws_secretsmanager_secret",
      .description = "a Secrets Manager secret",
      .service = "secretsmanager",
      .key_attribute = "name",
      .attributes = {
          {.name = "name", .required = true, .force_new = true, .description = "the secret name, e.g. shop/github-token",
           .create_member = "Name", .read_member = "Name"},
          {.name = "description", .description = "what it holds", .default_value = Value(""),
           .create_member = "Description", .read_member = "Description"},
          {.name = "kms_key_id", .computed = true,
           .description = "KMS key (id, ARN or alias); aws/secretsmanager when unset",
           .create_member = "KmsKeyId", .read_member = "KmsKeyId"},
          {.name = "value", .secret = true, .description = "the secret string; from ${env:NAME} or ${file:path}",
           .create_member = "SecretString"},
          {.name = "recovery_window_in_days", .type = AttrType::kInt,
           .description = "days between destroy and the secret's deletion (7..30)", .default_value = Value(30)},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN", .read_member = "ARN"},
          {.name = "version_id", .computed = true, .description = "the version labelled AWSCURRENT"}},
      .holds_data = true,
      .create = {.operation = "CreateSecret", .conflict_codes = {"ResourceExistsException"},
                 .pending_codes = {"InvalidRequestException"}, .token_member = "ClientRequestToken"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListSecrets", .result_key = "SecretList",
               .item_key = "Name"},
      .updates = {{.operation = "UpdateSecret", .key_member = "SecretId",
                   .members = {{"description", "Description"}, {"kms_key_id", "KmsKeyId"}}},
                  {.operation = "PutSecretValue", .key_member = "SecretId", .members = {{"value", "SecretString"}},
                   .token_member = "ClientRequestToken"}},
      .tags = {.style = TagStyle::kKeyValueList, .create_member = "Tags", .read_member = "Tags",
               .tag_operation = "TagResource", .untag_operation = "UntagResource", .resource_member = "SecretId",
               .resource_attribute = "name", .tags_member = "Tags", .keys_member = "TagKeys"},
      .del = {.operation = "DeleteSecret", .key_member = "SecretId", .waiting_attribute = "recovery_window_in_days",
              .waiting_member = "RecoveryWindowInDays", .waiting_noun = "secret"},
      .find = FindStyle::kByKey,
      .hooks = {.read = CompleteSecret, .before_delete = LeaveScheduled, .read_items = ListSecrets,
                .restore = RestoreOwn},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewSecretsManagerSecretType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), SecretSpec());
}

void RegisterSecretsManagerTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewSecretsManagerSecretType(deps));
}

}  // namespace pave::aws_provider
