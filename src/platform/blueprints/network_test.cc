#include "platform/blueprints/network.h"

#include <gtest/gtest.h>

#include <map>

#include "platform/blueprints/network_layout.h"

namespace pave {
namespace {

using network::Cidr;
using network::ParseCidr;
using network::SubnetCidr;
using network::Tier;

TEST(NetworkLayoutTest, ParsesAndRejectsCidrs) {
  auto c = ParseCidr("10.0.0.0/16");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->base, 0x0a000000u);
  EXPECT_EQ(c->prefix, 16);
  EXPECT_EQ(c->ToString(), "10.0.0.0/16");
  EXPECT_FALSE(ParseCidr("10.0.0/16"));
  EXPECT_FALSE(ParseCidr("10.0.0.256/16"));
  EXPECT_FALSE(ParseCidr("10.0.0.0"));
  EXPECT_FALSE(ParseCidr("10.0.0.0/33"));
  EXPECT_FALSE(ParseCidr("10.0.0.0/x"));
  EXPECT_EQ(network::CidrError("10.0.1.0/16"), "host bits are set (did you mean 10.0.0.0/16?)");
}

TEST(NetworkLayoutTest, SubnetsSitAtTierAndZoneSlots) {
  Cidr vpc = *ParseCidr("10.0.0.0/16");
  EXPECT_EQ(SubnetCidr(vpc, Tier::kPublic, 0).ToString(), "10.0.0.0/21");
  EXPECT_EQ(SubnetCidr(vpc, Tier::kPublic, 1).ToString(), "10.0.8.0/21");
  EXPECT_EQ(SubnetCidr(vpc, Tier::kPrivate, 0).ToString(), "10.0.64.0/21");
  EXPECT_EQ(SubnetCidr(vpc, Tier::kDatabase, 2).ToString(), "10.0.144.0/21");
  EXPECT_EQ(SubnetCidr(vpc, Tier::kDatabase, 7).ToString(), "10.0.184.0/21");
  Cidr small = *ParseCidr("172.16.4.0/23");
  EXPECT_EQ(SubnetCidr(small, Tier::kPrivate, 1).ToString(), "172.16.4.144/28");
}

class NetworkBlueprintTest : public ::testing::Test {
 protected:
  void Expand(const std::string& yaml) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load(yaml);
    ctx_ = std::make_unique<BlueprintContext>(
        "p.yaml", PlatformMetadata{.name = "shop", .region = "eu-west-1", .tags = {{"env", "prod"}}},
        &config_, &diags_);
    ctx_->BeginSection("network", root_["network"]);
    NetworkBlueprint().Expand(root_["network"], *ctx_);
  }

  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    for (const ResourceConfig& rc : config_.resources) {
      if (rc.address == ResourceAddress{type, name}) return &rc;
    }
    return nullptr;
  }

  size_t Count(const std::string& type) const {
    size_t n = 0;
    for (const ResourceConfig& rc : config_.resources) n += rc.address.type == type;
    return n;
  }

  std::map<std::string, Value> Snapshot() const {
    std::map<std::string, Value> out;
    for (const ResourceConfig& rc : config_.resources) out[rc.address.ToString()] = rc.properties;
    return out;
  }

  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }

  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
  std::unique_ptr<BlueprintContext> ctx_;
};

const char* kExample = R"(network:
  cidr: 10.0.0.0/16
  zones: 3
  nat: single
  tiers: [public, private, database]
  tags: {team: net}
)";

