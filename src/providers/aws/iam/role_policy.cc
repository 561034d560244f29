// aws_iam_role_policy (a spec): an inline policy of a role, id "<role>:<name>". PutRolePolicy
// both creates and updates, so a create after a crash simply writes the same policy again.
// Reads nest in the role, so they are a hook: GetRolePolicy for one, else
// GetAccountAuthorizationDetails (every role with its inline policies, one call per page).
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Result<std::optional<Value>> PolicyAttributes(const Value& prior, const Value& document) {
  ASSIGN_OR_RETURN(std::string policy, NormalizePolicy(document));
  return std::optional<Value>(Value{{"id", GetString(prior, "role") + ":" + GetString(prior, "name")},
                                    {"role", GetString(prior, "role")},
                                    {"name", GetString(prior, "name")},
                                    {"policy", policy}});
}

Result<std::vector<std::optional<Value>>> ReadPolicies(const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  if (requests.size() == 1) {
    const Value& p = requests[0].prior;
    Result<Value> out = env.client->Call("iam", "GetRolePolicy", {{"RoleName", GetString(p, "role")},
                                                                  {"PolicyName", GetString(p, "name")}});
    if (!out.ok() && !IsNotFound(out.status())) return out.status();
    if (!out.ok()) return std::vector<std::optional<Value>>{std::nullopt};
    ASSIGN_OR_RETURN(auto a, PolicyAttributes(p, out->value("PolicyDocument", Value())));
    return std::vector<std::optional<Value>>{a};
  }
  std::map<std::string, Value> roles;
  if (!requests.empty()) {
    ASSIGN_OR_RETURN(roles, DescribeRoles(env.client));
  }
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    result.push_back(std::nullopt);
    auto it = roles.find(GetString(r.prior, "role"));
    if (it == roles.end()) continue;
    for (const Value& p : it->second.value("RolePolicyList", Value::array())) {
      if (GetString(p, "PolicyName") != GetString(r.prior, "name")) continue;
      ASSIGN_OR_RETURN(result.back(), PolicyAttributes(r.prior, p.value("PolicyDocument", Value())));
    }
  }
  return result;
}

ResourceSpec RolePolicySpec() {
  const std::vector<std::pair<std::string, std::string>> put = {
      {"role", "RoleName"}, {"name", "PolicyName"}, {"policy", "PolicyDocument"}};
  return {
      .type = "aws_iam_role_policy",
      .description = "an inline policy of an IAM role",
      .service = "iam",
      .id_parts = {"role", "name"},
      .attributes = {{.name = "role", .required = true, .force_new = true, .description = "role name",
                      .create_member = "RoleName"},
                     {.name = "name", .required = true, .force_new = true, .description = "policy name",
                      .create_member = "PolicyName"},
                     {.name = "policy", .required = true, .description = "policy document (JSON)",
                      .create_member = "PolicyDocument", .json = true}},
      .create = {.operation = "PutRolePolicy"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "GetAccountAuthorizationDetails",
               .result_key = "RoleDetailList", .item_key = "RoleName"},
      .updates = {{.operation = "PutRolePolicy", .members = put}},
      .del = {.operation = "DeleteRolePolicy", .members = {{"role", "RoleName"}, {"name", "PolicyName"}}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadPolicies},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewIamRolePolicyType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), RolePolicySpec());
}

}  // namespace pave::aws_provider
