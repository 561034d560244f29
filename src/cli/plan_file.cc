#include "cli/plan_file.h"

#include <map>

#include "core/hash.h"

namespace pave::cli {
namespace {

Value AddressesToJson(const std::vector<ResourceAddress>& addresses) {
  Value out = Value::array();
  for (const auto& a : addresses) out.push_back(a.ToString());
  return out;
}

Result<std::vector<ResourceAddress>> AddressesFromJson(const Value& v) {
  std::vector<ResourceAddress> out;
  if (!v.is_array()) return Status::InvalidArgument("depends_on is not a list");
  for (const auto& item : v) {
    auto a = item.is_string() ? ResourceAddress::Parse(item.get<std::string>()) : std::nullopt;
    if (!a) return Status::InvalidArgument("bad address " + item.dump());
    out.push_back(*a);
  }
  return out;
}

Value RedactSecrets(const Change& change, const ProviderRegistry& registry) {
  Value props = change.properties;
  const ResourceType* type = registry.Find(change.address.type);
  if (!type || !props.is_object()) return props;
  for (const auto& attr : type->schema().attributes) {
    if (attr.secret && props.contains(attr.name)) props[attr.name] = "(secret)";
  }
  return props;
}

Value ChangeToJson(const Change& c, const ProviderRegistry& registry) {
  Value diff = Value::array();
  for (const auto& d : c.diff) {
    diff.push_back({{"name", d.name},
                    {"before", d.before},
                    {"after", d.after},
                    {"after_unknown", d.after_unknown},
                    {"forces_replacement", d.forces_replacement},
                    {"secret", d.secret}});
  }
  Value j = {{"address", c.address.ToString()}, {"action", ActionName(c.action)},
             {"reason", c.reason},              {"prior", c.prior},
             {"properties", RedactSecrets(c, registry)},
             {"depends_on", AddressesToJson(c.depends_on)},
             {"destroys_data", c.destroys_data},
             {"diff", std::move(diff)}};
  if (c.moved_from) j["moved_from"] = c.moved_from->ToString();
  if (!c.account.empty()) j["account"] = c.account;
  if (!c.prior_account.empty()) j["prior_account"] = c.prior_account;
  return j;
}

Result<Action> ActionFromName(const std::string& name) {
  for (Action a : {Action::kNoOp, Action::kCreate, Action::kUpdate, Action::kReplace,
                   Action::kDelete}) {
    if (name == ActionName(a)) return a;
  }
  return Status::InvalidArgument("unknown action \"" + name + "\"");
}

Result<Change> ChangeFromJson(const Value& j) {
  Change c;
  auto address = ResourceAddress::Parse(j.at("address").get<std::string>());
  if (!address) return Status::InvalidArgument("bad address " + j.at("address").dump());
  c.address = *address;
  ASSIGN_OR_RETURN(c.action, ActionFromName(j.at("action").get<std::string>()));
  c.reason = j.at("reason").get<std::string>();
  c.destroys_data = j.value("destroys_data", false);  // absent in plans saved before it
  if (j.contains("moved_from")) {
    c.moved_from = ResourceAddress::Parse(j.at("moved_from").get<std::string>());
    if (!c.moved_from) return Status::InvalidArgument("bad address " + j.at("moved_from").dump());
  }
  c.account = j.value("account", std::string());  // absent: pave's own account
  c.prior_account = j.value("prior_account", std::string());
  c.prior = j.at("prior");
  c.properties = j.at("properties");
  ASSIGN_OR_RETURN(c.depends_on, AddressesFromJson(j.at("depends_on")));
  for (const auto& d : j.at("diff")) {
    AttributeChange a;
    a.name = d.at("name").get<std::string>();
    a.before = d.at("before");
    a.after = d.at("after");
    a.after_unknown = d.at("after_unknown").get<bool>();
    a.forces_replacement = d.at("forces_replacement").get<bool>();
    a.secret = d.at("secret").get<bool>();
    c.diff.push_back(std::move(a));
  }
  return c;
}

Result<SavedPlan> SavedPlanFromJson(const Value& j) {
  if (j.value("kind", "") != "pave-plan") return Status::InvalidArgument("not a pave plan file");
  if (j.value("format_version", 0) != 1) {
    return Status::InvalidArgument("unsupported plan format version " + j.value("format_version", Value()).dump());
  }
  SavedPlan saved;
  saved.platform_file = j.at("platform_file").get<std::string>();
  saved.config_fingerprint = j.at("config_fingerprint").get<std::string>();
  const Value& p = j.at("plan");
  saved.plan.platform = p.at("platform").get<std::string>();
  saved.plan.lineage = p.at("lineage").get<std::string>();
  saved.plan.serial = p.at("serial").get<int64_t>();
  saved.plan.destroy = p.at("destroy").get<bool>();
  for (const auto& c : p.at("changes")) {
    ASSIGN_OR_RETURN(Change change, ChangeFromJson(c));
    saved.plan.changes.push_back(std::move(change));
  }
  return saved;
}

}  // namespace

std::string ConfigFingerprint(const Config& config, const std::string& lineage) {
  Value all = Value::array();
  for (const auto& r : config.resources) {
    Value entry = {r.address.ToString(), r.properties, AddressesToJson(r.depends_on)};
    if (!r.account.empty()) entry.push_back(r.account);  // absent: fingerprints of before stay
    all.push_back(std::move(entry));
  }
  return "sha256:" + HexEncode(HmacSha256(lineage, all.dump()));
}

Status WritePlanFile(Env* env, const std::string& path, const SavedPlan& saved,
                     const ProviderRegistry& registry) {
  Value changes = Value::array();
  for (const auto& c : saved.plan.changes) changes.push_back(ChangeToJson(c, registry));
  Value j = {{"format_version", 1},
             {"kind", "pave-plan"},
             {"platform_file", saved.platform_file},
             {"config_fingerprint", saved.config_fingerprint},
             {"plan",
              {{"platform", saved.plan.platform},
               {"lineage", saved.plan.lineage},
               {"serial", saved.plan.serial},
               {"destroy", saved.plan.destroy},
               {"changes", std::move(changes)}}}};
  return env->WriteFileAtomic(path, j.dump(1) + "\n", 0600);
}

Result<SavedPlan> ReadPlanFile(Env* env, const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, env->ReadFile(path));
  try {
    auto saved = SavedPlanFromJson(Value::parse(text));
    if (!saved.ok()) return saved.status().WithContext("plan file " + path);
    return saved;
  } catch (const std::exception& e) {
    return Status::InvalidArgument("plan file " + path + " is damaged: " + e.what());
  }
}

void RestoreProperties(const Config& config, Plan* plan) {
  std::map<ResourceAddress, const ResourceConfig*> by_address;
  for (const auto& r : config.resources) by_address[r.address] = &r;
  for (auto& change : plan->changes) {
    auto it = by_address.find(change.address);
    if (it != by_address.end()) change.properties = it->second->properties;
  }
}

}  // namespace pave::cli
