#include "platform/cost/estimate.h"

#include <cstdio>
#include <set>

namespace pave {
namespace {

std::string Money(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

int64_t IntOf(const Value& attrs, const std::string& key, int64_t fallback) {
  const Value v = attrs.value(key, Value());
  return v.is_number_integer() ? v.get<int64_t>() : fallback;
}

std::string StrOf(const Value& attrs, const std::string& key) {
  const Value v = attrs.value(key, Value());
  return v.is_string() ? v.get<std::string>() : "";
}

CostEstimate NoPrice(const std::string& what, const std::string& region) {
  return {CostKind::kNoPrice, 0, "no price for " + what + " in " + region};
}

// `price` per hour for the month.
CostEstimate Hourly(const PriceTable& t, const std::string& region, const std::string& key, const std::string& what,
                    double count = 1) {
  std::optional<double> p = t.Price(region, key);
  if (!p) return NoPrice(what, region);
  std::string basis = what + " " + Money(*p) + "/h x " + Money(t.hours_per_month()) + " h";
  if (count != 1) basis += " x " + Money(count);
  return {CostKind::kPriced, *p * t.hours_per_month() * count, basis};
}

CostEstimate Monthly(const PriceTable& t, const std::string& key, const std::string& what, double count = 1) {
  std::optional<double> p = t.Price("", key);
  if (!p) return NoPrice(what, "the table");
  std::string basis = what + " " + Money(*p) + "/month";
  if (count != 1) basis += " x " + Money(count);
  return {CostKind::kPriced, *p * count, basis};
}

CostEstimate NodeGroup(const PriceTable& t, const std::string& region, const Value& attrs) {
  const Value types = attrs.value("instance_types", Value::array());
  std::string type = types.is_array() && !types.empty() && types[0].is_string() ? types[0].get<std::string>() : "";
  if (type.empty() || type.find("${") != std::string::npos) return {CostKind::kNoPrice, 0, "instance type not known yet"};
  if (StrOf(attrs, "capacity_type") == "SPOT") return {CostKind::kUsageBased, 0, "spot: priced by the market"};
  int64_t nodes = IntOf(attrs, "desired_size", 1), disk = IntOf(attrs, "disk_size", 20);
  std::optional<double> hour = t.Entry(region, "ec2_hour", type);
  std::optional<double> gb = t.Price(region, "ebs_gp3_gb_month");
  if (!hour) return NoPrice(type, region);
  if (!gb) return NoPrice("EBS gp3", region);
  double monthly = (*hour * t.hours_per_month() + *gb * double(disk)) * double(nodes);
  return {CostKind::kPriced, monthly,
          std::to_string(nodes) + " x " + type + " " + Money(*hour) + "/h x " + Money(t.hours_per_month()) + " h + " +
              std::to_string(disk) + " GB gp3 " + Money(*gb) + "/GB"};
}

CostEstimate Database(const PriceTable& t, const std::string& region, const Value& attrs) {
  std::string cls = StrOf(attrs, "instance_class");
  if (cls.empty() || cls.find("${") != std::string::npos) return {CostKind::kNoPrice, 0, "instance class not known yet"};
  bool multi = attrs.value("multi_az", false) == true;
  int64_t storage = IntOf(attrs, "allocated_storage", 20);
  std::optional<double> hour = t.Entry(region, "rds_hour", cls);
  std::optional<double> gb = t.Price(region, "rds_storage_gb_month");
  if (!hour) return NoPrice(cls, region);
  if (!gb) return NoPrice("RDS storage", region);
  double copies = multi ? 2 : 1;
  double monthly = (*hour * t.hours_per_month() + *gb * double(storage)) * copies;
  return {CostKind::kPriced, monthly,
          cls + " " + Money(*hour) + "/h x " + Money(t.hours_per_month()) + " h + " + std::to_string(storage) +
              " GB " + Money(*gb) + "/GB" + (multi ? ", x 2 (multi-AZ)" : "")};
}

const std::set<std::string> kUsageBased = {
    "aws_s3_bucket",          "aws_cloudtrail_trail",  "aws_config_configuration_recorder", "aws_config_config_rule",
    "aws_guardduty_detector", "aws_securityhub_account", "aws_cloudwatch_log_group",        "aws_flow_log",
    "aws_route53_record",     "aws_sns_topic",          "aws_accessanalyzer_analyzer",       "aws_config_configuration_aggregator"};

}  // namespace

const char* CostKindName(CostKind k) {
  switch (k) {
    case CostKind::kPriced:
      return "priced";
    case CostKind::kUsageBased:
      return "usage-based";
    case CostKind::kFree:
      return "free";
    case CostKind::kNoPrice:
      return "no-price";
  }
  return "free";
}

Result<PriceTable> PriceTable::Parse(const std::string& json) {
  Value v = Value::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!v.is_object() || !v.value("regions", Value()).is_object() || !v.value("global", Value()).is_object()) {
    return Status::InvalidArgument("price table: not a JSON object with regions and global");
  }
  PriceTable t;
  t.as_of_ = v.value("as_of", "");
  t.source_ = v.value("source", "");
  t.hours_ = v.value("hours_per_month", 730.0);
  t.global_ = v["global"];
  t.regions_ = v["regions"];
  return t;
}

const PriceTable& PriceTable::Shipped() {
  static const PriceTable table = [] {
    Result<PriceTable> t = Parse(PriceTableJson());
    return t.ok() ? *t : PriceTable();
  }();
  return table;
}

std::vector<std::string> PriceTable::Regions() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : regions_.items()) out.push_back(name);
  return out;
}

