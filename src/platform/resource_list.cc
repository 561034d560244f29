#include "platform/resource_list.h"

#include "platform/yaml_loader.h"

namespace pave {
namespace {

const std::vector<std::string>& EntryKeys() {
  static const std::vector<std::string> keys = {"type", "name", "properties", "dependsOn"};
  return keys;
}

// A required scalar of a resource entry, or "" after reporting it.
std::string EntryScalar(const YAML::Node& entry, const std::string& key, FileErrors& errors) {
  YAML::Node value = MapValue(entry, key);
  if (!value.IsDefined() || value.IsNull()) {
    YAML::Node key_node = MapKey(entry, key);
    errors.At(key_node.IsDefined() ? key_node : entry,
              "resource is missing \"" + key + "\"");
    return "";
  }
  if (!errors.ExpectString(value, "resource " + key)) return "";
  return value.Scalar();
}

// A property value: plain scalars given to string attributes keep their text ("1.30").
Value PropertyValue(const YAML::Node& node, const AttributeSchema* attr, FileErrors& errors) {
  if (attr && attr->type == AttrType::kString && node.IsScalar() && node.Tag() == "?" &&
      !PlainScalarToValue(node.Scalar()).is_null()) {
    return node.Scalar();
  }
  Result<Value> v = YamlToValue(node, errors.file(), errors.diagnostics());
  return v.ok() ? std::move(v).value() : Value();
}

void ParseProperties(const YAML::Node& node, const ResourceSchema* schema, FileErrors& errors,
                     ResourceConfig* rc, ResourceOrigin* origin) {
  if (!node.IsDefined() || !errors.ExpectMap(node, "properties", true) || node.IsNull()) return;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) continue;  // reported by the YAML loader
    const std::string& key = kv.first.Scalar();
    const AttributeSchema* attr = schema ? schema->Find(key) : nullptr;
    rc->properties[key] = PropertyValue(kv.second, attr, errors);
    SourceLocation key_loc = errors.Locate(kv.first);
    SourceLocation value_loc = kv.second.IsNull() ? key_loc : errors.Locate(kv.second);
    origin->properties[key] = ResourceOrigin::Property{key_loc, value_loc};
  }
}

void ParseDependsOn(const YAML::Node& node, FileErrors& errors, ResourceConfig* rc,
                    ResourceOrigin* origin) {
  if (!node.IsDefined() || !errors.ExpectList(node, "dependsOn", true) || node.IsNull()) return;
  for (const auto& item : node) {
    if (!errors.ExpectString(item, "each entry of dependsOn")) continue;
    std::optional<ResourceAddress> address = ResourceAddress::Parse(item.Scalar());
    if (!address) {
      errors.At(item, "dependsOn entry \"" + item.Scalar() + "\" is not a resource address",
                "expected \"type.name\"");
      continue;
    }
    rc->depends_on.push_back(*address);
    origin->depends_on.push_back(errors.Locate(item));
  }
}

// Checks type and name; false when the entry cannot become a resource.
bool ParseAddress(const YAML::Node& entry, const ProviderRegistry& registry, FileErrors& errors,
                  ResourceAddress* address) {
  address->type = EntryScalar(entry, "type", errors);
  address->name = EntryScalar(entry, "name", errors);
  if (address->type.empty() || address->name.empty()) return false;
  bool ok = true;
  if (!registry.Find(address->type)) {
    errors.At(MapValue(entry, "type"), "unknown resource type \"" + address->type + "\"",
              SuggestionHint(address->type, registry.TypeNames()));
  }
  if (!IsValidResourceName(address->name)) {
    errors.At(MapValue(entry, "name"), "invalid resource name \"" + address->name + "\"",
              "use letters, digits, '_' and '-', starting with a letter");
    ok = false;
  }
  return ok;
}

}  // namespace

void ParseResourceList(const YAML::Node& node, const ProviderRegistry& registry,
                       FileErrors& errors, Config* config, std::vector<ResourceOrigin>* origins) {
  if (!node.IsDefined() || !errors.ExpectList(node, "resources", true) || node.IsNull()) {
    return;
  }
  std::map<ResourceAddress, SourceLocation> declared;
  for (const auto& entry : node) {
    if (!entry.IsMap()) {
      errors.At(entry, "each entry of resources must be a map with type and name, found " +
                           DescribeYamlNode(entry));
      continue;
    }
    errors.CheckKeys(entry, EntryKeys(), "resource");
    ResourceConfig rc;
    if (!ParseAddress(entry, registry, errors, &rc.address)) continue;
    rc.location = errors.Locate(entry);
    auto [it, inserted] = declared.emplace(rc.address, rc.location);
    if (!inserted) {
      errors.At(MapValue(entry, "name"), "duplicate resource " + rc.address.ToString(),
                "first declared at line " + std::to_string(it->second.line));
      continue;
    }
    ResourceOrigin origin;
    origin.written = true;
    const ResourceType* type = registry.Find(rc.address.type);
    ParseProperties(MapValue(entry, "properties"), type ? &type->schema() : nullptr, errors,
                    &rc, &origin);
    ParseDependsOn(MapValue(entry, "dependsOn"), errors, &rc, &origin);
    config->resources.push_back(std::move(rc));
    origins->push_back(std::move(origin));
  }
}

}  // namespace pave
