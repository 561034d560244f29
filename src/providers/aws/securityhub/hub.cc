// aws_securityhub_account as a singleton spec: EnableSecurityHub turns it on (with AWS's
// default standards, Foundational Security Best Practices and CIS, when asked), DescribeHub
// reads it (InvalidAccessException: not subscribed, so not there), DisableSecurityHub turns it
// off. A hub that is on already was turned on by someone else (often an organization's
// delegated administrator): the create fails with AWS's answer and pave does not take it over.
#include "providers/aws/securityhub/hub.h"

#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

ResourceSpec SecurityHubAccountSpec() {
  return {
      .type = "aws_securityhub_account",
      .description = "Security Hub in the account and region (delete: turned off)",
      .service = "securityhub",
      .singleton = true,
      .attributes = {{.name = "enable_default_standards",
                      .type = AttrType::kBool,
                      .force_new = true,
                      .description = "turn on AWS Foundational Security Best Practices and CIS with the hub",
                      .default_value = true,
                      .create_member = "EnableDefaultStandards"},
                     {.name = "auto_enable_controls",
                      .type = AttrType::kBool,
                      .computed = true,
                      .description = "new controls of enabled standards are turned on by AWS",
                      .read_member = "AutoEnableControls"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the hub's ARN",
                      .read_member = "HubArn"}},
      .create = {.operation = "EnableSecurityHub"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeHub"},
      .del = {.operation = "DisableSecurityHub", .gone_codes = {"InvalidAccessException"}},
      // DescribeHub does not say whether the default standards came with the hub: kept as made.
      .hooks = {.read = [](const SpecEnv&, const Value&, const Value& prior, Value* attrs) {
        (*attrs)["enable_default_standards"] = prior.value("enable_default_standards", Value(true));
        return true;
      }},
  };
}

std::unique_ptr<ResourceType> NewSecurityHubAccountType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), SecurityHubAccountSpec());
}

}  // namespace pave::aws_provider
