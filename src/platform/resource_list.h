// The `resources` section of the platform file: resources declared one by one.
//
//   resources:
//     - type: random_id
//       name: suffix
//       properties: {byte_length: 4}
//       dependsOn: [local_file.readme]
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "engine/config.h"
#include "engine/resource_type.h"
#include "platform/yaml_checks.h"
#include "platform/yaml_tree.h"

namespace pave {

// Where the parts of one resource were written, so later checks point at them.
struct ResourceOrigin {
  struct Property {
    SourceLocation key;
    SourceLocation value;
  };
  std::map<std::string, Property> properties;
  std::vector<SourceLocation> depends_on;  // parallel to ResourceConfig::depends_on
  bool written = false;  // declared under `resources` (not added by a blueprint)
};

// Appends the resources of the list `node` to config->resources and their origins to
// *origins (kept parallel). Checks the shape of each entry, its type against `registry`,
// its name, duplicates and the form of dependsOn; property values are checked later
// (CheckResources), once blueprints have added theirs.
void ParseResourceList(const YAML::Node& node, const ProviderRegistry& registry,
                       FileErrors& errors, Config* config, std::vector<ResourceOrigin>* origins);

// The same for the list `list` of a YamlTree, the fast path for a file without mistakes: it
// reports nothing and returns false wherever ParseResourceList would report something (the
// caller then drops what was added and loads the file with the full loader).
bool ParseResourceListFast(const YamlTree& tree, YamlTree::Id list,
                           const ProviderRegistry& registry, const std::string& file,
                           std::vector<ResourceConfig>* resources,
                           std::vector<ResourceOrigin>* origins);

}  // namespace pave
