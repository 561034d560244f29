// Well-Architected checks (`pave check`, and the findings block of every plan): rules over the
// platform as declared — the expanded Config, before anything exists — each with an id, a
// pillar, a severity, the resource and its file:line, and what to change. rules.cc holds the
// rules; a finding can be silenced per resource with a reason in the file (checks_section.h).
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/value.h"
#include "engine/config.h"
#include "engine/resource_type.h"

namespace pave {

enum class FindingSeverity { kLow, kMedium, kHigh };
enum class Pillar { kSecurity, kReliability, kCost, kOperations, kPerformance, kSustainability };

const char* SeverityName(FindingSeverity s);  // "low", "medium", "high"
const char* PillarName(Pillar p);      // "security", ..., "operational-excellence"
// "low" / "medium" / "high" into *out; false for anything else.
bool ParseSeverity(const std::string& name, FindingSeverity* out);

struct Finding {
  std::string rule;  // "WA-REL-002"
  Pillar pillar = Pillar::kSecurity;
  FindingSeverity severity = FindingSeverity::kLow;
  std::string address;  // "aws_db_instance.orders"; "" for the platform as a whole
  SourceLocation location;
  std::string message;  // what is wrong, for this resource
  std::string fix;      // what to change
  std::string silenced;  // the reason given in the file, when silenced
};

// One rule: its fixed facts; rules.cc evaluates it.
struct RuleInfo {
  std::string id;
  Pillar pillar;
  FindingSeverity severity;
  std::string title;  // one line: what the rule looks for
  std::string fix;
};

// Every rule, in id order.
const std::vector<RuleInfo>& AllRules();

// A finding silenced in the platform file: rule id, resource address, reason, where.
struct CheckIgnore {
  std::string rule;
  std::string resource;
  std::string reason;
  SourceLocation location;
};

// What the checks look at: the expanded config, its types' schemas (for defaults), the
// platform's tags (environment) and the silenced findings.
struct CheckInput {
  const Config* config = nullptr;
  const ProviderRegistry* registry = nullptr;
  Value platform_tags = Value::object();
  std::vector<CheckIgnore> ignores;
};

// Every finding, most severe first, then by rule and address; silenced ones keep their reason.
std::vector<Finding> RunChecks(const CheckInput& input);

// {"rule", "pillar", "severity", "address", "file", "line", "message", "fix", "silenced"}.
Value FindingToJson(const Finding& f);

// True when a finding that is not silenced is at least `level`.
bool AnyAtLeast(const std::vector<Finding>& findings, FindingSeverity level);

}  // namespace pave
