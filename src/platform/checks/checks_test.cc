// Every Well-Architected rule with a platform that triggers it and one that does not; the
// full example platform has no high finding; silences from the `checks:` section.
#include "platform/checks/checks.h"

#include <gtest/gtest.h>

#include <set>

#include "platform/checks/checks_section.h"
#include "providers/aws/register.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

struct Case {
  std::string rule;
  std::vector<ResourceConfig> triggers;  // a platform that breaks the rule
  std::vector<ResourceConfig> passes;    // the same, fixed
  Value tags = Value::object();
  bool baseline = true;  // add the trail and detector the platform-wide rules look for
};

ResourceConfig R(const std::string& type, const std::string& name, Value props) {
  ResourceConfig rc;
  rc.address = {type, name};
  rc.properties = std::move(props);
  rc.location = {"p.yaml", 7, 3};
  return rc;
}

// A platform with every baseline part, so platform-wide rules stay quiet unless tested.
std::vector<ResourceConfig> Quiet() {
  return {R("aws_cloudtrail_trail", "baseline", {{"name", "t"}}),
          R("aws_guardduty_detector", "baseline", Value::object())};
}

Value Db(bool encrypted, bool multi_az, int backups, bool protect, bool skip, const std::string& cls) {
  return {{"identifier", "orders"}, {"instance_class", cls},   {"storage_encrypted", encrypted},
          {"multi_az", multi_az},   {"backup_retention_period", backups}, {"deletion_protection", protect},
          {"skip_final_snapshot", skip}};
}

Value Rule(const std::string& port_from, int from, int to, const std::string& cidr) {
  return {{"type", port_from}, {"protocol", "tcp"}, {"from_port", from}, {"to_port", to}, {"cidr_ipv4", cidr}};
}

