// WafBlueprint: the `waf:` section — WAFv2 web ACLs with AWS managed rule groups and a rate rule.
//
//   waf:
//     - {name: ingress, scope: regional, managedRules: [common, known-bad-inputs, ip-reputation],
//        rateLimit: 2000}
//
// Each entry adds aws_wafv2_web_acl.<name> (default action allow; scope regional, the default,
// or cloudfront), one rule per managed group (AWSManagedRulesCommonRuleSet,
// ...KnownBadInputsRuleSet, ...AmazonIpReputationList, ...AnonymousIpList, ...SQLiRuleSet,
// ...LinuxRuleSet), and, with rateLimit (100 to 2,000,000,000 requests per 5 minutes and IP),
// a blocking rate rule. managedRules defaults to [common, known-bad-inputs, ip-reputation].
// Exports waf.<name>.arn and shows it in `pave outputs` (for a load balancer's association).
#pragma once

#include <string>
#include <vector>

#include "platform/blueprint.h"

namespace pave {

class WafBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "waf"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The AWS managed rule group a short name stands for ("common" -> "AWSManagedRulesCommonRuleSet");
// "" when unknown.
std::string ManagedRuleGroup(const std::string& short_name);
std::vector<std::string> ManagedRuleNames();

}  // namespace pave
