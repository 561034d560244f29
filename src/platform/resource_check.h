// Checks of every resource of a Config against its type's schema, once the file's resources
// and the blueprints' are all known: unknown and missing properties, value types, references
// "${type.name.attr}" and dependsOn targets; then value sources are replaced and defaults
// filled in.
#pragma once

#include <vector>

#include "engine/config.h"
#include "engine/resource_type.h"
#include "platform/resource_list.h"
#include "platform/value_sources.h"
#include "platform/yaml_checks.h"

namespace pave {

// `origins` is parallel to the first resources of config (those written in the file);
// resources past its end were added by blueprints and are reported at their location.
void CheckResources(const ProviderRegistry& registry, const ValueSources& sources,
                    const std::vector<ResourceOrigin>& origins, FileErrors& errors,
                    Config* config);

// "a string", "an integer", "a list"... what a schema type expects.
const char* ExpectedKind(AttrType type);
// "a string", "an integer", "a number", "null"... what a value is.
const char* ValueKind(const Value& value);

}  // namespace pave
