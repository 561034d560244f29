// The Well-Architected findings as people read them (`pave check`, the block under a plan)
// and as JSON; the rules list of `pave check --rules`.
#pragma once

#include <string>
#include <vector>

#include "cli/printer.h"
#include "platform/checks/checks.h"
#include "platform/platform_file.h"

namespace pave::cli {

// The checks of a loaded platform: its resources, the registry's defaults, its tags and the
// `checks:` section's silences.
std::vector<Finding> CheckPlatform(const LoadedPlatform& platform, const ProviderRegistry& registry);

// Every finding: severity, rule, pillar, address, file:line, what and the fix; silenced ones
// last, with their reason. A summary line first.
void RenderFindings(const std::vector<Finding>& findings, Printer& printer);

// The short block under a plan: the counts, and each high finding on a line.
void RenderFindingsSummary(const std::vector<Finding>& findings, Printer& printer);

// {"findings": [...], "summary": {"high": n, "medium": n, "low": n, "silenced": n}}.
Value FindingsToJson(const std::vector<Finding>& findings);

void RenderRules(Printer& printer);

}  // namespace pave::cli