TEST_F(NetworkBlueprintTest, ExampleExpandsToTheFullNetwork) {
  Expand(kExample);
  ASSERT_TRUE(diags_.empty()) << Errors();
  EXPECT_EQ(Count("aws_vpc"), 1u);
  EXPECT_EQ(Count("aws_subnet"), 9u);
  EXPECT_EQ(Count("aws_nat_gateway"), 1u);
  EXPECT_EQ(Count("aws_eip"), 1u);
  EXPECT_EQ(Count("aws_route_table"), 5u);  // public, private_a..c, database
  EXPECT_EQ(Count("aws_route_table_association"), 9u);
  EXPECT_EQ(Count("aws_route"), 4u);  // public + 3 private
  EXPECT_EQ(Count("aws_flow_log"), 1u);
  const ResourceConfig* sub = Find("aws_subnet", "private_b");
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->properties["cidr_block"], "10.0.72.0/21");
  EXPECT_EQ(sub->properties["availability_zone"], "eu-west-1b");
  EXPECT_EQ(sub->properties["tags"]["Name"], "shop-private-b");
  EXPECT_EQ(sub->properties["tags"]["env"], "prod");  // metadata tags
  EXPECT_EQ(sub->properties["tags"]["team"], "net");
  EXPECT_EQ(Find("aws_subnet", "public_a")->properties["map_public_ip_on_launch"], true);
  // Kubernetes load balancers: internet-facing in public subnets, internal in private ones.
  EXPECT_EQ(Find("aws_subnet", "public_a")->properties["tags"]["kubernetes.io/role/elb"], "1");
  EXPECT_FALSE(Find("aws_subnet", "public_a")->properties["tags"].contains("kubernetes.io/role/internal-elb"));
  EXPECT_EQ(Find("aws_subnet", "private_b")->properties["tags"]["kubernetes.io/role/internal-elb"], "1");
  EXPECT_FALSE(Find("aws_subnet", "database_a")->properties["tags"].contains("kubernetes.io/role/elb"));
  EXPECT_EQ(Find("aws_nat_gateway", "a")->properties["subnet_id"], "${aws_subnet.public_a.id}");
  EXPECT_EQ(Find("aws_route", "private_c_internet")->properties["nat_gateway_id"], "${aws_nat_gateway.a.id}");
  EXPECT_EQ(Find("aws_route", "public_internet")->properties["gateway_id"], "${aws_internet_gateway.main.id}");
  EXPECT_EQ(Find("aws_vpc_endpoint", "s3")->properties["route_table_ids"].size(), 4u);
  EXPECT_EQ(Find("aws_cloudwatch_log_group", "flow_logs")->properties["retention_in_days"], 90);
  EXPECT_EQ(*ctx_->Import("network.vpc_id"), "${aws_vpc.main.id}");
  EXPECT_EQ(ctx_->Import("network.private_subnet_ids")->size(), 3u);
  EXPECT_EQ(*ctx_->Import("network.cidr"), "10.0.0.0/16");
}

TEST_F(NetworkBlueprintTest, AddingAZoneNeverRenumbers) {
  Expand("network: {cidr: 10.0.0.0/16, zones: 2}");
  ASSERT_TRUE(diags_.empty()) << Errors();
  auto two = Snapshot();
  Expand("network: {cidr: 10.0.0.0/16, zones: 3}");
  auto three = Snapshot();
  for (const auto& [address, props] : two) {
    if (address.rfind("aws_subnet.", 0) != 0) continue;
    ASSERT_TRUE(three.count(address)) << address;
    EXPECT_EQ(three[address]["cidr_block"], props["cidr_block"]) << address;
  }
  EXPECT_EQ(three["aws_subnet.database_c"]["cidr_block"], "10.0.144.0/21");
}

TEST_F(NetworkBlueprintTest, SingleToPerZoneAddsOnlyNatsAndChangesRoutes) {
  Expand(kExample);
  auto single = Snapshot();
  std::string per_zone = kExample;
  per_zone.replace(per_zone.find("single"), 6, "per-zone");
  Expand(per_zone);
  ASSERT_TRUE(diags_.empty()) << Errors();
  auto after = Snapshot();
  std::vector<std::string> added, changed;
  for (const auto& [address, props] : after) {
    if (!single.count(address)) {
      added.push_back(address);
    } else if (single[address] != props) {
      changed.push_back(address);
    }
  }
  for (const auto& [address, props] : single) EXPECT_TRUE(after.count(address)) << "removed " << address;
  EXPECT_EQ(added, (std::vector<std::string>{"aws_eip.nat_b", "aws_eip.nat_c", "aws_nat_gateway.b",
                                             "aws_nat_gateway.c"}));
  EXPECT_EQ(changed, (std::vector<std::string>{"aws_route.private_b_internet", "aws_route.private_c_internet"}));
}

