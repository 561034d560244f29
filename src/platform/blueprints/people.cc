#include "platform/blueprints/people.h"

#include <map>

#include "platform/yaml_checks.h"

namespace pave {
namespace {

struct PeopleRole {
  std::string name, policy;
  bool mfa = false;
  int max_session_hours = 0;  // 0: IAM's default (1 hour)
};

std::string Scalar(const YAML::Node& entry, const std::string& key) {
  YAML::Node n = MapValue(entry, key);
  return n.IsDefined() && n.IsScalar() ? n.Scalar() : "";
}

bool ReadRole(const YAML::Node& entry, BlueprintContext& ctx, PeopleRole* role) {
  role->name = Scalar(entry, "name");
  role->policy = Scalar(entry, "policy");
  if (role->name.empty() || role->policy.empty()) {
    ctx.Error(entry, "people: a role needs name and policy (a managed policy ARN)");
    return false;
  }
  if (YAML::Node mfa = MapValue(entry, "mfa"); mfa.IsDefined() && !StrictBool(mfa, &role->mfa)) {
    ctx.Error(mfa, StrictBoolError(mfa, "people: mfa"));
    return false;
  }
  if (std::string hours = Scalar(entry, "maxSessionHours"); !hours.empty()) {
    role->max_session_hours =
        hours.find_first_not_of("0123456789") == std::string::npos && hours.size() < 3
            ? std::stoi(hours)
            : 0;
    if (role->max_session_hours < 1 || role->max_session_hours > 12) {
      ctx.Error(MapValue(entry, "maxSessionHours"),
                "people: maxSessionHours must be 1 to 12 (IAM's limit)");
      return false;
    }
  }
  return true;
}

// The accounts roles go in: {name, account} with "management" first (account "").
Value Accounts(BlueprintContext& ctx) {
  Value out = Value::array({{{"name", "management"}, {"account", ""}}});
  if (const Value* members = ctx.Import("organization.members")) {
    for (const Value& m : *members) out.push_back(m);
  }
  return out;
}

void AddRole(const PeopleRole& role, const Value& account, const std::string& management,
             const YAML::Node& at, BlueprintContext& ctx) {
  std::string name = account["name"].get<std::string>() + "-" + role.name;
  ResourceConfig& rc = ctx.Add("aws_iam_role", name,
                               {{"name", role.name},
                                {"assume_role_policy", PeopleTrustPolicy(management, role.mfa)},
                                {"description", "pave people: " + role.name}},
                               at);
  const std::string in_account = account["account"].get<std::string>();
  rc.account = in_account;
  if (role.max_session_hours > 0)
    rc.properties["max_session_duration"] =
        role.max_session_hours * 3600;  // rc is not used after the next Add (which may move it)
  ResourceConfig& att =
      ctx.Add("aws_iam_role_policy_attachment", name,
              {{"role", "${aws_iam_role." + name + ".name}"}, {"policy_arn", role.policy}}, at);
  att.account = in_account;
}

}  // namespace

std::string PeopleTrustPolicy(const std::string& management, bool mfa) {
  Value statement = {{"Effect", "Allow"},
                     {"Principal", {{"AWS", "arn:aws:iam::" + management + ":root"}}},
                     {"Action", "sts:AssumeRole"}};
  if (mfa) statement["Condition"] = {{"Bool", {{"aws:MultiFactorAuthPresent", "true"}}}};
  return Value{{"Version", "2012-10-17"}, {"Statement", Value::array({statement})}}.dump();
}

void PeopleBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsMap()) return ctx.Error(node, "people must be a map (roles, groups)");
  const Value* mgmt = ctx.Import("organization.management_account");
  if (mgmt == nullptr) return ctx.Error(node, "people: needs the organization: section");
  std::string management =
      ctx.metadata().account_id.empty() ? mgmt->get<std::string>() : ctx.metadata().account_id;
  Value accounts = Accounts(ctx);
  std::map<std::string, PeopleRole> roles;
  YAML::Node role_list = MapValue(node, "roles"), groups = MapValue(node, "groups");
  for (const YAML::Node& entry :
       role_list.IsSequence() ? role_list : YAML::Node(YAML::NodeType::Sequence)) {
    PeopleRole role;
    if (!ReadRole(entry, ctx, &role)) continue;
    roles[role.name] = role;
    for (const Value& account : accounts) AddRole(role, account, management, entry, ctx);
  }
  for (const YAML::Node& entry :
       groups.IsSequence() ? groups : YAML::Node(YAML::NodeType::Sequence)) {
    std::string group = Scalar(entry, "name");
    if (group.empty()) {
      ctx.Error(entry, "people: a group needs a name");
      continue;
    }
    Value arns = Value::array();
    for (const YAML::Node& r : MapValue(entry, "roles")) {
      if (!r.IsScalar() || !roles.count(r.Scalar())) {
        ctx.Error(r, "people: group " + group + " names unknown role \"" +
                         (r.IsScalar() ? r.Scalar() : "") + "\"");
        continue;
      }
      for (const Value& a : accounts) {
        std::string id = a["account"].get<std::string>();
        arns.push_back("arn:aws:iam::" + (id.empty() ? management : id) + ":role/" + r.Scalar());
      }
    }
    Value policy = {
        {"Version", "2012-10-17"},
        {"Statement",
         Value::array({{{"Effect", "Allow"}, {"Action", "sts:AssumeRole"}, {"Resource", arns}}})}};
    ctx.Add("aws_iam_group", group, {{"name", group}}, entry);
    ctx.Add("aws_iam_group_policy", group + "-assume",
            {{"group", "${aws_iam_group." + group + ".name}"},
             {"name", "assume-roles"},
             {"policy", policy.dump()}},
            entry);
  }
}

}  // namespace pave
