// aws_kms_alias: a friendly name ("alias/<name>") for a KMS key. Read is batched: one
// ListAliases (all pages) for every alias. Aliases carry no tags; an alias is found again by
// its name, which is unique in the account and region.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/kms/kms_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema AliasSchema() {
  ResourceSchema s;
  s.type = "aws_kms_alias";
  s.description = "a name for a KMS key";
  s.attributes = {
      Required("name", AttrType::kString, "the alias, starting with \"alias/\"", true),
      Required("target_key_id", AttrType::kString, "id or ARN of the key it names"),
      ArnAttribute(),
  };
  return s;
}

// True when `written` (a key id or key ARN) names the key `key_id`.
bool SameKey(const std::string& written, const std::string& key_id) {
  if (written == key_id) return true;
  const std::string suffix = ":key/" + key_id;
  return written.size() > suffix.size() &&
         written.compare(written.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class KmsAliasType : public AwsResourceType {
 public:
  explicit KmsAliasType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), AliasSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    if (name.rfind("alias/", 0) != 0 || name.rfind("alias/aws/", 0) == 0) {
      return Status::InvalidArgument("name of " + ctx.address.ToString() + " must start with \"alias/\" " +
                                     "and not with \"alias/aws/\", found \"" + name + "\"");
    }
    Status s = Kms("CreateAlias", {{"AliasName", name}, {"TargetKeyId", GetString(desired, "target_key_id")}}).status();
    if (!s.ok() && s.reason() != "AlreadyExistsException") return s;
    if (!s.ok()) {
      // Ours after a crash when it already names the wanted key; else someone else's.
      ASSIGN_OR_RETURN(std::optional<Value> existing, Find(ctx, desired));
      if (!existing) return s.WithContext("alias " + name + " exists and names another key");
    }
    return ReadBack(ctx, {{"id", name}, {"name", name}, {"target_key_id", GetString(desired, "target_key_id")}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::map<std::string, Value> aliases;
    if (!requests.empty()) {
      ASSIGN_OR_RETURN(Value out, client()->CallAllPages("kms", "ListAliases", Value::object()));
      aliases = IndexBy(out.value("Aliases", Value::array()).get<std::vector<Value>>(), "AliasName");
    }
    std::vector<std::optional<Value>> result;
    for (const ReadRequest& r : requests) {
      auto it = aliases.find(GetString(r.prior, "name"));
      if (it == aliases.end() || GetString(it->second, "TargetKeyId").empty()) {
        result.push_back(std::nullopt);
        continue;
      }
      std::string target = GetString(it->second, "TargetKeyId");
      std::string written = GetString(r.prior, "target_key_id");
      result.push_back(Value{{"id", it->first},
                             {"name", it->first},
                             {"target_key_id", SameKey(written, target) ? written : target},
                             {"arn", GetString(it->second, "AliasArn")}});
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string name = GetString(prior, "name");
    RETURN_IF_ERROR(
        Kms("UpdateAlias", {{"AliasName", name}, {"TargetKeyId", GetString(desired, "target_key_id")}}).status());
    return ReadBack(ctx, {{"id", name}, {"name", name}, {"target_key_id", GetString(desired, "target_key_id")}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = Kms("DeleteAlias", {{"AliasName", GetString(prior, "name")}}).status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    std::string target = GetString(desired, "target_key_id");
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, {{"id", name}, {"name", name}, {"target_key_id", target}}}}));
    if (!got[0] || GetString(*got[0], "target_key_id") != target) return std::optional<Value>();
    return got[0];
  }

 private:
  Result<Value> Kms(const std::string& op, const Value& input) const { return client()->Call("kms", op, input); }
};

}  // namespace

std::unique_ptr<ResourceType> NewKmsAliasType(AwsTypeDeps deps) {
  return std::make_unique<KmsAliasType>(std::move(deps));
}

}  // namespace pave::aws_provider
