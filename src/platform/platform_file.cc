#include "platform/platform_file.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "engine/state.h"
#include "engine/validate.h"
#include "platform/metadata.h"
#include "platform/moved.h"
#include "platform/state_section.h"
#include "platform/outputs.h"
#include "platform/resource_check.h"
#include "platform/resource_list.h"
#include "platform/subnet_checks.h"
#include "platform/value_sources.h"
#include "platform/yaml_checks.h"
#include "platform/yaml_loader.h"
#include "platform/yaml_tree.h"

namespace pave {
namespace {

std::vector<std::string> TopLevelKeys(const std::vector<const Blueprint*>& blueprints) {
  std::vector<std::string> keys = {"apiVersion", "kind", "metadata", "resources", "outputs", "moved",
                                    "state"};
  for (const Blueprint* b : blueprints) keys.emplace_back(b->section());
  return keys;
}

void CheckTopLevelKeys(const YAML::Node& root, const std::vector<std::string>& known,
                       FileErrors& errors) {
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) continue;  // reported by the YAML loader
    const std::string& key = kv.first.Scalar();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    errors.At(kv.first, "unknown section \"" + key + "\"", SuggestionHint(key, known));
  }
}

void CheckHeaderField(const YAML::Node& root, const std::string& key, std::string_view expected,
                      FileErrors& errors) {
  YAML::Node value = MapValue(root, key);
  std::string hint = "add \"" + key + ": " + std::string(expected) + "\"";
  if (!value.IsDefined() || value.IsNull()) {
    YAML::Node key_node = MapKey(root, key);
    errors.At(key_node.IsDefined() ? key_node : root, key + " is missing", hint);
  } else if (!value.IsScalar() || value.Scalar() != expected) {
    std::string found = value.IsScalar() ? "\"" + value.Scalar() + "\"" : DescribeYamlNode(value);
    errors.At(value, "unsupported " + key + " " + found,
              "expected \"" + std::string(expected) + "\"");
  }
}

// A map section's `account:` (the account its resources live in) is read here, for every
// section alike; the blueprint sees the section without it.
YAML::Node TakeAccount(const std::string& section, const YAML::Node& value, BlueprintContext& ctx) {
  if (!value.IsMap() || !MapKey(value, "account").IsDefined()) return value;
  YAML::Node account = MapValue(value, "account");
  if (account.IsScalar() && !account.Scalar().empty()) {
    ctx.set_account(ctx.AccountByName(account, account.Scalar()));
  } else {
    ctx.Error(account, section + ".account must be the name of an account of the organization, or its id");
  }
  YAML::Node rest(YAML::NodeType::Map);
  for (const auto& kv : value) {
    if (!(kv.first.IsScalar() && kv.first.Scalar() == "account")) rest.force_insert(kv.first, kv.second);
  }
  return rest;
}

void ExpandSection(const Blueprint& blueprint, const YAML::Node& key, const YAML::Node& section_value,
                   BlueprintContext& ctx) {
  std::string section(blueprint.section());
  ctx.BeginSection(section, key);
  YAML::Node value = TakeAccount(section, section_value, ctx);
  // Blueprints are pure (blueprint.h) but Expand is not declared const; the callers own
  // them as non-const objects, so the cast is sound.
  Blueprint& expander = const_cast<Blueprint&>(blueprint);
  try {
    expander.Expand(value, ctx);
  } catch (const YAML::Exception& e) {
    ctx.Error(key, "section " + section + " could not be read: " + e.msg);
  } catch (const std::exception& e) {
    ctx.Error(key, "section " + section + " could not be read: " + e.what());
  }
}

// The section a platform that makes AWS resources gets even when its file leaves it out.
constexpr const char* kDefaultOnSection = "baseline";

bool MakesAwsResources(const Config& config) {
  return std::any_of(config.resources.begin(), config.resources.end(),
                     [](const ResourceConfig& rc) { return rc.address.type.rfind("aws_", 0) == 0; });
}

