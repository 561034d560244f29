// aws_iam_role (a spec, IAM tag style). Reads are batched: one GetRole for a single role,
// else GetAccountAuthorizationDetails (all roles, inline policies and tags, one call per page)
// and ListRoles (the descriptions): a read_items hook. Delete first clears what blocks
// DeleteRole (a before_delete hook): inline policies, attached managed policies, instance
// profiles.
#include <map>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

namespace {
std::string UrlDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}
}  // namespace

Result<std::string> NormalizePolicy(const Value& document) {
  if (document.is_object()) return document.dump();
  if (!document.is_string()) return Status::InvalidArgument("policy document is not JSON text");
  std::string text = document.get<std::string>();
  if (text.rfind("%7B", 0) == 0 || text.rfind("%7b", 0) == 0) text = UrlDecode(text);
  Value parsed = Value::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidArgument("policy document is not valid JSON");
  return parsed.dump();
}

Result<std::map<std::string, Value>> DescribeRoles(aws::AwsClient* client) {
  ASSIGN_OR_RETURN(Value out, client->CallAllPages("iam", "GetAccountAuthorizationDetails",
                                                   {{"Filter", {"Role"}}}));
  return IndexBy(out.value("RoleDetailList", Value::array()).get<std::vector<Value>>(), "RoleName");
}

namespace {

// One role: GetRole. Many: the account-wide listing, plus ListRoles for the descriptions
// (RoleDetail has none).
Result<std::vector<Value>> RoleItems(const SpecEnv& env, const std::vector<std::string>& names) {
  if (names.size() == 1) {
    Result<Value> out = env.client->Call("iam", "GetRole", {{"RoleName", names[0]}});
    if (!out.ok() && !IsNotFound(out.status())) return out.status();
    return out.ok() ? std::vector<Value>{(*out)["Role"]} : std::vector<Value>();
  }
  ASSIGN_OR_RETURN(auto roles, DescribeRoles(env.client));
  ASSIGN_OR_RETURN(Value listed, env.client->CallAllPages("iam", "ListRoles", {{"MaxItems", 1000}}));
  for (const Value& role : listed.value("Roles", Value::array())) {
    auto it = roles.find(GetString(role, "RoleName"));
    if (it == roles.end()) continue;
    it->second["Description"] = role.value("Description", Value(""));
    it->second["MaxSessionDuration"] = role.value("MaxSessionDuration", Value(3600));
  }
  std::vector<Value> items;
  for (auto& [name, role] : roles) items.push_back(std::move(role));
  return items;
}

// Clears what blocks DeleteRole: inline policies, attached managed policies, instance profiles.
Status ClearRole(const SpecEnv& env, const std::string& name) {
  aws::AwsClient* iam = env.client;
  ASSIGN_OR_RETURN(Value inline_policies, iam->CallAllPages("iam", "ListRolePolicies", {{"RoleName", name}}));
  for (const Value& p : inline_policies.value("PolicyNames", Value::array())) {
    RETURN_IF_ERROR(iam->Call("iam", "DeleteRolePolicy", {{"RoleName", name}, {"PolicyName", p}}).status());
  }
  ASSIGN_OR_RETURN(Value attached, iam->CallAllPages("iam", "ListAttachedRolePolicies", {{"RoleName", name}}));
  for (const Value& p : attached.value("AttachedPolicies", Value::array())) {
    RETURN_IF_ERROR(
        iam->Call("iam", "DetachRolePolicy", {{"RoleName", name}, {"PolicyArn", GetString(p, "PolicyArn")}}).status());
  }
  ASSIGN_OR_RETURN(Value profiles, iam->CallAllPages("iam", "ListInstanceProfilesForRole", {{"RoleName", name}}));
  for (const Value& p : profiles.value("InstanceProfiles", Value::array())) {
    Value input = {{"RoleName", name}, {"InstanceProfileName", GetString(p, "InstanceProfileName")}};
    RETURN_IF_ERROR(iam->Call("iam", "RemoveRoleFromInstanceProfile", input).status());
  }
  return Status::Ok();
}

// The trust policy compared as normalized JSON; what IAM leaves out takes its default.
bool CompleteRole(const SpecEnv&, const Value&, const Value&, Value* attrs) {
  Result<std::string> policy = NormalizePolicy(attrs->value("assume_role_policy", Value()));
  if (policy.ok()) (*attrs)["assume_role_policy"] = *policy;
  if (!attrs->contains("description")) (*attrs)["description"] = "";
  if (!attrs->contains("path")) (*attrs)["path"] = "/";
  if (!attrs->contains("max_session_duration")) (*attrs)["max_session_duration"] = 3600;
  return true;
}

ResourceSpec RoleSpec() {
  return {
      .type = "aws_iam_role",
      .description = "an IAM role",
      .service = "iam",
      .key_attribute = "name",
      .attributes = {{.name = "name", .required = true, .force_new = true, .description = "role name",
                      .create_member = "RoleName", .read_member = "RoleName"},
                     {.name = "assume_role_policy", .required = true, .description = "trust policy (JSON)",
                      .create_member = "AssumeRolePolicyDocument", .read_member = "AssumeRolePolicyDocument", .json = true},
                     {.name = "description", .description = "what it is for", .default_value = Value(""),
                      .create_member = "Description", .read_member = "Description"},
                     {.name = "path", .force_new = true, .description = "IAM path", .default_value = Value("/"),
                      .create_member = "Path", .read_member = "Path"},
                     {.name = "max_session_duration", .type = AttrType::kInt,
                      .description = "seconds a session lasts (3600 to 43200)", .default_value = Value(3600),
                      .create_member = "MaxSessionDuration", .read_member = "MaxSessionDuration"},
                     {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN",
                      .read_member = "Arn"},
                     {.name = "unique_id", .computed = true, .stable = true, .description = "the role id (AROA...)",
                      .read_member = "RoleId"}},
      .create = {.operation = "CreateRole", .conflict_codes = {"EntityAlreadyExists"}},
      // The item shape is GetRole's; the read_items hook picks the calls.
      .read = {.style = ReadStyle::kListAndMatch, .operation = "GetRole", .result_key = "Role", .item_key = "RoleName"},
      .updates = {{.operation = "UpdateAssumeRolePolicy", .key_member = "RoleName",
                   .members = {{"assume_role_policy", "PolicyDocument"}}},
                  {.operation = "UpdateRole", .key_member = "RoleName", .members = {{"description", "Description"}, {"max_session_duration", "MaxSessionDuration"}}}},
      .tags = {.style = TagStyle::kIam, .create_member = "Tags", .read_member = "Tags", .tag_operation = "TagRole",
               .untag_operation = "UntagRole", .resource_member = "RoleName", .tags_member = "Tags",
               .keys_member = "TagKeys"},
      .del = {.operation = "DeleteRole", .key_member = "RoleName"},
      .find = FindStyle::kByKey,
      .hooks = {.read = CompleteRole, .before_delete = ClearRole, .read_items = RoleItems},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewIamRoleType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), RoleSpec());
}

}  // namespace pave::aws_provider
