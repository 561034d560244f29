#include "engine/attribute_constraints.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace pave {
namespace {

// Longer values are not matched: libstdc++'s regex recurses per character.
constexpr size_t kMaxMatchedLength = 2048;

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string Bounds(const AttributeSchema& attr) {
  if (attr.min && attr.max) {
    return "between " + std::to_string(*attr.min) + " and " + std::to_string(*attr.max);
  }
  if (attr.min) return "at least " + std::to_string(*attr.min);
  return "at most " + std::to_string(*attr.max);
}

bool OutOfBounds(const AttributeSchema& attr, int64_t n) {
  return (attr.min && n < *attr.min) || (attr.max && n > *attr.max);
}

// The closest allowed value by edit distance, else the one allowed value that starts with
// `s` ("Secure" -> "SecureString"), else "".
std::string Suggest(const std::string& s, const std::vector<std::string>& allowed) {
  std::string close = ClosestMatch(s, allowed);
  if (!close.empty() || s.empty()) return close;
  for (const std::string& a : allowed) {
    if (a.compare(0, s.size(), s) != 0) continue;
    if (!close.empty()) return "";
    close = a;
  }
  return close;
}

std::optional<ConstraintViolation> CheckAllowed(const AttributeSchema& attr, const std::string& s,
                                                bool show_value) {
  for (const std::string& a : attr.allowed) {
    if (a == s) return std::nullopt;
  }
  std::string list;
  for (const std::string& a : attr.allowed) list += (list.empty() ? "" : ", ") + a;
  std::string hint = "allowed: " + list;
  std::string close = show_value ? Suggest(s, attr.allowed) : "";
  if (!close.empty()) hint = "did you mean " + Quoted(close) + "? " + hint;
  std::string what = show_value ? " " + Quoted(s) : "";
  return ConstraintViolation{attr.name + what + " is not one of the values AWS accepts", hint};
}

bool IsAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::optional<ConstraintViolation> CheckString(const AttributeSchema& attr, const std::string& s,
                                               bool show_value) {
  if (!attr.allowed.empty()) return CheckAllowed(attr, s, show_value);
  if (OutOfBounds(attr, static_cast<int64_t>(s.size()))) {
    return ConstraintViolation{
        attr.name + " must have " + Bounds(attr) + " characters, found " + std::to_string(s.size()),
        ""};
  }
  if (attr.pattern.empty() || s.size() > kMaxMatchedLength || !IsAscii(s)) return std::nullopt;
  std::optional<std::regex> re = CompilePattern(attr.pattern);
  if (!re || std::regex_match(s, *re)) return std::nullopt;
  std::string what = show_value ? " " + Quoted(s) : "";
  return ConstraintViolation{attr.name + what + " does not match the pattern AWS requires",
                             "pattern: " + attr.pattern};
}

// Java's \uXXXX as ECMAScript's \xHH, code points past ASCII clamped to \x7F: patterns are
// matched against ASCII values only, for which the clamped class accepts the same (and DEL).
// nullopt for a \u without four hex digits.
std::optional<std::string> AsciiEscapes(const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '\\' || i + 1 >= pattern.size()) {
      out += pattern[i];
      continue;
    }
    if (pattern[i + 1] != 'u') {
      out += pattern.substr(i, 2);
      ++i;
      continue;
    }
    if (i + 6 > pattern.size()) return std::nullopt;
    std::string hex = pattern.substr(i + 2, 4);
    if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return std::nullopt;
    unsigned long code = std::min(std::stoul(hex, nullptr, 16), 0x7FUL);
    static constexpr char kDigits[] = "0123456789ABCDEF";
    out += std::string("\\x") + kDigits[code >> 4] + kDigits[code & 0xF];
    i += 5;
  }
  return out;
}

}  // namespace

std::optional<ConstraintViolation> CheckConstraints(const AttributeSchema& attr, const Value& value,
                                                    bool show_value) {
  if (value.is_string()) return CheckString(attr, value.get_ref<const std::string&>(), show_value);
  if (value.is_number_integer()) {
    int64_t n = value.get<int64_t>();
    if (!OutOfBounds(attr, n)) return std::nullopt;
    std::string found = show_value ? ", found " + std::to_string(n) : "";
    return ConstraintViolation{attr.name + " must be " + Bounds(attr) + found, ""};
  }
  if (value.is_array() || value.is_object()) {
    int64_t n = static_cast<int64_t>(value.size());
    if (!OutOfBounds(attr, n)) return std::nullopt;
    const char* unit = value.is_array() ? " items" : " entries";
    return ConstraintViolation{
        attr.name + " must have " + Bounds(attr) + unit + ", found " + std::to_string(n), ""};
  }
  return std::nullopt;
}

std::optional<std::regex> CompilePattern(const std::string& pattern) {
  static constexpr std::array<std::string_view, 13> kJavaOnly = {
      "\\p", "\\P", "\\A", "\\Z", "\\z", "\\G", "\\Q", "\\h", "(?", "&&", "*+", "++", "?+"};
  for (std::string_view j : kJavaOnly) {
    if (pattern.find(j) != std::string::npos) return std::nullopt;
  }
  std::optional<std::string> ecma = AsciiEscapes(pattern);
  if (!ecma || !IsAscii(*ecma)) return std::nullopt;
  try {
    return std::regex(*ecma, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

}  // namespace pave
