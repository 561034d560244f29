#include "platform/blueprints/people.h"

#include <algorithm>
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

const std::vector<std::string> kSectionKeys = {"roles", "groups", "sso"};
const std::vector<std::string> kSsoKeys = {"instance"};
const std::vector<std::string> kRoleKeys = {"name", "managedPolicy", "policy", "mfa", "maxSessionHours"};
const std::vector<std::string> kGroupKeys = {"name", "roles"};

// Every key of the map `node` that is not in `allowed`: an error at the key, with did-you-mean.
bool KnownKeys(const YAML::Node& node, const std::vector<std::string>& allowed, const std::string& where,
               BlueprintContext& ctx) {
  bool ok = true;
  if (!node.IsMap()) return ok;
  for (const auto& kv : node) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      ctx.Error(kv.first, "people: unknown key \"" + key + "\" in " + where, SuggestionHint(key, allowed));
      ok = false;
    }
  }
  return ok;
}

bool ReadRole(const YAML::Node& entry, BlueprintContext& ctx, PeopleRole* role) {
  if (!KnownKeys(entry, kRoleKeys, "a role", ctx)) return false;
  role->name = Scalar(entry, "name");
  std::string managed = Scalar(entry, "managedPolicy");
  role->policy = Scalar(entry, "policy");
  if (!managed.empty() && !role->policy.empty()) {
    ctx.Error(entry, "people: a role takes managedPolicy or policy, not both");
    return false;
  }
  if (!managed.empty()) {
    // An AWS managed policy by name (AdministratorAccess, job-function/ViewOnlyAccess) or ARN.
    role->policy = managed.rfind("arn:", 0) == 0 ? managed : "arn:aws:iam::aws:policy/" + managed;
  }
  if (role->name.empty() || role->policy.empty()) {
    ctx.Error(entry, "people: a role needs a name and managedPolicy (an AWS managed policy name, e.g. "
                     "AdministratorAccess) or policy (a managed policy ARN)");
    return false;
  }
  if (role->policy.rfind("arn:", 0) != 0 || role->policy.find(":policy/") == std::string::npos) {
    ctx.Error(MapValue(entry, "policy"), "people: policy must be a managed policy ARN (arn:aws:iam::...:policy/NAME)",
              "or give managedPolicy: NAME for an AWS managed policy");
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


// people.sso: true or {instance: ARN}. False when absent or false; an error leaves *bad set.
bool ReadSso(const YAML::Node& node, BlueprintContext& ctx, std::string* instance, bool* bad) {
  YAML::Node sso = MapValue(node, "sso");
  if (!sso.IsDefined() || sso.IsNull()) return false;
  if (sso.IsMap()) {
    if (!KnownKeys(sso, kSsoKeys, "sso", ctx)) return *bad = true, false;
    *instance = Scalar(sso, "instance");
    if (!instance->empty() && instance->rfind("arn:", 0) != 0) {
      ctx.Error(MapValue(sso, "instance"), "people.sso.instance must be an instance ARN (arn:aws:sso:::instance/ssoins-...)");
      return *bad = true, false;
    }
    return true;
  }
  bool on = false;
  if (!StrictBool(sso, &on)) {
    ctx.Error(sso, StrictBoolError(sso, "people.sso"), "true, false or {instance: ARN}");
    return *bad = true, false;
  }
  return on;
}

constexpr const char* kInstanceArn = "${aws_ssoadmin_instance.main.id}";

// A role under SSO: a permission set with its managed policy.
void AddPermissionSet(const PeopleRole& role, const YAML::Node& at, BlueprintContext& ctx) {
  Value props = {{"instance_arn", kInstanceArn}, {"name", role.name}, {"description", "pave people: " + role.name}};
  if (role.max_session_hours > 0) props["session_duration"] = "PT" + std::to_string(role.max_session_hours) + "H";
  ctx.Add("aws_ssoadmin_permission_set", role.name, std::move(props), at);
  ctx.Add("aws_ssoadmin_managed_policy_attachment", role.name,
          {{"instance_arn", kInstanceArn},
           {"permission_set_arn", "${aws_ssoadmin_permission_set." + role.name + ".arn}"},
           {"managed_policy_arn", role.policy}},
          at);
}

// A group under SSO: an identity store group, given each of its roles in every account.
void AddSsoGroup(const std::string& group, const std::vector<std::string>& roles, const Value& accounts,
                 const std::string& management, const YAML::Node& at, BlueprintContext& ctx) {
  ctx.Add("aws_identitystore_group", group,
          {{"identity_store_id", "${aws_ssoadmin_instance.main.identity_store_id}"},
           {"display_name", group},
           {"description", "pave people: " + group}},
          at);
  for (const std::string& role : roles) {
    for (const Value& a : accounts) {
      std::string id = a["account"].get<std::string>();
      ctx.Add("aws_ssoadmin_account_assignment", group + "-" + role + "-" + a["name"].get<std::string>(),
              {{"instance_arn", kInstanceArn},
               {"permission_set_arn", "${aws_ssoadmin_permission_set." + role + ".arn}"},
               {"principal_type", "GROUP"},
               {"principal_id", "${aws_identitystore_group." + group + ".id}"},
               {"target_id", id.empty() ? management : id}},
              at);
    }
  }
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
  KnownKeys(node, kSectionKeys, "the section", ctx);
  const Value* mgmt = ctx.Import("organization.management_account");
  if (mgmt == nullptr) return ctx.Error(node, "people: needs the organization: section");
  std::string management =
      ctx.metadata().account_id.empty() ? mgmt->get<std::string>() : ctx.metadata().account_id;
  Value accounts = Accounts(ctx);
  std::string instance;
  bool bad_sso = false;
  const bool sso = ReadSso(node, ctx, &instance, &bad_sso);
  if (bad_sso) return;
  if (sso) {
    Value props = Value::object();
    if (!instance.empty()) props["instance_arn"] = instance;
    ctx.Add("aws_ssoadmin_instance", "main", std::move(props), MapValue(node, "sso"));
  }
  bool warned_mfa = false;
  std::map<std::string, PeopleRole> roles;
  YAML::Node role_list = MapValue(node, "roles"), groups = MapValue(node, "groups");
  for (const YAML::Node& entry :
       role_list.IsSequence() ? role_list : YAML::Node(YAML::NodeType::Sequence)) {
    PeopleRole role;
    if (!ReadRole(entry, ctx, &role)) continue;
    roles[role.name] = role;
    if (sso) {
      if (role.policy.rfind("arn:aws:iam::aws:policy/", 0) != 0) {
        ctx.Error(entry, "people.sso: a permission set takes AWS managed policies (arn:aws:iam::aws:policy/...), not " +
                             role.policy);
        continue;
      }
      AddPermissionSet(role, entry, ctx);
      if (role.mfa && !warned_mfa) {
        warned_mfa = true;
        ctx.Warn(MapValue(entry, "mfa"), "people.sso: MFA is a setting of the whole IAM Identity Center instance, "
                                         "not of one permission set",
                 "require it in Identity Center's settings (Authentication: MFA every sign-in)");
      }
      continue;
    }
    for (const Value& account : accounts) AddRole(role, account, management, entry, ctx);
  }
  for (const YAML::Node& entry :
       groups.IsSequence() ? groups : YAML::Node(YAML::NodeType::Sequence)) {
    if (!KnownKeys(entry, kGroupKeys, "a group", ctx)) continue;
    std::string group = Scalar(entry, "name");
    if (group.empty()) {
      ctx.Error(entry, "people: a group needs a name");
      continue;
    }
    Value arns = Value::array();
    std::vector<std::string> group_roles;
    for (const YAML::Node& r : MapValue(entry, "roles")) {
      if (!r.IsScalar() || !roles.count(r.Scalar())) {
        std::vector<std::string> known;
        for (const auto& [name, unused] : roles) known.push_back(name);
        ctx.Error(r, "people: group " + group + " names unknown role \"" +
                         (r.IsScalar() ? r.Scalar() : "") + "\"", SuggestionHint(r.IsScalar() ? r.Scalar() : "", known));
        continue;
      }
      group_roles.push_back(r.Scalar());
      for (const Value& a : accounts) {
        std::string id = a["account"].get<std::string>();
        arns.push_back("arn:aws:iam::" + (id.empty() ? management : id) + ":role/" + r.Scalar());
      }
    }
    if (sso) {
      AddSsoGroup(group, group_roles, accounts, management, entry, ctx);
      continue;
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
