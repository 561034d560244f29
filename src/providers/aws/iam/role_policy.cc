// aws_iam_role_policy: an inline policy of a role, id "<role>:<name>". PutRolePolicy both
// creates and updates, so a create after a crash simply writes the same policy again.
#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/iam/iam_types.h"

namespace pave::aws_provider {
namespace {

ResourceSchema RolePolicySchema() {
  ResourceSchema s;
  s.type = "aws_iam_role_policy";
  s.description = "an inline policy of an IAM role";
  s.attributes = {
      Required("role", AttrType::kString, "role name", true),
      Required("name", AttrType::kString, "policy name", true),
      Required("policy", AttrType::kString, "policy document (JSON)"),
  };
  return s;
}

class IamRolePolicyType : public AwsResourceType {
 public:
  explicit IamRolePolicyType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), RolePolicySchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    RETURN_IF_ERROR(Put(desired));
    return ReadBack(ctx, Key(desired));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::optional<Value>> result;
    if (requests.size() == 1) {
      const Value& p = requests[0].prior;
      Result<Value> out = client()->Call("iam", "GetRolePolicy", {{"RoleName", GetString(p, "role")},
                                                                  {"PolicyName", GetString(p, "name")}});
      if (!out.ok() && !IsNotFound(out.status())) return out.status();
      if (!out.ok()) return std::vector<std::optional<Value>>{std::nullopt};
      ASSIGN_OR_RETURN(std::string policy, NormalizePolicy(out->value("PolicyDocument", Value())));
      Value a = Key(p);
      a["policy"] = policy;
      return std::vector<std::optional<Value>>{a};
    }
    std::map<std::string, Value> roles;
    if (!requests.empty()) {
      ASSIGN_OR_RETURN(roles, DescribeRoles(client()));
    }
    for (const ReadRequest& r : requests) {
      result.push_back(std::nullopt);
      auto it = roles.find(GetString(r.prior, "role"));
      if (it == roles.end()) continue;
      for (const Value& p : it->second.value("RolePolicyList", Value::array())) {
        if (GetString(p, "PolicyName") != GetString(r.prior, "name")) continue;
        ASSIGN_OR_RETURN(std::string policy, NormalizePolicy(p.value("PolicyDocument", Value())));
        Value a = Key(r.prior);
        a["policy"] = policy;
        result.back() = std::move(a);
      }
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    (void)prior;
    RETURN_IF_ERROR(Put(desired));
    return ReadBack(ctx, Key(desired));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = client()->Call("iam", "DeleteRolePolicy", {{"RoleName", GetString(prior, "role")},
                                                          {"PolicyName", GetString(prior, "name")}})
                   .status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, Key(desired)}}));
    return got[0];
  }

 private:
  static Value Key(const Value& v) {
    return {{"id", GetString(v, "role") + ":" + GetString(v, "name")},
            {"role", GetString(v, "role")},
            {"name", GetString(v, "name")}};
  }

  Status Put(const Value& desired) {
    return client()->Call("iam", "PutRolePolicy", {{"RoleName", GetString(desired, "role")},
                                                   {"PolicyName", GetString(desired, "name")},
                                                   {"PolicyDocument", GetString(desired, "policy")}})
        .status();
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewIamRolePolicyType(AwsTypeDeps deps) {
  return std::make_unique<IamRolePolicyType>(std::move(deps));
}

}  // namespace pave::aws_provider
