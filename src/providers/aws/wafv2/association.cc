// aws_wafv2_web_acl_association as a spec: a web ACL in front of a regional resource (an
// Application Load Balancer, an API Gateway stage...). The resource's ARN is the key (it has
// one ACL at most): AssociateWebACL makes it and moves it to another ACL in place,
// GetWebACLForResource reads it (a read_batch hook: one call per resource), DisassociateWebACL
// deletes it. Associating again is harmless, so a create whose answer was lost is found by
// the key and taken when it names the wanted ACL.
#include "providers/aws/wafv2/web_acl.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

Result<std::vector<std::optional<Value>>> ReadAssociations(const SpecEnv& env,
                                                           const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    const std::string arn = GetString(r.prior, "resource_arn");
    Result<Value> out = env.client->Call("wafv2", "GetWebACLForResource", Value{{"ResourceArn", arn}});
    if (!out.ok() && (IsNotFound(out.status()) || out.status().reason() == "WAFNonexistentItemException")) {
      result.emplace_back();  // the resource is gone, and its association with it
      continue;
    }
    if (!out.ok()) return out.status();
    std::string acl = GetString(out->value("WebACL", Value::object()), "ARN");
    if (acl.empty()) {
      result.emplace_back();  // no ACL in front of it
      continue;
    }
    result.push_back(Value{{"id", arn}, {"resource_arn", arn}, {"web_acl_arn", acl}});
  }
  return result;
}

}  // namespace

ResourceSpec WebAclAssociationSpec() {
  return {
      .type = "aws_wafv2_web_acl_association",
      .description = "a WAFv2 web ACL in front of a regional resource (a load balancer, an API stage)",
      .service = "wafv2",
      .key_attribute = "resource_arn",
      .attributes = {{.name = "resource_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the protected resource (arn:aws:elasticloadbalancing:...:loadbalancer/app/...)",
                      .create_member = "ResourceArn"},
                     {.name = "web_acl_arn",
                      .required = true,
                      .description = "the web ACL (changed in place)",
                      .create_member = "WebACLArn"}},
      .create = {.operation = "AssociateWebACL"},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "GetWebACLForResource", .result_key = "WebACL"},
      .updates = {{.operation = "AssociateWebACL",
                   .key_member = "ResourceArn",
                   .members = {{"web_acl_arn", "WebACLArn"}}}},
      .del = {.operation = "DisassociateWebACL",
              .key_member = "ResourceArn",
              .gone_codes = {"WAFNonexistentItemException"}},
      .find = FindStyle::kByKey,
      .hooks = {.read_batch = ReadAssociations,
                .adoptable = [](const Value& desired, const Value& attrs) {
                  return GetString(desired, "web_acl_arn") == GetString(attrs, "web_acl_arn");
                }},
  };
}

}  // namespace pave::aws_provider