// Returns what the sections exported (account names, for the `resources` entries).
std::map<std::string, Value> ExpandSections(const YAML::Node& root, const std::vector<const Blueprint*>& blueprints,
                                            const ProviderRegistry& registry, LoadedPlatform* out,
                                            std::vector<Diagnostic>* diagnostics) {
  BlueprintContext ctx(out->file, out->metadata, &out->config, diagnostics, &registry);
  for (const Blueprint* blueprint : blueprints) {
    std::string section(blueprint->section());
    YAML::Node key = MapKey(root, section);
    if (key.IsDefined()) {
      ExpandSection(*blueprint, key, MapValue(root, section), ctx);
    } else if (section == kDefaultOnSection && MakesAwsResources(out->config)) {
      // The security baseline is on unless the file says `baseline: false` (docs/security.md):
      // a platform that builds on AWS gets it with its defaults, placed at metadata.
      YAML::Node at = MapKey(root, "metadata");
      ExpandSection(*blueprint, at.IsDefined() ? at : root, YAML::Node(YAML::NodeType::Map), ctx);
    }
  }
  return ctx.exports();
}

// The `account:` of `resources` entries (the first `count` resources) named as in the file:
// made ids or references to the organization's accounts.
// A `region:` equal to the platform's is no placement at all (the same resource either way).
void ResolveEntryAccounts(const std::map<std::string, Value>& exports, const std::string& platform_region,
                          size_t count, FileErrors& errors, Config* config) {
  for (size_t i = 0; i < count && i < config->resources.size(); ++i) {
    ResourceConfig& rc = config->resources[i];
    if (rc.account.empty()) continue;
    Placement where = SplitPlacement(rc.account);
    if (where.region == platform_region) where.region.clear();
    if (where.account.empty()) {
      rc.account = JoinPlacement("", where.region);
      continue;
    }
    std::optional<std::string> account = AccountFromExports(exports, where.account);
    if (account) {
      rc.account = JoinPlacement(*account, where.region);
      continue;
    }
    std::vector<std::string> names = ExportedAccountNames(exports);
    errors.At(rc.location, rc.address.ToString() + ": unknown account \"" + where.account + "\"",
              names.empty() ? "name an account of the organization section, or give a 12-digit account id"
                            : SuggestionHint(where.account, names));
    rc.account.clear();
  }
}

// Orders the diagnostics from `first` on by position, as a reader goes through the file;
// those without a line come first.
void SortByPosition(std::vector<Diagnostic>* diagnostics, size_t first) {
  std::stable_sort(diagnostics->begin() + static_cast<std::ptrdiff_t>(first), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.location.file, a.location.line, a.location.column) <
                            std::tie(b.location.file, b.location.line, b.location.column);
                   });
}

Status Summarize(const std::vector<Diagnostic>& diagnostics, size_t first) {
  const Diagnostic* first_error = nullptr;
  size_t count = 0;
  for (size_t i = first; i < diagnostics.size(); ++i) {
    if (diagnostics[i].severity != Severity::kError) continue;
    if (!first_error) first_error = &diagnostics[i];
    ++count;
  }
  if (!first_error) return Status::Ok();
  std::string message = first_error->ToString();
  if (count > 1) {
    message += " (and " + std::to_string(count - 1) + " more error" + (count > 2 ? "s" : "") + ")";
  }
  return Status::InvalidArgument(message);
}

// The `resources` section read ahead by the fast path.
struct ListedResources {
  std::vector<ResourceConfig> resources;
  std::vector<ResourceOrigin> origins;
};

void CopyWarnings(const std::vector<Diagnostic>& diagnostics, size_t first, LoadedPlatform* out) {
  for (size_t i = first; i < diagnostics.size(); ++i) {
    if (diagnostics[i].severity == Severity::kWarning)
      out->warnings.push_back(diagnostics[i].ToString());
  }
}

