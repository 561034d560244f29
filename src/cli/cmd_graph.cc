// pave graph [--format dot|mermaid] [--plan [--no-refresh]]: the platform's resource graph,
// grouped by account and section (cli/graph_view.h). Without --plan it reads only the
// platform file; with it, it plans as `pave plan` does (state lock, refresh) and colours
// each resource by its action.
#include "cli/commands.h"
#include "cli/graph_view.h"
#include "cli/run.h"
#include "cli/ui.h"
#include "cli/workspace.h"
#include "engine/events.h"

namespace pave::cli {

int RunGraph(CommandContext& ctx, const GraphOptions& options) {
  Printer printer = MakePrinter(ctx);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  Workspace& w = **ws;
  GraphView view = ConfigGraphView(w.platform().config);
  if (options.plan) {
    NullEventSink quiet;
    RunOptions run_options{"graph", /*destroy=*/false, options.refresh, /*save=*/false};
    auto run = StartRun(ctx.env, w, ctx.options, &quiet, run_options);
    if (!run.ok()) return Fail(printer, run.status());
    for (const auto& warning : (*run)->warnings) printer.Warning(warning);
    AddPlanActions((*run)->plan, &view);
  }
  GraphFormat format = options.format == "mermaid" ? GraphFormat::kMermaid : GraphFormat::kDot;
  ctx.console.out << RenderGraph(view, format);
  return 0;
}

}  // namespace pave::cli
