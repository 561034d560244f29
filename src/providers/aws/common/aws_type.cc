#include "providers/aws/common/aws_type.h"

#include "providers/aws/common/tags.h"

namespace pave::aws_provider {

Result<Value> AwsResourceType::ReadBack(const OperationContext& ctx, const Value& key, bool create_done) {
  // In a create, it exists: recorded before the read can fail.
  if (create_done) {
    ctx.CreatedComplete(key);
  } else {
    ctx.Created(key);
  }
  std::optional<Value> found;
  RETURN_IF_ERROR(poller_.Until(ctx, "waiting for " + schema_.type + " to appear",
                                [&](std::string* state) -> Result<bool> {
                                  ASSIGN_OR_RETURN(auto got, Read({ReadRequest{ctx.address, key}}));
                                  found = got.empty() ? std::nullopt : got[0];
                                  *state = "not visible yet";
                                  return found.has_value();
                                }));
  return *found;
}

Status AwsResourceType::SyncEc2Tags(const OperationContext& ctx, const std::string& id,
                                    const Value& prior, const Value& desired) {
  ctx.Created({{"id", id}});  // in a create, the resource exists: recorded before tagging
  Value removed = RemovedTagKeys(prior.value("tags", Value::object()),
                                 desired.value("tags", Value::object()));
  if (!removed.empty()) {
    Value keys = Value::array();
    for (const Value& k : removed) keys.push_back({{"Key", k}});
    RETURN_IF_ERROR(Ec2("DeleteTags", {{"Resources", {id}}, {"Tags", keys}}).status());
  }
  Value tags = TagsForCreate(ctx, desired, /*with_token=*/false);
  return Ec2("CreateTags", {{"Resources", {id}}, {"Tags", TagMapToList(tags)}}).status();
}

std::optional<Value> AwsResourceType::PickAdoptable(const OperationContext& ctx,
                                                    const std::vector<Value>& items,
                                                    const std::string& tags_member) {
  std::vector<const Value*> tagged;
  for (const Value& item : items) {
    const Value tags = item.value(tags_member, Value::array());
    if (!TaggedAs(tags, ctx.platform, ctx.address.ToString())) continue;
    if (OwnershipOf(ctx, tags) == Ownership::kForeign) continue;  // another state's (tags.h)
    if (!ctx.idempotency_token.empty() && TokenTag(tags) == ctx.idempotency_token) return item;
    tagged.push_back(&item);
  }
  if (tagged.size() == 1) return *tagged[0];
  return std::nullopt;
}

}  // namespace pave::aws_provider
