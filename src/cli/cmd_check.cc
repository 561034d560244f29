// pave check [--fail-on low|medium|high] [--rules]: the Well-Architected findings of the
// platform as declared (platform/checks/), offline: nothing is read from AWS or the state.
#include "cli/commands.h"
#include "cli/findings_view.h"
#include "cli/run.h"
#include "cli/ui.h"
#include "cli/workspace.h"

namespace pave::cli {

int RunCheck(CommandContext& ctx, const CheckOptions& options) {
  Printer printer = MakePrinter(ctx);
  if (options.rules) {
    if (ctx.options.json) {
      Value list = Value::array();
      for (const RuleInfo& r : AllRules()) {
        list.push_back({{"rule", r.id}, {"pillar", PillarName(r.pillar)}, {"severity", SeverityName(r.severity)},
                        {"title", r.title}, {"fix", r.fix}});
      }
      ctx.console.out << Value({{"rules", list}}).dump(2) << "\n";
    } else {
      RenderRules(printer);
    }
    return 0;
  }
  FindingSeverity fail_on = FindingSeverity::kHigh;
  if (!options.fail_on.empty() && !ParseSeverity(options.fail_on, &fail_on)) {
    printer.Error("--fail-on must be low, medium or high, not \"" + options.fail_on + "\"");
    return 2;
  }
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  std::vector<Finding> findings = CheckPlatform((*ws)->platform(), (*ws)->registry());
  if (ctx.options.json) {
    ctx.console.out << FindingsToJson(findings).dump(2) << "\n";
  } else {
    RenderFindings(findings, printer);
  }
  if (!options.fail_on.empty() && AnyAtLeast(findings, fail_on)) {
    if (!ctx.options.json) printer.Error("findings at or above " + options.fail_on + " (--fail-on)");
    return 1;
  }
  return 0;
}

}  // namespace pave::cli
