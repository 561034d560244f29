// The `outputs:` section of the platform file: values the platform shows its users after
// apply (`pave outputs`), next to those the sections declare (cluster endpoint, zone name
// servers, database endpoints, ...).
//
//   outputs:
//     vpc: ${aws_vpc.main.id}                      # short form: the value
//     motd:                                        # long form
//       value: ${local_file.motd.path}
//       description: where the message of the day is written
//
// A value is a scalar or a list/map of them and may hold references ${type.name.attr} to
// declared resources. References to secret attributes are refused: outputs are printed.
#pragma once

#include <yaml-cpp/yaml.h>

#include "engine/config.h"
#include "engine/resource_type.h"
#include "platform/yaml_checks.h"

namespace pave {

// Appends the outputs of the map `node` (at key `key`) to config->outputs and checks them
// against config->resources, which must be complete (blueprints expanded). A name a section
// already declared is an error: section outputs cannot be overridden.
void ParseOutputs(const YAML::Node& key, const YAML::Node& node, const ProviderRegistry& registry,
                  FileErrors& errors, Config* config);

// True for an output name: letters, digits, '_', '-' and '.', starting with a letter.
bool IsValidOutputName(const std::string& name);

}  // namespace pave
