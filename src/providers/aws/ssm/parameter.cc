// aws_ssm_parameter (a spec). Read is batched: DescribeParameters with a Name filter of up to 50 names
// per call (all pages), which returns type, key, version and description but never the value.
// DescribeParameters returns no tags and SSM has no call that lists many parameters' tags, so
// a refresh keeps the tags last applied (tag drift is not detected). Update writes the value
// again (PutParameter with Overwrite, a new version): the value is secret, the provider only
// ever sees its fingerprint in state, so it cannot tell whether the value itself changed.
// Errors never quote the value (the generic type redacts secret attributes).
#include "providers/aws/ssm/parameter.h"

#include <algorithm>

#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {

// The ARN the spec's arn_format makes, for callers that know only the name.
std::string SsmParameterArn(const std::string& region, const std::string& account, const std::string& name) {
  std::string path = name.rfind('/', 0) == 0 ? name.substr(1) : name;
  return "arn:aws:ssm:" + region + ":" + account + ":parameter/" + path;
}

TagSpec SsmParameterTags() {
  return {.style = TagStyle::kKeyValueList, .create_member = "Tags", .tag_operation = "AddTagsToResource",
          .untag_operation = "RemoveTagsFromResource", .resource_member = "ResourceId",
          .resource_attribute = "name", .resource_constants = {{"ResourceType", "Parameter"}},
          .tags_member = "Tags", .keys_member = "TagKeys", .list_operation = "ListTagsForResource",
          .list_result = "TagList"};
}

Result<std::vector<Value>> DescribeSsmParameters(const SpecEnv& env, const std::vector<std::string>& names) {
  std::vector<Value> items;
  for (size_t start = 0; start < names.size(); start += kMaxSsmFilterValues) {
    size_t end = std::min(names.size(), start + kMaxSsmFilterValues);
    Value chunk(std::vector<std::string>(names.begin() + static_cast<ptrdiff_t>(start),
                                         names.begin() + static_cast<ptrdiff_t>(end)));
    Value filter = {{"Key", "Name"}, {"Option", "Equals"}, {"Values", chunk}};
    ASSIGN_OR_RETURN(Value out, env.client->CallAllPages("ssm", "DescribeParameters",
                                                         {{"ParameterFilters", Value::array({filter})}}));
    for (Value& p : out.value("Parameters", Value::array())) items.push_back(std::move(p));
  }
  return items;
}

namespace {

bool CompleteParameter(const SpecEnv&, const Value&, const Value&, Value* attrs) {
  if (!attrs->contains("description")) (*attrs)["description"] = "";
  if (!attrs->contains("tier")) (*attrs)["tier"] = "Standard";
  if (!attrs->contains("version")) (*attrs)["version"] = 0;
  return true;
}

ResourceSpec ParameterSpec() {
  return {
      .type = "aws_ssm_parameter",
      .description = "an SSM Parameter Store parameter",
      .service = "ssm",
      .key_attribute = "name",
      .attributes = {
          {.name = "name", .required = true, .force_new = true, .description = "the parameter name, e.g. /shop/github-token",
           .create_member = "Name", .read_member = "Name"},
          {.name = "type", .force_new = true, .description = "SecureString, String or StringList",
           .default_value = Value("SecureString"), .create_member = "Type", .read_member = "Type"},
          {.name = "value", .required = true, .secret = true, .description = "the value; from ${env:NAME} or ${file:path}",
           .create_member = "Value"},
          {.name = "key_id", .computed = true,
           .description = "KMS key (id, ARN or alias) of a SecureString; alias/aws/ssm when unset",
           .create_member = "KeyId", .read_member = "KeyId"},
          {.name = "description", .description = "what it holds", .default_value = Value(""),
           .create_member = "Description", .read_member = "Description"},
          {.name = "tier", .description = "Standard, Advanced or Intelligent-Tiering", .default_value = Value("Standard"),
           .create_member = "Tier", .read_member = "Tier"},
          {.name = "tags"},
          {.name = "arn", .computed = true, .stable = true, .description = "the resource's ARN"},
          {.name = "version", .type = AttrType::kInt, .computed = true,
           .description = "the value's version, +1 on every write", .read_member = "Version"}},
      .arn_format = "arn:aws:ssm:{region}:{account}:parameter/{path}",
      .holds_data = true,
      .create = {.operation = "PutParameter", .conflict_codes = {"ParameterAlreadyExists"}},
      .read = {.style = ReadStyle::kListAndMatch, .operation = "DescribeParameters", .result_key = "Parameters",
               .item_key = "Name"},
      .updates = {{.operation = "PutParameter", .key_member = "Name",
                   .members = {{"value", "Value"}, {"type", "Type"}, {"description", "Description"},
                               {"tier", "Tier"}, {"key_id", "KeyId"}},
                   .constants = {{"Overwrite", true}}}},
      .tags = SsmParameterTags(),
      .del = {.operation = "DeleteParameter", .key_member = "Name"},
      .find = FindStyle::kByKey,
      .hooks = {.read = CompleteParameter, .read_items = DescribeSsmParameters},
  };
}

}  // namespace

std::unique_ptr<ResourceType> NewSsmParameterType(AwsTypeDeps deps) {
  return NewSpecType(std::move(deps), ParameterSpec());
}

void RegisterSsmTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewSsmParameterType(deps));
  registry->Register(NewSpecType(deps, SsmDeployKeySpec()));
}

}  // namespace pave::aws_provider
