#include "platform/resource_list.h"

#include <algorithm>
#include <set>

#include "engine/state.h"
#include "platform/yaml_loader.h"

namespace pave {
namespace {

const std::vector<std::string>& EntryKeys() {
  static const std::vector<std::string> keys = {"type", "name", "properties", "dependsOn", "account", "region"};
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
    if (YAML::Node account = MapValue(entry, "account"); account.IsDefined() && !account.IsNull()) {
      if (errors.ExpectString(account, "resource account")) rc.account = account.Scalar();
    }
    // region: outside the platform's region, the placement's "@REGION" (engine/state.h).
    if (YAML::Node region = MapValue(entry, "region"); region.IsDefined() && !region.IsNull()) {
      if (!errors.ExpectString(region, "resource region")) {
      } else if (!IsRegionName(region.Scalar())) {
        errors.At(region, "resource region \"" + region.Scalar() + "\" is not an AWS region name", "e.g. us-east-1");
      } else {
        rc.account = JoinPlacement(rc.account, region.Scalar());
      }
    }
    config->resources.push_back(std::move(rc));
    origins->push_back(std::move(origin));
  }
}

namespace {

using Id = YamlTree::Id;

class FastList {
 public:
  FastList(const YamlTree& tree, const std::string& file) : tree_(tree), file_(file) {}

  SourceLocation Locate(Id id) const {
    return SourceLocation{file_, tree_.line(id) + 1, tree_.column(id) + 1};
  }

  // A resource entry's type and name; false where ParseAddress would not accept them.
  bool Address(Id entry, const ProviderRegistry& registry, ResourceAddress* address) const {
    for (Id k = tree_.first_child(entry); k != YamlTree::kNone; k = tree_.next(tree_.next(k))) {
      const std::vector<std::string>& keys = EntryKeys();
      if (std::find(keys.begin(), keys.end(), tree_.text(k)) == keys.end()) return false;
    }
    Id type = tree_.Find(entry, "type");
    Id name = tree_.Find(entry, "name");
    if (type == YamlTree::kNone || name == YamlTree::kNone) return false;
    if (tree_.kind(type) != YamlTree::Kind::kScalar) return false;
    if (tree_.kind(name) != YamlTree::Kind::kScalar) return false;
    address->type = tree_.text(type);
    address->name = tree_.text(name);
    return !address->type.empty() && !address->name.empty() && registry.Find(address->type) &&
           IsValidResourceName(address->name);
  }

  bool Properties(Id node, const ResourceSchema& schema, ResourceConfig* rc,
                  ResourceOrigin* origin) const {
    if (node == YamlTree::kNone || tree_.kind(node) == YamlTree::Kind::kNull) return true;
    if (tree_.kind(node) != YamlTree::Kind::kMap) return false;
    for (Id k = tree_.first_child(node); k != YamlTree::kNone; k = tree_.next(tree_.next(k))) {
      Id v = tree_.next(k);
      std::string key(tree_.text(k));
      const AttributeSchema* attr = schema.Find(key);
      if (attr && attr->type == AttrType::kString && tree_.kind(v) == YamlTree::Kind::kScalar &&
          tree_.plain(v)) {
        rc->properties[key] = std::string(tree_.text(v));
      } else {
        std::optional<Value> value = YamlTreeToValue(tree_, v);
        if (!value) return false;
        rc->properties[key] = std::move(*value);
      }
      SourceLocation key_loc = Locate(k);
      SourceLocation value_loc = tree_.kind(v) == YamlTree::Kind::kNull ? key_loc : Locate(v);
      origin->properties[std::move(key)] = ResourceOrigin::Property{key_loc, value_loc};
    }
    return true;
  }

  bool DependsOn(Id node, ResourceConfig* rc, ResourceOrigin* origin) const {
    if (node == YamlTree::kNone || tree_.kind(node) == YamlTree::Kind::kNull) return true;
    if (tree_.kind(node) != YamlTree::Kind::kSequence) return false;
    for (Id item = tree_.first_child(node); item != YamlTree::kNone; item = tree_.next(item)) {
      if (tree_.kind(item) != YamlTree::Kind::kScalar) return false;
      std::optional<ResourceAddress> address =
          ResourceAddress::Parse(std::string(tree_.text(item)));
      if (!address) return false;
      rc->depends_on.push_back(*address);
      origin->depends_on.push_back(Locate(item));
    }
    return true;
  }

 private:
  const YamlTree& tree_;
  const std::string& file_;
};

}  // namespace

bool ParseResourceListFast(const YamlTree& tree, YamlTree::Id list,
                           const ProviderRegistry& registry, const std::string& file,
                           std::vector<ResourceConfig>* resources,
                           std::vector<ResourceOrigin>* origins) {
  if (tree.kind(list) == YamlTree::Kind::kNull) return true;
  if (tree.kind(list) != YamlTree::Kind::kSequence) return false;
  FastList reader(tree, file);
  std::set<ResourceAddress> declared;
  for (Id entry = tree.first_child(list); entry != YamlTree::kNone; entry = tree.next(entry)) {
    if (tree.kind(entry) != YamlTree::Kind::kMap) return false;
    ResourceConfig rc;
    if (!reader.Address(entry, registry, &rc.address)) return false;
    if (!declared.insert(rc.address).second) return false;
    rc.location = reader.Locate(entry);
    ResourceOrigin origin;
    origin.written = true;
    const ResourceSchema& schema = registry.Find(rc.address.type)->schema();
    if (!reader.Properties(tree.Find(entry, "properties"), schema, &rc, &origin)) return false;
    if (!reader.DependsOn(tree.Find(entry, "dependsOn"), &rc, &origin)) return false;
    if (Id account = tree.Find(entry, "account"); account != YamlTree::kNone) {
      if (tree.kind(account) != YamlTree::Kind::kScalar || !tree.plain(account)) return false;
      rc.account = tree.text(account);
    }
    if (tree.Find(entry, "region") != YamlTree::kNone) return false;  // rare: the full reader checks it
    resources->push_back(std::move(rc));
    origins->push_back(std::move(origin));
  }
  return true;
}

}  // namespace pave
