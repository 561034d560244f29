// Cost estimates: the shipped table, the full example platform line by line against the
// table, a plan's delta when a node group's instance type changes, and what has no price.
#include "platform/cost/platform_cost.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "platform/blueprints/baseline.h"
#include "platform/blueprints/buckets.h"
#include "platform/blueprints/certificates.h"
#include "platform/blueprints/cluster.h"
#include "platform/blueprints/databases.h"
#include "platform/blueprints/dns.h"
#include "platform/blueprints/network.h"
#include "platform/blueprints/organization.h"
#include "platform/blueprints/people.h"
#include "platform/blueprints/secrets.h"
#include "platform/blueprints/waf.h"
#include "platform/platform_file.h"
#include "providers/aws/register.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

const PriceTable& T() { return PriceTable::Shipped(); }
double Hours() { return T().hours_per_month(); }
double P(const std::string& key) { return *T().Price("eu-west-1", key); }
double E(const std::string& map, const std::string& key) { return *T().Entry("eu-west-1", map, key); }

TEST(PriceTableTest, ShipsADatedTableForTheRegionsItNames) {
  EXPECT_EQ(T().as_of(), "2025-06-01");
  EXPECT_NE(T().source().find("on-demand list prices"), std::string::npos);
  for (const char* r : {"us-east-1", "eu-west-1", "eu-central-1", "eu-north-1"}) {
    EXPECT_TRUE(T().HasRegion(r)) << r;
    EXPECT_TRUE(T().Price(r, "nat_gateway_hour").has_value()) << r;
    EXPECT_TRUE(T().Entry(r, "ec2_hour", "m6i.large").has_value()) << r;
    EXPECT_TRUE(T().Entry(r, "rds_hour", "db.t4g.medium").has_value()) << r;
  }
  EXPECT_FALSE(PriceTable::Parse("[1]").ok());
}

TEST(PriceTableTest, WhatHasNoPriceSaysSoAndIsNotZero) {
  CostEstimate e = EstimateResource(T(), "eu-west-1", "aws_eks_node_group",
                                    {{"instance_types", Value::array({"x9.huge"})}, {"desired_size", 2}});
  EXPECT_EQ(e.kind, CostKind::kNoPrice);
  EXPECT_EQ(e.basis, "no price for x9.huge in eu-west-1");
  EXPECT_EQ(EstimateResource(T(), "ap-south-2", "aws_nat_gateway", Value::object()).kind, CostKind::kNoPrice);
  EXPECT_EQ(EstimateResource(T(), "eu-west-1", "aws_s3_bucket", Value::object()).kind, CostKind::kUsageBased);
  EXPECT_EQ(EstimateResource(T(), "eu-west-1", "aws_vpc", Value::object()).kind, CostKind::kFree);
}

class ExampleCostTest : public ::testing::Test {
 protected:
  ExampleCostTest() {
    RegisterBuiltinTypes(&registry_, &env_);
    RegisterAwsTypes(&registry_, nullptr, &env_);
    blueprints_.push_back(std::make_unique<OrganizationBlueprint>());
    blueprints_.push_back(std::make_unique<PeopleBlueprint>());
    blueprints_.push_back(std::make_unique<NetworkBlueprint>());
    blueprints_.push_back(std::make_unique<ClusterBlueprint>());
    blueprints_.push_back(std::make_unique<DnsBlueprint>());
    blueprints_.push_back(std::make_unique<CertificatesBlueprint>());
    blueprints_.push_back(std::make_unique<SecretsBlueprint>());
    blueprints_.push_back(std::make_unique<BucketsBlueprint>());
    blueprints_.push_back(std::make_unique<DatabasesBlueprint>());
    blueprints_.push_back(std::make_unique<WafBlueprint>());
    blueprints_.push_back(std::make_unique<BaselineBlueprint>());
  }

  Config Example() {
    std::ifstream in(std::string(PAVE_SOURCE_DIR) + "/examples/platform.yaml");
    std::stringstream text;
    text << in.rdbuf();
    env_.SetEnv("GITHUB_TOKEN", "t");
    std::vector<const Blueprint*> list;
    for (const auto& b : blueprints_) list.push_back(b.get());
    std::vector<Diagnostic> diags;
    auto loaded = ParsePlatform(text.str(), "platform.yaml", &env_, registry_, list, &diags);
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.status().ToString());
    return loaded.ok() ? loaded->config : Config{};
  }

  MemEnv env_;
  ProviderRegistry registry_;
  std::vector<std::unique_ptr<Blueprint>> blueprints_;
};

