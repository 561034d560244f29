// IAM Identity Center types (sso_types.h). sso-admin names everything by its instance too
// (InstanceArn), so reads are per resource (read_batch hooks) and tags take the instance
// (TagSpec::resource_members). Account assignments are asynchronous: their create and delete
// poll the request's status until it is no longer IN_PROGRESS.
#include "providers/aws/sso/sso_types.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

constexpr const char* kSso = "sso-admin";
constexpr const char* kStore = "identitystore";

bool Gone(const Status& s) { return IsNotFound(s) || s.reason() == "ResourceNotFoundException"; }

// --- aws_ssoadmin_instance: looked up, never made -------------------------------------------

class InstanceType : public SpecResourceType {
 public:
  using SpecResourceType::SpecResourceType;

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(Value out, client()->CallAllPages(kSso, "ListInstances", Value::object()));
    std::string wanted = GetString(desired, "instance_arn");
    std::vector<std::string> arns;
    for (const Value& i : out.value("Instances", Value::array())) {
      std::string arn = GetString(i, "InstanceArn");
      if (wanted.empty() || arn == wanted) arns.push_back(arn);
    }
    if (arns.empty()) {
      return Status::FailedPrecondition(
          wanted.empty() ? "IAM Identity Center is not enabled in this account: enable it (an organization "
                           "instance, in the management account) or remove people.sso"
                         : "no IAM Identity Center instance " + wanted + " in this account");
    }
    if (arns.size() > 1) {
      return Status::FailedPrecondition("this account has " + std::to_string(arns.size()) +
                                        " IAM Identity Center instances: name one with people.sso.instance");
    }
    Value key = desired;
    key["id"] = arns[0];
    return ReadBack(ctx, key);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    ctx.Progress("IAM Identity Center instance " + GetString(prior, "id") + " left enabled (pave only uses it)");
    return Status::Ok();
  }
};

// --- aws_ssoadmin_permission_set ----------------------------------------------------------

Result<std::optional<Value>> DescribePermissionSet(const SpecEnv& env, const std::string& instance,
                                                   const std::string& arn) {
  Result<Value> out = env.client->Call(kSso, "DescribePermissionSet",
                                       Value{{"InstanceArn", instance}, {"PermissionSetArn", arn}});
  if (!out.ok()) {
    if (Gone(out.status())) return std::optional<Value>();
    return out.status();
  }
  const Value p = out->value("PermissionSet", Value::object());
  Value attrs = {{"id", arn},
                 {"arn", arn},
                 {"instance_arn", instance},
                 {"name", GetString(p, "Name")},
                 {"session_duration", GetString(p, "SessionDuration")}};
  if (!GetString(p, "Description").empty()) attrs["description"] = GetString(p, "Description");
  return std::optional<Value>(std::move(attrs));
}

Result<std::vector<std::optional<Value>>> ReadPermissionSets(const SpecEnv& env,
                                                             const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    ASSIGN_OR_RETURN(auto got, DescribePermissionSet(env, GetString(r.prior, "instance_arn"), GetString(r.prior, "id")));
    if (got && r.prior.contains("tags")) (*got)["tags"] = r.prior["tags"];
    result.push_back(std::move(got));
  }
  return result;
}

// The permission set of the wanted name (names are unique in an instance).
Result<std::optional<std::string>> FindPermissionSet(const SpecEnv& env, const OperationContext&,
                                                     const Value& desired) {
  std::string instance = GetString(desired, "instance_arn");
  ASSIGN_OR_RETURN(Value out, env.client->CallAllPages(kSso, "ListPermissionSets", Value{{"InstanceArn", instance}}));
  for (const Value& arn : out.value("PermissionSets", Value::array())) {
    if (!arn.is_string()) continue;
    ASSIGN_OR_RETURN(auto got, DescribePermissionSet(env, instance, arn.get<std::string>()));
    if (got && GetString(*got, "name") == GetString(desired, "name")) return std::optional<std::string>(arn.get<std::string>());
  }
  return std::optional<std::string>();
}

