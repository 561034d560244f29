// aws_iam_role. Reads are batched: one GetRole for a single role, else
// GetAccountAuthorizationDetails (all roles, inline policies and tags, one call per page).
// Delete clears what blocks DeleteRole: inline policies, attached managed policies and
// instance profiles.
#include <map>

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/iam/iam_types.h"

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

ResourceSchema RoleSchema() {
  ResourceSchema s;
  s.type = "aws_iam_role";
  s.description = "an IAM role";
  s.attributes = {
      Required("name", AttrType::kString, "role name", true),
      Required("assume_role_policy", AttrType::kString, "trust policy (JSON)"),
      Optional("description", AttrType::kString, "what it is for", Value("")),
      Optional("path", AttrType::kString, "IAM path", Value("/"), true),
      TagsAttribute(),
      ArnAttribute(),
      Stable("unique_id", AttrType::kString, "the role id (AROA...)"),
  };
  return s;
}

class IamRoleType : public AwsResourceType {
 public:
  explicit IamRoleType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), RoleSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    Value input = {{"RoleName", name},
                   {"Path", GetString(desired, "path", "/")},
                   {"AssumeRolePolicyDocument", GetString(desired, "assume_role_policy")},
                   {"Tags", TagMapToList(TagsForCreate(ctx, desired))}};
    if (!GetString(desired, "description").empty()) input["Description"] = desired["description"];
    Result<Value> out = Iam("CreateRole", input);
    if (!out.ok() && out.status().reason() == "EntityAlreadyExists") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine) return out.status().WithContext("role " + name + " exists and was not made by this platform");
      return Update(ctx, *mine, desired);
    }
    RETURN_IF_ERROR(out.status());
    return ReadBack(ctx, {{"id", name}, {"name", name}});
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::map<std::string, Value> roles;
    if (requests.size() == 1) {
      Result<Value> out = Iam("GetRole", {{"RoleName", GetString(requests[0].prior, "name")}});
      if (!out.ok() && !IsNotFound(out.status())) return out.status();
      if (out.ok()) roles[GetString(requests[0].prior, "name")] = (*out)["Role"];
    } else if (!requests.empty()) {
      ASSIGN_OR_RETURN(roles, DescribeRoles(client()));
      // GetAccountAuthorizationDetails leaves out the description (RoleDetail has none);
      // ListRoles has it.
      ASSIGN_OR_RETURN(Value listed, client()->CallAllPages("iam", "ListRoles", {{"MaxItems", 1000}}));
      for (const Value& role : listed.value("Roles", Value::array())) {
        auto it = roles.find(GetString(role, "RoleName"));
        if (it != roles.end()) it->second["Description"] = role.value("Description", Value(""));
      }
    }
    std::vector<std::optional<Value>> result;
    for (const ReadRequest& r : requests) {
      auto it = roles.find(GetString(r.prior, "name"));
      if (it == roles.end()) {
        result.push_back(std::nullopt);
        continue;
      }
      const Value& role = it->second;
      ASSIGN_OR_RETURN(std::string policy, NormalizePolicy(role.value("AssumeRolePolicyDocument", Value())));
      result.push_back(Value{{"id", it->first}, {"name", it->first},
                             {"assume_role_policy", policy},
                             {"description", GetString(role, "Description")},
                             {"path", GetString(role, "Path", "/")},
                             {"tags", UserTags(role.value("Tags", Value::array()))},
                             {"arn", GetString(role, "Arn")},
                             {"unique_id", GetString(role, "RoleId")}});
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string name = GetString(prior, "name");
    if (prior.value("assume_role_policy", Value()) != desired.value("assume_role_policy", Value())) {
      RETURN_IF_ERROR(Iam("UpdateAssumeRolePolicy", {{"RoleName", name},
                                                      {"PolicyDocument", GetString(desired, "assume_role_policy")}})
                          .status());
    }
    if (GetString(prior, "description") != GetString(desired, "description")) {
      RETURN_IF_ERROR(Iam("UpdateRole", {{"RoleName", name}, {"Description", GetString(desired, "description")}})
                          .status());
    }
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) RETURN_IF_ERROR(Iam("UntagRole", {{"RoleName", name}, {"TagKeys", removed}}).status());
    RETURN_IF_ERROR(Iam("TagRole", {{"RoleName", name}, {"Tags", TagMapToList(TagsForCreate(ctx, desired, false))}})
                        .status());
    return ReadBack(ctx, {{"id", name}, {"name", name}});
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    std::string name = GetString(prior, "name");
    Status s = ClearAndDelete(name);
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    Result<Value> out = Iam("GetRole", {{"RoleName", name}});
    if (!out.ok()) return IsNotFound(out.status()) ? Result<std::optional<Value>>(std::optional<Value>()) : out.status();
    ASSIGN_OR_RETURN(bool ours, Adoptable(ctx, (*out)["Role"].value("Tags", Value::array()), "IAM role " + name));
    if (!ours) return std::optional<Value>();
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, {{"id", name}, {"name", name}}}}));
    return got[0];
  }

 private:
  Result<Value> Iam(const std::string& op, const Value& input) { return client()->Call("iam", op, input); }

  Status ClearAndDelete(const std::string& name) {
    ASSIGN_OR_RETURN(Value inline_policies, client()->CallAllPages("iam", "ListRolePolicies", {{"RoleName", name}}));
    for (const Value& p : inline_policies.value("PolicyNames", Value::array())) {
      RETURN_IF_ERROR(Iam("DeleteRolePolicy", {{"RoleName", name}, {"PolicyName", p}}).status());
    }
    ASSIGN_OR_RETURN(Value attached, client()->CallAllPages("iam", "ListAttachedRolePolicies", {{"RoleName", name}}));
    for (const Value& p : attached.value("AttachedPolicies", Value::array())) {
      RETURN_IF_ERROR(Iam("DetachRolePolicy", {{"RoleName", name}, {"PolicyArn", GetString(p, "PolicyArn")}}).status());
    }
    ASSIGN_OR_RETURN(Value profiles, client()->CallAllPages("iam", "ListInstanceProfilesForRole", {{"RoleName", name}}));
    for (const Value& p : profiles.value("InstanceProfiles", Value::array())) {
      RETURN_IF_ERROR(Iam("RemoveRoleFromInstanceProfile",
                          {{"RoleName", name}, {"InstanceProfileName", GetString(p, "InstanceProfileName")}})
                          .status());
    }
    return Iam("DeleteRole", {{"RoleName", name}}).status();
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewIamRoleType(AwsTypeDeps deps) {
  return std::make_unique<IamRoleType>(std::move(deps));
}

}  // namespace pave::aws_provider
