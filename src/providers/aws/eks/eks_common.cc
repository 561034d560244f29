#include "providers/aws/eks/eks_common.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/tags.h"

namespace pave::aws_provider {

Value EksTagsForCreate(const OperationContext& ctx, const Value& desired) {
  return TagsForCreate(ctx, desired, /*with_token=*/true);
}

bool EksTaggedAs(const OperationContext& ctx, const Value& tag_map) {
  Value list = TagMapToList(tag_map);  // another state's resource (pave:lineage) is never ours
  return TaggedAs(list, ctx.platform, ctx.address.ToString()) && OwnershipOf(ctx, list) != Ownership::kForeign;
}

Value EksUserTags(const Value& tag_map) { return UserTags(TagMapToList(tag_map)); }

Status SyncEksTags(aws::AwsClient* client, const OperationContext& ctx, const std::string& arn,
                   const Value& prior, const Value& desired) {
  if (prior.value("tags", Value::object()) == desired.value("tags", Value::object())) return Status::Ok();
  Value removed = RemovedTagKeys(prior.value("tags", Value::object()),
                                 desired.value("tags", Value::object()));
  if (!removed.empty()) {
    RETURN_IF_ERROR(
        client->Call("eks", "UntagResource", {{"resourceArn", arn}, {"tagKeys", removed}}).status());
  }
  Value tags = TagsForCreate(ctx, desired, /*with_token=*/false);
  return client->Call("eks", "TagResource", {{"resourceArn", arn}, {"tags", tags}}).status();
}

namespace {

// FailedPrecondition for an update that ended badly, with the errors AWS gave.
Status UpdateFailed(const Value& update) {
  std::string text = "eks update " + GetString(update, "id") + " (" + GetString(update, "type") +
                     ") ended " + GetString(update, "status");
  for (const Value& e : update.value("errors", Value::array())) {
    text += ": " + GetString(e, "errorCode") + " " + GetString(e, "errorMessage");
  }
  return Status::FailedPrecondition(text);
}

}  // namespace

Status WaitEksUpdate(aws::AwsClient* client, const Poller& poller, const OperationContext& ctx,
                     const EksUpdateTarget& target, const Value& update,
                     const EksStatusCheck& status) {
  std::string id = GetString(update, "id");
  if (id.empty()) {
    return WaitEksActive(poller, ctx, "cluster " + target.cluster, status, {"FAILED"});
  }
  std::string state = GetString(update, "status");
  if (state == "Successful") return Status::Ok();
  if (state == "Failed" || state == "Cancelled") return UpdateFailed(update);
  Value input = {{"name", target.cluster}, {"updateId", id}};
  if (!target.nodegroup.empty()) input["nodegroupName"] = target.nodegroup;
  if (!target.addon.empty()) input["addonName"] = target.addon;
  return poller.Until(ctx, "waiting for eks update " + id, [&](std::string* note) -> Result<bool> {
    ASSIGN_OR_RETURN(Value out, client->Call("eks", "DescribeUpdate", input));
    Value u = out.value("update", Value::object());
    *note = GetString(u, "status", "InProgress");
    if (*note == "Failed" || *note == "Cancelled") return UpdateFailed(u);
    return *note == "Successful";
  });
}

Status WaitEksActive(const Poller& poller, const OperationContext& ctx, const std::string& what,
                     const EksStatusCheck& status,
                     std::initializer_list<std::string_view> failed) {
  return poller.Until(ctx, "waiting for " + what, [&](std::string* note) -> Result<bool> {
    ASSIGN_OR_RETURN(*note, status());
    for (std::string_view f : failed) {
      if (*note == f) return Status::FailedPrecondition(what + " is " + *note);
    }
    return *note == "ACTIVE";
  });
}

PollOptions EksPollOptions(PollOptions base) {
  base.timeout = std::max<std::chrono::milliseconds>(base.timeout, std::chrono::minutes(45));
  return base;
}

}  // namespace pave::aws_provider
