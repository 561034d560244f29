#include "platform/blueprints/secrets.h"

#include <algorithm>
#include <cctype>

#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kEntryKeys = {"name", "from", "store", "description"};
const std::vector<std::string> kStores = {"ssm", "secretsmanager"};
constexpr const char* kKeyAddress = "aws_kms_key.platform";

bool IsEntryName(const std::string& s) {
  if (s.empty() || s.size() > 64 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

bool IsEnvName(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The scalar at `key`, or "" when absent; an error when it is not a scalar.
std::string Scalar(const YAML::Node& map, const std::string& key, BlueprintContext& ctx) {
  YAML::Node n = MapValue(map, key);
  if (!n.IsDefined() || n.IsNull()) return "";
  if (!n.IsScalar()) {
    ctx.Error(n, "secrets: " + key + " must be a string");
    return "";
  }
  return n.Scalar();
}

// "env:NAME" -> "${env:NAME}", "file:path" -> "${file:path}"; "" after reporting an error.
std::string ValueSource(const YAML::Node& entry, BlueprintContext& ctx) {
  YAML::Node at = MapValue(entry, "from");
  std::string from = Scalar(entry, "from", ctx);
  const std::string hint = "write from: env:NAME or from: file:path";
  if (from.rfind("env:", 0) == 0) {
    if (IsEnvName(from.substr(4))) return "${" + from + "}";
    ctx.Error(at, "secrets: \"" + from.substr(4) + "\" is not an environment variable name", hint);
  } else if (from.rfind("file:", 0) == 0) {
    if (from.size() > 5 && from.find('}') == std::string::npos) return "${" + from + "}";
    ctx.Error(at, "secrets: \"" + from + "\" does not name a file", hint);
  } else if (at.IsDefined() && !from.empty()) {
    ctx.Error(at, "secrets: unknown value source \"" + from + "\"", hint);
  } else {
    ctx.Error(at.IsDefined() ? at : entry, "secrets: entry has no \"from\"", hint);
  }
  return "";
}

void ExpandEntry(const YAML::Node& entry, const std::string& key_arn, BlueprintContext& ctx) {
  if (!entry.IsMap()) return ctx.Error(entry, "secrets: each entry must be a map like {name: x, from: env:X}");
  for (const auto& kv : entry) {
    std::string key = kv.first.Scalar();
    if (std::find(kEntryKeys.begin(), kEntryKeys.end(), key) == kEntryKeys.end()) {
      ctx.Error(kv.first, "secrets: unknown key \"" + key + "\"", SuggestionHint(key, kEntryKeys));
    }
  }
  std::string name = Scalar(entry, "name", ctx);
  if (!IsEntryName(name)) {
    return ctx.Error(MapValue(entry, "name").IsDefined() ? MapValue(entry, "name") : entry,
                     name.empty() ? "secrets: entry has no \"name\"" : "secrets: invalid name \"" + name + "\"",
                     "use letters, digits, '-' and '_', starting with a letter (at most 64)");
  }
  std::string store = Scalar(entry, "store", ctx);
  if (store.empty()) store = "ssm";
  if (std::find(kStores.begin(), kStores.end(), store) == kStores.end()) {
    return ctx.Error(MapValue(entry, "store"), "secrets: unknown store \"" + store + "\"", SuggestionHint(store, kStores));
  }
  std::string value = ValueSource(entry, ctx);
  if (value.empty()) return;
  const std::string& platform = ctx.metadata().name;
  Value props = {{"value", value}, {"description", Scalar(entry, "description", ctx)}, {"tags", ctx.metadata().tags}};
  std::string type, store_name;
  if (store == "ssm") {
    type = "aws_ssm_parameter";
    store_name = "/" + platform + "/" + name;
    props["name"] = store_name;
    props["type"] = "SecureString";
    props["key_id"] = key_arn;
  } else {
    type = "aws_secretsmanager_secret";
    store_name = platform + "/" + name;
    props["name"] = store_name;
    props["kms_key_id"] = key_arn;
  }
  ctx.Add(type, name, std::move(props), entry);
  ctx.Export("secrets." + name + ".arn", "${" + type + "." + name + ".arn}");
  ctx.Export("secrets." + name + ".store_name", store_name);
  ctx.Output("secrets." + name, store_name,
             store == "ssm" ? "the SSM SecureString parameter holding it"
                            : "the Secrets Manager secret holding it");
}

}  // namespace

std::string PlatformDataKeyArn(BlueprintContext& ctx, const YAML::Node& node) {
  if (const Value* arn = ctx.Import("secrets.kms_key_arn"); arn && arn->is_string()) return arn->get<std::string>();
  const std::string& platform = ctx.metadata().name;
  ctx.Add("aws_kms_key", "platform",
          {{"description", "pave platform " + platform + ": secrets and data"},
           {"enable_key_rotation", true},
           {"deletion_window_in_days", 30},
           {"tags", ctx.metadata().tags}},
          node);
  ctx.Add("aws_kms_alias", "platform",
          {{"name", "alias/" + platform}, {"target_key_id", std::string("${") + kKeyAddress + ".key_id}"}}, node);
  std::string arn = std::string("${") + kKeyAddress + ".arn}";
  ctx.Export("secrets.kms_key_arn", arn);
  ctx.Export("secrets.kms_key_id", std::string("${") + kKeyAddress + ".key_id}");
  return arn;
}

void SecretsBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) {
    return ctx.Error(node, "secrets must be a list of {name, from} entries", "e.g. - {name: token, from: env:TOKEN}");
  }
  if (node.size() == 0) return;
  std::string key_arn = PlatformDataKeyArn(ctx, node);
  for (const YAML::Node& entry : node) ExpandEntry(entry, key_arn, ctx);
}

}  // namespace pave
