// aws_ssm_parameter. Read is batched: DescribeParameters with a Name filter of up to 50 names
// per call (all pages), which returns type, key, version and description but never the value.
// DescribeParameters returns no tags and SSM has no call that lists many parameters' tags, so
// a refresh keeps the tags last applied (tag drift is not detected). Update writes the value
// again (PutParameter with Overwrite, a new version): the provider only ever sees the value's
// fingerprint in state, so it cannot tell whether the value itself changed.
#include "providers/aws/ssm/parameter.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"
#include "providers/aws/ssm/redact.h"

namespace pave::aws_provider {

std::string SsmParameterArn(const std::string& region, const std::string& account, const std::string& name) {
  std::string path = name.rfind('/', 0) == 0 ? name.substr(1) : name;
  return "arn:aws:ssm:" + region + ":" + account + ":parameter/" + path;
}

namespace {

ResourceSchema ParameterSchema() {
  AttributeSchema value = Required("value", AttrType::kString, "the value; from ${env:NAME} or ${file:path}");
  value.secret = true;
  ResourceSchema s;
  s.type = "aws_ssm_parameter";
  s.description = "an SSM Parameter Store parameter";
  s.attributes = {
      Required("name", AttrType::kString, "the parameter name, e.g. /shop/github-token", true),
      Optional("type", AttrType::kString, "SecureString, String or StringList", Value("SecureString"), true),
      value,
      Computed("key_id", AttrType::kString, "KMS key (id, ARN or alias) of a SecureString; alias/aws/ssm when unset"),
      Optional("description", AttrType::kString, "what it holds", Value("")),
      Optional("tier", AttrType::kString, "Standard, Advanced or Intelligent-Tiering", Value("Standard")),
      TagsAttribute(),
      ArnAttribute(),
      Computed("version", AttrType::kInt, "the value's version, +1 on every write"),
  };
  s.holds_data = true;
  return s;
}

class SsmParameterType : public AwsResourceType {
 public:
  explicit SsmParameterType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), ParameterSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    Value input = PutInput(desired);
    input["Tags"] = TagMapToList(TagsForCreate(ctx, desired));
    Status s = Put(input, desired);
    if (!s.ok() && s.reason() == "ParameterAlreadyExists") {
      ASSIGN_OR_RETURN(std::optional<Value> mine, Find(ctx, desired));
      if (!mine) return s.WithContext("parameter " + name + " exists and was not made by this platform");
      return Update(ctx, *mine, desired);
    }
    RETURN_IF_ERROR(s);
    return ReadBack(ctx, Key(desired));
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    ASSIGN_OR_RETURN(auto found, Describe(PriorValues(requests, "name")));
    std::vector<std::optional<Value>> out;
    for (const ReadRequest& r : requests) {
      auto it = found.find(GetString(r.prior, "name"));
      if (it == found.end()) {
        out.push_back(std::nullopt);
        continue;
      }
      ASSIGN_OR_RETURN(Value a, ToAttributes(it->second));
      a["tags"] = r.prior.value("tags", Value::object());
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string name = GetString(prior, "name");
    Value input = PutInput(desired);
    input["Overwrite"] = true;
    RETURN_IF_ERROR(Put(input, desired));
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) {
      RETURN_IF_ERROR(Ssm("RemoveTagsFromResource",
                          {{"ResourceType", "Parameter"}, {"ResourceId", name}, {"TagKeys", removed}})
                          .status());
    }
    RETURN_IF_ERROR(Ssm("AddTagsToResource", {{"ResourceType", "Parameter"},
                                              {"ResourceId", name},
                                              {"Tags", TagMapToList(TagsForCreate(ctx, desired, false))}})
                        .status());
    return ReadBack(ctx, Key(desired));
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = Ssm("DeleteParameter", {{"Name", GetString(prior, "name")}}).status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    ASSIGN_OR_RETURN(auto found, Describe({name}));
    auto it = found.find(name);
    if (it == found.end()) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value tags, Ssm("ListTagsForResource", {{"ResourceType", "Parameter"}, {"ResourceId", name}}));
    Value tag_list = tags.value("TagList", Value::array());
    ASSIGN_OR_RETURN(bool ours, Adoptable(ctx, tag_list, "SSM parameter " + name));
    if (!ours) return std::optional<Value>();
    ASSIGN_OR_RETURN(Value a, ToAttributes(it->second));
    a["tags"] = UserTags(tag_list);
    return std::optional<Value>(std::move(a));
  }

 private:
  Result<Value> Ssm(const std::string& op, const Value& input) const { return client()->Call("ssm", op, input); }

  // PutParameter's input without tags or Overwrite.
  static Value PutInput(const Value& desired) {
    std::string type = GetString(desired, "type", "SecureString");
    Value input = {{"Name", GetString(desired, "name")},
                   {"Value", GetString(desired, "value")},
                   {"Type", type},
                   {"Description", GetString(desired, "description")},
                   {"Tier", GetString(desired, "tier", "Standard")}};
    if (type == "SecureString" && !GetString(desired, "key_id").empty()) input["KeyId"] = desired["key_id"];
    return input;
  }

  // Errors never quote the value.
  Status Put(const Value& input, const Value& desired) const {
    return Redacted(Ssm("PutParameter", input).status(), GetString(desired, "value"));
  }

  static Value Key(const Value& desired) {
    return {{"id", GetString(desired, "name")},
            {"name", GetString(desired, "name")},
            {"tags", desired.value("tags", Value::object())}};
  }

  // Parameters by name, for every name (chunks of 50, all pages).
  Result<std::map<std::string, Value>> Describe(const std::vector<std::string>& names) const {
    std::vector<Value> items;
    for (size_t start = 0; start < names.size(); start += kMaxSsmFilterValues) {
      size_t end = std::min(names.size(), start + kMaxSsmFilterValues);
      Value chunk(std::vector<std::string>(names.begin() + static_cast<ptrdiff_t>(start),
                                           names.begin() + static_cast<ptrdiff_t>(end)));
      Value filter = {{"Key", "Name"}, {"Option", "Equals"}, {"Values", chunk}};
      ASSIGN_OR_RETURN(Value out, client()->CallAllPages("ssm", "DescribeParameters",
                                                         {{"ParameterFilters", Value::array({filter})}}));
      for (Value& p : out.value("Parameters", Value::array())) items.push_back(std::move(p));
    }
    return IndexBy(items, "Name");
  }

  // The attributes of one DescribeParameters item; never its value.
  Result<Value> ToAttributes(const Value& p) const {
    std::string name = GetString(p, "Name");
    std::string arn = GetString(p, "ARN");
    if (arn.empty()) {
      ASSIGN_OR_RETURN(std::string account, Account());
      arn = SsmParameterArn(region(), account, name);
    }
    Value a = {{"id", name},
               {"name", name},
               {"type", GetString(p, "Type")},
               {"description", GetString(p, "Description")},
               {"tier", GetString(p, "Tier", "Standard")},
               {"version", GetInt(p, "Version", 0)},
               {"arn", arn}};
    if (!GetString(p, "KeyId").empty()) a["key_id"] = p["KeyId"];
    return a;
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewSsmParameterType(AwsTypeDeps deps) {
  return std::make_unique<SsmParameterType>(std::move(deps));
}

void RegisterSsmTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  registry->Register(NewSsmParameterType(deps));
}

}  // namespace pave::aws_provider
