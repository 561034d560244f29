// Monthly cost estimates (`pave cost`, the cost line of every plan) from the price table that
// ships with pave (prices.json: AWS on-demand list prices per region, dated, source named;
// docs/cost.md says how to refresh it). A resource is priced from its properties (as
// declared, or as the state holds them): a figure with the table line it used, "usage-based"
// (billed by use: S3, logs, CloudTrail data events...), "free", or "no price" when the table
// lacks what it needs (an instance type, a region) — never a silent zero.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"

namespace pave {

const char* PriceTableJson();  // generated from prices.json

class PriceTable {
 public:
  // The table pave ships (parsed once).
  static const PriceTable& Shipped();
  static Result<PriceTable> Parse(const std::string& json);

  const std::string& as_of() const { return as_of_; }
  const std::string& source() const { return source_; }
  double hours_per_month() const { return hours_; }
  bool HasRegion(const std::string& region) const { return regions_.contains(region); }
  std::vector<std::string> Regions() const;
  // A regional price ("nat_gateway_hour"), else a global one; nullopt when neither.
  std::optional<double> Price(const std::string& region, const std::string& key) const;
  // An entry of a regional map ("ec2_hour", "m6i.large"); nullopt when absent.
  std::optional<double> Entry(const std::string& region, const std::string& map, const std::string& key) const;

 private:
  std::string as_of_, source_;
  double hours_ = 730;
  Value global_ = Value::object();
  Value regions_ = Value::object();
};

enum class CostKind { kPriced, kUsageBased, kFree, kNoPrice };

struct CostEstimate {
  CostKind kind = CostKind::kFree;
  double monthly = 0;  // USD, kPriced only
  std::string basis;   // "NAT gateway 0.048/h x 730 h", "no price for db.x9.large in eu-west-1"
};

// The estimate for one resource of `type` with `attrs` (properties, defaults filled).
CostEstimate EstimateResource(const PriceTable& table, const std::string& region, const std::string& type,
                              const Value& attrs);

const char* CostKindName(CostKind k);  // "priced", "usage-based", "free", "no-price"

}  // namespace pave
