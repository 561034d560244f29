// aws_secretsmanager_secret. Read is batched: ListSecrets with a name filter of up to 10 names
// per call (all pages; a prefix match, narrowed to exact names here), which returns
// description, key, tags and versions but never the value. Secrets pending deletion are not
// listed, so they read as gone. Update writes the value again (PutSecretValue, a new version)
// when the resource has one: the provider sees only its fingerprint in state.
#include "providers/aws/secretsmanager/secret.h"

#include <set>

#include "core/hash.h"
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/kms/kms_types.h"
#include "providers/aws/ssm/redact.h"

namespace pave::aws_provider {

std::string SecretsManagerRequestToken(const std::string& idempotency_token) {
  if (idempotency_token.size() >= 32 && idempotency_token.size() <= 64) return idempotency_token;
  return Sha256Hex(idempotency_token);
}

namespace {

constexpr int64_t kDefaultRecoveryDays = 30;

ResourceSchema SecretSchema() {
  AttributeSchema value = Optional("value", AttrType::kString, "the secret string; from ${env:NAME} or ${file:path}");
  value.secret = true;
  ResourceSchema s;
  s.type = "aws_secretsmanager_secret";
  s.description = "a Secrets Manager secret";
  s.attributes = {
      Required("name", AttrType::kString, "the secret name, e.g. shop/github-token", true),
      Optional("description", AttrType::kString, "what it holds", Value("")),
      Computed("kms_key_id", AttrType::kString, "KMS key (id, ARN or alias); aws/secretsmanager when unset"),
      value,
      Optional("recovery_window_in_days", AttrType::kInt, "days between destroy and the secret's deletion (7..30)",
               kDefaultRecoveryDays),
      TagsAttribute(),
      ArnAttribute(),
      Computed("version_id", AttrType::kString, "the version labelled AWSCURRENT"),
  };
  s.holds_data = true;
  return s;
}

Status CheckRecoveryDays(const OperationContext& ctx, int64_t days) {
  if (days >= kMinWaitingDays && days <= kMaxWaitingDays) return Status::Ok();
  return Status::InvalidArgument("recovery_window_in_days of " + ctx.address.ToString() +
                                 " must be between 7 and 30 days, found " + std::to_string(days));
}

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

class SecretType : public AwsResourceType {
 public:
  explicit SecretType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), SecretSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    RETURN_IF_ERROR(CheckRecoveryDays(ctx, RecoveryDays(desired)));
    std::string name = GetString(desired, "name");
    Value input = {{"Name", name},
                   {"ClientRequestToken", SecretsManagerRequestToken(ctx.idempotency_token)},
                   {"Description", GetString(desired, "description")},
                   {"Tags", TagMapToList(TagsForCreate(ctx, desired))}};
    if (!GetString(desired, "kms_key_id").empty()) input["KmsKeyId"] = desired["kms_key_id"];
    if (desired.contains("value") && desired["value"].is_string()) input["SecretString"] = desired["value"];
    Status s = Sm("CreateSecret", input, desired);
    if (s.reason() == "ResourceExistsException" || s.reason() == "InvalidRequestException") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, AdoptOrRestore(ctx, desired));
      if (!mine && s.reason() == "InvalidRequestException") return s;
      if (!mine) return s.WithContext("secret " + name + " exists and was not made by this platform");
      return Update(ctx, *mine, desired);
    }
    RETURN_IF_ERROR(s);
    return ReadBackWith(ctx, desired);
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto found, List(PriorValues(requests, "name")));
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = found.find(GetString(r.prior, "name"));
      if (it == found.end()) {
        out.push_back(std::nullopt);
        continue;
      }
      Value a = ToAttributes(it->second);
      a["recovery_window_in_days"] = RecoveryDays(r.prior);
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    RETURN_IF_ERROR(CheckRecoveryDays(ctx, RecoveryDays(desired)));
    std::string name = GetString(prior, "name");
    std::string token = SecretsManagerRequestToken(ctx.idempotency_token);
    std::string key = GetString(desired, "kms_key_id");
    if (GetString(prior, "description") != GetString(desired, "description") ||
        (!key.empty() && key != GetString(prior, "kms_key_id"))) {
      Value input = {{"SecretId", name}, {"Description", GetString(desired, "description")}};
      if (!key.empty()) input["KmsKeyId"] = key;
      RETURN_IF_ERROR(Sm("UpdateSecret", input, desired));
    }
    if (desired.contains("value") && desired["value"].is_string()) {
      RETURN_IF_ERROR(Sm("PutSecretValue",
                         {{"SecretId", name}, {"ClientRequestToken", token}, {"SecretString", desired["value"]}},
                         desired));
    }
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) RETURN_IF_ERROR(Sm("UntagResource", {{"SecretId", name}, {"TagKeys", removed}}, desired));
    RETURN_IF_ERROR(Sm("TagResource", {{"SecretId", name}, {"Tags", TagMapToList(TagsForCreate(ctx, desired, false))}},
                       desired));
    return ReadBackWith(ctx, desired);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    int64_t days = RecoveryDays(prior);
    RETURN_IF_ERROR(CheckRecoveryDays(ctx, days));
    std::string name = GetString(prior, "name");
    Result<Value> described = client()->Call("secretsmanager", "DescribeSecret", {{"SecretId", name}});
    if (!described.ok()) return IsNotFound(described.status()) ? Status::Ok() : described.status();
    if (described->contains("DeletedDate") && !(*described)["DeletedDate"].is_null()) return Status::Ok();
    Status s = client()->Call("secretsmanager", "DeleteSecret", {{"SecretId", name}, {"RecoveryWindowInDays", days}})
                   .status();
    if (!s.ok()) return IsNotFound(s) ? Status::Ok() : s;
    ctx.Progress("secret " + name + " scheduled for deletion in " + std::to_string(days) + " days");
    return Status::Ok();
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    ASSIGN_OR_RETURN(auto found, List({name}));
    auto it = found.find(name);
    if (it == found.end()) return std::optional<Value>();
    ASSIGN_OR_RETURN(bool ours, Adoptable(ctx, it->second.value("Tags", Value::array()), "secret " + name));
    if (!ours) return std::optional<Value>();
    Value a = ToAttributes(it->second);
    a["recovery_window_in_days"] = RecoveryDays(desired);
    return std::optional<Value>(std::move(a));
  }

 private:
  // A call whose errors never quote the secret's value.
  Status Sm(const std::string& op, const Value& input, const Value& desired) const {
    return Redacted(client()->Call("secretsmanager", op, input).status(), GetString(desired, "value"));
  }

  static int64_t RecoveryDays(const Value& v) { return GetInt(v, "recovery_window_in_days", kDefaultRecoveryDays); }

  Result<Value> ReadBackWith(const OperationContext& ctx, const Value& desired) {
    std::string name = GetString(desired, "name");
    ASSIGN_OR_RETURN(Value got, ReadBack(ctx, {{"id", name}, {"name", name}}));
    got["recovery_window_in_days"] = RecoveryDays(desired);
    return got;
  }

  // The existing secret named in `desired` when this address made it: listed (a crash after
  // CreateSecret) or pending deletion (destroyed, then declared again), which is restored.
  Result<std::optional<Value>> AdoptOrRestore(const OperationContext& ctx, const Value& desired) {
    std::string name = GetString(desired, "name");
    Result<Value> described = client()->Call("secretsmanager", "DescribeSecret", {{"SecretId", name}});
    if (!described.ok()) return IsNotFound(described.status()) ? Result<std::optional<Value>>(std::nullopt) : described.status();
    if (!TaggedAs(described->value("Tags", Value::array()), ctx.platform, ctx.address.ToString())) {
      return std::optional<Value>();
    }
    if (described->contains("DeletedDate") && !(*described)["DeletedDate"].is_null()) {
      RETURN_IF_ERROR(client()->Call("secretsmanager", "RestoreSecret", {{"SecretId", name}}).status());
      ctx.Progress("restored secret " + name + ", which was scheduled for deletion");
    }
    Value a = ToAttributes(*described);
    a["recovery_window_in_days"] = RecoveryDays(desired);
    return std::optional<Value>(std::move(a));
  }

  // Secrets by exact name, for every name (chunks of 10, all pages).
  Result<std::map<std::string, Value>> List(const std::vector<std::string>& names) const {
    const std::set<std::string> wanted(names.begin(), names.end());
    std::map<std::string, Value> out;
    for (size_t start = 0; start < names.size(); start += kMaxSecretsFilterValues) {
      size_t end = std::min(names.size(), start + kMaxSecretsFilterValues);
      Value chunk(std::vector<std::string>(names.begin() + static_cast<ptrdiff_t>(start),
                                           names.begin() + static_cast<ptrdiff_t>(end)));
      Value input = {{"Filters", Value::array({{{"Key", "name"}, {"Values", chunk}}})}};
      ASSIGN_OR_RETURN(Value page, client()->CallAllPages("secretsmanager", "ListSecrets", input));
      for (const Value& s : page.value("SecretList", Value::array())) {
        if (wanted.count(GetString(s, "Name"))) out[GetString(s, "Name")] = s;
      }
    }
    return out;
  }

  static Value ToAttributes(const Value& s) {
    std::string name = GetString(s, "Name");
    Value a = {{"id", name},
               {"name", name},
               {"description", GetString(s, "Description")},
               {"tags", UserTags(s.value("Tags", Value::array()))},
               {"arn", GetString(s, "ARN")},
               {"version_id", CurrentVersion(s)}};
    if (!GetString(s, "KmsKeyId").empty()) a["kms_key_id"] = s["KmsKeyId"];
    return a;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewSecretsManagerSecretType(AwsTypeDeps deps) {
  return std::make_unique<SecretType>(std::move(deps));
}

void RegisterSecretsManagerTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewSecretsManagerSecretType(deps));
}

}  // namespace pave::aws_provider
