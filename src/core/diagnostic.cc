#include "core/diagnostic.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace pave {

std::string SourceLocation::ToString() const {
  // Appends piece by piece: `out += ":" + std::to_string(n)` trips GCC 12's -Wrestrict
  // false positive at -O3.
  std::string out = file;
  if (line > 0) {
    out.push_back(':');
    out.append(std::to_string(line));
  }
  if (line > 0 && column > 0) {
    out.push_back(':');
    out.append(std::to_string(column));
  }
  return out;
}

std::string Diagnostic::ToString() const {
  std::string out;
  if (!location.file.empty()) out = location.ToString() + ": ";
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

namespace {
// Edits between `a` and `b` (insert, delete, replace, or swap two neighbours: "emial" is one
// edit from "email"), the optimal string alignment distance.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

bool EqualIgnoringCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  // The same word in another case ("spot" for "SPOT") is the answer, however short.
  for (const auto& c : candidates) {
    if (c != word && EqualIgnoringCase(c, word)) return c;
  }
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  // Suggest only when at most a third of the word differs (and at least one edit is allowed).
  size_t limit = std::max<size_t>(1, std::max(word.size(), best.size()) / 3);
  return best_d <= limit ? best : "";
}

}  // namespace pave
