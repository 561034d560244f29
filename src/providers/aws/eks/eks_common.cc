#include "providers/aws/eks/eks_common.h"

#include "providers/aws/common/attrs.h"
#include "providers/aws/common/describe.h"

namespace pave::aws_provider {

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

// The status of the cluster, node group or add-on `t` names.
Result<std::string> EksStatus(aws::AwsClient* client, const EksUpdateTarget& t) {
  std::string op = "DescribeCluster", result = "cluster";
  Value input = {{"name", t.cluster}};
  if (!t.nodegroup.empty()) {
    op = "DescribeNodegroup", result = "nodegroup";
    input = {{"clusterName", t.cluster}, {"nodegroupName", t.nodegroup}};
  } else if (!t.addon.empty()) {
    op = "DescribeAddon", result = "addon";
    input = {{"clusterName", t.cluster}, {"addonName", t.addon}};
  }
  Result<Value> out = client->Call("eks", op, input);
  if (!out.ok() && IsNotFound(out.status())) return std::string("not visible yet");
  if (!out.ok()) return out.status();
  return GetString(out->value(result, Value::object()), "status");
}

}  // namespace

Status AwaitEksUpdate(const SpecEnv& env, const EksUpdateTarget& target, const Value& output) {
  return WaitEksUpdate(env.client, *env.poller, *env.ctx, target, output.value("update", Value::object()),
                       [&] { return EksStatus(env.client, target); });
}

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

}  // namespace pave::aws_provider
