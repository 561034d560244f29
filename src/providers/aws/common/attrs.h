// Small helpers to declare schemas and to read attribute values, shared by the AWS types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/value.h"
#include "engine/schema.h"

namespace pave::aws_provider {

// Set in the platform file; `force_new`: a change replaces the resource.
AttributeSchema Required(std::string name, AttrType type, std::string description,
                         bool force_new = false);
// May be set; `default_value` is used when the file leaves it out.
AttributeSchema Optional(std::string name, AttrType type, std::string description,
                         std::optional<Value> default_value = std::nullopt, bool force_new = false);
// Set by AWS only.
AttributeSchema Computed(std::string name, AttrType type, std::string description);
// Computed and never changed by an in-place update (ids, ARNs, endpoints): see
// AttributeSchema::stable.
AttributeSchema Stable(std::string name, AttrType type, std::string description);
// `a`, a list whose order means nothing (see AttributeSchema::unordered).
AttributeSchema Unordered(AttributeSchema a);
// `a` as a version that only goes up: the planner refuses downgrades (schema.h).
AttributeSchema Monotonic(AttributeSchema a);
// The user's tags (default {}); pave:* tags are managed and never shown here.
AttributeSchema TagsAttribute();
AttributeSchema ArnAttribute();

std::string GetString(const Value& v, const std::string& key, const std::string& fallback = "");
bool GetBool(const Value& v, const std::string& key, bool fallback);
int64_t GetInt(const Value& v, const std::string& key, int64_t fallback);

// `actual` in the order of `prior` when both hold the same strings, else `actual` sorted;
// keeps set-like lists (route table ids) from showing a diff only because AWS reordered them.
Value StableList(const Value& actual, const Value& prior);

}  // namespace pave::aws_provider
