#include "platform/outputs.h"

#include <cctype>
#include <set>

#include "platform/placeholders.h"
#include "platform/yaml_loader.h"

namespace pave {
namespace {

class OutputChecker {
 public:
  OutputChecker(const ProviderRegistry& registry, FileErrors& errors, const Config& config)
      : registry_(registry), errors_(errors) {
    for (const ResourceConfig& rc : config.resources) {
      declared_.insert(rc.address.ToString());
      names_.push_back(rc.address.ToString());
    }
  }

  // Checks the placeholders of every string in `v`, reporting at `at`.
  void Check(const Value& v, const std::string& output, const SourceLocation& at) {
    if (v.is_array() || v.is_object()) {
      for (const auto& child : v) Check(child, output, at);
      return;
    }
    if (!v.is_string()) return;
    for (const Placeholder& p : FindPlaceholders(v.get_ref<const std::string&>())) {
      CheckOne(p, output, at);
    }
  }

 private:
  void CheckOne(const Placeholder& p, const std::string& output, const SourceLocation& at) {
    std::string written = "${" + std::string(p.body) + "}";
    std::string where = "output \"" + output + "\"";
    switch (p.kind) {
      case PlaceholderKind::kEnv:
      case PlaceholderKind::kFile:
        return errors_.At(at, written + " in " + where + ": outputs show what the platform made",
                          "refer to a resource attribute, ${type.name.attribute}");
      case PlaceholderKind::kUnterminated:
        return errors_.At(at, "\"${\" without a closing \"}\" in " + where,
                          "write $${ for a literal ${");
      case PlaceholderKind::kMalformed:
        return errors_.At(at, written + " in " + where + " is not a valid reference",
                          "expected ${type.name.attribute}");
      case PlaceholderKind::kReference:
        break;
    }
    const ResourceAddress& target = p.reference->target;
    const std::string& attribute = p.reference->attribute;
    if (!declared_.count(target.ToString())) {
      return errors_.At(at, written + " in " + where + " refers to " + target.ToString() +
                                ", which is not declared",
                        SuggestionHint(target.ToString(), names_));
    }
    const ResourceType* type = registry_.Find(target.type);
    if (!type || attribute == "id") return;
    const AttributeSchema* attr = type->schema().Find(attribute);
    if (!attr) {
      std::vector<std::string> attrs = type->schema().AttributeNames();
      attrs.push_back("id");
      return errors_.At(at, written + " in " + where + " refers to attribute \"" + attribute +
                                "\", which " + target.type + " does not have",
                        SuggestionHint(attribute, attrs));
    }
    if (attr->secret) {
      errors_.At(at, written + " in " + where + " is secret, and outputs are printed",
                 "an output may name where a secret is kept, never hold its value");
    }
  }

  const ProviderRegistry& registry_;
  FileErrors& errors_;
  std::set<std::string> declared_;
  std::vector<std::string> names_;
};

}  // namespace

bool IsValidOutputName(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  if (!std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

void ParseOutputs(const YAML::Node& key, const YAML::Node& node, const ProviderRegistry& registry,
                  FileErrors& errors, Config* config) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) {
    errors.At(node.IsDefined() ? node : key,
              "outputs must be a map of name: value, found " + DescribeYamlNode(node));
    return;
  }
  std::set<std::string> section_names;
  for (const OutputConfig& o : config->outputs) section_names.insert(o.name);
  OutputChecker checker(registry, errors, *config);
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      errors.At(kv.first, "an output name must be a string");
      continue;
    }
    std::string name = kv.first.Scalar();
    if (!IsValidOutputName(name)) {
      errors.At(kv.first, "invalid output name \"" + name + "\"",
                "use letters, digits, '_', '-' and '.', starting with a letter");
      continue;
    }
    if (section_names.count(name)) {
      errors.At(kv.first, "output \"" + name + "\" is already declared by a section",
                "choose another name; `pave outputs` lists the sections' outputs");
      continue;
    }
    // Long form: a map with "value". (A YAML::Node is never reassigned: assignment writes
    // through to the document.)
    bool long_form = kv.second.IsMap() && MapValue(kv.second, "value").IsDefined();
    const YAML::Node value_node = long_form ? MapValue(kv.second, "value") : kv.second;
    std::string description;
    if (long_form) {
      errors.CheckKeys(kv.second, {"value", "description"}, "output \"" + name + "\"");
      YAML::Node d = MapValue(kv.second, "description");
      if (d.IsDefined() && errors.ExpectString(d, "the description of output \"" + name + "\"")) {
        description = d.Scalar();
      }
    }
    Result<Value> value = YamlToValue(value_node, errors.file(), errors.diagnostics());
    if (!value.ok()) continue;  // the converter reported where
    if (value->is_null()) {
      errors.At(kv.first, "output \"" + name + "\" has no value");
      continue;
    }
    checker.Check(*value, name, errors.Locate(value_node));
    config->outputs.push_back(OutputConfig{name, std::move(value).value(), description});
  }
}

}  // namespace pave
