#include "platform/yaml_loader.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>

namespace pave {
namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";
constexpr std::string_view kIntTag = "tag:yaml.org,2002:int";
constexpr std::string_view kFloatTag = "tag:yaml.org,2002:float";
constexpr std::string_view kBoolTag = "tag:yaml.org,2002:bool";
constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";
constexpr std::string_view kMapTag = "tag:yaml.org,2002:map";
constexpr std::string_view kSeqTag = "tag:yaml.org,2002:seq";

SourceLocation MarkLocation(const YAML::Mark& mark, const std::string& file) {
  SourceLocation loc{file, 0, 0};
  if (mark.line >= 0) {
    loc.line = mark.line + 1;
    loc.column = mark.column >= 0 ? mark.column + 1 : 0;
  }
  return loc;
}

void AddError(std::vector<Diagnostic>* diagnostics, SourceLocation loc, std::string message,
              std::string hint = "") {
  diagnostics->push_back(
      Diagnostic{Severity::kError, std::move(loc), std::move(message), std::move(hint)});
}

Status FirstError(const std::vector<Diagnostic>& diagnostics, size_t from) {
  for (size_t i = from; i < diagnostics.size(); ++i) {
    if (diagnostics[i].severity == Severity::kError) {
      return Status::InvalidArgument(diagnostics[i].ToString());
    }
  }
  return Status::Ok();
}

// YAML forbids C0 control characters other than tab, line feed and carriage return; their
// presence almost always means a binary file was given.
bool CheckCharacters(std::string_view text, const std::string& file,
                     std::vector<Diagnostic>* diagnostics) {
  int line = 1, column = 1;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", c);
      AddError(diagnostics, SourceLocation{file, line, column},
               std::string("control character ") + hex + " is not allowed in YAML",
               "is this a binary file?");
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return true;
}

// Walks the parsed tree once, with a depth limit (aliases may form cycles) and a node
// budget (aliases may multiply), checking keys.
class KeyChecker {
 public:
  KeyChecker(const std::string& file, std::vector<Diagnostic>* diagnostics,
             const YamlLimits& limits)
      : file_(file), diagnostics_(diagnostics), limits_(limits) {}

  void Walk(const YAML::Node& node, int depth) {
    if (stopped_) return;
    if (depth > limits_.max_depth) {
      return Stop(node, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
                  "an alias that contains itself?");
    }
    if (++nodes_ > limits_.max_nodes) {
      return Stop(node, "more than " + std::to_string(limits_.max_nodes) +
                            " nodes once aliases are expanded");
    }
    if (node.IsSequence()) {
      for (const auto& child : node) Walk(child, depth + 1);
    } else if (node.IsMap()) {
      WalkMap(node, depth);
    }
  }

 private:
  void WalkMap(const YAML::Node& node, int depth) {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : node) {
      if (stopped_) return;
      const YAML::Node& key = kv.first;
      if (!key.IsScalar()) {
        AddError(diagnostics_, YamlLocation(key, file_), "a key must be a plain string, not " +
                                                             DescribeYamlNode(key));
      } else if (key.Scalar() == "<<" && key.Tag() == "?") {
        AddError(diagnostics_, YamlLocation(key, file_), "merge keys (<<) are not supported");
      } else {
        auto [it, inserted] = seen.emplace(key.Scalar(), key.Mark());
        if (!inserted) {
          SourceLocation first = MarkLocation(it->second, file_);
          AddError(diagnostics_, YamlLocation(key, file_),
                   "duplicate key \"" + key.Scalar() + "\"",
                   "first set at line " + std::to_string(first.line));
        }
      }
      Walk(kv.second, depth + 1);
    }
  }

  void Stop(const YAML::Node& node, std::string message, std::string hint = "") {
    stopped_ = true;
    AddError(diagnostics_, YamlLocation(node, file_), std::move(message), std::move(hint));
  }

  const std::string& file_;
  std::vector<Diagnostic>* diagnostics_;
  const YamlLimits& limits_;
  size_t nodes_ = 0;
  bool stopped_ = false;
};

// Records where documents start, nothing else.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  std::vector<YAML::Mark> starts;
};

// Where a second document starts, if there is one. YAML::LoadAll is not used: yaml-cpp 0.7
// loops forever, allocating, on a stray token after a document ("\"\",": yaml-cpp#1040), so
// the documents are counted with a bound.
std::optional<YAML::Mark> SecondDocument(std::string_view text) {
  std::stringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentStarts starts;
  for (int i = 0; i < 2 && parser.HandleNextDocument(starts); ++i) {
  }
  if (starts.starts.size() < 2) return std::nullopt;
  return starts.starts[1];
}

