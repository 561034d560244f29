// pave cost [--region R] [--json]: the monthly estimate of the platform as declared, per
// resource, from the price table pave ships (platform/cost/). Offline.
#include "cli/commands.h"
#include "cli/cost_view.h"
#include "cli/run.h"
#include "cli/ui.h"
#include "cli/workspace.h"

namespace pave::cli {

int RunCost(CommandContext& ctx, const CostOptions& options) {
  Printer printer = MakePrinter(ctx);
  auto ws = Workspace::Open(ctx.env, ctx.options, printer);
  if (!ws.ok()) return 1;
  const PriceTable& table = PriceTable::Shipped();
  std::string region = options.region.empty() ? (*ws)->platform().metadata.region : options.region;
  if (!table.HasRegion(region)) {
    std::string known;
    for (const std::string& r : table.Regions()) known += (known.empty() ? "" : ", ") + r;
    printer.Error("the price table (" + table.as_of() + ") has no prices for " + region + "; it has " + known +
                  " (pave cost --region R estimates with another region's prices)");
    return 1;
  }
  std::vector<ResourceCost> costs = CostOfConfig((*ws)->platform().config, (*ws)->registry(), table, region);
  if (ctx.options.json) {
    ctx.console.out << CostToJson(costs, table, region).dump(2) << "\n";
  } else {
    RenderCost(costs, table, region, printer);
  }
  return 0;
}

}  // namespace pave::cli
