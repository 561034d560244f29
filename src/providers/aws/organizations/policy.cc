// aws_organizations_policy and aws_organizations_policy_attachment (specs). A service control
// policy's content is compared as normalized JSON (NormalizePolicy). After a policy is made,
// its type is enabled on the root when it is not yet (EnablePolicyType), so it can be attached.
// Attachments are read per policy: one ListTargetsForPolicy per distinct policy.
#include <map>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/iam/iam_types.h"
#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

constexpr const char* kService = "organizations";

// Every policy of `type` by id, with its content (one DescribePolicy per wanted policy).
Result<std::optional<Value>> ReadPolicy(const SpecEnv& env, const Value& prior,
                                        const Value& listed) {
  std::string id = GetString(prior, "id");
  for (const Value& p : listed) {
    bool match =
        id.empty() ? GetString(p, "Name") == GetString(prior, "name") : GetString(p, "Id") == id;
    if (!match) continue;
    ASSIGN_OR_RETURN(Value out, env.client->Call(kService, "DescribePolicy",
                                                 Value{{"PolicyId", GetString(p, "Id")}}));
    ASSIGN_OR_RETURN(std::string content,
                     NormalizePolicy(out["Policy"].value("Content", Value("{}"))));
    return std::optional<Value>(Value{{"id", GetString(p, "Id")},
                                      {"name", GetString(p, "Name")},
                                      {"description", GetString(p, "Description")},
                                      {"content", content},
                                      {"type", GetString(p, "Type", "SERVICE_CONTROL_POLICY")},
                                      {"arn", GetString(p, "Arn")}});
  }
  return std::optional<Value>();
}

Result<std::vector<std::optional<Value>>> ReadPolicies(const SpecEnv& env,
                                                       const std::vector<ReadRequest>& requests) {
  std::map<std::string, Value> by_type;
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string type = GetString(r.prior, "type", "SERVICE_CONTROL_POLICY");
    if (!by_type.count(type)) {
      ASSIGN_OR_RETURN(Value out,
                       env.client->CallAllPages(kService, "ListPolicies", Value{{"Filter", type}}));
      by_type[type] = out.value("Policies", Value::array());
    }
    ASSIGN_OR_RETURN(std::optional<Value> got, ReadPolicy(env, r.prior, by_type[type]));
    result.push_back(std::move(got));
  }
  return result;
}

// Enables the policy's type on every root that lacks it.
Status EnableOnRoot(const SpecEnv& env, const OperationContext&, const Value& attrs) {
  std::string type = GetString(attrs, "type", "SERVICE_CONTROL_POLICY");
  ASSIGN_OR_RETURN(Value roots, env.client->CallAllPages(kService, "ListRoots", Value::object()));
  for (const Value& root : roots.value("Roots", Value::array())) {
    bool enabled = false;
    for (const Value& t : root.value("PolicyTypes", Value::array())) {
      enabled |= GetString(t, "Type") == type && GetString(t, "Status") == "ENABLED";
    }
    if (enabled) continue;
    Result<Value> out =
        env.client->Call(kService, "EnablePolicyType",
                         Value{{"RootId", GetString(root, "Id")}, {"PolicyType", type}});
    if (!out.ok() && out.status().reason() != "PolicyTypeAlreadyEnabledException")
      return out.status();
  }
  return Status::Ok();
}

Result<std::vector<std::optional<Value>>> ReadAttachments(
    const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::map<std::string, Value> by_policy;
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    std::string policy = GetString(r.prior, "policy_id"), target = GetString(r.prior, "target_id");
    if (!by_policy.count(policy)) {
      Result<Value> out =
          env.client->CallAllPages(kService, "ListTargetsForPolicy", Value{{"PolicyId", policy}});
      if (!out.ok() && out.status().reason() != "PolicyNotFoundException") return out.status();
      by_policy[policy] = out.ok() ? out->value("Targets", Value::array()) : Value::array();
    }
    result.push_back(std::nullopt);
    for (const Value& t : by_policy[policy]) {
      if (GetString(t, "TargetId") != target) continue;
      result.back() =
          Value{{"id", policy + ":" + target}, {"policy_id", policy}, {"target_id", target}};
    }
  }
  return result;
}

}  // namespace

ResourceSpec OrganizationsPolicySpec() {
  const std::vector<std::pair<std::string, std::string>> update = {
      {"name", "Name"}, {"description", "Description"}, {"content", "Content"}};
  return {
      .type = "aws_organizations_policy",
      .description = "an organization policy (a service control policy by default)",
      .service = kService,
      .attributes =
          {{.name = "name",
            .required = true,
            .description = "the policy's name",
            .create_member = "Name"},
           {.name = "description",
            .required = true,
            .description = "what it is for",
            .create_member = "Description"},
           {.name = "content",
            .required = true,
            .description = "the policy document (JSON)",
            .create_member = "Content"},
           {.name = "type",
            .required = true,
            .force_new = true,
            .description = "SERVICE_CONTROL_POLICY, TAG_POLICY, ...",
            .create_member = "Type"},
           {.name = "arn", .computed = true, .stable = true, .description = "the policy's ARN"}},
      .create = {.operation = "CreatePolicy",
                 .id_output = "Policy.PolicySummary.Id",
                 .conflict_codes = {"DuplicatePolicyException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListPolicies",
               .result_key = "Policies",
               .item_key = "Id"},
      .updates = {{.operation = "UpdatePolicy", .key_member = "PolicyId", .members = update}},
      .del = {.operation = "DeletePolicy", .key_member = "PolicyId"},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadPolicies, .after_create = EnableOnRoot},
  };
}

ResourceSpec OrganizationsPolicyAttachmentSpec() {
  const std::vector<std::pair<std::string, std::string>> members = {{"policy_id", "PolicyId"},
                                                                    {"target_id", "TargetId"}};
  return {
      .type = "aws_organizations_policy_attachment",
      .description = "a policy attached to the root, a unit or an account",
      .service = kService,
      .id_parts = {"policy_id", "target_id"},
      .attributes = {{.name = "policy_id",
                      .required = true,
                      .force_new = true,
                      .description = "the policy (p-...)",
                      .create_member = "PolicyId"},
                     {.name = "target_id",
                      .required = true,
                      .force_new = true,
                      .description = "the root, unit or account id",
                      .create_member = "TargetId"}},
      .create = {.operation = "AttachPolicy",
                 .conflict_codes = {"DuplicatePolicyAttachmentException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListTargetsForPolicy",
               .result_key = "Targets",
               .item_key = "TargetId"},
      .del = {.operation = "DetachPolicy", .members = members},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadAttachments},
  };
}

}  // namespace pave::aws_provider
