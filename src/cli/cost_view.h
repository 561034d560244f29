// `pave cost` as people read it, and the cost line under a plan.
#pragma once

#include <string>
#include <vector>

#include "cli/printer.h"
#include "platform/cost/platform_cost.h"

namespace pave::cli {

// One line per resource (section, address, monthly USD or what it is, basis) and the total.
void RenderCost(const std::vector<ResourceCost>& costs, const PriceTable& table, const std::string& region,
                Printer& printer);

// "Cost: 120.50 -> 245.30 USD/month (+124.80)" and a line per changed resource.
void RenderPlanCost(const PlanCost& cost, Printer& printer);

std::string Usd(double v);  // "1234.50"

}  // namespace pave::cli
