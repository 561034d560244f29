// aws_iam_role_policy_attachment: a managed policy attached to a role, id "<role>/<policy arn>".
// AttachRolePolicy is idempotent, so a create after a crash attaches again harmlessly. Reads
// are batched like the role's: ListAttachedRolePolicies for one, else
// GetAccountAuthorizationDetails (every role with its attached policies, one call per page).
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/iam/iam_eks_types.h"
#include "providers/aws/iam/iam_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema AttachmentSchema() {
  ResourceSchema s;
  s.type = "aws_iam_role_policy_attachment";
  s.description = "a managed IAM policy attached to a role";
  s.attributes = {
      Required("role", AttrType::kString, "role name", true),
      Required("policy_arn", AttrType::kString, "the managed policy", true),
  };
  return s;
}

class RolePolicyAttachmentType : public AwsResourceType {
 public:
  explicit RolePolicyAttachmentType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), AttachmentSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    RETURN_IF_ERROR(Iam("AttachRolePolicy", {{"RoleName", GetString(desired, "role")},
                                             {"PolicyArn", GetString(desired, "policy_arn")}})
                        .status());
    return ReadBack(ctx, Key(desired));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::map<std::string, Value> attached;  // role name -> [{"PolicyArn": ...}]
    if (requests.size() == 1) {
      std::string role = GetString(requests[0].prior, "role");
      Result<Value> out = client()->CallAllPages("iam", "ListAttachedRolePolicies", {{"RoleName", role}});
      if (!out.ok() && !IsNotFound(out.status())) return out.status();
      if (out.ok()) attached[role] = out->value("AttachedPolicies", Value::array());
    } else if (!requests.empty()) {
      ASSIGN_OR_RETURN(auto roles, DescribeRoles(client()));
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

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    (void)prior;  // both attributes are force_new: nothing changes in place
    return ReadBack(ctx, Key(desired));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = Iam("DetachRolePolicy", {{"RoleName", GetString(prior, "role")},
                                        {"PolicyArn", GetString(prior, "policy_arn")}})
                   .status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, Key(desired)}}));
    return got[0];
  }

 private:
  static Value Key(const Value& v) {
    return {{"id", GetString(v, "role") + "/" + GetString(v, "policy_arn")},
            {"role", GetString(v, "role")},
            {"policy_arn", GetString(v, "policy_arn")}};
  }

  Result<Value> Iam(const std::string& op, const Value& input) { return client()->Call("iam", op, input); }
};

}  // namespace

std::unique_ptr<ResourceType> NewIamRolePolicyAttachmentType(AwsTypeDeps deps) {
  return std::make_unique<RolePolicyAttachmentType>(std::move(deps));
}

}  // namespace pave::aws_provider
