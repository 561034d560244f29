// How a plan looks to people (RenderPlan) and to programs (PlanToJson). Neither ever shows a
// secret: secret attributes carry fingerprints only, shown as "(secret)".
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/printer.h"
#include "core/value.h"
#include "engine/plan.h"

namespace pave::cli {

// "+ aws_vpc.main (create)" blocks with the changing attributes, then the summary line,
// then the platform file's warnings (what its defaults open). A change that destroys data
// (Change::destroys_data) is marked "!" before its symbol and "destroys data" after its label.
void RenderPlan(const Plan& plan, Printer& printer, const std::vector<std::string>& warnings = {});
// "Plan: 3 to create, 1 to update, 0 to replace, 2 to delete." or "No changes. ...", with
// " N of them destroy data (marked !)." when some do.
std::string PlanSummary(const Plan& plan);
size_t DestroysDataCount(const Plan& plan);
// Changes of resources renamed by a `moved:` entry (Change::moved_from), shown even as no-ops:
// "> random_id.tag  (moved from random_id.suffix)", counted as " 1 moved" in the summary.
size_t MovedCount(const Plan& plan);
// Machine-readable plan for CI: changes without no-ops except moved ones (each with
// "destroys_data", and "moved_from" when moved), counts per
// action (and "destroys_data"), and the platform file's warnings.
Value PlanToJson(const Plan& plan, const std::vector<std::string>& warnings = {});
// A value as shown in a plan: strings quoted, everything else as compact JSON.
std::string FormatValue(const Value& v);

}  // namespace pave::cli