TEST_F(ExampleCostTest, EveryLineOfTheFullExampleComesFromTheTable) {
  Config config = Example();
  ASSERT_FALSE(config.resources.empty());
  std::vector<ResourceCost> costs = CostOfConfig(config, registry_, T(), "eu-west-1");
  std::map<std::string, int> priced_by_type;
  double sum = 0;
  for (const ResourceCost& c : costs) {
    std::string type = c.address.substr(0, c.address.find('.'));
    if (c.estimate.kind != CostKind::kPriced) {
      EXPECT_EQ(c.estimate.kind, CostKind::kUsageBased) << c.address << ": " << c.estimate.basis;
      continue;
    }
    priced_by_type[type]++;
    sum += c.estimate.monthly;
    double want = -1;
    if (type == "aws_nat_gateway") want = P("nat_gateway_hour") * Hours();
    if (type == "aws_eip") want = P("public_ipv4_hour") * Hours();
    if (type == "aws_eks_cluster") want = P("eks_cluster_hour") * Hours();
    if (type == "aws_kms_key") want = P("kms_key_month");
    if (type == "aws_route53_zone") want = P("hosted_zone_month");
    if (type == "aws_cloudwatch_metric_alarm") want = P("alarm_month");  // the baseline's CIS alarms
    if (type == "aws_eks_node_group") {  // examples/platform.yaml: 2 x m6i.large, 80 GB
      want = 2 * (E("ec2_hour", "m6i.large") * Hours() + 80 * P("ebs_gp3_gb_month"));
    }
    if (type == "aws_db_instance") {  // db.t4g.medium, 20 GB, multi-AZ
      want = 2 * (E("rds_hour", "db.t4g.medium") * Hours() + 20 * P("rds_storage_gb_month"));
    }
    EXPECT_NEAR(c.estimate.monthly, want, 1e-9) << c.address << ": " << c.estimate.basis;
  }
  EXPECT_EQ(priced_by_type["aws_eks_cluster"], 1);
  EXPECT_EQ(priced_by_type["aws_eks_node_group"], 1);
  EXPECT_EQ(priced_by_type["aws_db_instance"], 1);
  EXPECT_GE(priced_by_type["aws_nat_gateway"], 1);
  EXPECT_GE(priced_by_type["aws_kms_key"], 1);
  EXPECT_EQ(priced_by_type["aws_cloudwatch_metric_alarm"], 14);  // on by default, as the baseline is
  EXPECT_NEAR(TotalMonthly(costs), sum, 1e-9);
  Value json = CostToJson(costs, T(), "eu-west-1");
  EXPECT_EQ(json["currency"], "USD");
  EXPECT_EQ(json["resources"].size(), costs.size());
}

TEST(PlanCostTest, ANodeGroupsNewInstanceTypeIsThePlansCostDelta) {
  Value prior = {{"instance_types", Value::array({"m6i.large"})}, {"desired_size", 2}, {"disk_size", 80}};
  Value desired = prior;
  desired["instance_types"] = Value::array({"m7g.large"});
  Plan plan;
  Change change;
  change.address = {"aws_eks_node_group", "general"};
  change.action = Action::kUpdate;
  change.prior = prior;
  change.properties = desired;
  plan.changes.push_back(change);
  Change nat;
  nat.address = {"aws_nat_gateway", "a"};
  nat.action = Action::kNoOp;
  nat.prior = Value::object();
  nat.properties = Value::object();
  plan.changes.push_back(nat);
  PlanCost cost = CostOfPlan(plan, T(), "eu-west-1");
  double delta = 2 * (E("ec2_hour", "m7g.large") - E("ec2_hour", "m6i.large")) * Hours();
  EXPECT_NEAR(cost.after - cost.before, delta, 1e-9);
  ASSERT_EQ(cost.changes.size(), 1u);  // the NAT gateway costs the same before and after
  EXPECT_EQ(cost.changes[0].address, "aws_eks_node_group.general");
  EXPECT_NEAR(cost.before, 2 * (E("ec2_hour", "m6i.large") * Hours() + 80 * P("ebs_gp3_gb_month")) +
                               P("nat_gateway_hour") * Hours(),
              1e-9);
  Value json = PlanCostToJson(cost);
  EXPECT_EQ(json["changes"][0]["address"], "aws_eks_node_group.general");

  plan.destroy = true;
  EXPECT_EQ(CostOfPlan(plan, T(), "eu-west-1").after, 0);
}

}  // namespace
}  // namespace pave
