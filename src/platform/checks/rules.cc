// The Well-Architected rules. Each looks at the declared resources of a few types (properties
// as written, or the type's default when left out) and reports what to change; RunChecks
// (checks.cc) orders them and applies the file's silences.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "platform/checks/checks.h"
#include "platform/checks/rule_context.h"

namespace pave {
namespace {

using Fn = std::function<void(RuleContext&)>;

const std::set<int> kAdminPorts = {22, 3389};
const std::set<int> kDatabasePorts = {1433, 1521, 3306, 5432, 6379, 27017};

bool IsWorld(const std::string& cidr) { return cidr == "0.0.0.0/0" || cidr == "::/0"; }

// Ingress open to the world on `ports` (or on every port).
void OpenIngress(RuleContext& c, const std::set<int>& ports, const std::string& what) {
  for (const ResourceConfig* rc : c.Of("aws_security_group_rule")) {
    if (c.Str(*rc, "type") != "ingress" || !IsWorld(c.Str(*rc, "cidr_ipv4"))) continue;
    int64_t from = c.Int(*rc, "from_port"), to = c.Int(*rc, "to_port");
    bool all = c.Str(*rc, "protocol") == "-1" || from < 0;
    bool hit = all;
    for (int p : ports) hit = hit || (from <= p && p <= to);
    if (hit) c.Report(*rc, "ingress from " + c.Str(*rc, "cidr_ipv4") + " reaches " + what);
  }
}

// Graviton (arm64) families with the same role as an x86 family, for instance types and RDS
// classes: "m6i" -> "m7g".
const std::map<std::string, std::string> kGraviton = {
    {"t3", "t4g"},  {"t3a", "t4g"}, {"m5", "m6g"},  {"m5a", "m6g"}, {"m6i", "m7g"}, {"m6a", "m7g"},
    {"m7i", "m7g"}, {"c5", "c6g"},  {"c5a", "c6g"}, {"c6i", "c7g"}, {"c6a", "c7g"}, {"c7i", "c7g"},
    {"r5", "r6g"},  {"r5a", "r6g"}, {"r6i", "r7g"}, {"r6a", "r7g"}, {"r7i", "r7g"}};
const std::set<std::string> kOldFamilies = {"t2", "m4", "c4", "r4", "m3", "c3", "r3", "i2", "d2"};

// "m6i" of "m6i.large" / "db.m6i.large".
std::string Family(std::string type) {
  if (type.rfind("db.", 0) == 0) type = type.substr(3);
  return type.substr(0, type.find('.'));
}

std::string Environment(const RuleContext& c) {
  for (const char* key : {"environment", "env", "Environment"}) {
    if (c.input.platform_tags.contains(key) && c.input.platform_tags[key].is_string()) {
      return c.input.platform_tags[key].get<std::string>();
    }
  }
  return "";
}

bool IsProduction(const std::string& env) { return env == "production" || env == "prod" || env == "prd"; }

const std::vector<std::pair<RuleInfo, Fn>>& Rules() {
  static const std::vector<std::pair<RuleInfo, Fn>> rules = {
      // Security
      {{"WA-SEC-001", Pillar::kSecurity, FindingSeverity::kHigh, "database storage not encrypted",
        "set storage_encrypted: true (it cannot be turned on later: the database is made again)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_db_instance")) {
           if (!c.Bool(*rc, "storage_encrypted")) c.Report(*rc, "storage is not encrypted");
         }
       }},
      {{"WA-SEC-002", Pillar::kSecurity, FindingSeverity::kHigh, "bucket public access block off",
        "set block_public_access: true; serve public content through CloudFront"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_s3_bucket")) {
           if (!c.Bool(*rc, "block_public_access")) c.Report(*rc, "the public access block is off");
         }
       }},
      {{"WA-SEC-003", Pillar::kSecurity, FindingSeverity::kMedium, "bucket accepts requests without TLS",
        "set require_tls: true"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_s3_bucket")) {
           if (!c.Bool(*rc, "require_tls")) c.Report(*rc, "plain HTTP requests are accepted");
         }
       }},
      {{"WA-SEC-004", Pillar::kSecurity, FindingSeverity::kMedium, "KMS key rotation off",
        "set enable_key_rotation: true (AWS rotates the key material yearly)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_kms_key")) {
           if (c.Str(*rc, "key_spec") == "SYMMETRIC_DEFAULT" && !c.Bool(*rc, "enable_key_rotation")) {
             c.Report(*rc, "the key is never rotated");
           }
         }
       }},
      {{"WA-SEC-005", Pillar::kSecurity, FindingSeverity::kMedium, "cluster API endpoint open to the internet",
        "list the networks that may reach it in cluster.publicAccessCidrs, or use endpoint: private"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_eks_cluster")) {
           if (!c.Bool(*rc, "endpoint_public_access")) continue;
           Value cidrs = c.Get(*rc, "public_access_cidrs");
           bool open = !cidrs.is_array() || cidrs.empty();
           for (const Value& v : cidrs.is_array() ? cidrs : Value::array()) open = open || (v.is_string() && IsWorld(v));
           if (open) c.Report(*rc, "the Kubernetes API server is reachable from 0.0.0.0/0");
         }
       }},
      {{"WA-SEC-006", Pillar::kSecurity, FindingSeverity::kHigh, "SSH/RDP or every port open to the internet",
        "allow only known networks, or reach instances through SSM Session Manager"},
       [](RuleContext& c) { OpenIngress(c, kAdminPorts, "an administration port (22, 3389) or every port"); }},
      {{"WA-SEC-007", Pillar::kSecurity, FindingSeverity::kHigh, "database port open to the internet",
        "allow only the application's security group or subnets"},
       [](RuleContext& c) { OpenIngress(c, kDatabasePorts, "a database port"); }},
      {{"WA-SEC-008", Pillar::kSecurity, FindingSeverity::kMedium, "no CloudTrail trail (baseline off)",
        "write baseline: true (or remove baseline: false); docs/security.md"},
       [](RuleContext& c) { c.ReportMissing("aws_cloudtrail_trail", "no CloudTrail trail records API activity"); }},
      {{"WA-SEC-009", Pillar::kSecurity, FindingSeverity::kMedium, "no GuardDuty detector",
        "write baseline: true, with its guardduty part on"},
       [](RuleContext& c) { c.ReportMissing("aws_guardduty_detector", "no GuardDuty detector watches for threats"); }},
      {{"WA-SEC-010", Pillar::kSecurity, FindingSeverity::kMedium, "Kubernetes secrets not encrypted with a KMS key",
        "give the cluster a KMS key (kms_key_arn; the cluster: section does this)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_eks_cluster")) {
           if (c.Str(*rc, "kms_key_arn").empty()) c.Report(*rc, "secrets are stored without envelope encryption");
         }
       }},
      {{"WA-SEC-011", Pillar::kSecurity, FindingSeverity::kMedium, "secret value read from a plain file",
        "read it from the environment (${env:NAME}) or a secret manager at apply time; keep it out of the repository"},
       [](RuleContext& c) {
         for (const auto& [type, attr] : std::vector<std::pair<std::string, std::string>>{
                  {"aws_ssm_parameter", "value"}, {"aws_secretsmanager_secret", "value"}}) {
           for (const ResourceConfig* rc : c.Of(type)) {
             if (c.Str(*rc, attr).find("${file:") != std::string::npos) c.Report(*rc, "the value comes from a file");
           }
         }
       }},
      {{"WA-SEC-012", Pillar::kSecurity, FindingSeverity::kMedium, "secret kept as a plain SSM String",
        "use type: SecureString"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_ssm_parameter")) {
           std::string value = c.Str(*rc, "value");
           bool from_secret = value.find("${env:") != std::string::npos || value.find("${file:") != std::string::npos;
           if (from_secret && c.Str(*rc, "type") != "SecureString") {
             c.Report(*rc, "a value from the environment or a file is stored unencrypted");
           }
         }
       }},
      // Reliability
      {{"WA-REL-001", Pillar::kReliability, FindingSeverity::kMedium, "database in a single Availability Zone",
        "set multiAZ: true (databases:; multi_az of the resource): a standby in another zone takes over in about a minute"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_db_instance")) {
           if (!c.Bool(*rc, "multi_az")) c.Report(*rc, "one zone's outage stops the database");
         }
       }},
      {{"WA-REL-002", Pillar::kReliability, FindingSeverity::kHigh, "database without automated backups",
        "set backupDays to 7 or more (databases:; backup_retention_period of the resource): 0 turns backups and point-in-time recovery off"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_db_instance")) {
           if (c.Int(*rc, "backup_retention_period") == 0) c.Report(*rc, "no automated backups are kept");
         }
       }},
      {{"WA-REL-003", Pillar::kReliability, FindingSeverity::kMedium, "database deletion protection off",
        "set deletionProtection: true (databases:; deletion_protection of the resource)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_db_instance")) {
           if (!c.Bool(*rc, "deletion_protection")) c.Report(*rc, "a delete call removes the database");
         }
       }},
      {{"WA-REL-004", Pillar::kReliability, FindingSeverity::kMedium, "database deleted without a final snapshot",
        "set skip_final_snapshot: false"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_db_instance")) {
           if (c.Bool(*rc, "skip_final_snapshot")) c.Report(*rc, "deleting it keeps no snapshot");
         }
       }},
      {{"WA-REL-005", Pillar::kReliability, FindingSeverity::kMedium, "node group of a single node",
        "set the node group's minSize to 2 or more, in subnets of two zones or more"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_eks_node_group")) {
           if (c.Int(*rc, "min_size") < 2) c.Report(*rc, "one node's loss stops every pod on it");
         }
       }},
      {{"WA-REL-006", Pillar::kReliability, FindingSeverity::kMedium, "one NAT gateway for a production platform",
        "write network: {nat: per-zone}"},
       [](RuleContext& c) {
         std::vector<const ResourceConfig*> nats = c.Of("aws_nat_gateway");
         if (IsProduction(Environment(c)) && nats.size() == 1 && c.Zones() > 1) {
           c.Report(*nats[0], "private subnets of every zone lose the internet when its zone fails");
         }
       }},
      {{"WA-REL-007", Pillar::kReliability, FindingSeverity::kLow, "bucket versioning off",
        "set versioning: true (an overwrite or delete can then be undone)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_s3_bucket")) {
           if (!c.Bool(*rc, "versioning")) c.Report(*rc, "an overwritten or deleted object is gone");
         }
       }},
      // Cost
      {{"WA-COST-001", Pillar::kCost, FindingSeverity::kLow, "a NAT gateway per zone outside production",
        "write network: {nat: single} for a non-production platform (one NAT gateway costs about 33 USD a month)"},
       [](RuleContext& c) {
         std::vector<const ResourceConfig*> nats = c.Of("aws_nat_gateway");
         std::string env = Environment(c);
         if (!env.empty() && !IsProduction(env) && nats.size() > 1) {
           c.Report(*nats[1], std::to_string(nats.size()) + " NAT gateways for environment " + env);
         }
       }},
      {{"WA-COST-002", Pillar::kCost, FindingSeverity::kLow, "log group kept forever",
        "set retention_in_days (e.g. 90)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_cloudwatch_log_group")) {
           if (c.Int(*rc, "retention_in_days") <= 0) c.Report(*rc, "its logs never expire");
         }
       }},
      {{"WA-COST-003", Pillar::kCost, FindingSeverity::kLow, "log bucket kept forever",
        "set expiration_days (the baseline's bucket expires after cloudtrail.retentionDays)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_s3_bucket")) {
           Value delivery = c.Get(*rc, "log_delivery");
           if (delivery.is_array() && !delivery.empty() && c.Int(*rc, "expiration_days") == 0) {
             c.Report(*rc, "a log bucket keeps every log forever");
           }
         }
       }},
      // Operational excellence
      {{"WA-OPS-001", Pillar::kOperations, FindingSeverity::kMedium, "VPC without flow logs",
        "write network: {flowLogs: true}"},
       [](RuleContext& c) {
         if (!c.Of("aws_flow_log").empty()) return;
         for (const ResourceConfig* rc : c.Of("aws_vpc")) c.Report(*rc, "no record of the traffic in the VPC");
       }},
      {{"WA-OPS-002", Pillar::kOperations, FindingSeverity::kMedium, "EKS control-plane audit log off",
        "log at least api, audit and authenticator (cluster: {logging: [api, audit, authenticator]})"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_eks_cluster")) {
           Value types = c.Get(*rc, "enabled_log_types");
           bool audit = false;
           for (const Value& t : types.is_array() ? types : Value::array()) audit = audit || t == "audit";
           if (!audit) c.Report(*rc, "who did what in the cluster is not recorded");
         }
       }},
      {{"WA-OPS-003", Pillar::kOperations, FindingSeverity::kMedium, "certificate for a domain no zone of the platform holds",
        "add the zone (dns:) or delegate it, so DNS validation can finish"},
       [](RuleContext& c) {
         std::vector<std::string> zones;
         for (const ResourceConfig* z : c.Of("aws_route53_zone")) {
           std::string name = c.Str(*z, "name");
           if (!name.empty() && name.back() == '.') name.pop_back();
           zones.push_back(name);
         }
         for (const ResourceConfig* rc : c.Of("aws_acm_certificate")) {
           std::string domain = c.Str(*rc, "domain_name");
           if (domain.rfind("*.", 0) == 0) domain = domain.substr(2);
           if (domain.empty() || domain.find("${") != std::string::npos) continue;
           bool held = std::any_of(zones.begin(), zones.end(), [&](const std::string& z) {
             return domain == z || (domain.size() > z.size() && domain.compare(domain.size() - z.size() - 1, std::string::npos, "." + z) == 0);
           });
           if (!held) c.Report(*rc, domain + " is in no hosted zone of this platform");
         }
       }},
      {{"WA-OPS-004", Pillar::kOperations, FindingSeverity::kLow, "resources without owner tags",
        "set metadata.tags (owner, environment): every taggable resource gets them, for cost allocation"},
       [](RuleContext& c) {
         if (!c.input.config->resources.empty() && !c.input.platform_tags.contains("owner")) {
           c.ReportPlatform("metadata.tags has no owner");
         }
       }},
      // Performance
      {{"WA-PERF-001", Pillar::kPerformance, FindingSeverity::kLow, "previous-generation instance family",
        "use a current generation (m7g/m7i, c7g, r7g, t4g)"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_eks_node_group")) {
           Value types = c.Get(*rc, "instance_types");
           for (const Value& t : types.is_array() ? types : Value::array()) {
             if (t.is_string() && kOldFamilies.count(Family(t))) c.Report(*rc, t.get<std::string>() + " is a previous generation");
           }
         }
         for (const ResourceConfig* rc : c.Of("aws_db_instance")) {
           std::string cls = c.Str(*rc, "instance_class");
           if (kOldFamilies.count(Family(cls))) c.Report(*rc, cls + " is a previous generation");
         }
       }},
      // Sustainability
      {{"WA-SUS-001", Pillar::kSustainability, FindingSeverity::kLow, "Graviton available for the node type",
        "use the Graviton (arm64) family: up to 60% less energy for the same work, and cheaper"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_eks_node_group")) {
           Value types = c.Get(*rc, "instance_types");
           for (const Value& t : types.is_array() ? types : Value::array()) {
             if (!t.is_string()) continue;
             auto g = kGraviton.find(Family(t));
             if (g != kGraviton.end()) c.Report(*rc, t.get<std::string>() + " has a Graviton counterpart: " + g->second);
           }
         }
       }},
      {{"WA-SUS-002", Pillar::kSustainability, FindingSeverity::kLow, "Graviton available for the database class",
        "use the Graviton (arm64) class of the same size"},
       [](RuleContext& c) {
         for (const ResourceConfig* rc : c.Of("aws_db_instance")) {
           std::string cls = c.Str(*rc, "instance_class");
           auto g = kGraviton.find(Family(cls));
           if (g != kGraviton.end()) c.Report(*rc, cls + " has a Graviton counterpart: db." + g->second);
         }
       }},
  };
  return rules;
}

}  // namespace

const std::vector<RuleInfo>& AllRules() {
  static const std::vector<RuleInfo> infos = [] {
    std::vector<RuleInfo> out;
    for (const auto& [info, fn] : Rules()) out.push_back(info);
    return out;
  }();
  return infos;
}

std::vector<Finding> EvaluateRules(const CheckInput& input) {
  std::vector<Finding> out;
  for (const auto& [info, fn] : Rules()) {
    RuleContext c(input, info, &out);
    fn(c);
  }
  return out;
}

}  // namespace pave
