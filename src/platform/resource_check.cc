#include "platform/resource_check.h"

#include <unordered_set>

#include "engine/attribute_constraints.h"
#include "platform/metadata.h"
#include "platform/placeholders.h"
#include "platform/yaml_loader.h"

namespace pave {
namespace {

bool Matches(AttrType type, const Value& v) {
  switch (type) {
    case AttrType::kString: return v.is_string();
    case AttrType::kInt: return v.is_number_integer();
    case AttrType::kBool: return v.is_boolean();
    case AttrType::kList: return v.is_array();
    case AttrType::kMap: return v.is_object();
    case AttrType::kAny: return true;
  }
  return false;
}

class Checker {
 public:
  Checker(const ProviderRegistry& registry, const ValueSources& sources, FileErrors& errors,
          const Config& config)
      : registry_(registry), sources_(sources), errors_(errors) {
    for (const ResourceConfig& rc : config.resources) {
      declared_.insert(rc.address.ToString());
      names_.push_back(rc.address.ToString());
    }
  }

  void Check(ResourceConfig* rc, const ResourceOrigin* origin) {
    rc_ = rc;
    origin_ = origin;
    const ResourceType* type = registry_.Find(rc->address.type);
    schema_ = type ? &type->schema() : nullptr;
    CheckReferences();
    CheckDependsOn();
    if (!schema_) return;  // unknown type: reported where it was declared
    CheckProperties();
    CheckRequired();
  }

 private:
  SourceLocation KeyAt(const std::string& property) const {
    if (origin_) {
      auto it = origin_->properties.find(property);
      if (it != origin_->properties.end()) return it->second.key;
    }
    return rc_->location;
  }
  SourceLocation ValueAt(const std::string& property) const {
    if (origin_) {
      auto it = origin_->properties.find(property);
      if (it != origin_->properties.end()) return it->second.value;
    }
    return rc_->location;
  }
  std::string Self() const { return rc_->address.ToString(); }

  void CheckReferences() {
    for (auto& [name, value] : rc_->properties.items()) CheckReferencesIn(value, name);
  }

  void CheckReferencesIn(const Value& v, const std::string& property) {
    if (v.is_array() || v.is_object()) {
      for (const auto& child : v) CheckReferencesIn(child, property);
      return;
    }
    if (!v.is_string()) return;
    for (const Placeholder& p : FindPlaceholders(v.get_ref<const std::string&>())) {
      CheckReference(p, property);
    }
  }

  void CheckReference(const Placeholder& p, const std::string& property) {
    SourceLocation at = ValueAt(property);
    std::string written = "${" + std::string(p.body) + "}";
    switch (p.kind) {
      case PlaceholderKind::kEnv:
      case PlaceholderKind::kFile:
        return;
      case PlaceholderKind::kUnterminated:
        return errors_.At(at, "\"${\" without a closing \"}\" in " + Self(),
                          "write $${ for a literal ${");
      case PlaceholderKind::kMalformed:
        return errors_.At(at, written + " in " + Self() + " is not a valid reference",
                          "expected ${type.name.attribute}, ${env:NAME} or ${file:path}");
      case PlaceholderKind::kReference:
        break;
    }
    const ResourceAddress& target = p.reference->target;
    const std::string& attribute = p.reference->attribute;
    if (target == rc_->address) {
      return errors_.At(at, written + " in " + Self() + " refers to the resource itself");
    }
    if (!declared_.count(target.ToString())) {
      return errors_.At(at, written + " refers to " + target.ToString() + ", which is not declared",
                        SuggestionHint(target.ToString(), names_));
    }
    const ResourceType* type = registry_.Find(target.type);
    if (!type || attribute == "id") return;
    const AttributeSchema* target_attr = type->schema().Find(attribute);
    if (!target_attr) {
      std::vector<std::string> attrs = type->schema().AttributeNames();
      attrs.push_back("id");
      return errors_.At(at, written + " refers to attribute \"" + attribute + "\", which " +
                                target.type + " does not have",
                        SuggestionHint(attribute, attrs));
    }
    const AttributeSchema* own = schema_ ? schema_->Find(property) : nullptr;
    if (target_attr->secret && own && !own->secret) {
      errors_.At(at, written + " is secret, but property \"" + property + "\" of " + Self() +
                         " is not",
                 "only secret properties may hold secrets");
    }
  }

  void CheckDependsOn() {
    for (size_t i = 0; i < rc_->depends_on.size(); ++i) {
      const ResourceAddress& target = rc_->depends_on[i];
      SourceLocation at = origin_ && i < origin_->depends_on.size() ? origin_->depends_on[i]
                                                                     : rc_->location;
      if (target == rc_->address) {
        errors_.At(at, Self() + " depends on itself");
      } else if (!declared_.count(target.ToString())) {
        errors_.At(at, "dependsOn names " + target.ToString() + ", which is not declared",
                   SuggestionHint(target.ToString(), names_));
      }
    }
  }

  void CheckProperties() {
    std::vector<std::string> unset;
    for (auto& [name, value] : rc_->properties.items()) {
      const AttributeSchema* attr = schema_->Find(name);
      if (!attr) {
        errors_.At(KeyAt(name), "unknown property \"" + name + "\" in " + Self(),
                   SuggestionHint(name, schema_->AttributeNames()));
      } else if (value.is_null()) {
        unset.push_back(name);
      } else {
        CheckValue(*attr, value);
      }
    }
    for (const std::string& name : unset) rc_->properties.erase(name);
    if (const ResourceType* type = registry_.Find(rc_->address.type)) {
      for (const PropertyProblem& p : type->CheckProperties(rc_->properties)) {
        errors_.At(ValueAt(p.attribute), Self() + ": " + p.message);
      }
    }
  }

