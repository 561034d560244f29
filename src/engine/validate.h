// Validation of a config against the schemas of its resource types, before planning.
// Every problem becomes one Diagnostic at the resource's location, all collected at once.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/value.h"
#include "engine/config.h"
#include "engine/resource_type.h"
#include "engine/schema.h"

namespace pave {

// Unknown or duplicate resources, unknown types and attributes, missing required
// attributes, literal values of the wrong type, malformed references, references and
// depends_on naming undeclared resources or unknown attributes, secrets referenced from
// attributes that are not secret. Dependency cycles are the planner's to report.
std::vector<Diagnostic> ValidateConfig(const Config& config, const ProviderRegistry& registry);

// True when `v` may be the value of an attribute of type `t` (null is never checked here).
bool ValueHasType(const Value& v, AttrType t);
// "string", "int", "number", "bool", "list", "map", "null": the JSON type of `v` in schema terms.
std::string ValueTypeName(const Value& v);
// "address: attribute "name" must be a T, got U"
std::string WrongTypeMessage(const ResourceAddress& address, const AttributeSchema& attr, const Value& v);

}  // namespace pave