std::optional<double> PriceTable::Price(const std::string& region, const std::string& key) const {
  if (!region.empty() && regions_.contains(region)) {
    const Value v = regions_[region].value(key, Value());
    if (v.is_number()) return v.get<double>();
  }
  const Value g = global_.value(key, Value());
  if (g.is_number()) return g.get<double>();
  return std::nullopt;
}

std::optional<double> PriceTable::Entry(const std::string& region, const std::string& map, const std::string& key) const {
  if (!regions_.contains(region)) return std::nullopt;
  const Value m = regions_[region].value(map, Value::object());
  const Value v = m.is_object() ? m.value(key, Value()) : Value();
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

CostEstimate EstimateResource(const PriceTable& t, const std::string& region, const std::string& type,
                              const Value& attrs) {
  if (type == "aws_nat_gateway") return Hourly(t, region, "nat_gateway_hour", "NAT gateway");
  if (type == "aws_eip") return Hourly(t, region, "public_ipv4_hour", "public IPv4 address");
  if (type == "aws_eks_cluster") return Hourly(t, region, "eks_cluster_hour", "EKS control plane");
  if (type == "aws_eks_node_group") return NodeGroup(t, region, attrs);
  if (type == "aws_db_instance") return Database(t, region, attrs);
  if (type == "aws_kms_key") return Monthly(t, "kms_key_month", "KMS key");
  if (type == "aws_secretsmanager_secret") return Monthly(t, "secret_month", "secret");
  if (type == "aws_route53_zone") return Monthly(t, "hosted_zone_month", "hosted zone");
  if (type == "aws_cloudwatch_metric_alarm") return Monthly(t, "alarm_month", "alarm");
  if (type == "aws_wafv2_web_acl") {
    const Value rules = attrs.value("rules", Value::array());
    CostEstimate acl = Monthly(t, "waf_web_acl_month", "web ACL");
    CostEstimate per_rule = Monthly(t, "waf_rule_month", "rule", rules.is_array() ? double(rules.size()) : 0);
    if (acl.kind != CostKind::kPriced || per_rule.kind != CostKind::kPriced) return acl;
    return {CostKind::kPriced, acl.monthly + per_rule.monthly, acl.basis + " + " + per_rule.basis + " (+ requests)"};
  }
  if (type == "aws_vpc_endpoint") {
    if (StrOf(attrs, "vpc_endpoint_type") != "Interface") return {CostKind::kFree, 0, "gateway endpoint: no charge"};
    const Value subnets = attrs.value("subnet_ids", Value::array());
    double zones = subnets.is_array() && !subnets.empty() ? double(subnets.size()) : 1;
    return Hourly(t, region, "interface_endpoint_hour", "interface endpoint per zone", zones);
  }
  if (kUsageBased.count(type)) return {CostKind::kUsageBased, 0, "usage-based, not estimated"};
  return {CostKind::kFree, 0, ""};
}

}  // namespace pave
