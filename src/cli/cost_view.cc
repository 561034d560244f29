#include "cli/cost_view.h"

#include <algorithm>
#include <cstdio>

namespace pave::cli {

std::string Usd(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

namespace {

std::string Signed(double v) { return (v >= 0 ? "+" : "") + Usd(v); }

std::string Pad(const std::string& s, size_t width) { return s.size() >= width ? s : s + std::string(width - s.size(), ' '); }

std::string Amount(const CostEstimate& e) {
  switch (e.kind) {
    case CostKind::kPriced:
      return Usd(e.monthly);
    case CostKind::kUsageBased:
      return "usage";
    case CostKind::kNoPrice:
      return "?";
    case CostKind::kFree:
      return "0.00";
  }
  return "";
}

}  // namespace

void RenderCost(const std::vector<ResourceCost>& costs, const PriceTable& table, const std::string& region,
                Printer& printer) {
  std::ostream& out = printer.out();
  out << "Monthly estimate in " << region << ": AWS on-demand list prices of " << table.as_of() << ", "
      << table.hours_per_month() << " hours a month, USD\n\n";
  size_t aw = 8, sw = 7;
  for (const ResourceCost& c : costs) {
    aw = std::max(aw, c.address.size());
    sw = std::max(sw, (c.section.empty() ? std::string("resources") : c.section).size());
  }
  out << printer.Styled(Style::kBold, Pad("SECTION", sw) + "  " + Pad("RESOURCE", aw) + "  " + Pad("MONTHLY", 9) + "  BASIS")
      << "\n";
  size_t usage = 0, unpriced = 0;
  for (const ResourceCost& c : costs) {
    std::string amount = Amount(c.estimate);
    out << Pad(c.section.empty() ? "resources" : c.section, sw) << "  " << Pad(c.address, aw) << "  "
        << std::string(amount.size() < 9 ? 9 - amount.size() : 0, ' ') << amount << "  " << c.estimate.basis << "\n";
    usage += c.estimate.kind == CostKind::kUsageBased;
    unpriced += c.estimate.kind == CostKind::kNoPrice;
  }
  out << "\nTotal: " << printer.Styled(Style::kBold, Usd(TotalMonthly(costs)) + " USD/month");
  if (usage > 0) out << " + usage of " << usage << (usage == 1 ? " resource" : " resources") << " (not estimated)";
  out << "\n";
  if (unpriced > 0) {
    printer.Warning(std::to_string(unpriced) + (unpriced == 1 ? " resource has" : " resources have") +
                    " no price in the table (\"?\"): the total leaves them out");
  }
}

void RenderPlanCost(const PlanCost& cost, Printer& printer) {
  if (cost.before == 0 && cost.after == 0 && cost.unpriced.empty()) return;  // nothing priced
  std::ostream& out = printer.out();
  out << "\nCost: " << Usd(cost.before) << " -> " << Usd(cost.after) << " USD/month ("
      << Signed(cost.after - cost.before) << "; pave cost shows the estimate)\n";
  for (const CostChange& c : cost.changes) {
    out << "  " << c.address << ": " << Usd(c.before) << " -> " << Usd(c.after) << " (" << Signed(c.after - c.before)
        << ")\n";
  }
  for (const std::string& u : cost.unpriced) out << "  " << u << "\n";
}

}  // namespace pave::cli
