// ChecksBlueprint: the `checks:` section — Well-Architected findings silenced per resource,
// each with the reason (checks.h):
//
//   checks:
//     ignore:
//       - {rule: WA-REL-001, resource: aws_db_instance.orders, reason: "test data, rebuilt nightly"}
//
// `resource` is an address or "*" (every resource). A missing reason, an unknown rule (with
// did-you-mean) or an unknown key is an error at its place. It makes no resource; the entries
// reach `pave check` and plans through the exports (kChecksIgnoreExport).
#pragma once

#include <string>
#include <vector>

#include "platform/blueprint.h"
#include "platform/checks/checks.h"

namespace pave {

inline constexpr char kChecksIgnoreExport[] = "checks.ignore";

class ChecksBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "checks"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The silences the section exported (empty without a `checks:` section).
std::vector<CheckIgnore> IgnoresFromExports(const std::map<std::string, Value>& exports);

}  // namespace pave
