// aws_kms_alias (a spec): a friendly name ("alias/<name>") for a KMS key. Read is batched: one
// ListAliases (all pages) for every alias. Aliases carry no tags; an alias is found again by
// its name, which is unique in the account and region.
#include "providers/aws/common/attrs.h"
#include "providers/aws/kms/kms_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// True when `written` (a key id or key ARN) names the key `key_id`.
bool SameKey(const std::string& written, const std::string& key_id) {
  if (written == key_id) return true;
  const std::string suffix = ":key/" + key_id;
  return written.size() > suffix.size() &&
         written.compare(written.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Status ValidateName(const OperationContext& ctx, const Value& desired) {
  std::string name = GetString(desired, "name");
  if (name.rfind("alias/", 0) == 0 && name.rfind("alias/aws/", 0) != 0) return Status::Ok();
  return Status::InvalidArgument("name of " + ctx.address.ToString() + " must start with \"alias/\" " +
                                 "and not with \"alias/aws/\", found \"" + name + "\"");
}

// An alias of no key (AWS-managed ones not yet used) does not count; the key is kept as
// written (id or ARN) when it names the same key.
bool ReadTarget(const SpecEnv&, const Value& item, const Value& prior, Value* attrs) {
  std::string target = GetString(item, "TargetKeyId");
  std::string written = GetString(prior, "target_key_id");
  if (target.empty()) return false;
  (*attrs)["target_key_id"] = SameKey(written, target) ? written : target;
  return true;
}

ResourceSpec AliasSpec() {
  return {
      .type = "aws_kms_alias",
      .description = "a name for a KMS key",
      .service = "kms",
      .key_attribute = "name",
      .attributes = {{.name = "name", .required = true, .force_new = true,
                      .description = "the alias, starting with \"alias/\"", .create_member = "AliasName",
                      .read_member = "AliasName"},
                     {.name = "target_key_id", .required = true, .description = "id or ARN of the key it names",
                      .create_member = "TargetKeyId"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
                      .read_member = "AliasArn"}},
      .create = {.operation = "CreateAlias", .conflict_codes = {"AlreadyExistsException"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListAliases", .result_key = "Aliases",
               .item_key = "AliasName"},
      .updates = {{.operation = "UpdateAlias", .key_member = "AliasName",
                   .members = {{"target_key_id", "TargetKeyId"}}}},
      .del = {.operation = "DeleteAlias", .key_member = "AliasName"},
      .find = FindStyle::kByKey,
      .hooks = {.validate = ValidateName,
                .read = ReadTarget,
                .adoptable = [](const Value& desired, const Value& attrs) {
                  return GetString(attrs, "target_key_id") == GetString(desired, "target_key_id");
                }},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewKmsAliasType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), AliasSpec());
}

}  // namespace pave::aws_provider
