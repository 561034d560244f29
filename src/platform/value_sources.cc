#include "platform/value_sources.h"

#include <sys/stat.h>

#include <cstdint>

#include "platform/placeholders.h"

namespace pave {

namespace {

std::string TooLarge(const std::string& path) {
  return path + " is larger than the limit of " + std::to_string(kMaxFileValueBytes) + " bytes";
}

// The content of a file source, bounded. A path that names something on this machine is
// looked at first (stat opens nothing, so a FIFO cannot block): only a regular file within
// the limit is read. Env::ReadFile then reads it, so an in-memory Env works as before.
// TODO(lead): an Env::ReadRegularFile(path, limit) would close the stat/read race and keep
// this check behind the Env seam; left out here to keep core/env.h unchanged in this branch.
Result<std::string> ReadValueFile(Env* env, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(path + " is not a regular file");
    if (static_cast<uint64_t>(st.st_size) > kMaxFileValueBytes) {
      return Status::ResourceExhausted(TooLarge(path));
    }
  }
  ASSIGN_OR_RETURN(std::string content, env->ReadFile(path));
  if (content.size() > kMaxFileValueBytes) return Status::ResourceExhausted(TooLarge(path));
  return content;
}

}  // namespace

ValueSources::ValueSources(Env* env, const std::string& platform_file)
    : env_(env), base_dir_(DirName(platform_file)) {}

void ValueSources::Resolve(Value* value, const SourceLocation& where, FileErrors& errors,
                           bool secret) const {
  if (value->is_string()) {
    *value = ResolveString(value->get<std::string>(), where, errors, secret);
  } else if (value->is_array() || value->is_object()) {
    for (auto& child : *value) Resolve(&child, where, errors, secret);
  }
}

std::string ValueSources::ResolveString(const std::string& text, const SourceLocation& where,
                                        FileErrors& errors, bool secret) const {
  std::string out;
  size_t copied = 0;
  for (const Placeholder& p : FindPlaceholders(text)) {
    if (p.kind != PlaceholderKind::kEnv && p.kind != PlaceholderKind::kFile) continue;
    std::string replacement;
    bool ok = Lookup(p, &replacement, where, errors, secret);
    out.append(text, copied, p.begin - copied);
    out += ok ? EscapePlaceholders(replacement) : text.substr(p.begin, p.end - p.begin);
    copied = p.end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

bool ValueSources::Lookup(const Placeholder& p, std::string* out, const SourceLocation& where,
                          FileErrors& errors, bool secret) const {
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
  Result<std::string> content = ReadValueFile(env_, path);
  if (!content.ok()) {
    errors.At(where, "cannot read " + written + ": " + content.status().message());
    return false;
  }
  if (!secret && !arg.starts_with("/") && arg.find("..") == std::string::npos) files_read_[arg] = *content;
  *out = std::move(content).value();
  if (!out->empty() && out->back() == '\n') {
    out->pop_back();
    if (!out->empty() && out->back() == '\r') out->pop_back();
  }
  return true;
}

}  // namespace pave