// Changes to a permission set reach the accounts it is provisioned to only when provisioned
// again; one provisioned nowhere yet is a no-op.
Status Provision(aws::AwsClient* client, const std::string& instance, const std::string& permission_set) {
  return client
      ->Call(kSso, "ProvisionPermissionSet",
             Value{{"InstanceArn", instance}, {"PermissionSetArn", permission_set}, {"TargetType", "ALL_PROVISIONED_ACCOUNTS"}})
      .status();
}

class PermissionSetType : public SpecResourceType {
 public:
  using SpecResourceType::SpecResourceType;

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    ASSIGN_OR_RETURN(Value updated, SpecResourceType::Update(ctx, prior, desired));
    RETURN_IF_ERROR(Provision(client(), GetString(prior, "instance_arn"), GetString(prior, "id")));
    return updated;
  }
};

// --- aws_ssoadmin_managed_policy_attachment ------------------------------------------------

Result<std::vector<std::optional<Value>>> ReadPolicyAttachments(const SpecEnv& env,
                                                                const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    const Value& p = r.prior;
    result.push_back(std::nullopt);
    Result<Value> out = env.client->CallAllPages(
        kSso, "ListManagedPoliciesInPermissionSet",
        Value{{"InstanceArn", GetString(p, "instance_arn")}, {"PermissionSetArn", GetString(p, "permission_set_arn")}});
    if (!out.ok()) {
      if (Gone(out.status())) continue;
      return out.status();
    }
    for (const Value& m : out->value("AttachedManagedPolicies", Value::array())) {
      if (GetString(m, "Arn") != GetString(p, "managed_policy_arn")) continue;
      result.back() = Value{{"id", GetString(p, "permission_set_arn") + "," + GetString(p, "managed_policy_arn")},
                            {"instance_arn", GetString(p, "instance_arn")},
                            {"permission_set_arn", GetString(p, "permission_set_arn")},
                            {"managed_policy_arn", GetString(p, "managed_policy_arn")}};
    }
  }
  return result;
}

// --- aws_identitystore_group ---------------------------------------------------------------

Result<std::vector<std::optional<Value>>> ReadGroups(const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    result.push_back(std::nullopt);
    std::string store = GetString(r.prior, "identity_store_id");
    Result<Value> out =
        env.client->Call(kStore, "DescribeGroup", Value{{"IdentityStoreId", store}, {"GroupId", GetString(r.prior, "id")}});
    if (!out.ok()) {
      if (Gone(out.status())) continue;
      return out.status();
    }
    Value attrs = {{"id", GetString(*out, "GroupId")},
                   {"identity_store_id", store},
                   {"display_name", GetString(*out, "DisplayName")}};
    if (!GetString(*out, "Description").empty()) attrs["description"] = GetString(*out, "Description");
    result.back() = std::move(attrs);
  }
  return result;
}

// A group by its display name (unique in a store): GetGroupId.
Result<std::optional<std::string>> FindGroup(const SpecEnv& env, const OperationContext&,
                                             const Value& desired) {
  Result<Value> out = env.client->Call(
      kStore, "GetGroupId",
      Value{{"IdentityStoreId", GetString(desired, "identity_store_id")},
            {"AlternateIdentifier",
             {{"UniqueAttribute", {{"AttributePath", "displayName"}, {"AttributeValue", GetString(desired, "display_name")}}}}}});
  if (!out.ok()) {
    if (Gone(out.status())) return std::optional<std::string>();
    return out.status();
  }
  return std::optional<std::string>(GetString(*out, "GroupId"));
}

// --- aws_ssoadmin_account_assignment ---------------------------------------------------------