std::vector<Case> Cases() {
  Value good_db = Db(true, true, 7, true, false, "db.m7g.large");
  auto db = [&](const std::string& key, Value v) {
    Value d = good_db;
    d[key] = std::move(v);
    return R("aws_db_instance", "orders", d);
  };
  auto bucket = [](const std::string& key, Value v) {
    Value b = {{"bucket", "b"}, {"versioning", true}, {"block_public_access", true}, {"require_tls", true}};
    b[key] = std::move(v);
    return R("aws_s3_bucket", "b", b);
  };
  Value cluster = {{"name", "c"}, {"endpoint_public_access", false}, {"kms_key_arn", "arn:k"},
                   {"enabled_log_types", Value::array({"api", "audit"})}};
  auto eks = [&](const std::string& key, Value v) {
    Value c = cluster;
    c[key] = std::move(v);
    return R("aws_eks_cluster", "c", c);
  };
  auto ng = [](const std::string& type, int min) {
    return R("aws_eks_node_group", "ng", {{"instance_types", Value::array({type})}, {"min_size", min}});
  };
  auto subnet = [](const std::string& name, const std::string& zone) {
    return R("aws_subnet", name, {{"availability_zone", zone}});
  };
  Value prod = {{"environment", "production"}, {"owner", "team"}};
  Value dev = {{"environment", "dev"}, {"owner", "team"}};
  return {
      {"WA-SEC-001", {db("storage_encrypted", false)}, {db("storage_encrypted", true)}},
      {"WA-SEC-002", {bucket("block_public_access", false)}, {bucket("block_public_access", true)}},
      {"WA-SEC-003", {bucket("require_tls", false)}, {bucket("require_tls", true)}},
      {"WA-SEC-004",
       {R("aws_kms_key", "k", {{"enable_key_rotation", false}})},
       {R("aws_kms_key", "k", {{"enable_key_rotation", true}})}},
      {"WA-SEC-005",
       {eks("endpoint_public_access", true)},
       {eks("public_access_cidrs", Value::array({"203.0.113.0/24"}))}},
      {"WA-SEC-006",
       {R("aws_security_group_rule", "ssh", Rule("ingress", 22, 22, "0.0.0.0/0"))},
       {R("aws_security_group_rule", "ssh", Rule("ingress", 22, 22, "10.0.0.0/16"))}},
      {"WA-SEC-007",
       {R("aws_security_group_rule", "pg", Rule("ingress", 5432, 5432, "0.0.0.0/0"))},
       {R("aws_security_group_rule", "pg", Rule("ingress", 443, 443, "0.0.0.0/0"))}},
      {"WA-SEC-008",
       {R("aws_guardduty_detector", "baseline", Value::object())},
       {R("aws_cloudtrail_trail", "baseline", {{"name", "t"}})},
       Value::object(),
       false},
      {"WA-SEC-009",
       {R("aws_cloudtrail_trail", "baseline", {{"name", "t"}})},
       {R("aws_guardduty_detector", "baseline", Value::object())},
       Value::object(),
       false},
      {"WA-SEC-010", {eks("kms_key_arn", "")}, {eks("kms_key_arn", "${aws_kms_key.k.arn}")}},
      {"WA-SEC-011",
       {R("aws_ssm_parameter", "p", {{"name", "/p"}, {"type", "SecureString"}, {"value", "${file:token.txt}"}})},
       {R("aws_ssm_parameter", "p", {{"name", "/p"}, {"type", "SecureString"}, {"value", "${env:TOKEN}"}})}},
      {"WA-SEC-012",
       {R("aws_ssm_parameter", "p", {{"name", "/p"}, {"type", "String"}, {"value", "${env:TOKEN}"}})},
       {R("aws_ssm_parameter", "p", {{"name", "/p"}, {"type", "SecureString"}, {"value", "${env:TOKEN}"}})}},
      {"WA-REL-001", {db("multi_az", false)}, {db("multi_az", true)}},
      {"WA-REL-002", {db("backup_retention_period", 0)}, {db("backup_retention_period", 7)}},
      {"WA-REL-003", {db("deletion_protection", false)}, {db("deletion_protection", true)}},
      {"WA-REL-004", {db("skip_final_snapshot", true)}, {db("skip_final_snapshot", false)}},
      {"WA-REL-005", {ng("m7g.large", 1)}, {ng("m7g.large", 2)}},
      {"WA-REL-006",
       {R("aws_nat_gateway", "a", Value::object()), subnet("a", "eu-west-1a"), subnet("b", "eu-west-1b")},
       {R("aws_nat_gateway", "a", Value::object()), R("aws_nat_gateway", "b", Value::object()),
        subnet("a", "eu-west-1a"), subnet("b", "eu-west-1b")},
       prod},
      {"WA-REL-007", {bucket("versioning", false)}, {bucket("versioning", true)}},
      {"WA-COST-001",
       {R("aws_nat_gateway", "a", Value::object()), R("aws_nat_gateway", "b", Value::object())},
       {R("aws_nat_gateway", "a", Value::object())},
       dev},
      {"WA-COST-002",
       {R("aws_cloudwatch_log_group", "g", {{"name", "g"}})},
       {R("aws_cloudwatch_log_group", "g", {{"name", "g"}, {"retention_in_days", 90}})}},
      {"WA-COST-003",
       {bucket("log_delivery", Value::array({"cloudtrail"}))},
       {R("aws_s3_bucket", "b", {{"bucket", "b"}, {"log_delivery", Value::array({"cloudtrail"})}, {"expiration_days", 365}})}},
      {"WA-OPS-001",
       {R("aws_vpc", "main", {{"cidr_block", "10.0.0.0/16"}})},
       {R("aws_vpc", "main", {{"cidr_block", "10.0.0.0/16"}}), R("aws_flow_log", "main", Value::object())}},
      {"WA-OPS-002", {eks("enabled_log_types", Value::array({"api"}))}, {eks("enabled_log_types", Value::array({"audit"}))}},
      {"WA-OPS-003",
       {R("aws_acm_certificate", "c", {{"domain_name", "*.shop.example.org"}}),
        R("aws_route53_zone", "z", {{"name", "other.example.org"}})},
       {R("aws_acm_certificate", "c", {{"domain_name", "*.shop.example.org"}}),
        R("aws_route53_zone", "z", {{"name", "shop.example.org"}})}},
      {"WA-OPS-004", {R("aws_vpc", "v", Value::object())}, {R("aws_vpc", "v", Value::object())}, Value()},
      {"WA-PERF-001", {ng("m4.large", 2)}, {ng("m7g.large", 2)}},
      {"WA-SUS-001", {ng("m6i.large", 2)}, {ng("m7g.large", 2)}},
      {"WA-SUS-002", {db("instance_class", "db.r6i.large")}, {db("instance_class", "db.r7g.large")}},
  };
}

