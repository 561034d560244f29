// The check of a known value against what an attribute's API accepts (AttributeSchema's
// allowed, pattern, min and max), made at validate, before any call.
#pragma once

#include <optional>
#include <regex>
#include <string>

#include "core/value.h"
#include "engine/schema.h"

namespace pave {

struct ConstraintViolation {
  std::string message;  // lower case; names the attribute, and the value only when shown
  std::string hint;     // allowed values with a "did you mean", or the pattern; may be empty
};

// The first limit `value` breaks, or nullopt. A value whose JSON kind does not fit the limit
// (a list for a pattern) is not checked. `show_value` false (secrets, values read from
// ${env:} or ${file:}): the message never quotes the value.
std::optional<ConstraintViolation> CheckConstraints(const AttributeSchema& attr, const Value& value,
                                                    bool show_value);

// `pattern` (a Java regex, as botocore writes them) as an ECMAScript std::regex matched
// against the whole value, or nullopt when it uses what ECMAScript reads otherwise or not at
// all (\p{..}, \A, \z, possessive quantifiers, inline flags, class intersection): such a
// pattern is not checked. \uXXXX becomes \xHH, clamped to \x7F past ASCII: patterns are
// matched against ASCII values of at most 2,048 characters only.
std::optional<std::regex> CompilePattern(const std::string& pattern);

}  // namespace pave
