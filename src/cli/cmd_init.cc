// pave init, pave validate, pave version.
#include <fmt/format.h>

#include <map>

#include "cli/commands.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "platform/platform_file.h"
#include "platform/starter.h"

#ifndef PAVE_VERSION
#define PAVE_VERSION "0.0.0-dev"
#endif

namespace pave::cli {

int RunInit(CommandContext& ctx, const InitOptions& init) {
  Printer printer = MakePrinter(ctx);
  const std::string& path = ctx.options.file;
  if (ctx.env->FileExists(path) && !init.force) {
    return Fail(printer, Status::AlreadyExists(
        path + " already exists: edit it, or pass --force to overwrite it"));
  }
  std::string name = init.name;
  if (name.empty()) name = "my-platform";
  Status s = ctx.env->WriteFileAtomic(path, StarterPlatformYaml(name, init.region), 0644);
  if (!s.ok()) return Fail(printer, s);
  ctx.console.out << "Wrote " << path << " (platform \"" << name << "\" in " << init.region
                  << ").\nNext: edit it, then run `pave validate` and `pave plan`.\n";
  return 0;
}

int RunValidate(CommandContext& ctx) {
  Printer printer = MakePrinter(ctx);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  const LoadedPlatform& p = (*ws)->platform();
  std::map<std::string, int> by_type;
  for (const auto& r : p.config.resources) ++by_type[r.address.type];
  if (ctx.options.json) {
    ctx.console.out << Value({{"valid", true},
                              {"platform", p.metadata.name},
                              {"resources", p.config.resources.size()},
                              {"by_type", by_type}}).dump(2) << "\n";
    return 0;
  }
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