  // Replaces value sources, then checks the type. A value that is exactly one reference
  // may stand for any type: it is checked when it resolves.
  void CheckValue(const AttributeSchema& attr, Value& value) {
    SourceLocation at = ValueAt(attr.name);
    std::vector<Placeholder> found;
    if (value.is_string()) found = FindPlaceholders(value.get_ref<const std::string&>());
    bool single = value.is_string() && IsSinglePlaceholder(value.get_ref<const std::string&>());
    bool from_source = single && found[0].kind != PlaceholderKind::kReference;
    if (single && !from_source) return;
    bool has_source = false;
    for (const Placeholder& p : found) {
      has_source |= p.kind == PlaceholderKind::kEnv || p.kind == PlaceholderKind::kFile;
    }
    size_t before = errors_.diagnostics()->size();
    sources_.Resolve(&value, at, errors_, attr.secret);
    if (errors_.diagnostics()->size() != before) return;
    if (from_source && (attr.type == AttrType::kInt || attr.type == AttrType::kBool)) {
      Value typed = PlainScalarToValue(value.get<std::string>());
      if (Matches(attr.type, typed)) value = typed;
    }
    if (!Matches(attr.type, value)) {
      errors_.At(at, "property \"" + attr.name + "\" in " + Self() + " must be " +
                         ExpectedKind(attr.type) + ", found " + ValueKind(value));
    } else if (attr.name == "tags" && value.is_object()) {
      CheckTags(value, at);
    } else if (attr.secret && has_source && value.is_string() && value.get_ref<const std::string&>().empty()) {
      errors_.At(at, "secret property \"" + attr.name + "\" of " + Self() + " is empty",
                 "its source (" + std::string(found[0].kind == PlaceholderKind::kEnv ? "environment variable" : "file") +
                     ") is set but holds nothing; AWS refuses an empty secret");
    } else if (attr.secret && origin_ && !has_source && value.is_string()) {
      errors_.diagnostics()->push_back(Diagnostic{
          Severity::kWarning, at,
          "secret property \"" + attr.name + "\" of " + Self() + " is written in the file",
          "read it with ${env:NAME} or ${file:path}"});
    }
    if (Matches(attr.type, value)) CheckLimits(attr, value, at, found, has_source);
  }

  // The API's enum, pattern and bounds (AttributeSchema), once value sources are replaced.
  // A value holding a reference is known only at apply: not checked (nor a malformed one). A secret or a value
  // from ${env:}/${file:} is never quoted.
  void CheckLimits(const AttributeSchema& attr, const Value& value, const SourceLocation& at,
                   const std::vector<Placeholder>& found, bool has_source) {
    for (const Placeholder& p : found) {
      if (p.kind != PlaceholderKind::kEnv && p.kind != PlaceholderKind::kFile) return;
    }
    std::optional<ConstraintViolation> v = CheckConstraints(attr, value, !attr.secret && !has_source);
    if (v) errors_.At(at, Self() + ": " + v->message, v->hint);
  }

  // AWS's limits on a resource's tags, once value sources are replaced (a ${env:} value may
  // be longer than a tag allows). Messages name the key, never the value. The count only for
  // resources written in `resources:`: the sections count theirs with metadata.tags, which
  // reports too many once.
  void CheckTags(const Value& tags, const SourceLocation& at) {
    if (origin_ && tags.size() > kMaxUserTags) {
      errors_.At(at, Self() + ": " + std::to_string(tags.size()) + " tags; AWS allows 50 per resource and pave adds " +
                         std::to_string(kManagedTagCount) + " of its own",
                 "keep at most " + std::to_string(kMaxUserTags) + " tags");
    }
    for (auto it = tags.begin(); it != tags.end(); ++it) {
      if (it.key().empty() || it.key().size() > 128) {
        errors_.At(at, Self() + ": tag keys must have 1 to 128 characters");
      } else if (it.value().is_string() && it.value().get_ref<const std::string&>().size() > 256) {
        errors_.At(at, Self() + ": the value of tag \"" + it.key() + "\" is longer than 256 characters");
      }
    }
  }

  void CheckRequired() {
    for (const AttributeSchema& attr : schema_->attributes) {
      if (rc_->properties.contains(attr.name)) continue;
      if (attr.required) {
        errors_.At(rc_->location,
                   Self() + " is missing required property \"" + attr.name + "\"");
      } else if (attr.default_value) {
        rc_->properties[attr.name] = *attr.default_value;
      }
    }
  }

  const ProviderRegistry& registry_;
  const ValueSources& sources_;
  FileErrors& errors_;
  std::unordered_set<std::string> declared_;
  std::vector<std::string> names_;
  ResourceConfig* rc_ = nullptr;
  const ResourceOrigin* origin_ = nullptr;
  const ResourceSchema* schema_ = nullptr;
};

}  // namespace

void CheckResources(const ProviderRegistry& registry, const ValueSources& sources,
                    const std::vector<ResourceOrigin>& origins, FileErrors& errors,
                    Config* config) {
  Checker checker(registry, sources, errors, *config);
  for (size_t i = 0; i < config->resources.size(); ++i) {
    checker.Check(&config->resources[i], i < origins.size() ? &origins[i] : nullptr);
  }
}

const char* ExpectedKind(AttrType type) {
  switch (type) {
    case AttrType::kString: return "a string";
    case AttrType::kInt: return "an integer";
    case AttrType::kBool: return "a boolean";
    case AttrType::kList: return "a list";
    case AttrType::kMap: return "a map";
    case AttrType::kAny: return "any value";
  }
  return "a value";
}

const char* ValueKind(const Value& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "a list";
  return "a map";
}

}  // namespace pave
