#include "platform/value_sources.h"

#include "platform/placeholders.h"

namespace pave {

ValueSources::ValueSources(Env* env, const std::string& platform_file)
    : env_(env), base_dir_(DirName(platform_file)) {}

void ValueSources::Resolve(Value* value, const SourceLocation& where,
                           FileErrors& errors) const {
  if (value->is_string()) {
    *value = ResolveString(value->get<std::string>(), where, errors);
  } else if (value->is_array() || value->is_object()) {
    for (auto& child : *value) Resolve(&child, where, errors);
  }
}

std::string ValueSources::ResolveString(const std::string& text, const SourceLocation& where,
                                        FileErrors& errors) const {
  std::string out;
  size_t copied = 0;
  for (const Placeholder& p : FindPlaceholders(text)) {
    if (p.kind != PlaceholderKind::kEnv && p.kind != PlaceholderKind::kFile) continue;
    std::string replacement;
    bool ok = Lookup(p, &replacement, where, errors);
    out.append(text, copied, p.begin - copied);
    out += ok ? EscapePlaceholders(replacement) : text.substr(p.begin, p.end - p.begin);
    copied = p.end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

bool ValueSources::Lookup(const Placeholder& p, std::string* out, const SourceLocation& where,
                          FileErrors& errors) const {
  std::string written = "${" + std::string(p.body) + "}";
  std::string arg(p.arg);
  if (arg.empty()) {
    errors.At(where, written + " names nothing",
              p.kind == PlaceholderKind::kEnv ? "write ${env:NAME}" : "write ${file:path}");
    return false;
  }
  if (p.kind == PlaceholderKind::kEnv) {
    std::optional<std::string> v = env_->GetEnv(arg);
    if (!v) {
      errors.At(where, "environment variable " + arg + " is not set (for " + written + ")");
      return false;
    }
    *out = std::move(*v);
    return true;
  }
  std::string path = base_dir_ == "." ? arg : JoinPath(base_dir_, arg);
  Result<std::string> content = env_->ReadFile(path);
  if (!content.ok()) {
    errors.At(where, "cannot read " + written + ": " + content.status().message());
    return false;
  }
  *out = std::move(content).value();
  if (!out->empty() && out->back() == '\n') {
    out->pop_back();
    if (!out->empty() && out->back() == '\r') out->pop_back();
  }
  return true;
}

}  // namespace pave
