// BaselineBlueprint: the `baseline:` section (issue 14) — the account's security baseline.
//
//   baseline:                       # or `baseline: true`; `baseline: false` turns it off
//     cloudtrail: {retentionDays: 365}
//     config: {rules: recommended}  # or a list of AWS managed rule identifiers
//     guardduty: true
//     securityHub: {standards: default} # AWS's default standards, or []
//     accessAnalyzer: true              # an ACCOUNT analyzer
//     passwordPolicy: {minLength: 14, maxAgeDays: 90, reuse: 24}
//     ebsEncryption: true
//     s3PublicAccessBlock: true
//     alarms: {email: security@example.org}
//
// Every part is on unless set to `false`. It makes a security bucket (versioned, public access
// blocked, AES256, holds data), a multi-region trail with log file validation into the bucket
// and a CloudWatch log group (with its role), the Config recorder, its status and delivery
// channel plus managed rules, a GuardDuty detector, Security Hub, an Access Analyzer
// analyzer, the account password policy, EBS
// encryption by default, the account's S3 public access block, and CIS metric filters on the
// trail's log group with alarms to an SNS topic (and an email subscription).
// Addresses are <type>.baseline or <type>.baseline-<part> (docs/security.md lists them).
#pragma once

#include <string>
#include <vector>

#include "platform/blueprint.h"

namespace pave {

class BaselineBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "baseline"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The AWS managed Config rules `config: {rules: recommended}` stands for.
const std::vector<std::string>& RecommendedConfigRules();

}  // namespace pave
