#include "platform/blueprints/organization.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kBuiltins = {"deny-leave-organization", "deny-root-user",
                                            "protect-security-services", "allowed-regions"};
constexpr const char* kOrg = "aws_organizations_organization";
const std::vector<std::string> kSectionKeys = {"units", "accounts", "policies", "accessRole"};
const std::vector<std::string> kAccountKeys = {"name", "email", "unit", "id"};
const std::vector<std::string> kUnitKeys = {"name", "policies"};
const std::vector<std::string> kPolicyKeys = {"name", "document", "regions", "attach"};

// Every key of the map `node` that is not in `allowed`: an error at the key, with did-you-mean.
void RefuseUnknownKeys(const YAML::Node& node, const std::vector<std::string>& allowed, const std::string& where,
                       BlueprintContext& ctx) {
  if (!node.IsMap()) return;
  for (const auto& kv : node) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      ctx.Error(kv.first, "organization: unknown key \"" + key + "\" in " + where, SuggestionHint(key, allowed));
    }
  }
}

Value Statement(const std::string& sid, Value action, Value condition = Value()) {
  Value s = {{"Sid", sid}, {"Effect", "Deny"}, {"Action", std::move(action)}, {"Resource", "*"}};
  if (!condition.is_null()) s["Condition"] = std::move(condition);
  return s;
}

std::string Scalar(const YAML::Node& entry, const std::string& key) {
  YAML::Node n = MapValue(entry, key);
  return n.IsDefined() && n.IsScalar() ? n.Scalar() : "";
}

std::vector<std::string> List(const YAML::Node& entry, const std::string& key,
                              BlueprintContext& ctx) {
  std::vector<std::string> out;
  YAML::Node n = MapValue(entry, key);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) {
    ctx.Error(n, "organization: " + key + " must be a list of names");
    return out;
  }
  for (const YAML::Node& item : n) out.push_back(item.IsScalar() ? item.Scalar() : "");
  return out;
}

