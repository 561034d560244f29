#include "platform/cost/platform_cost.h"

#include <cmath>

namespace pave {
namespace {

Value WithDefaults(const ResourceConfig& rc, const ProviderRegistry& registry) {
  Value props = rc.properties.is_object() ? rc.properties : Value::object();
  const ResourceType* type = registry.Find(rc.address.type);
  if (type == nullptr) return props;
  for (const AttributeSchema& a : type->schema().attributes) {
    if (a.default_value && (!props.contains(a.name) || props[a.name].is_null())) props[a.name] = *a.default_value;
  }
  return props;
}

double Priced(const CostEstimate& e) { return e.kind == CostKind::kPriced ? e.monthly : 0; }

double Cents(double v) { return std::round(v * 100) / 100; }

}  // namespace

std::vector<ResourceCost> CostOfConfig(const Config& config, const ProviderRegistry& registry,
                                       const PriceTable& table, const std::string& region) {
  std::vector<ResourceCost> out;
  for (const ResourceConfig& rc : config.resources) {
    CostEstimate e = EstimateResource(table, region, rc.address.type, WithDefaults(rc, registry));
    if (e.kind == CostKind::kFree) continue;
    out.push_back({rc.address.ToString(), rc.section, e});
  }
  return out;
}

PlanCost CostOfPlan(const Plan& plan, const PriceTable& table, const std::string& region) {
  PlanCost cost;
  for (const Change& c : plan.changes) {
    std::string type = c.address.type;
    double before = 0, after = 0;
    if (c.prior.is_object()) before = Priced(EstimateResource(table, region, type, c.prior));
    bool gone = plan.destroy || c.action == Action::kDelete;
    if (!gone && c.properties.is_object()) {
      CostEstimate e = EstimateResource(table, region, type, c.properties);
      after = Priced(e);
      if (e.kind == CostKind::kNoPrice) cost.unpriced.push_back(c.address.ToString() + ": " + e.basis);
    }
    cost.before += before;
    cost.after += after;
    if (Cents(before) != Cents(after)) cost.changes.push_back({c.address.ToString(), before, after});
  }
  return cost;
}

double TotalMonthly(const std::vector<ResourceCost>& costs) {
  double total = 0;
  for (const ResourceCost& c : costs) total += Priced(c.estimate);
  return total;
}

Value CostToJson(const std::vector<ResourceCost>& costs, const PriceTable& table, const std::string& region) {
  Value list = Value::array();
  for (const ResourceCost& c : costs) {
    list.push_back({{"address", c.address},
                    {"section", c.section.empty() ? Value() : Value(c.section)},
                    {"kind", CostKindName(c.estimate.kind)},
                    {"monthly", c.estimate.kind == CostKind::kPriced ? Value(Cents(c.estimate.monthly)) : Value()},
                    {"basis", c.estimate.basis}});
  }
  return {{"currency", "USD"},       {"as_of", table.as_of()},
          {"region", region},        {"monthly_total", Cents(TotalMonthly(costs))},
          {"resources", list}};
}

Value PlanCostToJson(const PlanCost& cost) {
  Value changes = Value::array();
  for (const CostChange& c : cost.changes) {
    changes.push_back({{"address", c.address}, {"before", Cents(c.before)}, {"after", Cents(c.after)}});
  }
  return {{"currency", "USD"}, {"before", Cents(cost.before)}, {"after", Cents(cost.after)}, {"changes", changes},
          {"unpriced", cost.unpriced}};
}

}  // namespace pave