// Everything after the YAML parse. `listed`, when given, holds the resources section already
// read (the fast path); otherwise it is read from `root`.
Result<LoadedPlatform> ParseRoot(const YAML::Node& root, ListedResources* listed,
                                 const std::string& file_name, Env* env,
                                 const ProviderRegistry& registry,
                                 const std::vector<const Blueprint*>& blueprints,
                                 std::vector<Diagnostic>* diagnostics, size_t first) {
  FileErrors errors(file_name, diagnostics);
  if (!root.IsMap()) {
    SourceLocation at = root.IsNull() ? SourceLocation{file_name, 1, 1} : errors.Locate(root);
    errors.At(at, "a platform file must be a map with apiVersion, kind and metadata, found " +
                      std::string(root.IsNull() ? "an empty document" : DescribeYamlNode(root)));
    return Summarize(*diagnostics, first);
  }
  CheckTopLevelKeys(root, TopLevelKeys(blueprints), errors);
  CheckHeaderField(root, "apiVersion", kPlatformApiVersion, errors);
  CheckHeaderField(root, "kind", kPlatformKind, errors);
  LoadedPlatform out;
  out.file = file_name;
  out.metadata = ParseMetadata(MapKey(root, "metadata"), MapValue(root, "metadata"), errors);
  out.config.platform = out.metadata.name;
  out.state = ParseStateSection(MapValue(root, "state"), out.metadata.region, errors);
  AddOrganizationHints(MapValue(root, "organization"), &out.state);
  CheckStateAccount(MapValue(root, "state"), out.state, errors);
  std::vector<ResourceOrigin> origins;
  if (listed) {
    out.config.resources = std::move(listed->resources);
    origins = std::move(listed->origins);
  } else {
    ParseResourceList(MapValue(root, "resources"), registry, errors, &out.config, &origins);
  }
  const size_t entries = out.config.resources.size();
  std::map<std::string, Value> exports = ExpandSections(root, blueprints, registry, &out, diagnostics);
  ResolveEntryAccounts(exports, out.metadata.region, entries, errors, &out.config);
  out.exports = std::move(exports);
  ValueSources sources(env, file_name);
  CheckResources(registry, sources, origins, errors, &out.config);
  out.sources = sources.files_read();
  CheckSubnetRanges(out.config, errors);
  CheckNetworkAccounts(out.config, errors);
  ParseOutputs(MapKey(root, "outputs"), MapValue(root, "outputs"), registry, errors, &out.config);
  ParseMoved(MapValue(root, "moved"), out.config, errors, &out.moved);
  SortByPosition(diagnostics, first);
  if (Summarize(*diagnostics, first).ok()) {
    // The engine's own validation, which the checks above should make redundant: whatever
    // it still finds is reported too, so a loaded platform always passes it.
    for (Diagnostic& d : ValidateConfig(out.config, registry)) diagnostics->push_back(std::move(d));
  }
  RETURN_IF_ERROR(Summarize(*diagnostics, first));
  CopyWarnings(*diagnostics, first, &out);
  return out;
}

// Whether the fast path can read the text at all: no character the full loader reports or
// counts differently in lines (control characters, a lone CR, Unicode line breaks, a BOM).
bool PlainText(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7f && c < 0x80) continue;
    if (c == '\n' || c == '\t') continue;
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      return false;  // NEL
    }
    if (c == 0xE2 && text.substr(i, 3) >= "\xE2\x80\xA8" && text.substr(i, 3) <= "\xE2\x80\xA9") {
      return false;  // LS, PS
    }
    if (c < 0x80) return false;
  }
  return true;
}

// Byte offset where the 0-based line `line` starts (text.size() past the end).
size_t LineStart(std::string_view text, int line) {
  size_t at = 0;
  for (int i = 0; i < line; ++i) {
    at = text.find('\n', at);
    if (at == std::string_view::npos) return text.size();
    ++at;
  }
  return at;
}

// The lines between byte offsets [from, to) emptied, their line breaks kept, so that every
// node after them keeps its line and column.
// Nothing follows a section that ends the file: then the text just stops before it.
std::string BlankLines(std::string_view text, size_t from, size_t to) {
  if (to == text.size()) return std::string(text.substr(0, from));
  std::string out;
  out.reserve(from + (text.size() - to) + 1024);
  out.append(text.substr(0, from));
  for (size_t i = from; i < to; ++i) {
    if (text[i] == '\n') out.push_back('\n');
  }
  out.append(text.substr(to));
  return out;
}

