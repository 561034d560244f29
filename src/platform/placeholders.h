// Placeholders "${...}" in property strings of the platform file:
//   ${env:NAME}          value source: an environment variable, replaced at load time
//   ${file:path}         value source: a file's content, replaced at load time
//   ${type.name.attr}    reference to an attribute of another resource, resolved at apply
//   $${                  a literal "${" (left for the engine, which unescapes it)
// The reference grammar is the engine's (engine/reference.h); anything else between "${" and
// "}", or a "${" without "}", is malformed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.h"

namespace pave {

enum class PlaceholderKind { kEnv, kFile, kReference, kMalformed, kUnterminated };

struct Placeholder {
  PlaceholderKind kind = PlaceholderKind::kMalformed;
  size_t begin = 0;       // offset of "${"
  size_t end = 0;         // one past "}" (the end of the text when unterminated)
  std::string_view body;  // between "${" and "}"
  std::string_view arg;   // after "env:" / "file:"
  std::optional<Reference> reference;  // for kReference
};

// Every placeholder of `text`, in order ("$${" escapes skipped).
std::vector<Placeholder> FindPlaceholders(std::string_view text);

// True when `text` is exactly one placeholder (of any kind but malformed / unterminated).
bool IsSinglePlaceholder(std::string_view text);

// `text` with every "${" written as "$${", so that inserted content is never taken for a
// reference.
std::string EscapePlaceholders(std::string_view text);

}  // namespace pave
