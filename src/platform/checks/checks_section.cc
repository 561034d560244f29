#include "platform/checks/checks_section.h"

#include <algorithm>

#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kEntryKeys = {"rule", "resource", "reason"};

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const RuleInfo& r : AllRules()) ids.push_back(r.id);
  return ids;
}

// One `ignore:` entry as exported, or null after an error.
Value ReadEntry(const YAML::Node& entry, BlueprintContext& ctx) {
  if (!entry.IsMap()) {
    ctx.Error(entry, "checks.ignore: each entry is a map {rule, resource, reason}");
    return Value();
  }
  for (const auto& kv : entry) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (std::find(kEntryKeys.begin(), kEntryKeys.end(), key) == kEntryKeys.end()) {
      ctx.Error(kv.first, "checks.ignore: unknown key \"" + key + "\"", SuggestionHint(key, kEntryKeys));
    }
  }
  Value out = Value::object();
  for (const std::string& key : kEntryKeys) {
    YAML::Node n = MapValue(entry, key);
    if (!n.IsDefined() || !n.IsScalar() || n.Scalar().empty()) {
      ctx.Error(n.IsDefined() ? n : entry, "checks.ignore: " + key + " is required",
                key == "reason" ? "say why the finding does not apply, for the next reader" : "");
      return Value();
    }
    out[key] = n.Scalar();
  }
  std::vector<std::string> ids = RuleIds();
  if (std::find(ids.begin(), ids.end(), out["rule"].get<std::string>()) == ids.end()) {
    ctx.Error(MapValue(entry, "rule"), "checks.ignore: no rule " + out["rule"].get<std::string>(),
              SuggestionHint(out["rule"].get<std::string>(), ids) + "; pave check --rules lists them");
    return Value();
  }
  SourceLocation at = ctx.Locate(entry);
  out["file"] = at.file;
  out["line"] = at.line;
  return out;
}

}  // namespace

void ChecksBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsMap()) return ctx.Error(node, "checks must be a map (ignore: [...])");
  for (const auto& kv : node) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (key != "ignore") ctx.Error(kv.first, "checks: unknown key \"" + key + "\"", SuggestionHint(key, {"ignore"}));
  }
  YAML::Node list = MapValue(node, "ignore");
  if (!list.IsDefined() || list.IsNull()) return;
  if (!list.IsSequence()) return ctx.Error(list, "checks.ignore must be a list of {rule, resource, reason}");
  Value entries = Value::array();
  for (const YAML::Node& entry : list) {
    Value e = ReadEntry(entry, ctx);
    if (!e.is_null()) entries.push_back(std::move(e));
  }
  ctx.Export(kChecksIgnoreExport, entries);
}

std::vector<CheckIgnore> IgnoresFromExports(const std::map<std::string, Value>& exports) {
  std::vector<CheckIgnore> out;
  auto it = exports.find(kChecksIgnoreExport);
  if (it == exports.end() || !it->second.is_array()) return out;
  for (const Value& e : it->second) {
    SourceLocation at;
    at.file = e.value("file", "");
    at.line = e.value("line", 0);
    out.push_back({e.value("rule", ""), e.value("resource", ""), e.value("reason", ""), at});
  }
  return out;
}

}  // namespace pave
