// The waf: section, expanded alone.
#include "platform/blueprints/waf.h"

#include <gtest/gtest.h>

namespace pave {
namespace {

class WafBlueprintTest : public ::testing::Test {
 protected:
  void Expand(const std::string& yaml) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load(yaml);
    BlueprintContext ctx("p.yaml", {.name = "shop", .region = "eu-west-1"}, &config_, &diags_);
    ctx.BeginSection("waf", root_["waf"]);
    waf_.Expand(root_["waf"], ctx);
    const Value* arn = ctx.Import("waf.ingress.arn");
    arn_ = arn != nullptr ? *arn : Value();
  }

  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }

  WafBlueprint waf_;
  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
  Value arn_;
};

TEST_F(WafBlueprintTest, ManagedGroupsAndARateRule) {
  Expand(R"(
waf:
  - {name: ingress, scope: regional, managedRules: [common, known-bad-inputs, ip-reputation], rateLimit: 2000}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  ASSERT_EQ(config_.resources.size(), 1u);
  const ResourceConfig& acl = config_.resources[0];
  EXPECT_EQ(acl.address, (ResourceAddress{"aws_wafv2_web_acl", "ingress"}));
  const Value& p = acl.properties;
  EXPECT_EQ(p["name"], "shop-ingress");
  EXPECT_EQ(p["scope"], "REGIONAL");
  EXPECT_EQ(p["default_action"], Value({{"Allow", Value::object()}}));
  ASSERT_EQ(p["rules"].size(), 4u);
  EXPECT_EQ(p["rules"][0]["Statement"]["ManagedRuleGroupStatement"]["Name"],
            "AWSManagedRulesCommonRuleSet");
  EXPECT_EQ(p["rules"][1]["Statement"]["ManagedRuleGroupStatement"]["Name"],
            "AWSManagedRulesKnownBadInputsRuleSet");
  EXPECT_EQ(p["rules"][2]["Statement"]["ManagedRuleGroupStatement"]["Name"],
            "AWSManagedRulesAmazonIpReputationList");
  EXPECT_EQ(p["rules"][3]["Statement"]["RateBasedStatement"]["Limit"], 2000);
  EXPECT_EQ(p["rules"][3]["Action"], Value({{"Block", Value::object()}}));
  EXPECT_EQ(p["rules"][3]["Priority"], 4);
  EXPECT_EQ(arn_, "${aws_wafv2_web_acl.ingress.arn}");
}

TEST_F(WafBlueprintTest, DefaultsAndMistakes) {
  Expand("waf:\n  - {name: edge, scope: cloudfront}\n");
  ASSERT_TRUE(diags_.empty()) << Errors();
  EXPECT_EQ(config_.resources[0].properties["scope"], "CLOUDFRONT");
  EXPECT_EQ(config_.resources[0].properties["rules"].size(),
            3u);  // the default three, no rate rule

  Expand("waf:\n  - {name: ingress, managedRules: [comon], rateLimit: 5, scop: x}\n");
  std::string errors = Errors();
  EXPECT_NE(errors.find("unknown managed rule group \"comon\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("rateLimit must be a whole number"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown key \"scop\""), std::string::npos) << errors;
  Expand("waf:\n  - {name: ingress, scope: global}\n");
  EXPECT_NE(Errors().find("scope must be regional or cloudfront"), std::string::npos) << Errors();
}

}  // namespace
}  // namespace pave
