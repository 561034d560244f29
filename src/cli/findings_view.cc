#include "cli/findings_view.h"

#include "platform/checks/checks_section.h"

namespace pave::cli {
namespace {

Style StyleOf(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::kHigh:
      return Style::kRed;
    case FindingSeverity::kMedium:
      return Style::kYellow;
    case FindingSeverity::kLow:
      return Style::kCyan;
  }
  return Style::kPlain;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Where(const Finding& f) {
  std::string at = f.location.ToString();
  return (f.address.empty() ? std::string("the platform") : f.address) + (at.empty() ? "" : "  " + at);
}

std::string Counts(const std::vector<Finding>& findings) {
  size_t n[3] = {0, 0, 0}, silenced = 0;
  for (const Finding& f : findings) {
    if (!f.silenced.empty()) {
      silenced++;
      continue;
    }
    n[static_cast<int>(f.severity)]++;
  }
  size_t open = n[0] + n[1] + n[2];
  std::string out = std::to_string(open) + (open == 1 ? " finding" : " findings");
  out += " (" + std::to_string(n[2]) + " high, " + std::to_string(n[1]) + " medium, " + std::to_string(n[0]) + " low)";
  if (silenced > 0) out += ", " + std::to_string(silenced) + " silenced";
  return out;
}

}  // namespace

std::vector<Finding> CheckPlatform(const LoadedPlatform& platform, const ProviderRegistry& registry) {
  CheckInput input;
  input.config = &platform.config;
  input.registry = &registry;
  input.platform_tags = platform.metadata.tags;
  input.ignores = IgnoresFromExports(platform.exports);
  return RunChecks(input);
}

void RenderFindings(const std::vector<Finding>& findings, Printer& printer) {
  std::ostream& out = printer.out();
  out << "Well-Architected checks: " << Counts(findings) << "\n";
  for (bool silenced : {false, true}) {
    for (const Finding& f : findings) {
      if (f.silenced.empty() == silenced) continue;
      std::string level = silenced ? "silenced" : Upper(SeverityName(f.severity));
      out << "\n" << printer.Styled(silenced ? Style::kDim : StyleOf(f.severity), level) << "  "
          << printer.Styled(Style::kBold, f.rule) << "  " << PillarName(f.pillar) << "  " << Where(f) << "\n"
          << "    " << f.message << "\n";
      if (silenced) {
        out << "    reason: " << f.silenced << "\n";
      } else {
        out << "    fix: " << f.fix << "\n";
      }
    }
  }
}

void RenderFindingsSummary(const std::vector<Finding>& findings, Printer& printer) {
  std::ostream& out = printer.out();
  out << "\nWell-Architected: " << Counts(findings) << "; pave check shows them all\n";
  for (const Finding& f : findings) {
    if (!f.silenced.empty() || f.severity != FindingSeverity::kHigh) continue;
    out << "  " << printer.Styled(Style::kRed, "HIGH") << " " << f.rule << " " << Where(f) << ": " << f.message
        << "\n";
  }
}

Value FindingsToJson(const std::vector<Finding>& findings) {
  Value list = Value::array();
  Value summary = {{"high", 0}, {"medium", 0}, {"low", 0}, {"silenced", 0}};
  for (const Finding& f : findings) {
    list.push_back(FindingToJson(f));
    std::string key = f.silenced.empty() ? SeverityName(f.severity) : "silenced";
    summary[key] = summary[key].get<int>() + 1;
  }
  return {{"findings", list}, {"summary", summary}};
}

void RenderRules(Printer& printer) {
  for (const RuleInfo& r : AllRules()) {
    printer.out() << r.id << "  " << SeverityName(r.severity) << "  " << PillarName(r.pillar) << "  " << r.title
                  << "\n    fix: " << r.fix << "\n";
  }
}

}  // namespace pave::cli
