// Helpers the built-in types share to read desired attributes and shape results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "engine/resource_type.h"
#include "engine/schema.h"

namespace pave {

// desired[name] as an integer within [min, max]; InvalidArgument naming the attribute (not
// its value) otherwise.
Result<int64_t> IntInRange(const Value& desired, const std::string& name, int64_t min,
                           int64_t max);
// Adds a problem when properties[name] is an integer outside [min, max] (references and
// absent values pass: they are checked at apply).
void CheckIntInRange(const Value& properties, const std::string& name, int64_t min, int64_t max,
                     std::vector<PropertyProblem>* problems);
// desired[name] as a string; InvalidArgument when absent or not a string.
Result<std::string> RequiredString(const Value& desired, const std::string& name);
// desired[name] as a string, `fallback` when absent or null.
Result<std::string> OptionalString(const Value& desired, const std::string& name,
                                   const std::string& fallback);
// desired[name] as a bool, `fallback` when absent or null.
Result<bool> OptionalBool(const Value& desired, const std::string& name, bool fallback);

// The non-computed attributes of `schema` that `desired` sets, as an object.
Value KnownInputs(const ResourceSchema& schema, const Value& desired);
// `prior` with the non-computed attributes replaced by those of `desired` (in-place update of
// a resource whose computed values do not change).
Value MergeInputs(const ResourceSchema& schema, const Value& prior, const Value& desired);
// For types with nothing outside state: every request answered with its prior.
std::vector<std::optional<Value>> PriorAsRead(const std::vector<ReadRequest>& requests);

}  // namespace pave
