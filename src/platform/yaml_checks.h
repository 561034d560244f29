// Small checks shared by the parts of the platform-file loader: errors with locations, the
// "did you mean" hint, keys of a map checked against the allowed set.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace pave {

class FileErrors {
 public:
  FileErrors(std::string file, std::vector<Diagnostic>* diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  const std::string& file() const { return file_; }
  std::vector<Diagnostic>* diagnostics() const { return diagnostics_; }
  SourceLocation Locate(const YAML::Node& node) const;

  void At(const SourceLocation& loc, std::string message, std::string hint = "");
  void At(const YAML::Node& node, std::string message, std::string hint = "");

  // Reports "<what> must be <expected>, found a list" at `node` and returns false when the
  // node is not of the kind; null counts as a match when `null_ok`.
  bool ExpectMap(const YAML::Node& node, const std::string& what, bool null_ok = false);
  bool ExpectList(const YAML::Node& node, const std::string& what, bool null_ok = false);
  bool ExpectString(const YAML::Node& node, const std::string& what);

  // Reports every key of the map `node` not in `allowed`: `unknown key "x" in <where>` with
  // the closest allowed key as hint.
  void CheckKeys(const YAML::Node& node, const std::vector<std::string>& allowed,
                 const std::string& where);

 private:
  std::string file_;
  std::vector<Diagnostic>* diagnostics_;
};

// "did you mean \"x\"?" for the closest candidate, or "expected one of: a, b, c" when none
// is close (the list cut after a few).
std::string SuggestionHint(const std::string& word, const std::vector<std::string>& candidates);

// A YAML 1.2 boolean scalar (true/True/TRUE, false/False/FALSE) into *out. yaml-cpp also
// reads YAML 1.1's yes/no/on/off/y/n as booleans, a trap ("no" for Norway): those are not
// booleans here. False for anything else.
bool StrictBool(const YAML::Node& node, bool* out);
// The message for a value that is not such a boolean: "<what> must be true or false", with
// a note when it is one of YAML 1.1's words.
std::string StrictBoolError(const YAML::Node& node, const std::string& what);

// The value at `key` of the map `node`, or an undefined node when absent (never throws,
// never inserts).
YAML::Node MapValue(const YAML::Node& node, const std::string& key);
// The key node of `key` in the map `node` (for its position), or an undefined node.
YAML::Node MapKey(const YAML::Node& node, const std::string& key);

}  // namespace pave
