// Diagnostics: the one shape every user-facing error takes before the cli prints it as
//   pave: error: file.yaml:12:5: unknown key "cidrr" in network (did you mean "cidr"?)
// Messages are lower-case with no trailing period.
#pragma once

#include <string>
#include <vector>

namespace pave {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown

  bool known() const { return line > 0; }
  // "file:line:col", "file:line" or "file".
  std::string ToString() const;
};

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation location;
  std::string message;
  std::string hint;  // optional, e.g. "did you mean \"cidr\"?"

  // "file:line:col: message (hint)" without the "pave: error: " prefix.
  std::string ToString() const;
};

// Closest candidate by edit distance, or "" when none is close enough to suggest.
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace pave