bool Ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The fast path for a file without mistakes (issue 11): libyaml reads the whole file into a
// flat YamlTree and the `resources` section is read from it; yaml-cpp then parses only the
// rest, with the section's lines emptied, for the blueprints' sections. Whatever this path
// cannot take, or any error or difference it could make, gives nullopt with *diagnostics as
// it was, and the full loader runs: every message comes from one place.
std::optional<Result<LoadedPlatform>> ParsePlatformFast(
    std::string_view text, const std::string& file_name, Env* env, const ProviderRegistry& registry,
    const std::vector<const Blueprint*>& blueprints, std::vector<Diagnostic>* diagnostics) {
  YamlLimits limits;
  if (text.size() > limits.max_bytes || !PlainText(text)) return std::nullopt;
  std::optional<YamlTree> tree = YamlTree::Parse(text, limits.max_depth);
  if (!tree || tree->kind(tree->root()) != YamlTree::Kind::kMap || !tree->block(tree->root()) ||
      tree->column(tree->root()) != 0) {
    return std::nullopt;
  }
  YamlTree::Id key = YamlTree::kNone;
  YamlTree::Id list = tree->Find(tree->root(), "resources", &key);
  if (list == YamlTree::kNone || tree->column(key) != 0) return std::nullopt;
  YamlTree::Id next_key = tree->next(list);
  size_t from = LineStart(text, tree->line(key));
  size_t to = next_key == YamlTree::kNone ? text.size() : LineStart(text, tree->line(next_key));
  if (!Ascii(text.substr(from, to - from))) return std::nullopt;
  ListedResources listed;
  if (!ParseResourceListFast(*tree, list, registry, file_name, &listed.resources,
                             &listed.origins)) {
    return std::nullopt;
  }
  size_t first = diagnostics->size();
  Result<YAML::Node> root = ParseYaml(BlankLines(text, from, to), file_name, diagnostics);
  Result<LoadedPlatform> out = root.ok() ? ParseRoot(*root, &listed, file_name, env, registry,
                                                     blueprints, diagnostics, first)
                                         : Result<LoadedPlatform>(root.status());
  if (out.ok()) return out;
  diagnostics->resize(first);
  return std::nullopt;
}

}  // namespace

Result<LoadedPlatform> ParsePlatform(std::string_view text, const std::string& file_name, Env* env,
                                     const ProviderRegistry& registry,
                                     const std::vector<const Blueprint*>& blueprints,
                                     std::vector<Diagnostic>* diagnostics) {
  std::optional<Result<LoadedPlatform>> fast =
      ParsePlatformFast(text, file_name, env, registry, blueprints, diagnostics);
  if (fast) return std::move(*fast);
  size_t first = diagnostics->size();
  ASSIGN_OR_RETURN(YAML::Node root, ParseYaml(text, file_name, diagnostics));
  return ParseRoot(root, nullptr, file_name, env, registry, blueprints, diagnostics, first);
}

Result<LoadedPlatform> LoadPlatform(Env* env, const std::string& path,
                                    const ProviderRegistry& registry,
                                    const std::vector<const Blueprint*>& blueprints,
                                    std::vector<Diagnostic>* diagnostics) {
  Result<std::string> text = env->ReadFile(path);
  if (!text.ok()) {
    Status s = text.status().WithContext("cannot read the platform file");
    diagnostics->push_back(Diagnostic{Severity::kError, SourceLocation{path, 0, 0}, s.message()});
    return s;
  }
  Result<LoadedPlatform> loaded = ParsePlatform(*text, path, env, registry, blueprints, diagnostics);
  if (loaded.ok()) loaded->sources[path.substr(path.rfind('/') + 1)] = std::move(*text);
  return loaded;
}

}  // namespace pave
