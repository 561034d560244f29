// aws_wafv2_web_acl as a spec. A web ACL is read by name, scope and id (GetWebACL, one call
// per ACL, several at once); every change and the delete give the lock token of the
// last read (`lock_token`, from the prior value), so a change made meanwhile elsewhere is
// refused (WAFOptimisticLockException) rather than overwritten. Rules are AWS-shaped values
// (the blueprint in platform/blueprints/ writes them).
#include "providers/aws/wafv2/web_acl.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// The scope is how the ACL was asked for; no rules read as none.
bool AclScope(const SpecEnv&, const Value&, const Value& prior, Value* attrs) {
  (*attrs)["scope"] = GetString(prior, "scope", "REGIONAL");
  if (!attrs->contains("rules")) (*attrs)["rules"] = Value::array();
  return true;
}

}  // namespace

// A web ACL's name is unique in its scope: the one of the wanted name (an earlier create whose
// answer was lost), adopted only when its tags say it is ours.
Result<std::optional<std::string>> FindWebAcl(const SpecEnv& env, const OperationContext&,
                                              const Value& desired) {
  ASSIGN_OR_RETURN(Value out, env.client->CallAllPages("wafv2", "ListWebACLs",
                                                       Value{{"Scope", GetString(desired, "scope")}}));
  for (const Value& acl : out.value("WebACLs", Value::array())) {
    if (GetString(acl, "Name") == GetString(desired, "name")) return std::optional<std::string>(GetString(acl, "Id"));
  }
  return std::optional<std::string>();
}

ResourceSpec WebAclSpec() {
  return {
      .type = "aws_wafv2_web_acl",
      .description = "a WAFv2 web ACL",
      .service = "wafv2",
      .attributes = {{.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "the ACL's name",
                      .create_member = "Name",
                      .read_member = "WebACL.Name"},
                     {.name = "scope",
                      .required = true,
                      .force_new = true,
                      .description = "REGIONAL or CLOUDFRONT",
                      .create_member = "Scope"},
                     {.name = "default_action",
                      .type = AttrType::kMap,
                      .required = true,
                      .description = "{Allow: {}} or {Block: {}}",
                      .create_member = "DefaultAction",
                      .read_member = "WebACL.DefaultAction"},
                     {.name = "rules",
                      .type = AttrType::kList,
                      .description = "the rules, AWS-shaped",
                      .default_value = Value::array(),
                      .create_member = "Rules",
                      .read_member = "WebACL.Rules"},
                     {.name = "visibility_config",
                      .type = AttrType::kMap,
                      .required = true,
                      .description =
                          "{SampledRequestsEnabled, CloudWatchMetricsEnabled, MetricName}",
                      .create_member = "VisibilityConfig",
                      .read_member = "WebACL.VisibilityConfig"},
                     {.name = "lock_token",
                      .computed = true,
                      .description = "the lock token of the last read",
                      .read_member = "LockToken"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the ACL's ARN",
                      .read_member = "WebACL.ARN"}},
      .create = {.operation = "CreateWebACL", .id_output = "Summary.Id"},
      .read = {.style = ReadStyle::kGetEach,
               .operation = "GetWebACL",
               .get_members = {{"name", "Name"}, {"scope", "Scope"}, {"id", "Id"}}},
      .updates = {{.operation = "UpdateWebACL",
                   .key_member = "Id",
                   .members = {{"name", "Name"},
                               {"scope", "Scope"},
                               {"default_action", "DefaultAction"},
                               {"rules", "Rules"},
                               {"visibility_config", "VisibilityConfig"}},
                   .prior_members = {{"lock_token", "LockToken"}}}},
      .tags = {.style = TagStyle::kKeyValueList,
               .create_member = "Tags",
               .tag_operation = "TagResource",
               .untag_operation = "UntagResource",
               .resource_member = "ResourceARN",
               .tags_member = "Tags",
               .keys_member = "TagKeys",
               .list_operation = "ListTagsForResource",
               .list_result = "TagInfoForResource.TagList"},
      .del = {.operation = "DeleteWebACL",
              .key_member = "Id",
              .members = {{"name", "Name"}, {"scope", "Scope"}, {"lock_token", "LockToken"}},
              .gone_codes = {"WAFNonexistentItemException"}},
      .find = FindStyle::kByKey,
      .hooks = {.read = AclScope, .find_key = FindWebAcl},
  };
}

std::unique_ptr<ResourceType> NewWebAclType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), WebAclSpec());
}

}  // namespace pave::aws_provider
