// aws_iam_account_password_policy and aws_ebs_encryption_by_default, as singleton specs.
#include "providers/aws/account/account_types.h"

#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

AttrSpec PolicyAttr(std::string name, AttrType type, Value fallback, std::string member,
                    std::string what) {
  return {.name = std::move(name),
          .type = type,
          .description = std::move(what),
          .default_value = std::move(fallback),
          .create_member = member,
          .read_member = member};
}

}  // namespace

ResourceSpec PasswordPolicySpec() {
  std::vector<AttrSpec> attrs = {
      PolicyAttr("minimum_password_length", AttrType::kInt, 14, "MinimumPasswordLength",
                 "shortest password"),
      PolicyAttr("require_symbols", AttrType::kBool, true, "RequireSymbols",
                 "a symbol is required"),
      PolicyAttr("require_numbers", AttrType::kBool, true, "RequireNumbers", "a digit is required"),
      PolicyAttr("require_uppercase_characters", AttrType::kBool, true,
                 "RequireUppercaseCharacters", "an upper-case letter is required"),
      PolicyAttr("require_lowercase_characters", AttrType::kBool, true,
                 "RequireLowercaseCharacters", "a lower-case letter is required"),
      PolicyAttr("allow_users_to_change_password", AttrType::kBool, true,
                 "AllowUsersToChangePassword", "users may change their own password"),
      PolicyAttr("max_password_age", AttrType::kInt, 90, "MaxPasswordAge",
                 "days a password is valid"),
      PolicyAttr("password_reuse_prevention", AttrType::kInt, 24, "PasswordReusePrevention",
                 "previous passwords that cannot be reused"),
      PolicyAttr("hard_expiry", AttrType::kBool, false, "HardExpiry",
                 "an expired password needs an administrator"),
  };
  std::vector<std::pair<std::string, std::string>> members;
  for (const AttrSpec& a : attrs) members.emplace_back(a.name, a.create_member);
  return {
      .type = "aws_iam_account_password_policy",
      .description = "the account's IAM password policy (delete: no policy, AWS's default)",
      .service = "iam",
      .singleton = true,
      .attributes = std::move(attrs),
      .create = {.operation = "UpdateAccountPasswordPolicy"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "GetAccountPasswordPolicy",
               .result_key = "PasswordPolicy"},
      .updates = {{.operation = "UpdateAccountPasswordPolicy", .members = std::move(members)}},
      .del = {.operation = "DeleteAccountPasswordPolicy", .gone_codes = {"NoSuchEntity"}},
  };
}

ResourceSpec EbsEncryptionSpec() {
  return {
      .type = "aws_ebs_encryption_by_default",
      .description = "EBS encryption by default in the region (delete: off, AWS's default)",
      .service = "ec2",
      .singleton = true,
      .attributes = {{.name = "enabled",
                      .type = AttrType::kBool,
                      .computed = true,
                      .description = "new volumes are encrypted",
                      .read_member = "EbsEncryptionByDefault"}},
      .create = {.operation = "EnableEbsEncryptionByDefault"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "GetEbsEncryptionByDefault"},
      .del = {.operation = "DisableEbsEncryptionByDefault"},
      // Turned off outside pave: the setting is gone, and the next plan turns it on again.
      .hooks = {.read = [](const SpecEnv&, const Value& item, const Value&,
                           Value*) { return item.value("EbsEncryptionByDefault", false) == true; }},
  };
}

ResourceSpec AccountPublicAccessBlockSpec() {
  std::vector<AttrSpec> attrs;
  std::vector<std::pair<std::string, std::string>> members;
  for (const auto& [name, member] : std::vector<std::pair<std::string, std::string>>{
           {"block_public_acls", "BlockPublicAcls"},
           {"ignore_public_acls", "IgnorePublicAcls"},
           {"block_public_policy", "BlockPublicPolicy"},
           {"restrict_public_buckets", "RestrictPublicBuckets"}}) {
    std::string path = "PublicAccessBlockConfiguration." + member;
    attrs.push_back({.name = name,
                     .type = AttrType::kBool,
                     .description = member + " for every bucket",
                     .default_value = true,
                     .create_member = path,
                     .read_member = member});
    members.emplace_back(name, path);
  }
  return {
      .type = "aws_s3_account_public_access_block",
      .description = "S3 public access block of the whole account (delete: none, AWS's default)",
      .service = "s3control",
      .singleton = true,
      .account_member = "AccountId",
      .attributes = std::move(attrs),
      .create = {.operation = "PutPublicAccessBlock"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "GetPublicAccessBlock",
               .result_key = "PublicAccessBlockConfiguration"},
      .updates = {{.operation = "PutPublicAccessBlock",
                   .key_member = "AccountId",
                   .members = std::move(members)}},
      .del = {.operation = "DeletePublicAccessBlock",
              .key_member = "AccountId",
              .gone_codes = {"NoSuchPublicAccessBlockConfiguration"}},
  };
}

// ListAccountAliases answers a list of names, not of items: each becomes {"AccountAlias": name}.
Result<std::vector<Value>> AliasItems(const SpecEnv& env, const std::vector<std::string>&) {
  ASSIGN_OR_RETURN(Value out, env.client->CallAllPages("iam", "ListAccountAliases", Value::object()));
  std::vector<Value> items;
  for (const Value& alias : out.value("AccountAliases", Value::array())) {
    if (alias.is_string()) items.push_back({{"AccountAlias", alias}});
  }
  return items;
}

ResourceSpec AccountAliasSpec() {
  return {
      .type = "aws_iam_account_alias",
      .description = "the account's alias: its sign-in URL https://<alias>.signin.aws.amazon.com/console",
      .service = "iam",
      .key_attribute = "account_alias",
      .attributes = {{.name = "account_alias",
                      .required = true,
                      .force_new = true,
                      .description = "unique across AWS: lower-case letters, digits and hyphens",
                      .create_member = "AccountAlias",
                      .read_member = "AccountAlias"}},
      .create = {.operation = "CreateAccountAlias", .conflict_codes = {"EntityAlreadyExists"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListAccountAliases", .item_key = "AccountAlias"},
      .del = {.operation = "DeleteAccountAlias", .key_member = "AccountAlias"},
      // The account's own alias list holds it: this account has it (an alias names one account).
      .find = FindStyle::kByKey,
      .hooks = {.read_items = AliasItems},
  };
}

ResourceSpec CallerIdentitySpec() {
  return {
      .type = "aws_caller_identity",
      .description = "the account pave acts in, looked up (STS GetCallerIdentity): for policies that name it",
      .service = "sts",
      .singleton = true,
      .attributes = {{.name = "account_id",
                      .computed = true,
                      .stable = true,
                      .description = "the 12-digit account id",
                      .read_member = "Account"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the identity pave's credentials are (user or assumed role)",
                      .read_member = "Arn"}},
      .create = {.operation = "GetCallerIdentity"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "GetCallerIdentity"},
  };
}

namespace {

// A lookup: "made" by reading it, and destroying it changes nothing in AWS.
class CallerIdentityType : public SpecResourceType {
 public:
  using SpecResourceType::SpecResourceType;
  Status Delete(const OperationContext&, const Value&) override { return Status::Ok(); }
};

}  // namespace

void RegisterAccountTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  for (ResourceSpec (*spec)() :
       {PasswordPolicySpec, EbsEncryptionSpec, AccountPublicAccessBlockSpec, AccountAliasSpec}) {
    registry->Register(NewSpecType(deps, spec()));
  }
  registry->Register(std::make_unique<CallerIdentityType>(deps, CallerIdentitySpec()));
}

}  // namespace pave::aws_provider
