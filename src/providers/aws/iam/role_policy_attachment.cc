// aws_iam_role_policy_attachment (a spec): a managed policy attached to a role, id
// "<role>/<policy arn>". AttachRolePolicy is idempotent, so a create after a crash attaches
// again harmlessly. Reads nest in the role, so they are a hook, batched like the role's:
// ListAttachedRolePolicies for one, else GetAccountAuthorizationDetails (one call per page).
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/iam/iam_eks_types.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Value Key(const Value& v) {
  return {{"id", GetString(v, "role") + "/" + GetString(v, "policy_arn")},
          {"role", GetString(v, "role")},
          {"policy_arn", GetString(v, "policy_arn")}};
}

Result<std::vector<std::optional<Value>>> ReadAttachments(const SpecEnv& env,
                                                          const std::vector<ReadRequest>& requests) {
  std::map<std::string, Value> attached;  // role name -> [{"PolicyArn": ...}]
  if (requests.size() == 1) {
    std::string role = GetString(requests[0].prior, "role");
    Result<Value> out = env.client->CallAllPages("iam", "ListAttachedRolePolicies", {{"RoleName", role}});
    if (!out.ok() && !IsNotFound(out.status())) return out.status();
    if (out.ok()) attached[role] = out->value("AttachedPolicies", Value::array());
  } else if (!requests.empty()) {
    ASSIGN_OR_RETURN(auto roles, DescribeRoles(env.client));
    for (auto& [name, role] : roles) attached[name] = role.value("AttachedManagedPolicies", Value::array());
  }
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    result.push_back(std::nullopt);
    auto it = attached.find(GetString(r.prior, "role"));
    if (it == attached.end()) continue;
    for (const Value& p : it->second) {
      if (GetString(p, "PolicyArn") == GetString(r.prior, "policy_arn")) result.back() = Key(r.prior);
    }
  }
  return result;
}

ResourceSpec AttachmentSpec() {
  return {
      .type = "aws_iam_role_policy_attachment",
      .description = "a managed IAM policy attached to a role",
      .service = "iam",
      .id_parts = {"role", "policy_arn"},
      .id_separator = "/",
      .attributes = {{.name = "role", .required = true, .force_new = true, .description = "role name",
                      .create_member = "RoleName"},
                     {.name = "policy_arn", .required = true, .force_new = true,
                      .description = "the managed policy", .create_member = "PolicyArn"}},
      .create = {.operation = "AttachRolePolicy"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "GetAccountAuthorizationDetails",
               .result_key = "RoleDetailList", .item_key = "RoleName"},
      .del = {.operation = "DetachRolePolicy", .members = {{"role", "RoleName"}, {"policy_arn", "PolicyArn"}}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadAttachments},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewIamRolePolicyAttachmentType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), AttachmentSpec());
}

}  // namespace pave::aws_provider
