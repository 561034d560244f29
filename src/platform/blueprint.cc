#include "platform/blueprint.h"

#include "engine/resource_type.h"
#include "engine/state.h"
#include "platform/yaml_checks.h"
#include "platform/yaml_loader.h"

namespace pave {

void BlueprintContext::BeginSection(std::string section, const YAML::Node& node) {
  if (error_count_ > section_first_error_ && !section_.empty()) failed_sections_.insert(section_);
  section_first_error_ = error_count_;
  missed_failed_import_ = false;
  section_ = std::move(section);
  account_.clear();
  section_location_ = YamlLocation(node, file_);
}

SourceLocation BlueprintContext::Locate(const YAML::Node& node) const {
  SourceLocation loc = YamlLocation(node, file_);
  if (!loc.known() && section_location_.known()) return section_location_;
  return loc;
}

void BlueprintContext::Error(const YAML::Node& node, std::string message, std::string hint) {
  ++error_count_;
  if (missed_failed_import_) return;  // stems from the failed section, already reported
  diagnostics_->push_back(
      Diagnostic{Severity::kError, Locate(node), std::move(message), std::move(hint)});
}

void BlueprintContext::Warn(const YAML::Node& node, std::string message, std::string hint) {
  diagnostics_->push_back(Diagnostic{Severity::kWarning, Locate(node), std::move(message), std::move(hint)});
}

bool BlueprintContext::has_errors() const { return error_count_ > 0; }

ResourceConfig& BlueprintContext::Add(const std::string& type, const std::string& name,
                                      Value properties, const YAML::Node& node) {
  ResourceAddress address{type, name};
  std::string where = section_.empty() ? "" : section_ + ": ";
  bool ok = true;
  if (!IsValidTypeName(type) || (registry_ && !registry_->Find(type))) {
    Error(node, where + "unknown resource type \"" + type + "\"");
    ok = false;
  } else if (!IsValidResourceName(name)) {
    Error(node, where + "invalid resource name \"" + name + "\" for " + type,
          "use letters, digits, '_' and '-', starting with a letter");
    ok = false;
  } else {
    if (index_.size() != config_->resources.size()) {
      index_.clear();
      for (size_t i = 0; i < config_->resources.size(); ++i) {
        index_.emplace(config_->resources[i].address, i);
      }
    }
    auto it = index_.find(address);
    if (it != index_.end()) {
      const SourceLocation& first = config_->resources[it->second].location;
      Error(node, where + "resource " + address.ToString() + " is already declared",
            first.known() ? "first declared at " + first.ToString() : "");
      ok = false;
    }
  }
  ResourceConfig rc;
  rc.address = std::move(address);
  rc.properties = properties.is_null() ? Value::object() : std::move(properties);
  if (ok) AddMetadataTags(type, &rc.properties);
  rc.location = Locate(node);
  rc.account = account_;
  rc.section = section_;
  if (!ok) {
    scratch_ = std::move(rc);
    return scratch_;
  }
  index_.emplace(rc.address, config_->resources.size());
  config_->resources.push_back(std::move(rc));
  return config_->resources.back();
}

void BlueprintContext::AddMetadataTags(const std::string& type, Value* properties) const {
  if (!registry_ || properties->contains("tags") || !metadata_.tags.is_object() || metadata_.tags.empty()) return;
  const ResourceType* rt = registry_->Find(type);
  if (!rt) return;
  for (const AttributeSchema& a : rt->schema().attributes) {
    if (a.name == "tags") {
      (*properties)["tags"] = metadata_.tags;
      return;
    }
  }
}

const Value* BlueprintContext::Import(const std::string& key) {
  if (failed_sections_.count(key.substr(0, key.find('.')))) {
    missed_failed_import_ = true;
    return nullptr;
  }
  auto it = exports_.find(key);
  return it == exports_.end() ? nullptr : &it->second;
}

std::string AccountExport(const std::string& name) { return "organization.accounts." + name; }

std::optional<std::string> AccountFromExports(const std::map<std::string, Value>& exports, const std::string& name) {
  if (IsAccountId(name)) return name;
  auto it = exports.find(AccountExport(name));
  if (it == exports.end() || !it->second.is_string()) return std::nullopt;
  return it->second.get<std::string>();
}

std::vector<std::string> ExportedAccountNames(const std::map<std::string, Value>& exports) {
  const std::string prefix = AccountExport("");
  std::vector<std::string> names;
  for (auto it = exports.lower_bound(prefix); it != exports.end() && it->first.starts_with(prefix); ++it) {
    names.push_back(it->first.substr(prefix.size()));
  }
  return names;
}

std::string BlueprintContext::AccountByName(const YAML::Node& node, const std::string& name) {
  if (std::optional<std::string> account = AccountFromExports(exports_, name)) return *account;
  std::vector<std::string> names = ExportedAccountNames(exports_);
  Error(node, "unknown account \"" + name + "\"",
        names.empty() ? "name an account of the organization section, or give a 12-digit account id"
                      : SuggestionHint(name, names));
  return "";
}

void BlueprintContext::Output(const std::string& name, Value value, std::string description) {
  for (OutputConfig& o : config_->outputs) {
    if (o.name == name) {
      o.value = std::move(value);
      o.description = std::move(description);
      return;
    }
  }
  config_->outputs.push_back(OutputConfig{name, std::move(value), std::move(description)});
}

}  // namespace pave
