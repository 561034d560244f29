// Blueprint: expands one high-level section of the platform file (network, cluster, dns,
// databases, ...) into resources of the same graph. Blueprints are pure: they read YAML and
// metadata and add ResourceConfigs; they never call the cloud.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "core/value.h"
#include "engine/config.h"

namespace pave {

class ProviderRegistry;

struct PlatformMetadata {
  std::string name;        // metadata.name: tags every resource ("pave:platform")
  std::string region;      // metadata.region
  std::string account_id;  // metadata.account: optional guard, apply refuses another account
  Value tags = Value::object();  // metadata.tags: added to every taggable resource
};

class BlueprintContext {
 public:
  // With a registry, Add also checks that the type is registered (LoadPlatform passes one).
  BlueprintContext(std::string file, PlatformMetadata metadata, Config* config,
                   std::vector<Diagnostic>* diagnostics,
                   const ProviderRegistry* registry = nullptr)
      : file_(std::move(file)), metadata_(std::move(metadata)), config_(config),
        diagnostics_(diagnostics), registry_(registry) {}

  const PlatformMetadata& metadata() const { return metadata_; }
  const std::string& file() const { return file_; }

  // The section being expanded: Add names it in its errors, and errors about nodes without
  // a position (a key looked up but missing) are reported at the section's key.
  // One error per cause: a section that reported errors counts as failed, Import of its
  // exports answers nullptr, and the errors a later section reports after such an Import
  // ("cluster: needs private subnets from a network section") are counted but not shown.
  void BeginSection(std::string section, const YAML::Node& node);
  const std::string& section() const { return section_; }

  // Where `node` stands in the platform file (the section when `node` has no position).
  SourceLocation Locate(const YAML::Node& node) const;
  // Records an error at `node`; expansion goes on so the user sees every error at once.
  void Error(const YAML::Node& node, std::string message, std::string hint = "");
  // Records a warning at `node`: valid, but probably not what a careful user wants (shown at
  // validate and again with the plan).
  void Warn(const YAML::Node& node, std::string message, std::string hint = "");
  bool has_errors() const;

  // Adds a resource declared by the section at `node`. Returns it for further edits (the
  // reference is valid until the next Add). A malformed name, an unregistered type or an
  // address already declared is an error; the resource is then not added and the returned
  // one is a scratch copy. A taggable type (its schema has "tags") declared without tags
  // gets metadata.tags, so they reach every resource that can carry them.
  ResourceConfig& Add(const std::string& type, const std::string& name, Value properties,
                      const YAML::Node& node);

  // The account the resources added from now on live in (ResourceConfig::account): empty =
  // the account pave runs in. BeginSection clears it; the loader sets it from a section's
  // `account:` key. A blueprint may still set another on a resource it added.
  void set_account(std::string account) { account_ = std::move(account); }
  const std::string& account() const { return account_; }
  // The ResourceConfig::account for an account named in the file: a 12-digit id as it is, or
  // the reference the organization section exported for the name (AccountExport). An
  // unknown name is an error at `node` (with the known names as hint) and gives "".
  std::string AccountByName(const YAML::Node& node, const std::string& name);
  const std::map<std::string, Value>& exports() const { return exports_; }

  // Values one section publishes for later ones, e.g. "network.private_subnet_ids" ->
  // ["${aws_subnet.private_a.id}", ...]. Sections expand in a fixed order (network first).
  void Export(const std::string& key, Value value) { exports_[key] = std::move(value); }
  const Value* Import(const std::string& key);

  // Declares an output shown by `pave outputs`, e.g.
  //   ctx.Output("cluster.endpoint", "${aws_eks_cluster.main.endpoint}", "API server URL").
  // A name declared twice keeps the last value.
  void Output(const std::string& name, Value value, std::string description);

 private:
  void AddMetadataTags(const std::string& type, Value* properties) const;

  std::string file_;
  PlatformMetadata metadata_;
  Config* config_;
  std::vector<Diagnostic>* diagnostics_;
  const ProviderRegistry* registry_;
  std::string section_;
  std::string account_;
  SourceLocation section_location_;
  int error_count_ = 0;
  int section_first_error_ = 0;           // error_count_ when section_ began
  std::set<std::string> failed_sections_;  // sections that reported errors
  bool missed_failed_import_ = false;     // section_ imported from a failed section
  ResourceConfig scratch_;
  std::unordered_map<ResourceAddress, size_t> index_;  // address -> position in config_
  std::map<std::string, Value> exports_;
};

// The export key under which the organization section publishes account `name`'s id (or a
// reference to it): "organization.accounts.<name>".
std::string AccountExport(const std::string& name);
// The export naming the role pave assumes in member accounts (organization.accessRole).
inline constexpr char kAccessRoleExport[] = "organization.access_role";
// The account for `name` from `exports`, or nullopt when no section exported it; a 12-digit
// id stands for itself.
std::optional<std::string> AccountFromExports(const std::map<std::string, Value>& exports, const std::string& name);
// The account names the exports know, for hints.
std::vector<std::string> ExportedAccountNames(const std::map<std::string, Value>& exports);

class Blueprint {
 public:
  virtual ~Blueprint() = default;
  virtual std::string_view section() const = 0;  // the top-level key, e.g. "network"
  // Validates `node` and adds its resources. Errors go through ctx.Error with locations.
  virtual void Expand(const YAML::Node& node, BlueprintContext& ctx) = 0;
};

}  // namespace pave
