#include "platform/checks/checks.h"

#include <algorithm>
#include <set>

#include "platform/checks/rule_context.h"

namespace pave {

const char* SeverityName(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::kLow:
      return "low";
    case FindingSeverity::kMedium:
      return "medium";
    case FindingSeverity::kHigh:
      return "high";
  }
  return "low";
}

const char* PillarName(Pillar p) {
  switch (p) {
    case Pillar::kSecurity:
      return "security";
    case Pillar::kReliability:
      return "reliability";
    case Pillar::kCost:
      return "cost";
    case Pillar::kOperations:
      return "operational-excellence";
    case Pillar::kPerformance:
      return "performance";
    case Pillar::kSustainability:
      return "sustainability";
  }
  return "security";
}

bool ParseSeverity(const std::string& name, FindingSeverity* out) {
  for (FindingSeverity s : {FindingSeverity::kLow, FindingSeverity::kMedium, FindingSeverity::kHigh}) {
    if (name == SeverityName(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

std::vector<const ResourceConfig*> RuleContext::Of(const std::string& type) const {
  std::vector<const ResourceConfig*> out;
  for (const ResourceConfig& rc : input.config->resources) {
    if (rc.address.type == type) out.push_back(&rc);
  }
  return out;
}

Value RuleContext::Get(const ResourceConfig& rc, const std::string& name) const {
  if (rc.properties.contains(name) && !rc.properties[name].is_null()) return rc.properties[name];
  const ResourceType* type = input.registry ? input.registry->Find(rc.address.type) : nullptr;
  if (type == nullptr) return Value();
  for (const AttributeSchema& a : type->schema().attributes) {
    if (a.name == name && a.default_value) return *a.default_value;
  }
  return Value();
}

std::string RuleContext::Str(const ResourceConfig& rc, const std::string& name) const {
  Value v = Get(rc, name);
  return v.is_string() ? v.get<std::string>() : "";
}

bool RuleContext::Bool(const ResourceConfig& rc, const std::string& name) const {
  Value v = Get(rc, name);
  return v.is_boolean() && v.get<bool>();
}

int64_t RuleContext::Int(const ResourceConfig& rc, const std::string& name) const {
  Value v = Get(rc, name);
  return v.is_number_integer() ? v.get<int64_t>() : 0;
}

size_t RuleContext::Zones() const {
  std::set<std::string> zones;
  for (const ResourceConfig* rc : Of("aws_subnet")) zones.insert(Str(*rc, "availability_zone"));
  return zones.size();
}

void RuleContext::Report(const ResourceConfig& rc, const std::string& message) {
  out_->push_back({rule_.id, rule_.pillar, rule_.severity, rc.address.ToString(), rc.location, message, rule_.fix, ""});
}

void RuleContext::ReportPlatform(const std::string& message) {
  SourceLocation at;
  if (!input.config->resources.empty()) at.file = input.config->resources.front().location.file;
  out_->push_back({rule_.id, rule_.pillar, rule_.severity, "", at, message, rule_.fix, ""});
}

void RuleContext::ReportMissing(const std::string& type, const std::string& message) {
  bool aws = false;
  for (const ResourceConfig& rc : input.config->resources) {
    if (rc.address.type == type) return;
    aws = aws || rc.address.type.rfind("aws_", 0) == 0;
  }
  if (aws) ReportPlatform(message);
}

std::vector<Finding> RunChecks(const CheckInput& input) {
  std::vector<Finding> findings = EvaluateRules(input);
  for (Finding& f : findings) {
    for (const CheckIgnore& ignore : input.ignores) {
      if (ignore.rule == f.rule && (ignore.resource == f.address || ignore.resource == "*")) f.silenced = ignore.reason;
    }
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.address < b.address;
  });
  return findings;
}

Value FindingToJson(const Finding& f) {
  Value out = {{"rule", f.rule},
               {"pillar", PillarName(f.pillar)},
               {"severity", SeverityName(f.severity)},
               {"address", f.address.empty() ? Value() : Value(f.address)},
               {"file", f.location.file},
               {"line", f.location.line},
               {"message", f.message},
               {"fix", f.fix}};
  out["silenced"] = f.silenced.empty() ? Value() : Value(f.silenced);
  return out;
}

bool AnyAtLeast(const std::vector<Finding>& findings, FindingSeverity level) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.silenced.empty() && f.severity >= level; });
}

}  // namespace pave
