// aws_iam_group: read with one ListGroups (all pages, by path prefix none). IAM groups take
// no tags, so Find adopts a group of the wanted name. aws_iam_group_policy: an inline policy
// of a group, id "<group>:<name>"; PutGroupPolicy creates and updates; read with GetGroupPolicy.
#include "providers/aws/iam/group.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/iam/iam_types.h"

namespace pave::aws_provider {
namespace {

Result<std::vector<std::optional<Value>>> ReadGroupPolicies(
    const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    const Value& p = r.prior;
    Result<Value> out = env.client->Call(
        "iam", "GetGroupPolicy",
        {{"GroupName", GetString(p, "group")}, {"PolicyName", GetString(p, "name")}});
    if (!out.ok() && !IsNotFound(out.status())) return out.status();
    result.push_back(std::nullopt);
    if (!out.ok()) continue;
    ASSIGN_OR_RETURN(std::string policy, NormalizePolicy(out->value("PolicyDocument", Value())));
    result.back() = Value{{"id", GetString(p, "group") + ":" + GetString(p, "name")},
                          {"group", GetString(p, "group")},
                          {"name", GetString(p, "name")},
                          {"policy", policy}};
  }
  return result;
}

}  // namespace

ResourceSpec IamGroupSpec() {
  return {
      .type = "aws_iam_group",
      .description = "an IAM group (of people)",
      .service = "iam",
      .key_attribute = "name",
      .attributes = {{.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "the group name",
                      .create_member = "GroupName",
                      .read_member = "GroupName"},
                     {.name = "path",
                      .force_new = true,
                      .description = "its path (default /)",
                      .default_value = Value("/"),
                      .create_member = "Path",
                      .read_member = "Path"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the group's ARN",
                      .read_member = "Arn"}},
      .create = {.operation = "CreateGroup", .conflict_codes = {"EntityAlreadyExists"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListGroups",
               .result_key = "Groups",
               .item_key = "GroupName"},
      .del = {.operation = "DeleteGroup", .key_member = "GroupName"},
      .find = FindStyle::kByKey,
  };
}

ResourceSpec IamGroupPolicySpec() {
  const std::vector<std::pair<std::string, std::string>> put = {
      {"group", "GroupName"}, {"name", "PolicyName"}, {"policy", "PolicyDocument"}};
  return {
      .type = "aws_iam_group_policy",
      .description = "an inline policy of an IAM group",
      .service = "iam",
      .id_parts = {"group", "name"},
      .attributes = {{.name = "group",
                      .required = true,
                      .force_new = true,
                      .description = "group name",
                      .create_member = "GroupName"},
                     {.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "policy name",
                      .create_member = "PolicyName"},
                     {.name = "policy",
                      .required = true,
                      .description = "policy document (JSON)",
                      .create_member = "PolicyDocument", .json = true}},
      .create = {.operation = "PutGroupPolicy"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListGroups",
               .result_key = "Groups",
               .item_key = "GroupName"},
      .updates = {{.operation = "PutGroupPolicy", .members = put}},
      .del = {.operation = "DeleteGroupPolicy",
              .members = {{"group", "GroupName"}, {"name", "PolicyName"}}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadGroupPolicies},
  };
}

}  // namespace pave::aws_provider
