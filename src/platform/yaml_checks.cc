#include "platform/yaml_checks.h"

#include <algorithm>

#include "platform/yaml_loader.h"

namespace pave {

SourceLocation FileErrors::Locate(const YAML::Node& node) const {
  return YamlLocation(node, file_);
}

void FileErrors::At(const SourceLocation& loc, std::string message, std::string hint) {
  diagnostics_->push_back(
      Diagnostic{Severity::kError, loc, std::move(message), std::move(hint)});
}

void FileErrors::At(const YAML::Node& node, std::string message, std::string hint) {
  At(Locate(node), std::move(message), std::move(hint));
}

bool FileErrors::ExpectMap(const YAML::Node& node, const std::string& what, bool null_ok) {
  if (node.IsMap() || (null_ok && node.IsNull())) return true;
  At(node, what + " must be a map, found " + DescribeYamlNode(node));
  return false;
}

bool FileErrors::ExpectList(const YAML::Node& node, const std::string& what, bool null_ok) {
  if (node.IsSequence() || (null_ok && node.IsNull())) return true;
  At(node, what + " must be a list, found " + DescribeYamlNode(node));
  return false;
}

bool FileErrors::ExpectString(const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) return true;
  At(node, what + " must be a string, found " + DescribeYamlNode(node));
  return false;
}

void FileErrors::CheckKeys(const YAML::Node& node, const std::vector<std::string>& allowed,
                           const std::string& where) {
  if (!node.IsMap()) return;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) continue;  // reported by the YAML loader
    const std::string& key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    At(kv.first, "unknown key \"" + key + "\" in " + where, SuggestionHint(key, allowed));
  }
}

std::string SuggestionHint(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best = ClosestMatch(word, candidates);
  if (!best.empty()) return "did you mean \"" + best + "\"?";
  if (candidates.empty()) return "";
  constexpr size_t kShown = 8;
  std::string out = "expected one of: ";
  for (size_t i = 0; i < candidates.size() && i < kShown; ++i) {
    if (i > 0) out += ", ";
    out += candidates[i];
  }
  if (candidates.size() > kShown) out += ", ...";
  return out;
}

YAML::Node MapValue(const YAML::Node& node, const std::string& key) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node MapKey(const YAML::Node& node, const std::string& key) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.first;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

bool StrictBool(const YAML::Node& node, bool* out) {
  if (!node.IsScalar()) return false;
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") {
    *out = true;
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    *out = false;
    return true;
  }
  return false;
}

std::string StrictBoolError(const YAML::Node& node, const std::string& what) {
  std::string message = what + " must be true or false";
  bool yaml11 = false;
  if (node.IsScalar() && YAML::convert<bool>::decode(node, yaml11)) {
    message += " (\"" + node.Scalar() + "\" is a YAML 1.1 boolean word; write " + (yaml11 ? "true" : "false") + ")";
  }
  return message;
}

}  // namespace pave
