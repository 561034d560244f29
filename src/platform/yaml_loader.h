// YAML loading for the platform file: yaml-cpp parsing with every node's position kept
// (YAML::Node::Mark), plus the checks yaml-cpp does not make — duplicate keys, alias bombs,
// nesting depth, file size — and the conversion of YAML to Value.
//
// Scalars follow the YAML 1.2 core schema: plain `null`, `~` and empty are null; `true` /
// `false` are booleans (not `yes` / `no`); decimal, 0x and 0o integers; decimal floats and
// .inf / .nan. A quoted scalar, or one tagged `!!str`, is always a string.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/status.h"
#include "core/value.h"

namespace pave {

// Limits that keep hostile input from exhausting memory or the stack.
struct YamlLimits {
  size_t max_bytes = size_t{256} << 20;  // size of the text
  int max_depth = 64;                    // nesting of maps and sequences
  // Nodes visited, counting every alias expansion. A file without aliases has fewer nodes
  // than bytes, so the budget grows with the text: max(max_nodes, size of the text).
  size_t max_nodes = 1'000'000;
};

// Where `node` stands: 1-based line and column; line 0 when the node has no position
// (a missing key looked up in a map).
SourceLocation YamlLocation(const YAML::Node& node, const std::string& file);

// Parses one YAML document. Syntax errors ("3:7: end of map not found"), duplicate keys,
// several documents, and text past the limits are appended to *diagnostics with their
// location; the result is then InvalidArgument with the first of them. An empty document
// gives a null node.
Result<YAML::Node> ParseYaml(std::string_view text, const std::string& file,
                             std::vector<Diagnostic>* diagnostics,
                             const YamlLimits& limits = YamlLimits());

// Converts a plain scalar's text to the Value the core schema gives it.
Value PlainScalarToValue(const std::string& text);

// Whether a plain scalar is an integer of the core schema that int64 cannot hold (an error
// in YamlToValue: "integer out of range").
bool IsOutOfRangeInteger(const std::string& text);

// Converts a node to Value (maps to objects with string keys, sequences to arrays). Errors
// (non-scalar keys, unsupported tags, integers out of range, too deep or too many nodes) go
// to *diagnostics; the result is then InvalidArgument.
Result<Value> YamlToValue(const YAML::Node& node, const std::string& file,
                          std::vector<Diagnostic>* diagnostics,
                          const YamlLimits& limits = YamlLimits());

// A scalar the way the user wrote it, ignoring what type it would convert to: "1.30" stays
// "1.30". Empty for a non-scalar.
std::string ScalarText(const YAML::Node& node);

// "a map", "a list", "a string", "null"... for error messages about the wrong kind of node.
std::string DescribeYamlNode(const YAML::Node& node);

}  // namespace pave