// Whether a line starts with what can end a document and begin another: "---", "..." or a
// directive ("%YAML").
bool HasDocumentMarker(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    std::string_view line = text.substr(at);
    if (line.starts_with("---") || line.starts_with("...") || line.starts_with('%')) return true;
    size_t eol = text.find('\n', at);
    if (eol == std::string_view::npos) break;
    at = eol + 1;
  }
  return false;
}

// Whether a second document can follow `root` at all. A block map whose keys start at
// column 1 ends only at the end of the text or at a document marker: nothing can be less
// indented, and anything else after it is a syntax error that YAML::Load has already
// reported. So the second pass over the text (a full scan) is needed only when there is a
// marker or the root is something else.
bool MaySpanDocuments(const YAML::Node& root, std::string_view text) {
  bool block_map = root.IsMap() && root.Style() == YAML::EmitterStyle::Block &&
                   root.Mark().column == 0;
  return !block_map || HasDocumentMarker(text);
}

bool IsDigits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                         : (c >= '0' && c < static_cast<char>('0' + base));
    if (!ok) return false;
  }
  return true;
}

// Integer text of the core schema: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+.
bool ParseCoreInt(std::string_view s, bool* is_int, int64_t* out) {
  int base = 10;
  bool negative = false;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    base = s[1] == 'x' ? 16 : 8;
    s.remove_prefix(2);
  } else if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  *is_int = IsDigits(s, base);
  if (!*is_int) return false;
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (ec != std::errc() || end != s.data() + s.size()) return false;
  constexpr uint64_t kMax = static_cast<uint64_t>(INT64_MAX);
  if (magnitude > kMax + (negative ? 1 : 0)) return false;
  *out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

// Float text of the core schema, without .inf and .nan (JSON cannot hold them).
bool ParseCoreFloat(std::string_view s, double* out) {
  std::string_view body = s;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) body.remove_prefix(1);
  size_t i = 0, digits = 0;
  while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    if (!IsDigits(body.substr(std::min(i, body.size())), 10)) return false;
    i = body.size();
  }
  if (i != body.size()) return false;
  std::string_view num = s[0] == '+' ? s.substr(1) : s;
  auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), *out);
  return ec == std::errc() && end == num.data() + num.size();
}

class ValueBuilder {
 public:
  ValueBuilder(const std::string& file, std::vector<Diagnostic>* diagnostics,
               const YamlLimits& limits)
      : file_(file), diagnostics_(diagnostics), limits_(limits) {}

  Value Build(const YAML::Node& node, int depth) {
    if (stopped_) return nullptr;
    if (depth > limits_.max_depth) {
      return Stop(node, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    if (++nodes_ > limits_.max_nodes) {
      return Stop(node, "more than " + std::to_string(limits_.max_nodes) +
                            " nodes once aliases are expanded");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        return Scalar(node);
      case YAML::NodeType::Sequence:
        return Sequence(node, depth);
      case YAML::NodeType::Map:
        return Map(node, depth);
    }
    return nullptr;
  }

 private:
  Value Scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    const std::string& text = node.Scalar();
    if (tag == "!" || tag == kStrTag) return text;
    if (tag != "?" && tag != kIntTag && tag != kFloatTag && tag != kBoolTag && tag != kNullTag) {
      Error(node, "unsupported tag \"" + tag + "\"");
      return nullptr;
    }
    Value v = PlainScalarToValue(text);
    bool is_int = false;
    int64_t unused = 0;
    if (v.is_string() && !ParseCoreInt(text, &is_int, &unused) && is_int) {
      Error(node, "integer out of range", "quote it to keep it as a string");
      return nullptr;
    }
    bool matches = tag == "?" || (tag == kIntTag && v.is_number_integer()) ||
                   (tag == kFloatTag && v.is_number()) ||
                   (tag == kBoolTag && v.is_boolean()) || (tag == kNullTag && v.is_null());
    if (!matches) Error(node, "value does not match its tag \"" + tag + "\"");
    return v;
  }

  Value Sequence(const YAML::Node& node, int depth) {
    CheckCollectionTag(node, kSeqTag);
    Value out = Value::array();
    for (const auto& child : node) out.push_back(Build(child, depth + 1));
    return out;
  }

  Value Map(const YAML::Node& node, int depth) {
    CheckCollectionTag(node, kMapTag);
    Value out = Value::object();
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        Error(kv.first, "a key must be a plain string, not " + DescribeYamlNode(kv.first));
        continue;
      }
      out[kv.first.Scalar()] = Build(kv.second, depth + 1);
    }
    return out;
  }

  void CheckCollectionTag(const YAML::Node& node, std::string_view allowed) {
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag != "?" && tag != "!" && tag != allowed) {
      Error(node, "unsupported tag \"" + tag + "\"");
    }
  }

  void Error(const YAML::Node& node, std::string message, std::string hint = "") {
    AddError(diagnostics_, YamlLocation(node, file_), std::move(message), std::move(hint));
  }

  Value Stop(const YAML::Node& node, std::string message) {
    stopped_ = true;
    Error(node, std::move(message));
    return nullptr;
  }

  const std::string& file_;
  std::vector<Diagnostic>* diagnostics_;
  const YamlLimits& limits_;
  size_t nodes_ = 0;
  bool stopped_ = false;
};

}  // namespace