Value AssignmentInput(const Value& v) {
  return {{"InstanceArn", GetString(v, "instance_arn")},
          {"TargetId", GetString(v, "target_id")},
          {"TargetType", GetString(v, "target_type").empty() ? "AWS_ACCOUNT" : GetString(v, "target_type")},
          {"PermissionSetArn", GetString(v, "permission_set_arn")},
          {"PrincipalType", GetString(v, "principal_type")},
          {"PrincipalId", GetString(v, "principal_id")}};
}

std::string AssignmentId(const Value& v) {
  return GetString(v, "permission_set_arn") + "," + GetString(v, "principal_type") + "," +
         GetString(v, "principal_id") + "," + GetString(v, "target_id");
}

Result<std::vector<std::optional<Value>>> ReadAssignments(const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    const Value& p = r.prior;
    result.push_back(std::nullopt);
    Result<Value> out = env.client->CallAllPages(kSso, "ListAccountAssignments",
                                                 Value{{"InstanceArn", GetString(p, "instance_arn")},
                                                       {"AccountId", GetString(p, "target_id")},
                                                       {"PermissionSetArn", GetString(p, "permission_set_arn")}});
    if (!out.ok()) {
      if (Gone(out.status())) continue;
      return out.status();
    }
    for (const Value& a : out->value("AccountAssignments", Value::array())) {
      if (GetString(a, "PrincipalType") != GetString(p, "principal_type") ||
          GetString(a, "PrincipalId") != GetString(p, "principal_id")) {
        continue;
      }
      Value attrs = Value::object();
      for (const char* k : {"instance_arn", "permission_set_arn", "principal_type", "principal_id", "target_id"}) {
        attrs[k] = GetString(p, k);
      }
      attrs["target_type"] = "AWS_ACCOUNT";
      attrs["id"] = AssignmentId(attrs);
      result.back() = std::move(attrs);
    }
  }
  return result;
}

class AccountAssignmentType : public SpecResourceType {
 public:
  using SpecResourceType::SpecResourceType;

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(Value out, client()->Call(kSso, "CreateAccountAssignment", AssignmentInput(desired)));
    Value key = desired;
    key["id"] = AssignmentId(desired);
    ctx.Created(key);
    RETURN_IF_ERROR(Wait(ctx, GetString(desired, "instance_arn"), "DescribeAccountAssignmentCreationStatus", "AccountAssignmentCreationRequestId",
                         "AccountAssignmentCreationStatus", out.value("AccountAssignmentCreationStatus", Value())));
    return ReadBack(ctx, key);
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    Value input = AssignmentInput(prior);
    Result<Value> out = client()->Call(kSso, "DeleteAccountAssignment", input);
    if (!out.ok()) return Gone(out.status()) ? Status::Ok() : out.status();
    return Wait(ctx, GetString(prior, "instance_arn"), "DescribeAccountAssignmentDeletionStatus", "AccountAssignmentDeletionRequestId",
                "AccountAssignmentDeletionStatus", out->value("AccountAssignmentDeletionStatus", Value()));
  }

 private:
  // Polls the request's status until it is no longer IN_PROGRESS; FAILED is an error.
  Status Wait(const OperationContext& ctx, const std::string& instance, const char* operation, const char* id_member,
              const char* result, const Value& first) const {
    std::string request = GetString(first, "RequestId"), status = GetString(first, "Status"),
                reason = GetString(first, "FailureReason");
    if (!request.empty() && status == "IN_PROGRESS") {
      RETURN_IF_ERROR(poller().Until(ctx, "waiting for the account assignment", [&](std::string* state) -> Result<bool> {
        ASSIGN_OR_RETURN(Value out, client()->Call(kSso, operation,
                                                   Value{{"InstanceArn", instance},
                                                         {id_member, request}}));
        const Value s = out.value(result, Value::object());
        status = *state = GetString(s, "Status");
        reason = GetString(s, "FailureReason");
        return status != "IN_PROGRESS";
      }));
    }
    if (status == "FAILED") return Status::FailedPrecondition(std::string(operation) + ": " + reason);
    return Status::Ok();
  }
};

}  // namespace

