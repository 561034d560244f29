// Security Hub for the whole organization:
//   aws_securityhub_organization_admin_account  the member account that administers Security
//       Hub for the organization (from the management account; AWS registers it as the
//       delegated administrator in Organizations too)
//   aws_securityhub_organization_configuration  in that account: Security Hub and its default
//       standards turned on by AWS in every account that joins the organization
//   aws_securityhub_member  in that account: an account of the organization that was there
//       before Security Hub's auto-enable (CreateMembers; DisassociateMembers at delete, as
//       AWS does not delete organization members)
// and one standard turned on in an account:
//   aws_securityhub_standards_subscription  BatchEnableStandards of one standard (its input, a
//       list of requests, is made by a create_input hook); GetEnabledStandards reads them all;
//       BatchDisableStandards turns it off. Enabling an enabled standard answers the same
//       subscription, so a create whose answer was lost is simply made again.
#include <algorithm>

#include "providers/aws/organizations/organizations_types.h"
#include "providers/aws/securityhub/hub.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

ResourceSpec SecurityHubOrganizationAdminSpec() {
  return ServiceOrganizationAdminSpec("aws_securityhub_organization_admin_account", "securityhub", "AccountId",
                                      "Status");
}

ResourceSpec SecurityHubOrganizationConfigurationSpec() {
  return {
      .type = "aws_securityhub_organization_configuration",
      .description = "Security Hub turned on in accounts that join the organization (in the administrator account)",
      .service = "securityhub",
      .singleton = true,
      .attributes = {{.name = "auto_enable",
                      .type = AttrType::kBool,
                      .description = "new member accounts get Security Hub",
                      .default_value = true,
                      .create_member = "AutoEnable",
                      .read_member = "AutoEnable"},
                     {.name = "auto_enable_standards",
                      .description = "DEFAULT (AWS's default standards in new members) or NONE",
                      .default_value = "DEFAULT",
                      .create_member = "AutoEnableStandards",
                      .read_member = "AutoEnableStandards"}},
      .create = {.operation = "UpdateOrganizationConfiguration"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeOrganizationConfiguration"},
      .updates = {{.operation = "UpdateOrganizationConfiguration",
                   .members = {{"auto_enable", "AutoEnable"}, {"auto_enable_standards", "AutoEnableStandards"}}}},
      // Deleted: new members no longer get Security Hub (AWS's default).
      .del = {.operation = "UpdateOrganizationConfiguration",
              .constants = {{"AutoEnable", false}, {"AutoEnableStandards", "NONE"}}},
  };
}

namespace {

Status MemberRequest(const SpecEnv&, const Value& desired, Value* input) {
  Value details = {{"AccountId", desired.value("account_id", "")}};
  if (desired.contains("email") && desired["email"].is_string()) details["Email"] = desired["email"];
  (*input)["AccountDetails"] = Value::array({details});
  return Status::Ok();
}

}  // namespace

ResourceSpec SecurityHubMemberSpec() {
  return {
      .type = "aws_securityhub_member",
      .description = "an account whose Security Hub findings the administrator account (where it is made) sees",
      .service = "securityhub",
      .key_attribute = "account_id",
      .attributes = {{.name = "account_id",
                      .required = true,
                      .force_new = true,
                      .description = "the member account (12 digits)",
                      .read_member = "AccountId"},
                     {.name = "email",
                      .force_new = true,
                      .computed = true,
                      .description = "its root email, for an invitation (organization accounts need none)",
                      .read_member = "Email"},
                     {.name = "member_status",
                      .computed = true,
                      .description = "its relationship with the administrator (Enabled, Created, Invited, ...)",
                      .read_member = "MemberStatus"}},
      .create = {.operation = "CreateMembers", .unsuccessful_member = "UnprocessedAccounts"},
      // ListMembers lists the associated members: one removed or resigned is not there.
      .read = {.style = ReadStyle::kListAndMatch, .operation = "ListMembers", .result_key = "Members",
               .item_key = "AccountId"},
      .del = {.operation = "DisassociateMembers", .key_member = "AccountIds", .key_in_list = true},
      // A create whose answer was lost is found by the account id (CreateMembers of a member
      // answers "already a member").
      .find = FindStyle::kByKey,
      .hooks = {.read = [](const SpecEnv&, const Value& item, const Value&, Value*) {
                  std::string status = item.value("MemberStatus", "");
                  std::transform(status.begin(), status.end(), status.begin(), [](char c) { return char(c | 0x20); });
                  return status != "removed" && status != "deleted" && status != "resigned";
                },
                .create_input = MemberRequest},
  };
}

namespace {

Status StandardsRequest(const SpecEnv&, const Value& desired, Value* input) {
  (*input)["StandardsSubscriptionRequests"] = Value::array({{{"StandardsArn", desired.value("standards_arn", "")}}});
  return Status::Ok();
}

}  // namespace

ResourceSpec SecurityHubStandardsSubscriptionSpec() {
  return {
      .type = "aws_securityhub_standards_subscription",
      .description = "one Security Hub standard turned on in the account and region",
      .service = "securityhub",
      .attributes = {{.name = "standards_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the standard (arn:aws:securityhub:REGION::standards/...)",
                      .read_member = "StandardsArn"},
                     {.name = "status",
                      .computed = true,
                      .description = "PENDING, READY, INCOMPLETE, DELETING or FAILED",
                      .read_member = "StandardsStatus"}},
      .create = {.operation = "BatchEnableStandards",
                 .id_output = "StandardsSubscriptions.StandardsSubscriptionArn"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "GetEnabledStandards",
               .result_key = "StandardsSubscriptions",
               .item_key = "StandardsSubscriptionArn"},
      .del = {.operation = "BatchDisableStandards",
              .key_member = "StandardsSubscriptionArns",
              .gone_codes = {"InvalidAccessException"},
              .key_in_list = true},
      .hooks = {.create_input = StandardsRequest},
  };
}

}  // namespace pave::aws_provider
