// How a plan looks to people (RenderPlan) and to programs (PlanToJson). Neither ever shows a
// secret: secret attributes carry fingerprints only, shown as "(secret)".
#pragma once

#include <ostream>
#include <string>

#include "cli/printer.h"
#include "core/value.h"
#include "engine/plan.h"

namespace pave::cli {

// "+ aws_vpc.main (create)" blocks with the changing attributes, then the summary line.
void RenderPlan(const Plan& plan, Printer& printer);
// "Plan: 3 to create, 1 to update, 0 to replace, 2 to delete." or "No changes. ...".
std::string PlanSummary(const Plan& plan);
// Machine-readable plan for CI: changes without no-ops, and counts per action.
Value PlanToJson(const Plan& plan);
// A value as shown in a plan: strings quoted, everything else as compact JSON.
std::string FormatValue(const Value& v);

}  // namespace pave::cli
