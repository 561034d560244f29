// aws_sns_topic and aws_sns_topic_subscription as specs. A topic is named by its ARN (what
// CreateTopic returns; CreateTopic of an existing name returns the same ARN, so a resent create
// makes nothing new); ListTopics reads them all at once. A subscription is read from its topic's
// ListSubscriptionsByTopic; an email subscription stays "PendingConfirmation" (no ARN yet)
// until its recipient confirms: it is then known by its topic, protocol and endpoint.
#include "providers/aws/sns/sns_types.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// The subscriptions of `topic` (all pages); nullopt when the topic is gone.
Result<std::optional<Value>> TopicSubscriptions(const SpecEnv& env, const std::string& topic) {
  Result<Value> out =
      env.client->CallAllPages("sns", "ListSubscriptionsByTopic", {{"TopicArn", topic}});
  if (!out.ok() && IsNotFound(out.status())) return std::optional<Value>();
  if (!out.ok()) return out.status();
  return std::optional<Value>(out->value("Subscriptions", Value::array()));
}

Result<std::vector<std::optional<Value>>> ReadSubscriptions(
    const SpecEnv& env, const std::vector<ReadRequest>& requests) {
  std::vector<std::optional<Value>> result;
  for (const ReadRequest& r : requests) {
    ASSIGN_OR_RETURN(std::optional<Value> subs,
                     TopicSubscriptions(env, GetString(r.prior, "topic_arn")));
    std::optional<Value> found;
    for (const Value& s : subs.value_or(Value::array())) {
      bool same = GetString(s, "SubscriptionArn") == GetString(r.prior, "id") ||
                  (GetString(s, "Protocol") == GetString(r.prior, "protocol") &&
                   GetString(s, "Endpoint") == GetString(r.prior, "endpoint"));
      if (!same) continue;
      found =
          Value{{"id", GetString(r.prior, "id")},
                {"topic_arn", GetString(s, "TopicArn")},
                {"protocol", GetString(s, "Protocol")},
                {"endpoint", GetString(s, "Endpoint")},
                {"pending_confirmation", GetString(s, "SubscriptionArn") == "PendingConfirmation"}};
    }
    result.push_back(std::move(found));
  }
  return result;
}

}  // namespace

ResourceSpec SnsTopicSpec() {
  return {
      .type = "aws_sns_topic",
      .description = "an SNS topic",
      .service = "sns",
      .attributes = {{.name = "name",
                      .required = true,
                      .force_new = true,
                      .description = "the topic's name",
                      .create_member = "Name"},
                     {.name = "arn",
                      .computed = true,
                      .stable = true,
                      .description = "the topic's ARN",
                      .read_member = "TopicArn"}},
      .create = {.operation = "CreateTopic", .id_output = "TopicArn"},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListTopics",
               .result_key = "Topics",
               .item_key = "TopicArn"},
      .tags = {.style = TagStyle::kKeyValueList,
               .create_member = "Tags",
               .tag_operation = "TagResource",
               .untag_operation = "UntagResource",
               .resource_member = "ResourceArn",
               .tags_member = "Tags",
               .keys_member = "TagKeys",
               .list_operation = "ListTagsForResource",
               .list_result = "Tags"},
      .del = {.operation = "DeleteTopic", .key_member = "TopicArn"},
      // ListTopics gives only the ARN: the name and key are kept as applied.
      .hooks = {.read =
                    [](const SpecEnv&, const Value& item, const Value&, Value* attrs) {
                      std::string arn = GetString(item, "TopicArn");
                      (*attrs)["name"] = arn.substr(arn.rfind(':') + 1);
                      return true;
                    }},
  };
}

ResourceSpec SnsSubscriptionSpec() {
  return {
      .type = "aws_sns_topic_subscription",
      .description = "a subscription to an SNS topic (email: pending until confirmed)",
      .service = "sns",
      .attributes = {{.name = "topic_arn",
                      .required = true,
                      .force_new = true,
                      .description = "the topic",
                      .create_member = "TopicArn",
                      .read_member = "TopicArn"},
                     {.name = "protocol",
                      .required = true,
                      .force_new = true,
                      .description = "email, sqs, lambda, https...",
                      .create_member = "Protocol",
                      .read_member = "Protocol"},
                     {.name = "endpoint",
                      .required = true,
                      .force_new = true,
                      .description = "the address, queue or function",
                      .create_member = "Endpoint",
                      .read_member = "Endpoint"},
                     {.name = "pending_confirmation",
                      .type = AttrType::kBool,
                      .computed = true,
                      .description = "the recipient has not confirmed yet"}},
      .create = {.operation = "Subscribe",
                 .id_output = "SubscriptionArn",
                 .constants = {{"ReturnSubscriptionArn", true}}},
      .read = {.style = ReadStyle::kListAndMatch,
               .operation = "ListSubscriptionsByTopic",
               .result_key = "Subscriptions",
               .item_key = "SubscriptionArn"},
      .del = {.operation = "Unsubscribe",
              .key_member = "SubscriptionArn",
              .gone_codes = {"InvalidParameter"}},
      .hooks = {.read_batch = ReadSubscriptions},
  };
}

void RegisterSnsTypes(ProviderRegistry* registry, const AwsTypeDeps& deps) {
  for (ResourceSpec (*spec)() : {SnsTopicSpec, SnsSubscriptionSpec}) {
    registry->Register(NewSpecType(deps, spec()));
  }
}

}  // namespace pave::aws_provider