SourceLocation YamlLocation(const YAML::Node& node, const std::string& file) {
  if (!node.IsDefined()) return SourceLocation{file, 0, 0};
  return MarkLocation(node.Mark(), file);
}

Result<YAML::Node> ParseYaml(std::string_view text, const std::string& file,
                             std::vector<Diagnostic>* diagnostics, const YamlLimits& limits) {
  size_t first = diagnostics->size();
  if (text.size() > limits.max_bytes) {
    AddError(diagnostics, SourceLocation{file, 0, 0},
             "file is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                 std::to_string(limits.max_bytes));
    return FirstError(*diagnostics, first);
  }
  if (!CheckCharacters(text, file, diagnostics)) return FirstError(*diagnostics, first);
  YAML::Node root;
  std::optional<YAML::Mark> second;
  try {
    root = YAML::Load(std::string(text));
    if (MaySpanDocuments(root, text)) second = SecondDocument(text);
  } catch (const YAML::DeepRecursion& e) {  // its message is a bare "bad file"
    AddError(diagnostics, MarkLocation(e.mark, file),
             "nesting too deep for the YAML parser (" + std::to_string(e.depth()) + " levels)");
    return FirstError(*diagnostics, first);
  } catch (const YAML::Exception& e) {
    AddError(diagnostics, MarkLocation(e.mark, file), e.msg);
    return FirstError(*diagnostics, first);
  }
  if (second) {
    bool separated = text.rfind("---", 0) == 0 || text.find("\n---") != std::string_view::npos;
    if (separated) {
      AddError(diagnostics, MarkLocation(*second, file), "expected one YAML document",
               "remove the second \"---\"");
    } else {
      AddError(diagnostics, MarkLocation(*second, file), "content after the end of the document",
               "check the indentation");
    }
    return FirstError(*diagnostics, first);
  }
  try {
    YamlLimits budget = limits;
    budget.max_nodes = std::max(limits.max_nodes, text.size());
    KeyChecker(file, diagnostics, budget).Walk(root, 0);
  } catch (const YAML::Exception& e) {
    AddError(diagnostics, MarkLocation(e.mark, file), e.msg);
  }
  RETURN_IF_ERROR(FirstError(*diagnostics, first));
  return root;
}

Value PlainScalarToValue(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  bool is_int = false;
  int64_t i = 0;
  if (ParseCoreInt(text, &is_int, &i)) return i;
  if (is_int) return text;  // out of range: YamlToValue reports it
  double d = 0;
  if (ParseCoreFloat(text, &d)) return d;
  return text;
}

bool IsOutOfRangeInteger(const std::string& text) {
  bool is_int = false;
  int64_t unused = 0;
  return !ParseCoreInt(text, &is_int, &unused) && is_int;
}

Result<Value> YamlToValue(const YAML::Node& node, const std::string& file,
                          std::vector<Diagnostic>* diagnostics, const YamlLimits& limits) {
  size_t first = diagnostics->size();
  Value out;
  try {
    out = ValueBuilder(file, diagnostics, limits).Build(node, 0);
  } catch (const YAML::Exception& e) {
    AddError(diagnostics, MarkLocation(e.mark, file), e.msg);
  }
  RETURN_IF_ERROR(FirstError(*diagnostics, first));
  return out;
}

std::string ScalarText(const YAML::Node& node) {
  return node.IsScalar() ? node.Scalar() : std::string();
}

std::string DescribeYamlNode(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
      return "nothing";
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar:
      break;
  }
  if (node.Tag() == "!" || node.Tag() == kStrTag) return "a string";
  Value v = PlainScalarToValue(node.Scalar());
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  return "a string";
}

}  // namespace pave