TEST_F(NetworkBlueprintTest, ZoneListsUseTheirLettersAsSlots) {
  Expand("network: {cidr: 10.0.0.0/16, zones: [eu-west-1c, eu-west-1a], tiers: [private], nat: none}");
  ASSERT_TRUE(diags_.empty()) << Errors();
  EXPECT_EQ(Find("aws_subnet", "private_c")->properties["cidr_block"], "10.0.80.0/21");
  EXPECT_EQ(Count("aws_internet_gateway"), 0u);
  EXPECT_EQ(Count("aws_nat_gateway"), 0u);
  EXPECT_EQ(Count("aws_route"), 0u);
}

TEST_F(NetworkBlueprintTest, FlowLogsCanBeTurnedOff) {
  Expand("network: {cidr: 10.0.0.0/16, flowLogs: false}");
  ASSERT_TRUE(diags_.empty()) << Errors();
  EXPECT_EQ(Count("aws_flow_log"), 0u);
  EXPECT_EQ(Count("aws_iam_role"), 0u);
}

struct ErrorCase {
  const char* yaml;
  const char* want;
};

TEST_F(NetworkBlueprintTest, ErrorsPointAtTheValue) {
  const ErrorCase cases[] = {
      {"network:\n  cidr: 10.0.0/16\n", "p.yaml:2:9: bad cidr \"10.0.0/16\": address must have four dot-separated numbers"},
      {"network:\n  cidr: 10.0.0.0/24\n", "p.yaml:2:9: cidr 10.0.0.0/24 is too small for the subnet layout: subnets would be /29, AWS needs at least /28 (use a prefix of /23 or shorter)"},
      {"network:\n  cidr: 10.0.0.0/8\n", "p.yaml:2:9: cidr 10.0.0.0/8 is larger than AWS allows for a VPC (at most /16)"},
      {"network:\n  cidr: 10.0.0.0/16\n  zones: 9\n", "p.yaml:3:10: too many zones: 9 (1 to 8)"},
      {"network:\n  cidr: 10.0.0.0/16\n  zones: [eu-west-1a, us-east-1b]\n", "p.yaml:3:23: unknown zone \"us-east-1b\": zones must be in region eu-west-1 (eu-west-1a to eu-west-1h)"},
      {"network:\n  cidr: 10.0.0.0/16\n  tiers: [public, privat]\n", "p.yaml:3:19: unknown tier \"privat\" (public, private or database) (did you mean \"private\"?)"},
      {"network:\n  cidr: 10.0.0.0/16\n  nat: perzone\n", "p.yaml:3:8: bad nat \"perzone\" (none, single or per-zone) (did you mean \"per-zone\"?)"},
      {"network:\n  cidr: 10.0.0.0/16\n  tier: [public]\n", "p.yaml:3:3: unknown key \"tier\" in network (did you mean \"tiers\"?)"},
      {"network:\n  cidr: 10.0.0.0/16\n  tiers: [private]\n  nat: single\n", "p.yaml:4:8: nat single needs a public tier for the NAT gateways (add public to tiers or set nat: none)"},
  };
  for (const ErrorCase& c : cases) {
    Expand(c.yaml);
    ASSERT_EQ(diags_.size(), 1u) << c.yaml << "\n" << Errors();
    EXPECT_EQ(diags_[0].ToString(), c.want);
    EXPECT_TRUE(config_.resources.empty()) << c.yaml;
  }
}

}  // namespace
}  // namespace pave
