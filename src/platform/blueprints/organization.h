// OrganizationBlueprint: the `organization:` section — the AWS organization this (management)
// account runs, its units, member accounts and service control policies.
//
//   organization:
//     units:                                             # under the root: names or
//       - {name: security, policies: [deny-leave-organization]}   # {name, policies}
//       - workloads
//     accounts:
//       - {name: audit, email: audit@example.com, unit: security}
//       - {name: legacy, id: "123456789012"}            # a member: adopted, not created
//     policies:
//       - {name: deny-leave-organization, attach: [root]}               # a built-in
//       - {name: allowed-regions, regions: [eu-west-1], attach: [workloads]}
//       - {name: custom, document: file:scp/custom.json, attach: [audit]}
//
// Built-in policies: deny-leave-organization, deny-root-user, protect-security-services,
// allowed-regions (needs `regions`; global services exempt). `document: file:` is read
// relative to the platform file, checked as JSON (file:line:col) and against the SCP size
// limit (5120 characters). `attach` names root, units or accounts. Exports
// organization.accounts.<name> (the account id) and organization.root_id.
#pragma once

#include <string>
#include <vector>

#include "platform/blueprint.h"

namespace pave {

class OrganizationBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "organization"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

inline constexpr size_t kMaxScpCharacters = 5120;

// The built-in policy `name` as compact JSON, or "" when there is no such built-in.
// `regions` is used by allowed-regions only.
std::string BuiltinPolicy(const std::string& name, const std::vector<std::string>& regions);

}  // namespace pave
