// PeopleBlueprint: the `people:` section — roles people assume in every account of the
// organization (and the management account), and IAM groups in the management account whose
// members may assume them.
//
//   people:
//     sso: false            # true: IAM Identity Center permission sets, groups, assignments
//     roles:
//       - {name: admin, managedPolicy: AdministratorAccess, mfa: true, maxSessionHours: 4}
//       - {name: readonly, policy: arn:aws:iam::aws:policy/ReadOnlyAccess}
//     groups:
//       - {name: admins, roles: [admin]}
//
// Each role in account X is aws_iam_role.<X>-<role> with `account` set to
// ${aws_organizations_account.X.id} (the literal id for accounts given by id), trusting the
// management account (with aws:MultiFactorAuthPresent where mfa: true), its managed policy
// attached; in the management account it is aws_iam_role.management-<role>. Each group gets
// an inline policy allowing sts:AssumeRole on its roles in every account. With sso: true each
// role is a permission set with its managed policy, each group an identity store group given
// its roles in every account (docs/organization.md). Needs the organization: section (its
// organization.members export).
#pragma once

#include <string>

#include "platform/blueprint.h"

namespace pave {

class PeopleBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "people"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override;
};

// The trust policy of a people role: the management account `management` (an id or a
// reference), with the MFA condition when `mfa`.
std::string PeopleTrustPolicy(const std::string& management, bool mfa);

}  // namespace pave
