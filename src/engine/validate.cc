#include "engine/validate.h"

#include <unordered_map>

#include "engine/reference.h"
#include "engine/state.h"

namespace pave {

namespace {

using Declared = std::unordered_map<ResourceAddress, const ResourceConfig*>;

class Validator {
 public:
  Validator(const Config& config, const ProviderRegistry& registry) : config_(config), registry_(registry) {}

  std::vector<Diagnostic> Run() {
    declared_.reserve(config_.resources.size());
    for (const ResourceConfig& r : config_.resources) {
      auto [it, inserted] = declared_.emplace(r.address, &r);
      if (!inserted) {
        Error(r, r.address.ToString() + ": declared twice (first at " + it->second->location.ToString() + ")");
      }
    }
    for (const ResourceConfig& r : config_.resources) CheckResource(r);
    return std::move(diags_);
  }

 private:
  void Error(const ResourceConfig& r, std::string message, std::string hint = "") {
    diags_.push_back(Diagnostic{Severity::kError, r.location, std::move(message), std::move(hint)});
  }

  static std::string Hint(const std::string& word, const std::vector<std::string>& candidates) {
    std::string match = ClosestMatch(word, candidates);
    return match.empty() ? "" : "did you mean \"" + match + "\"?";
  }

  void CheckResource(const ResourceConfig& r) {
    const std::string where = r.address.ToString();
    const ResourceType* type = registry_.Find(r.address.type);
    if (!type) {
      Error(r, where + ": unknown resource type \"" + r.address.type + "\"", Hint(r.address.type, registry_.TypeNames()));
      return;
    }
    const ResourceSchema& schema = type->schema();
    if (!r.properties.is_object()) {
      Error(r, where + ": properties must be a map, got " + ValueTypeName(r.properties));
      return;
    }
    for (auto it = r.properties.begin(); it != r.properties.end(); ++it) {
      const AttributeSchema* attr = schema.Find(it.key());
      if (!attr) {
        Error(r, where + ": unknown attribute \"" + it.key() + "\"", Hint(it.key(), schema.AttributeNames()));
        continue;
      }
      CheckValue(r, *attr, it.value());
    }
    for (const AttributeSchema& attr : schema.attributes) {
      if (!attr.required || attr.default_value) continue;
      auto it = r.properties.find(attr.name);
      if (it == r.properties.end() || it->is_null()) {
        Error(r, where + ": missing required attribute \"" + attr.name + "\"");
      }
    }
    for (const ResourceAddress& dep : r.depends_on) {
      if (!declared_.count(dep)) {
        Error(r, where + ": depends_on names undeclared resource " + dep.ToString());
      }
    }
    if (!r.account.empty()) CheckAccount(r);
  }

  void CheckAccount(const ResourceConfig& r) {
    const std::string where = r.address.ToString() + ": account \"" + r.account + "\" ";
    const Placement placement = SplitPlacement(r.account);
    if (r.account.find('@') != std::string::npos && !IsRegionName(placement.region)) {
      Error(r, where + "names no AWS region after \"@\" (e.g. @eu-central-1)");
      return;
    }
    const std::string& account = placement.account;
    if (account.empty() || IsAccountId(account)) return;
    Result<std::vector<Reference>> refs = ParseReferences(Value(account));
    if (!refs.ok() || refs->size() != 1 || ReferenceText(refs->front()) != account) {
      Error(r, where + "is neither a 12-digit account id nor one reference \"${type.name.attr}\"");
      return;
    }
    if (!declared_.count(refs->front().target)) {
      Error(r, where + "refers to undeclared resource " + refs->front().target.ToString());
    }
  }

  void CheckValue(const ResourceConfig& r, const AttributeSchema& attr, const Value& v) {
    if (v.is_null()) return;
    if (!HasReferences(v)) {
      if (!ValueHasType(v, attr.type)) Error(r, WrongTypeMessage(r.address, attr, v));
      return;
    }
    Result<std::vector<Reference>> refs = ParseReferences(v);
    if (!refs.ok()) {
      Error(r, r.address.ToString() + ": attribute \"" + attr.name + "\": " + refs.status().message());
      return;
    }
    for (const Reference& ref : *refs) CheckReference(r, attr, ref);
  }

  void CheckReference(const ResourceConfig& r, const AttributeSchema& attr, const Reference& ref) {
    const std::string where = r.address.ToString() + ": attribute \"" + attr.name + "\" ";
    auto target = declared_.find(ref.target);
    if (target == declared_.end()) {
      Error(r, where + "refers to undeclared resource " + ref.target.ToString());
      return;
    }
    const ResourceType* type = registry_.Find(ref.target.type);
    if (!type || ref.attribute == "id") return;  // an unknown type is reported at its declaration
    const AttributeSchema* target_attr = type->schema().Find(ref.attribute);
    if (!target_attr) {
      Error(r, where + "refers to unknown attribute \"" + ref.attribute + "\" of " + ref.target.ToString(),
            Hint(ref.attribute, type->schema().AttributeNames()));
      return;
    }
    if (target_attr->secret && !attr.secret) {
      Error(r, where + "refers to secret " + ReferenceText(ref) + "; only secret attributes may hold secrets");
    }
  }

  const Config& config_;
  const ProviderRegistry& registry_;
  Declared declared_;
  std::vector<Diagnostic> diags_;
};

}  // namespace

bool ValueHasType(const Value& v, AttrType t) {
  switch (t) {
    case AttrType::kString: return v.is_string();
    case AttrType::kInt: return v.is_number_integer();
    case AttrType::kBool: return v.is_boolean();
    case AttrType::kList: return v.is_array();
    case AttrType::kMap: return v.is_object();
    case AttrType::kAny: return true;
  }
  return false;
}

std::string ValueTypeName(const Value& v) {
  if (v.is_string()) return "string";
  if (v.is_number_integer()) return "int";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "bool";
  if (v.is_array()) return "list";
  if (v.is_object()) return "map";
  return "null";
}

std::string WrongTypeMessage(const ResourceAddress& address, const AttributeSchema& attr, const Value& v) {
  std::string type = AttrTypeName(attr.type);
  const char* article = (type == "int" || type == "any") ? "an " : "a ";
  return address.ToString() + ": attribute \"" + attr.name + "\" must be " + article + type + ", got " +
         ValueTypeName(v);
}

std::vector<Diagnostic> ValidateConfig(const Config& config, const ProviderRegistry& registry) {
  return Validator(config, registry).Run();
}

}  // namespace pave
