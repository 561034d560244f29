#include "platform/blueprints/network.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/blueprints/network_layout.h"

namespace pave {
namespace {

using network::Cidr;
using network::Tier;

enum class Nat { kNone, kSingle, kPerZone };

struct NetworkSpec {
  Cidr cidr;
  std::vector<std::string> zones;  // full names, e.g. eu-west-1a
  std::vector<Tier> tiers;         // in layout order
  Nat nat = Nat::kSingle;
  bool flow_logs = true;
  Value tags = Value::object();

  bool Has(Tier t) const { return std::find(tiers.begin(), tiers.end(), t) != tiers.end(); }
};

const std::vector<std::string>& Keys() {
  static const std::vector<std::string> kKeys = {"cidr", "zones", "nat", "tiers", "flowLogs", "tags"};
  return kKeys;
}

std::string Scalar(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

// The spec of the section, or nullopt after reporting every problem through ctx.
class SpecReader {
 public:
  SpecReader(const YAML::Node& node, BlueprintContext& ctx) : node_(node), ctx_(ctx) {}

  std::optional<NetworkSpec> Read() {
    if (!node_.IsMap()) {
      ctx_.Error(node_, "network must be a mapping with cidr, zones, nat, tiers");
      return std::nullopt;
    }
    for (const auto& kv : node_) {
      std::string key = Scalar(kv.first);
      if (std::find(Keys().begin(), Keys().end(), key) == Keys().end()) {
        std::string near = ClosestMatch(key, Keys());
        Fail(kv.first, "unknown key \"" + key + "\" in network",
             near.empty() ? "" : "did you mean \"" + near + "\"?");
      }
    }
    ReadCidr();
    ReadZones();
    ReadTiers();
    ReadNat();
    ReadFlowLogs();
    ReadTags();
    if (failed_) return std::nullopt;
    return spec_;
  }

 private:
  void Fail(const YAML::Node& n, std::string message, std::string hint = "") {
    ctx_.Error(n ? n : node_, std::move(message), std::move(hint));
    failed_ = true;
  }

  void ReadCidr() {
    YAML::Node n = node_["cidr"];
    if (!n) return Fail(node_, "network needs a cidr, e.g. 10.0.0.0/16");
    std::string text = Scalar(n);
    std::string why = network::CidrError(text);
    if (!why.empty()) return Fail(n, "bad cidr \"" + text + "\": " + why);
    spec_.cidr = *network::ParseCidr(text);
    if (std::string reserved = network::ReservedRangeOf(spec_.cidr); !reserved.empty()) {
      return Fail(n, "cidr " + text + " overlaps " + reserved + ", which AWS does not allow for a VPC",
                  "use a private range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
    }
    if (spec_.cidr.prefix < network::kMinVpcPrefix) {
      return Fail(n, "cidr " + text + " is larger than AWS allows for a VPC (at most /16)");
    }
    if (spec_.cidr.prefix > network::kMaxVpcPrefix) {
      return Fail(n, "cidr " + text + " is too small for the subnet layout: subnets would be /" +
                         std::to_string(spec_.cidr.prefix + network::kTierBits + network::kZoneBits) +
                         ", AWS needs at least /28",
                  "use a prefix of /" + std::to_string(network::kMaxVpcPrefix) + " or shorter");
    }
  }

  void ReadZones() {
    const std::string& region = ctx_.metadata().region;
    YAML::Node n = node_["zones"];
    if (!n) {
      spec_.zones = {region + "a", region + "b"};
      return;
    }
    if (n.IsScalar()) {
      int count = 0;
      try {
        count = n.as<int>();
      } catch (const YAML::Exception&) {
        return Fail(n, "zones must be a count or a list of zone names");
      }
      if (count < 1 || count > network::kMaxZones) {
        return Fail(n, "too many zones: " + Scalar(n) + " (1 to " + std::to_string(network::kMaxZones) + ")");
      }
      if (int have = network::ZoneCount(region); have > 0 && count > have) {
        return Fail(n, "too many zones: region " + region + " has " + std::to_string(have) + " availability zones",
                    "use zones: " + std::to_string(have) + " or fewer");
      }
      for (int i = 0; i < count; ++i) spec_.zones.push_back(region + static_cast<char>('a' + i));
      return;
    }
    if (!n.IsSequence() || n.size() == 0) return Fail(n, "zones must be a count or a list of zone names");
    if (int have = network::ZoneCount(region); have > 0 && static_cast<int>(n.size()) > have) {
      return Fail(n, "too many zones: region " + region + " has " + std::to_string(have) + " availability zones");
    }
    std::set<std::string> seen;
    for (const YAML::Node& z : n) {
      std::string name = Scalar(z);
      bool ours = name.size() == region.size() + 1 && name.compare(0, region.size(), region) == 0;
      char letter = name.empty() ? '?' : name.back();
      if (!ours || letter < 'a' || letter >= 'a' + network::kMaxZones) {
        Fail(z, "unknown zone \"" + name + "\": zones must be in region " + region + " (" + region +
                    "a to " + region + static_cast<char>('a' + network::kMaxZones - 1) + ")");
      } else if (!seen.insert(name).second) {
        Fail(z, "zone \"" + name + "\" is listed twice");
      } else {
        spec_.zones.push_back(name);
      }
    }
  }

  void ReadTiers() {
    YAML::Node n = node_["tiers"];
    if (!n) {
      spec_.tiers = {Tier::kPublic, Tier::kPrivate, Tier::kDatabase};
      return;
    }
    if (!n.IsSequence() || n.size() == 0) return Fail(n, "tiers must be a list of public, private, database");
    std::set<Tier> seen;
    for (const YAML::Node& t : n) {
      std::optional<Tier> tier = network::ParseTier(Scalar(t));
      if (!tier) {
        std::string near = ClosestMatch(Scalar(t), {"public", "private", "database"});
        Fail(t, "unknown tier \"" + Scalar(t) + "\" (public, private or database)",
             near.empty() ? "" : "did you mean \"" + near + "\"?");
      } else if (!seen.insert(*tier).second) {
        Fail(t, "tier \"" + Scalar(t) + "\" is listed twice");
      }
    }
    spec_.tiers.assign(seen.begin(), seen.end());
  }

  void ReadNat() {
    YAML::Node n = node_["nat"];
    std::string v = n ? Scalar(n) : (spec_.Has(Tier::kPublic) && spec_.Has(Tier::kPrivate) ? "single" : "none");
    if (v == "none") {
      spec_.nat = Nat::kNone;
    } else if (v == "single") {
      spec_.nat = Nat::kSingle;
    } else if (v == "per-zone") {
      spec_.nat = Nat::kPerZone;
    } else {
      std::string near = ClosestMatch(v, {"none", "single", "per-zone"});
      return Fail(n, "bad nat \"" + v + "\" (none, single or per-zone)", near.empty() ? "" : "did you mean \"" + near + "\"?");
    }
    if (spec_.nat != Nat::kNone && !spec_.Has(Tier::kPublic)) {
      Fail(n, "nat " + v + " needs a public tier for the NAT gateways", "add public to tiers or set nat: none");
    }
  }

  void ReadFlowLogs() {
    YAML::Node n = node_["flowLogs"];
    if (!n) return;
    try {
      spec_.flow_logs = n.as<bool>();
    } catch (const YAML::Exception&) {
      Fail(n, "flowLogs must be true or false");
    }
  }

  void ReadTags() {
    spec_.tags = ctx_.metadata().tags.is_object() ? ctx_.metadata().tags : Value::object();
    YAML::Node n = node_["tags"];
    if (!n) return;
    if (!n.IsMap()) return Fail(n, "tags must be a mapping of names to values");
    for (const auto& kv : n) {
      if (!kv.second.IsScalar()) {
        Fail(kv.second, "tag \"" + Scalar(kv.first) + "\" must have a plain value");
      } else if (Scalar(kv.first).rfind("pave:", 0) == 0) {
        Fail(kv.first, "tags starting with \"pave:\" are reserved");
      } else {
        spec_.tags[Scalar(kv.first)] = kv.second.Scalar();
      }
    }
  }

  const YAML::Node& node_;
  BlueprintContext& ctx_;
  NetworkSpec spec_;
  bool failed_ = false;
};

// Adds the resources of a valid spec (see network.h for the names).
class Expander {
 public:
  Expander(const NetworkSpec& spec, const YAML::Node& node, BlueprintContext& ctx)
      : spec_(spec), node_(node), ctx_(ctx) {}

  void Run() {
    Add("aws_vpc", "main", {{"cidr_block", spec_.cidr.ToString()}});
    ctx_.Output("network.vpc_id", Ref("aws_vpc.main.id"), "the VPC");
    for (Tier t : spec_.tiers) AddTier(t);
    if (spec_.Has(Tier::kPublic)) AddPublicRouting();
    if (spec_.Has(Tier::kPrivate)) AddPrivateRouting();
    if (spec_.Has(Tier::kDatabase)) AddDatabaseRouting();
    AddS3Endpoint();
    if (spec_.flow_logs) AddFlowLogs();
    AddBaselineGroup();
    ctx_.Export("network.vpc_id", Ref("aws_vpc.main.id"));
    ctx_.Export("network.cidr", spec_.cidr.ToString());
    ctx_.Export("network.zones", spec_.zones);
    ctx_.Export("network.nat", spec_.nat == Nat::kNone ? "none" : spec_.nat == Nat::kSingle ? "single" : "per-zone");
    ctx_.Export("network.baseline_security_group_id", Ref("aws_security_group.baseline.id"));
  }

 private:
  static std::string Ref(const std::string& path) { return "${" + path + "}"; }
  static std::string Letter(const std::string& zone) { return std::string(1, zone.back()); }
  std::string Name(const std::string& what) const { return ctx_.metadata().name + "-" + what; }

  ResourceConfig& Add(const std::string& type, const std::string& name, Value props, bool taggable = true) {
    if (taggable) {
      Value tags = spec_.tags;
      std::string pretty = name;
      std::replace(pretty.begin(), pretty.end(), '_', '-');
      tags["Name"] = Name(pretty);
      props["tags"] = tags;
    }
    return ctx_.Add(type, name, std::move(props), node_);
  }

  void AddTier(Tier t) {
    Value ids = Value::array();
    Value cidrs = Value::array();
    for (const std::string& zone : spec_.zones) {
      int slot = zone.back() - 'a';
      std::string name = std::string(network::TierName(t)) + "_" + Letter(zone);
      cidrs.push_back(network::SubnetCidr(spec_.cidr, t, slot).ToString());
      ResourceConfig& subnet = Add("aws_subnet", name, {{"vpc_id", Ref("aws_vpc.main.id")},
                                                        {"cidr_block", cidrs.back()},
                                                        {"availability_zone", zone},
                                                        {"map_public_ip_on_launch", t == Tier::kPublic}});
      // Where Kubernetes load balancers go (the AWS Load Balancer Controller and the in-tree
      // service controller find subnets by these tags): internet-facing in the public tier,
      // internal in the private one.
      if (t == Tier::kPublic) subnet.properties["tags"]["kubernetes.io/role/elb"] = "1";
      if (t == Tier::kPrivate) subnet.properties["tags"]["kubernetes.io/role/internal-elb"] = "1";
      ids.push_back(Ref("aws_subnet." + name + ".id"));
    }
    ctx_.Export("network." + std::string(network::TierName(t)) + "_subnet_ids", ids);
    ctx_.Output("network." + std::string(network::TierName(t)) + "_subnet_ids", ids,
                std::string("the ") + network::TierName(t) + " subnets, one per zone");
    ctx_.Export("network." + std::string(network::TierName(t)) + "_subnet_cidrs", cidrs);
  }

  void Associate(const std::string& subnet, const std::string& table) {
    Add("aws_route_table_association", subnet, {{"subnet_id", Ref("aws_subnet." + subnet + ".id")},
                                                {"route_table_id", Ref("aws_route_table." + table + ".id")}},
        false);
  }

  void AddPublicRouting() {
    Add("aws_internet_gateway", "main", Value::object());
    Add("aws_internet_gateway_attachment", "main",
        {{"internet_gateway_id", Ref("aws_internet_gateway.main.id")}, {"vpc_id", Ref("aws_vpc.main.id")}}, false);
    Add("aws_route_table", "public", {{"vpc_id", Ref("aws_vpc.main.id")}});
    Add("aws_route", "public_internet", {{"route_table_id", Ref("aws_route_table.public.id")},
                                         {"destination_cidr_block", "0.0.0.0/0"},
                                         {"gateway_id", Ref("aws_internet_gateway.main.id")}},
        false)
        .depends_on.push_back({"aws_internet_gateway_attachment", "main"});
    for (const std::string& zone : spec_.zones) Associate("public_" + Letter(zone), "public");
    if (spec_.nat == Nat::kNone) return;
    for (const std::string& zone : spec_.zones) {
      if (spec_.nat == Nat::kSingle && zone != spec_.zones.front()) continue;
      std::string z = Letter(zone);
      Add("aws_eip", "nat_" + z, {{"domain", "vpc"}});
      Add("aws_nat_gateway", z, {{"subnet_id", Ref("aws_subnet.public_" + z + ".id")},
                                 {"allocation_id", Ref("aws_eip.nat_" + z + ".id")}})
          .depends_on.push_back({"aws_internet_gateway_attachment", "main"});
    }
  }

  void AddPrivateRouting() {
    for (const std::string& zone : spec_.zones) {
      std::string z = Letter(zone);
      Add("aws_route_table", "private_" + z, {{"vpc_id", Ref("aws_vpc.main.id")}});
      Associate("private_" + z, "private_" + z);
      if (spec_.nat == Nat::kNone) continue;
      std::string nat = spec_.nat == Nat::kSingle ? Letter(spec_.zones.front()) : z;
      Add("aws_route", "private_" + z + "_internet", {{"route_table_id", Ref("aws_route_table.private_" + z + ".id")},
                                                      {"destination_cidr_block", "0.0.0.0/0"},
                                                      {"nat_gateway_id", Ref("aws_nat_gateway." + nat + ".id")}},
          false);
    }
  }

  void AddDatabaseRouting() {
    Add("aws_route_table", "database", {{"vpc_id", Ref("aws_vpc.main.id")}});
    for (const std::string& zone : spec_.zones) Associate("database_" + Letter(zone), "database");
  }

  void AddS3Endpoint() {
    Value tables = Value::array();
    if (spec_.Has(Tier::kPrivate)) {
      for (const std::string& zone : spec_.zones) tables.push_back(Ref("aws_route_table.private_" + Letter(zone) + ".id"));
    }
    if (spec_.Has(Tier::kDatabase)) tables.push_back(Ref("aws_route_table.database.id"));
    if (tables.empty()) tables.push_back(Ref("aws_route_table.public.id"));
    Add("aws_vpc_endpoint", "s3", {{"vpc_id", Ref("aws_vpc.main.id")},
                                   {"service_name", "com.amazonaws." + ctx_.metadata().region + ".s3"},
                                   {"vpc_endpoint_type", "Gateway"},
                                   {"route_table_ids", tables}});
  }

  void AddFlowLogs() {
    std::string group = "/pave/" + ctx_.metadata().name + "/vpc-flow-logs";
    Add("aws_cloudwatch_log_group", "flow_logs", {{"name", group}, {"retention_in_days", 90}});
    Value trust = {{"Version", "2012-10-17"},
                   {"Statement", {{{"Effect", "Allow"},
                                   {"Principal", {{"Service", "vpc-flow-logs.amazonaws.com"}}},
                                   {"Action", "sts:AssumeRole"}}}}};
    Add("aws_iam_role", "flow_logs", {{"name", Name("vpc-flow-logs").substr(0, 64)},
                                      {"assume_role_policy", trust.dump()},
                                      {"description", "delivers VPC flow logs to CloudWatch Logs"}});
    Value policy = {{"Version", "2012-10-17"},
                    {"Statement", {{{"Effect", "Allow"},
                                    {"Action", {"logs:CreateLogStream", "logs:PutLogEvents",
                                                "logs:DescribeLogGroups", "logs:DescribeLogStreams"}},
                                    {"Resource", {Ref("aws_cloudwatch_log_group.flow_logs.arn"),
                                                  Ref("aws_cloudwatch_log_group.flow_logs.arn") + ":*"}}}}}};
    Add("aws_iam_role_policy", "flow_logs", {{"role", Ref("aws_iam_role.flow_logs.name")},
                                             {"name", "deliver-flow-logs"},
                                             {"policy", policy.dump()}},
        false);
    Add("aws_flow_log", "vpc", {{"vpc_id", Ref("aws_vpc.main.id")},
                                {"traffic_type", "ALL"},
                                {"log_destination_type", "cloud-watch-logs"},
                                {"log_group_name", Ref("aws_cloudwatch_log_group.flow_logs.name")},
                                {"iam_role_arn", Ref("aws_iam_role.flow_logs.arn")}})
        .depends_on.push_back({"aws_iam_role_policy", "flow_logs"});
  }

  void AddBaselineGroup() {
    Add("aws_security_group", "baseline", {{"name", Name("baseline")},
                                           {"description", "default deny: no ingress, egress only inside the VPC"},
                                           {"vpc_id", Ref("aws_vpc.main.id")},
                                           {"revoke_default_egress", true}});
    Add("aws_security_group_rule", "baseline_egress_vpc", {{"security_group_id", Ref("aws_security_group.baseline.id")},
                                                           {"type", "egress"},
                                                           {"protocol", "-1"},
                                                           {"cidr_ipv4", spec_.cidr.ToString()},
                                                           {"description", "inside the VPC"}});
  }

  const NetworkSpec& spec_;
  const YAML::Node& node_;
  BlueprintContext& ctx_;
};

}  // namespace

void NetworkBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  std::optional<NetworkSpec> spec = SpecReader(node, ctx).Read();
  if (spec) Expander(*spec, node, ctx).Run();
}

}  // namespace pave
