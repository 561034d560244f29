// aws_cloudwatch_log_group. Read is batched: DescribeLogGroups with the common prefix of the
// names, one call per page. DescribeLogGroups does not return tags, so a refresh keeps the
// tags last applied (tag drift on log groups is not detected).
#include "providers/aws/logs/log_group.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/aws_type.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/common/tags.h"

namespace pave::aws_provider {

std::string CommonPrefix(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string prefix = names[0];
  for (const std::string& n : names) {
    size_t i = 0;
    while (i < prefix.size() && i < n.size() && prefix[i] == n[i]) ++i;
    prefix.resize(i);
  }
  return prefix;
}

namespace {

ResourceSchema LogGroupSchema() {
  ResourceSchema s;
  s.type = "aws_cloudwatch_log_group";
  s.description = "a CloudWatch Logs group";
  s.attributes = {
      Required("name", AttrType::kString, "the group name", true),
      Optional("retention_in_days", AttrType::kInt, "days to keep events (unset: forever)"),
      TagsAttribute(),
      ArnAttribute(),
  };
  return s;
}

class LogGroupType : public AwsResourceType {
 public:
  explicit LogGroupType(AwsTypeDeps deps) : AwsResourceType(std::move(deps), LogGroupSchema()) {}

  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::string name = GetString(desired, "name");
    Status s = Logs("CreateLogGroup", {{"logGroupName", name}, {"tags", TagsForCreate(ctx, desired)}}).status();
    if (!s.ok() && s.reason() != "ResourceAlreadyExistsException") return s;
    RETURN_IF_ERROR(ApplyRetention(name, Value::object(), desired));
    ASSIGN_OR_RETURN(Value got, ReadBack(ctx, {{"id", name}, {"name", name}}));
    got["tags"] = desired.value("tags", Value::object());
    return got;
  }

  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::vector<std::string> names = PriorValues(requests, "name");
    std::map<std::string, Value> by_name;
    if (!names.empty()) {
      Value input = Value::object();
      std::string prefix = CommonPrefix(names);
      if (!prefix.empty()) input["logGroupNamePrefix"] = prefix;
      ASSIGN_OR_RETURN(Value out, client()->CallAllPages("logs", "DescribeLogGroups", input));
      by_name = IndexBy(out.value("logGroups", Value::array()).get<std::vector<Value>>(), "logGroupName");
    }
    std::vector<std::optional<Value>> result;
    for (const ReadRequest& r : requests) {
      auto it = by_name.find(GetString(r.prior, "name"));
      if (it == by_name.end()) {
        result.push_back(std::nullopt);
        continue;
      }
      Value a = {{"id", it->first}, {"name", it->first},
                 {"tags", r.prior.value("tags", Value::object())},
                 {"arn", GetString(it->second, "logGroupArn", GroupArn(it->second))}};
      if (it->second.contains("retentionInDays")) a["retention_in_days"] = it->second["retentionInDays"];
      result.push_back(std::move(a));
    }
    return result;
  }

  Result<Value> Update(const OperationContext& ctx, const Value& prior, const Value& desired) override {
    std::string name = GetString(prior, "name");
    RETURN_IF_ERROR(ApplyRetention(name, prior, desired));
    RETURN_IF_ERROR(SyncTags(ctx, prior, desired));
    ASSIGN_OR_RETURN(Value got, ReadBack(ctx, prior));
    got["tags"] = desired.value("tags", Value::object());
    return got;
  }

  Status Delete(const OperationContext& ctx, const Value& prior) override {
    (void)ctx;
    Status s = Logs("DeleteLogGroup", {{"logGroupName", GetString(prior, "name")}}).status();
    return IsNotFound(s) ? Status::Ok() : s;
  }

  Result<std::optional<Value>> Find(const OperationContext& ctx, const Value& desired) override {
    (void)ctx;
    ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, {{"id", GetString(desired, "name")},
                                                                {"name", GetString(desired, "name")},
                                                                {"tags", desired.value("tags", Value::object())}}}}));
    return got[0];
  }

 private:
  Result<Value> Logs(const std::string& op, const Value& input) { return client()->Call("logs", op, input); }

  static std::string GroupArn(const Value& g) {
    std::string arn = GetString(g, "arn");
    if (arn.size() > 2 && arn.compare(arn.size() - 2, 2, ":*") == 0) arn.resize(arn.size() - 2);
    return arn;
  }

  Status ApplyRetention(const std::string& name, const Value& current, const Value& desired) {
    Value want = desired.value("retention_in_days", Value());
    if (current.value("retention_in_days", Value()) == want) return Status::Ok();
    if (want.is_null()) return Logs("DeleteRetentionPolicy", {{"logGroupName", name}}).status();
    return Logs("PutRetentionPolicy", {{"logGroupName", name}, {"retentionInDays", want}}).status();
  }

  Status SyncTags(const OperationContext& ctx, const Value& prior, const Value& desired) {
    std::string arn = GetString(prior, "arn");
    Value removed = RemovedTagKeys(prior.value("tags", Value::object()), desired.value("tags", Value::object()));
    if (!removed.empty()) RETURN_IF_ERROR(Logs("UntagResource", {{"resourceArn", arn}, {"tagKeys", removed}}).status());
    return Logs("TagResource", {{"resourceArn", arn}, {"tags", TagsForCreate(ctx, desired, false)}}).status();
  }
};

}  // namespace

std::unique_ptr<ResourceType> NewLogGroupType(AwsTypeDeps deps) {
  return std::make_unique<LogGroupType>(std::move(deps));
}

}  // namespace pave::aws_provider