// "line:col" of byte `offset` in `text` (1-based).
std::string LineCol(const std::string& text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n')
      line++, col = 1;
    else
      col++;
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

// The policy document a `document: file:...` names, as compact JSON; "" after an error.
std::string ReadDocument(const YAML::Node& at, const std::string& source, BlueprintContext& ctx) {
  if (source.rfind("file:", 0) != 0) {
    ctx.Error(at, "organization: document must be file:<path>",
              "e.g. document: file:scp/custom.json");
    return "";
  }
  std::filesystem::path path = source.substr(5);
  if (path.is_relative()) path = std::filesystem::path(ctx.file()).parent_path() / path;
  std::ifstream in(path);
  if (!in) {
    ctx.Error(at, "organization: cannot read " + path.string());
    return "";
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  Value doc;
  try {
    doc = Value::parse(text);
  } catch (const Value::parse_error& e) {
    ctx.Error(
        at, path.string() + ":" + LineCol(text, e.byte > 0 ? e.byte - 1 : 0) + ": not valid JSON");
    return "";
  }
  std::string compact = doc.dump();
  if (compact.size() > kMaxScpCharacters) {
    ctx.Error(at, path.string() + ": the policy has " + std::to_string(compact.size()) +
                      " characters; AWS allows " + std::to_string(kMaxScpCharacters) +
                      " in a service control policy");
    return "";
  }
  return compact;
}

struct Names {
  std::set<std::string> units, accounts;
};

// "${...id}" of the root, a unit or an account; "" when `target` names none.
std::string TargetId(const std::string& target, const Names& names) {
  if (target == "root") return std::string("${") + kOrg + ".main.root_id}";
  if (names.units.count(target))
    return "${aws_organizations_organizational_unit." + target + ".id}";
  if (names.accounts.count(target)) return "${aws_organizations_account." + target + ".id}";
  return "";
}

// Adds {name, account} to the organization.members export: the account a resource in it names.
void AddMember(const std::string& name, const std::string& account, BlueprintContext& ctx) {
  const Value* members = ctx.Import("organization.members");
  Value list = members ? *members : Value::array();
  list.push_back({{"name", name}, {"account", account}});
  ctx.Export("organization.members", std::move(list));
}

void ExpandAccount(const YAML::Node& entry, const Names& names, BlueprintContext& ctx) {
  RefuseUnknownKeys(entry, kAccountKeys, "an account", ctx);
  std::string name = Scalar(entry, "name"), email = Scalar(entry, "email"),
              unit = Scalar(entry, "unit");
  std::string id = Scalar(entry, "id");
  if (name.empty() || (email.empty() && id.empty())) {
    return ctx.Error(entry, "organization: an account needs a name and an email (or the id of an existing member)");
  }
  Value props = {{"name", name}, {"parent_id", TargetId(unit.empty() ? "root" : unit, names)}};
  if (!email.empty()) props["email"] = email;
  if (!unit.empty() && !names.units.count(unit)) {
    return ctx.Error(MapValue(entry, "unit"), "organization: unknown unit \"" + unit + "\"",
                     SuggestionHint(unit, {names.units.begin(), names.units.end()}));
  }
  if (!id.empty()) {
    if (id.size() != 12 || id.find_first_not_of("0123456789") != std::string::npos) {
      return ctx.Error(MapValue(entry, "id"), "organization: account id must be 12 digits");
    }
    props["account_id"] = id;
  }
  AddMember(name, id.empty() ? "${aws_organizations_account." + name + ".id}" : id, ctx);
  ctx.Add("aws_organizations_account", name, std::move(props), entry);
  // An account given by id is known at plan time; one made by the run, once it exists.
  ctx.Export(AccountExport(name), id.empty() ? "${aws_organizations_account." + name + ".id}" : id);
  ctx.Output("organization.accounts." + name, "${aws_organizations_account." + name + ".id}",
             "the account id");
}

// aws_organizations_policy.<name>: from `document: file:` or a built-in. False after an error.
bool AddPolicy(const std::string& name, const YAML::Node& entry, const std::vector<std::string>& regions,
               BlueprintContext& ctx) {
  std::string content;
  if (YAML::Node doc = MapValue(entry, "document"); doc.IsDefined()) {
    content = ReadDocument(doc, doc.IsScalar() ? doc.Scalar() : "", ctx);
    if (content.empty()) return false;
  } else {
    if (name == "allowed-regions" && regions.empty()) {
      ctx.Error(entry, "organization: allowed-regions needs regions",
                "declare it under policies: with its regions, e.g. {name: allowed-regions, regions: [eu-west-1]}");
      return false;
    }
    content = BuiltinPolicy(name, regions);
    if (content.empty()) {
      ctx.Error(entry.IsMap() ? MapValue(entry, "name") : entry, "organization: no built-in policy \"" + name + "\"",
                SuggestionHint(name, kBuiltins) + " (or declare it under policies: with document: file:...)");
      return false;
    }
  }
  ctx.Add("aws_organizations_policy", name,
          {{"name", name}, {"description", "pave: " + name}, {"content", content}, {"type", "SERVICE_CONTROL_POLICY"}},
          entry);
  return true;
}

// aws_organizations_policy_attachment.<policy>-<target>, once per pair.
void Attach(const std::string& policy, const std::string& target, const YAML::Node& at, const Names& names,
            std::set<std::string>* attached, BlueprintContext& ctx) {
  std::string id = TargetId(target, names);
  if (id.empty()) {
    std::vector<std::string> known = {"root"};
    known.insert(known.end(), names.units.begin(), names.units.end());
    known.insert(known.end(), names.accounts.begin(), names.accounts.end());
    ctx.Error(at, "organization: attach names \"" + target + "\", not root, a unit or an account",
              SuggestionHint(target, known));
    return;
  }
  if (!attached->insert(policy + "-" + target).second) return;
  ctx.Add("aws_organizations_policy_attachment", policy + "-" + target,
          {{"policy_id", "${aws_organizations_policy." + policy + ".id}"}, {"target_id", id}}, at);
}

}  // namespace

std::string BuiltinPolicy(const std::string& name, const std::vector<std::string>& regions) {
  Value statement;
  if (name == "deny-leave-organization") {
    statement = Statement("DenyLeaveOrganization", "organizations:LeaveOrganization");
  } else if (name == "deny-root-user") {
    statement = Statement("DenyRootUser", "*",
                          {{"StringLike", {{"aws:PrincipalArn", "arn:aws:iam::*:root"}}}});
  } else if (name == "protect-security-services") {
    statement = Statement(
        "ProtectSecurityServices",
        {"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "config:DeleteConfigurationRecorder",
         "config:StopConfigurationRecorder", "guardduty:DeleteDetector",
         "guardduty:DisassociateFromMasterAccount", "securityhub:DisableSecurityHub"});
  } else if (name == "allowed-regions") {
    // Global services (IAM, Organizations, STS, Route 53, CloudFront, support...) are exempt.
    Value exempt = {"iam:*",
                    "organizations:*",
                    "sts:*",
                    "route53:*",
                    "route53domains:*",
                    "cloudfront:*",
                    "support:*",
                    "budgets:*",
                    "ce:*",
                    "health:*",
                    "waf:*",
                    "account:*",
                    "globalaccelerator:*"};
    statement = {{"Sid", "AllowedRegions"},
                 {"Effect", "Deny"},
                 {"NotAction", exempt},
                 {"Resource", "*"},
                 {"Condition", {{"StringNotEquals", {{"aws:RequestedRegion", regions}}}}}};
  } else {
    return "";
  }
  return Value{{"Version", "2012-10-17"}, {"Statement", Value::array({statement})}}.dump();
}

void OrganizationBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsMap())
    return ctx.Error(node, "organization must be a map (units, accounts, policies)");
  RefuseUnknownKeys(node, kSectionKeys, "the section", ctx);
  ctx.Add(kOrg, "main", {{"feature_set", "ALL"}}, node);
  if (YAML::Node role = MapValue(node, "accessRole"); role.IsDefined()) {
    if (!role.IsScalar() || role.Scalar().empty()) {
      return ctx.Error(role, "organization.accessRole must be the name of a role in every member account");
    }
    ctx.Export(kAccessRoleExport, role.Scalar());
  }
  ctx.Export("organization.root_id", std::string("${") + kOrg + ".main.root_id}");
  ctx.Export("organization.management_account",
             std::string("${") + kOrg + ".main.master_account_id}");
  ctx.Export("organization.members", Value::array());
  Names names;
  // Units: names, or {name, policies: [...]} naming the policies attached to the unit.
  std::vector<std::pair<std::string, YAML::Node>> unit_policies;  // (unit, the policy's node)
  if (YAML::Node units = MapValue(node, "units"); units.IsDefined() && !units.IsNull()) {
    if (!units.IsSequence()) return ctx.Error(units, "organization: units must be a list of names or {name, policies}");
    for (const YAML::Node& u : units) {
      RefuseUnknownKeys(u, kUnitKeys, "a unit", ctx);
      std::string unit = u.IsScalar() ? u.Scalar() : Scalar(u, "name");
      if (unit.empty()) {
        ctx.Error(u, "organization: a unit needs a name");
        continue;
      }
      if (unit == "root") {
        ctx.Error(u, "organization: \"root\" is the organization's root, not a unit name");
        continue;
      }
      if (!names.units.insert(unit).second) {
        ctx.Error(u, "organization: unit \"" + unit + "\" is declared twice");
        continue;
      }
      ctx.Add("aws_organizations_organizational_unit", unit,
              {{"name", unit}, {"parent_id", std::string("${") + kOrg + ".main.root_id}"}}, u);
      if (u.IsMap()) {
        for (const YAML::Node& p : MapValue(u, "policies")) unit_policies.emplace_back(unit, p);
      }
    }
  }
  YAML::Node accounts = MapValue(node, "accounts"), policies = MapValue(node, "policies");
  if (accounts.IsSequence()) {
    for (const YAML::Node& a : accounts) names.accounts.insert(Scalar(a, "name"));
    for (const YAML::Node& a : accounts) ExpandAccount(a, names, ctx);
  }
  std::set<std::string> declared, attached, failed;
  if (policies.IsSequence()) {
    for (const YAML::Node& p : policies) {
      RefuseUnknownKeys(p, kPolicyKeys, "a policy", ctx);
      std::string name = Scalar(p, "name");
      if (name.empty()) {
        ctx.Error(p, "organization: a policy needs a name");
        continue;
      }
      if (!declared.insert(name).second) {
        ctx.Error(p, "organization: policy \"" + name + "\" is declared twice");
        continue;
      }
      if (!AddPolicy(name, p, List(p, "regions", ctx), ctx)) {
        failed.insert(name);
        continue;
      }
      for (const std::string& target : List(p, "attach", ctx)) Attach(name, target, MapValue(p, "attach"), names, &attached, ctx);
    }
  }
  // A unit's policies: declared ones, or built-ins named there only (made once).
  for (const auto& [unit, p] : unit_policies) {
    std::string name = p.IsScalar() ? p.Scalar() : "";
    if (name.empty()) {
      ctx.Error(p, "organization: a unit's policies are policy names");
      continue;
    }
    if (failed.count(name)) continue;  // one error per name
    if (!declared.count(name)) {
      declared.insert(name);
      if (!AddPolicy(name, p, {}, ctx)) {
        failed.insert(name);
        continue;
      }
    }
    Attach(name, unit, p, names, &attached, ctx);
  }
}

}  // namespace pave