ResourceSpec SsoInstanceSpec() {
  return {
      .type = "aws_ssoadmin_instance",
      .description = "the account's IAM Identity Center instance, looked up (not enabled or disabled by pave)",
      .service = kSso,
      .attributes = {{.name = "instance_arn",
                      .force_new = true,
                      .description = "the instance to use (default: the account's only one)"},
                     {.name = "identity_store_id",
                      .computed = true,
                      .stable = true,
                      .description = "its identity store (d-...)",
                      .read_member = "IdentityStoreId"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListInstances",
               .result_key = "Instances",
               .item_key = "InstanceArn"},
  };
}

ResourceSpec SsoPermissionSetSpec() {
  return {
      .type = "aws_ssoadmin_permission_set",
      .description = "an IAM Identity Center permission set (a people role under people.sso)",
      .service = kSso,
      .attributes = {{.name = "instance_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the Identity Center instance",
                      .create_member = "InstanceArn"},
                     {.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "its name (the role name people see)",
                      .create_member = "Name",
                      .read_member = "Name"},
                     {.name = "description",
                      .description = "what it is for",
                      .create_member = "Description",
                      .read_member = "Description"},
                     {.name = "session_duration",
                      .description = "how long a session lasts, ISO 8601 (PT1H to PT12H)",
                      .default_value = Value("PT1H"),
                      .create_member = "SessionDuration",
                      .read_member = "SessionDuration"},
                     {.name = "tags"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "its ARN",
                      .read_member = "PermissionSetArn"}},
      .create = {.operation = "CreatePermissionSet",
                 .id_output = "PermissionSet.PermissionSetArn",
                 .conflict_codes = {"ConflictException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "DescribePermissionSet",
               .result_key = "PermissionSet",
               .item_key = "PermissionSetArn"},
      .updates = {{.operation = "UpdatePermissionSet",
                   .key_member = "PermissionSetArn",
                   .members = {{"instance_arn", "InstanceArn"},
                               {"description", "Description"},
                               {"session_duration", "SessionDuration"}}}},
      .tags = {.style = TagStyle::kKeyValueList,
               .create_member = "Tags",
               .tag_operation = "TagResource",
               .untag_operation = "UntagResource",
               .resource_member = "ResourceArn",
               .resource_members = {{"instance_arn", "InstanceArn"}},
               .tags_member = "Tags",
               .keys_member = "TagKeys",
               .list_operation = "ListTagsForResource",
               .list_result = "Tags"},
      .del = {.operation = "DeletePermissionSet",
              .key_member = "PermissionSetArn",
              .members = {{"instance_arn", "InstanceArn"}}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadPermissionSets, .find_key = FindPermissionSet},
  };
}

ResourceSpec SsoManagedPolicyAttachmentSpec() {
  const std::vector<std::pair<std::string, std::string>> members = {{"instance_arn", "InstanceArn"},
                                                                    {"permission_set_arn", "PermissionSetArn"},
                                                                    {"managed_policy_arn", "ManagedPolicyArn"}};
  return {
      .type = "aws_ssoadmin_managed_policy_attachment",
      .description = "an AWS managed policy in a permission set (provisioned again after the change)",
      .service = kSso,
      .id_parts = {"permission_set_arn", "managed_policy_arn"},
      .id_separator = ",",
      .attributes = {{.name = "instance_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the Identity Center instance",
                      .create_member = "InstanceArn"},
                     {.name = "permission_set_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the permission set",
                      .create_member = "PermissionSetArn"},
                     {.name = "managed_policy_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the AWS managed policy (arn:aws:iam::aws:policy/...)",
                      .create_member = "ManagedPolicyArn"}},
      .create = {.operation = "AttachManagedPolicyToPermissionSet", .conflict_codes = {"ConflictException"}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListManagedPoliciesInPermissionSet",
               .result_key = "AttachedManagedPolicies",
               .item_key = "Arn"},
      .del = {.operation = "DetachManagedPolicyFromPermissionSet", .members = members},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadPolicyAttachments,
                .after_create = [](const SpecEnv& env, const OperationContext&, const Value& attrs) {
                  return Provision(env.client, GetString(attrs, "instance_arn"), GetString(attrs, "permission_set_arn"));
                }},
  };
}

ResourceSpec IdentityStoreGroupSpec() {
  return {
      .type = "aws_identitystore_group",
      .description = "a group of the IAM Identity Center identity store (no tags: adopted by its unique name)",
      .service = kStore,
      .attributes = {{.name = "identity_store_id",
                      .required = true,
                      .force_new = true,
                      .description = "the identity store (d-...)",
                      .create_member = "IdentityStoreId"},
                     {.name = "display_name",
                      .required = true,
                      .force_new = true,
                      .description = "the group's name, unique in the store",
                      .create_member = "DisplayName",
                      .read_member = "DisplayName"},
                     {.name = "description",
                      .force_new = true,
                      .description = "what it is for",
                      .create_member = "Description",
                      .read_member = "Description"}},
      .create = {.operation = "CreateGroup", .id_output = "GroupId", .conflict_codes = {"ConflictException"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListGroups", .result_key = "Groups", .item_key = "GroupId"},
      .del = {.operation = "DeleteGroup", .key_member = "GroupId", .members = {{"identity_store_id", "IdentityStoreId"}}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadGroups, .find_key = FindGroup},
  };
}

ResourceSpec SsoAccountAssignmentSpec() {
  return {
      .type = "aws_ssoadmin_account_assignment",
      .description = "a user or group given a permission set in an account (asynchronous: polled)",
      .service = kSso,
      .id_parts = {"permission_set_arn", "principal_type", "principal_id", "target_id"},
      .id_separator = ",",
      .attributes = {{.name = "instance_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the Identity Center instance",
                      .create_member = "InstanceArn"},
                     {.name = "permission_set_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the permission set",
                      .create_member = "PermissionSetArn"},
                     {.name = "principal_type",
                      .required = true,
                      .force_new = true,
                      .description = "GROUP or USER",
                      .create_member = "PrincipalType"},
                     {.name = "principal_id",
                      .required = true,
                      .force_new = true,
                      .description = "the identity store's group or user id",
                      .create_member = "PrincipalId"},
                     {.name = "target_id",
                      .required = true,
                      .force_new = true,
                      .description = "the account id",
                      .create_member = "TargetId"},
                     {.name = "target_type",
                      .force_new = true,
                      .description = "AWS_ACCOUNT",
                      .default_value = Value("AWS_ACCOUNT"),
                      .create_member = "TargetType"}},
      .create = {.operation = "CreateAccountAssignment"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListAccountAssignments",
               .result_key = "AccountAssignments",
               .item_key = "PrincipalId"},
      .del = {.operation = "DeleteAccountAssignment",
              .members = {{"instance_arn", "InstanceArn"},
                          {"target_id", "TargetId"},
                          {"target_type", "TargetType"},
                          {"permission_set_arn", "PermissionSetArn"},
                          {"principal_type", "PrincipalType"},
                          {"principal_id", "PrincipalId"}}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadAssignments},
  };
}

void RegisterSsoTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(std::make_unique<InstanceType>(deps, SsoInstanceSpec()));
  registry->Register(std::make_unique<PermissionSetType>(deps, SsoPermissionSetSpec()));
  registry->Register(NewSpecType(deps, SsoManagedPolicyAttachmentSpec()));
  registry->Register(NewSpecType(deps, IdentityStoreGroupSpec()));
  registry->Register(std::make_unique<AccountAssignmentType>(deps, SsoAccountAssignmentSpec()));
}

}  // namespace pave::aws_provider
