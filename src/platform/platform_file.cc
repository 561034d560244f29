#include "platform/platform_file.h"

#include <algorithm>
#include <tuple>

#include "engine/validate.h"
#include "platform/metadata.h"
#include "platform/moved.h"
#include "platform/outputs.h"
#include "platform/resource_check.h"
#include "platform/resource_list.h"
#include "platform/subnet_checks.h"
#include "platform/value_sources.h"
#include "platform/yaml_checks.h"
#include "platform/yaml_loader.h"

namespace pave {
namespace {

std::vector<std::string> TopLevelKeys(const std::vector<const Blueprint*>& blueprints) {
  std::vector<std::string> keys = {"apiVersion", "kind", "metadata", "resources", "outputs", "moved"};
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

void ExpandSection(const Blueprint& blueprint, const YAML::Node& key, const YAML::Node& value,
                   BlueprintContext& ctx) {
  std::string section(blueprint.section());
  ctx.BeginSection(section, key);
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

void ExpandSections(const YAML::Node& root, const std::vector<const Blueprint*>& blueprints,
                    const ProviderRegistry& registry, LoadedPlatform* out,
                    std::vector<Diagnostic>* diagnostics) {
  BlueprintContext ctx(out->file, out->metadata, &out->config, diagnostics, &registry);
  for (const Blueprint* blueprint : blueprints) {
    std::string section(blueprint->section());
    YAML::Node key = MapKey(root, section);
    if (key.IsDefined()) ExpandSection(*blueprint, key, MapValue(root, section), ctx);
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

}  // namespace

Result<LoadedPlatform> ParsePlatform(std::string_view text, const std::string& file_name,
                                     Env* env, const ProviderRegistry& registry,
                                     const std::vector<const Blueprint*>& blueprints,
                                     std::vector<Diagnostic>* diagnostics) {
  size_t first = diagnostics->size();
  FileErrors errors(file_name, diagnostics);
  ASSIGN_OR_RETURN(YAML::Node root, ParseYaml(text, file_name, diagnostics));
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
  std::vector<ResourceOrigin> origins;
  ParseResourceList(MapValue(root, "resources"), registry, errors, &out.config, &origins);
  ExpandSections(root, blueprints, registry, &out, diagnostics);
  CheckResources(registry, ValueSources(env, file_name), origins, errors, &out.config);
  CheckSubnetRanges(out.config, errors);
  ParseOutputs(MapKey(root, "outputs"), MapValue(root, "outputs"), registry, errors, &out.config);
  ParseMoved(MapValue(root, "moved"), out.config, errors, &out.moved);
  SortByPosition(diagnostics, first);
  if (Summarize(*diagnostics, first).ok()) {
    // The engine's own validation, which the checks above should make redundant: whatever
    // it still finds is reported too, so a loaded platform always passes it.
    for (Diagnostic& d : ValidateConfig(out.config, registry)) diagnostics->push_back(std::move(d));
  }
  RETURN_IF_ERROR(Summarize(*diagnostics, first));
  for (size_t i = first; i < diagnostics->size(); ++i) {
    if ((*diagnostics)[i].severity == Severity::kWarning) out.warnings.push_back((*diagnostics)[i].ToString());
  }
  return out;
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
  return ParsePlatform(*text, path, env, registry, blueprints, diagnostics);
}

}  // namespace pave
