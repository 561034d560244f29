// pave init, pave validate, pave version.
#include <fmt/format.h>

#include <cctype>
#include <map>

#include "cli/commands.h"
#include "cli/example_full.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "core/diagnostic.h"
#include "platform/platform_file.h"
#include "platform/starter.h"

#ifndef PAVE_VERSION
#define PAVE_VERSION "0.0.0-dev"
#endif

namespace pave::cli {
namespace {

// A metadata.name from a directory name: lower-case letters, digits and single '-', starting
// with a letter, at most 32 characters; "my-platform" when nothing usable is left.
std::string NameFromDirectory(const std::string& dir) {
  std::string base = dir.substr(dir.find_last_of('/') + 1);
  std::string name;
  for (char c : base) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      name += static_cast<char>(std::tolower(u));
    } else if (!name.empty() && name.back() != '-') {
      name += '-';
    }
  }
  while (!name.empty() && !std::isalpha(static_cast<unsigned char>(name[0]))) name.erase(0, 1);
  if (name.size() > 32) name.resize(32);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name.empty() ? "my-platform" : name;
}

std::string DefaultName(CommandContext& ctx) {
  std::string dir = DirName(ctx.options.file);
  if (dir.empty() || dir[0] != '/') {
    std::string pwd = ctx.env->GetEnv("PWD").value_or("");
    dir = dir == "." || dir.empty() ? pwd : JoinPath(pwd, dir);
  }
  return NameFromDirectory(dir);
}

std::string DefaultRegion(CommandContext& ctx) {
  for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (auto r = ctx.env->GetEnv(var); r && !r->empty()) return *r;
  }
  return "eu-west-1";
}

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

// [{"severity", "file", "line", "column", "message", "hint"}]: one object per diagnostic.
Value DiagnosticsToJson(const std::vector<Diagnostic>& diagnostics) {
  Value list = Value::array();
  for (const Diagnostic& d : diagnostics) {
    Value j = {{"severity", SeverityName(d.severity)},
               {"file", d.location.file},
               {"line", d.location.line},
               {"column", d.location.column},
               {"message", d.message}};
    if (!d.hint.empty()) j["hint"] = d.hint;
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

int RunInit(CommandContext& ctx, const InitOptions& init) {
  Printer printer = MakePrinter(ctx);
  const std::string& path = ctx.options.file;
  if (ctx.env->FileExists(path) && !init.force) {
    return Fail(printer, Status::AlreadyExists(
        path + " already exists: edit it, or pass --force to overwrite it"));
  }
  if (init.example == "full") {
    Status s = ctx.env->WriteFileAtomic(path, FullExamplePlatformYaml(), 0644);
    if (!s.ok()) return Fail(printer, s);
    ctx.console.out << "Wrote " << path << ": the complete example (every section).\n"
                    << "Next: read it, change metadata and dns.domain, then `pave plan -f "
                    << path << "`.\n";
    return 0;
  }
  std::string name = init.name.empty() ? DefaultName(ctx) : init.name;
  std::string region = init.region.empty() ? DefaultRegion(ctx) : init.region;
  Status s = ctx.env->WriteFileAtomic(path, StarterPlatformYaml(name, region), 0644);
  if (!s.ok()) return Fail(printer, s);
  ctx.console.out << "Wrote " << path << " (platform \"" << name << "\" in " << region
                  << ").\nNext: edit it, then run `pave validate` and `pave plan`.\n";
  return 0;
}

int RunValidate(CommandContext& ctx) {
  Printer printer = MakePrinter(ctx);
  std::vector<Diagnostic> diagnostics;
  auto ws = Workspace::Open(ctx.env, ctx.options, printer,
                            ctx.options.json ? &diagnostics : nullptr);
  if (ctx.options.json) {
    Value out = {{"valid", ws.ok()}, {"diagnostics", DiagnosticsToJson(diagnostics)}};
    if (ws.ok()) {
      const LoadedPlatform& p = (*ws)->platform();
      std::map<std::string, int> by_type;
      for (const auto& r : p.config.resources) ++by_type[r.address.type];
      out["platform"] = p.metadata.name;
      out["resources"] = p.config.resources.size();
      out["by_type"] = by_type;
    }
    ctx.console.out << out.dump(2) << "\n";
    return ws.ok() ? 0 : 1;
  }
  if (!ws.ok()) return 1;
  const LoadedPlatform& p = (*ws)->platform();
  std::map<std::string, int> by_type;
  for (const auto& r : p.config.resources) ++by_type[r.address.type];
  ctx.console.out << fmt::format("{} is valid: platform \"{}\" in {}, {} resources\n",
                                 ctx.options.file, p.metadata.name, p.metadata.region,
                                 p.config.resources.size());
  for (const auto& [type, count] : by_type) {
    ctx.console.out << fmt::format("  {:>4}  {}\n", count, type);
  }
  return 0;
}

int RunVersion(CommandContext& ctx) {
  if (ctx.options.json) {
    ctx.console.out << Value({{"version", PAVE_VERSION}}).dump() << "\n";
  } else {
    ctx.console.out << "pave " << PAVE_VERSION << "\n";
  }
  return 0;
}

}  // namespace pave::cli
