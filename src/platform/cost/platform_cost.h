// The cost of a whole platform (`pave cost`) and of a plan (before -> after, per changed
// resource), from the estimates of estimate.h.
#pragma once

#include <string>
#include <vector>

#include "engine/config.h"
#include "engine/plan.h"
#include "engine/resource_type.h"
#include "platform/cost/estimate.h"

namespace pave {

struct ResourceCost {
  std::string address;
  std::string section;  // "" for resources: entries
  CostEstimate estimate;
};

// Every declared resource that costs something or is billed by use (free ones left out),
// properties completed with the types' defaults.
std::vector<ResourceCost> CostOfConfig(const Config& config, const ProviderRegistry& registry,
                                       const PriceTable& table, const std::string& region);

struct CostChange {
  std::string address;
  double before = 0;
  double after = 0;
};

struct PlanCost {
  double before = 0;  // the resources in the state, as recorded
  double after = 0;   // as the plan leaves them
  std::vector<CostChange> changes;  // resources whose monthly figure changes
  std::vector<std::string> unpriced;  // "<address>: no price for ..."
};

PlanCost CostOfPlan(const Plan& plan, const PriceTable& table, const std::string& region);

// Sum of the priced estimates.
double TotalMonthly(const std::vector<ResourceCost>& costs);

// {"currency", "as_of", "region", "monthly_total", "resources": [{address, section, kind,
// monthly, basis}]}
Value CostToJson(const std::vector<ResourceCost>& costs, const PriceTable& table, const std::string& region);
// {"currency", "before", "after", "changes": [{address, before, after}]}
Value PlanCostToJson(const PlanCost& cost);

}  // namespace pave