class ChecksTest : public ::testing::Test {
 protected:
  ChecksTest() { RegisterAwsTypes(&registry_, nullptr, &env_); }

  std::set<std::string> RulesHit(const std::vector<ResourceConfig>& resources, const Value& tags,
                                 bool baseline = true) {
    config_.resources = baseline ? Quiet() : std::vector<ResourceConfig>();
    for (const ResourceConfig& rc : resources) config_.resources.push_back(rc);
    CheckInput in{&config_, &registry_, tags.is_null() ? Value::object() : tags, {}};
    if (!tags.is_null() && !in.platform_tags.contains("owner")) in.platform_tags["owner"] = "team";
    std::set<std::string> hit;
    for (const Finding& f : RunChecks(in)) hit.insert(f.rule);
    return hit;
  }

  MemEnv env_;
  ProviderRegistry registry_;
  Config config_{"shop", {}, {}};
};

TEST_F(ChecksTest, EveryRuleFiresOnItsCaseAndNotOnTheFixedOne) {
  std::set<std::string> tested;
  for (const Case& c : Cases()) {
    tested.insert(c.rule);
    EXPECT_TRUE(RulesHit(c.triggers, c.tags, c.baseline).count(c.rule)) << c.rule << " did not fire";
    if (c.rule != "WA-OPS-004") {
      EXPECT_FALSE(RulesHit(c.passes, c.tags, c.baseline).count(c.rule)) << c.rule << " fired when fixed";
    }
  }
  EXPECT_FALSE(RulesHit({R("aws_vpc", "v", Value::object())}, Value{{"owner", "team"}}).count("WA-OPS-004"));
  std::set<std::string> all;
  for (const RuleInfo& r : AllRules()) all.insert(r.id);
  EXPECT_EQ(tested, all) << "every rule has a case";
  EXPECT_GE(all.size(), 25u);
}

TEST_F(ChecksTest, FindingsNameTheResourceAndItsPlaceAndSilencesKeepTheReason) {
  config_.resources = Quiet();
  config_.resources.push_back(R("aws_db_instance", "orders", Db(true, false, 0, true, false, "db.m7g.large")));
  CheckInput in{&config_, &registry_, Value{{"owner", "t"}}, {{"WA-REL-001", "aws_db_instance.orders", "test data", {}}}};
  std::vector<Finding> findings = RunChecks(in);
  ASSERT_GE(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "WA-REL-002");  // high first
  EXPECT_EQ(findings[0].address, "aws_db_instance.orders");
  EXPECT_EQ(findings[0].location.ToString(), "p.yaml:7:3");
  EXPECT_TRUE(AnyAtLeast(findings, FindingSeverity::kHigh));
  const Finding* single = nullptr;
  for (const Finding& f : findings) single = f.rule == "WA-REL-001" ? &f : single;
  ASSERT_NE(single, nullptr);
  EXPECT_EQ(single->silenced, "test data");
  EXPECT_EQ(FindingToJson(*single)["silenced"], "test data");
}

}  // namespace
}  // namespace pave
