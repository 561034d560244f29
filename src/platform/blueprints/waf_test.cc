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

// associate: the ACL in front of the load balancers named, one association each, named after
// the load balancer; only for regional ACLs, only ARNs (or references to them).
TEST_F(WafBlueprintTest, AssociateNamesTheResourcesTheAclStandsBefore) {
  Expand(R"(
waf:
  - name: ingress
    associate:
      - arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/k8s-shop-web/50dc6c495c0c9188
      - ${aws_lb.api.arn}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  ASSERT_EQ(config_.resources.size(), 3u);
  const ResourceConfig& web = config_.resources[1];
  EXPECT_EQ(web.address, (ResourceAddress{"aws_wafv2_web_acl_association", "ingress-k8s-shop-web"}));
  EXPECT_EQ(web.properties["resource_arn"],
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/k8s-shop-web/50dc6c495c0c9188");
  EXPECT_EQ(web.properties["web_acl_arn"], "${aws_wafv2_web_acl.ingress.arn}");
  EXPECT_EQ(config_.resources[2].address, (ResourceAddress{"aws_wafv2_web_acl_association", "ingress-2"}));

  Expand("waf:\n  - {name: edge, scope: cloudfront, associate: [arn:aws:cloudfront::1:distribution/E1]}\n");
  EXPECT_NE(Errors().find("associate is for regional ACLs"), std::string::npos) << Errors();
  Expand("waf:\n  - {name: ingress, associate: [my-load-balancer]}\n");
  EXPECT_NE(Errors().find("\"my-load-balancer\" is not an ARN"), std::string::npos) << Errors();
  Expand("waf:\n  - {name: ingress, associate: arn:aws:x}\n");
  EXPECT_NE(Errors().find("associate must be a list"), std::string::npos) << Errors();
}

}  // namespace
}  // namespace pave
