#include "providers/aws/spec/spec_wait.h"

#include <algorithm>
#include <chrono>

#include "aws/model_registry.h"
#include "aws/waiters.h"
#include "providers/aws/common/poller.h"
#include "providers/aws/spec/spec_check.h"
#include "providers/aws/spec/spec_type.h"

namespace pave::aws_provider {
namespace {

// The waiter's operation input naming `id`.
Result<Value> WaiterInput(const aws::ServiceModel& model, const aws::Waiter& w,
                          const std::string& id_member, const std::string& id) {
  const aws::Operation* op = model.FindOperation(w.operation);
  if (op == nullptr || op->input == nullptr) {
    return Status::Internal("waiter " + w.name + ": no input shape for " + w.operation);
  }
  const aws::Shape* member = ShapeAtPath(op->input, id_member);
  if (member == nullptr) return Status::Internal(w.operation + " has no input member " + id_member);
  Value input = Value::object();
  SetPath(&input, id_member,
          member->type == aws::ShapeType::kList ? Value::array({id}) : Value(id));
  return input;
}

}  // namespace

Status RunWaiter(const AwsTypeDeps& deps, const OperationContext& ctx, const std::string& service,
                 const std::string& name, const std::string& id_member, const std::string& id) {
  ASSIGN_OR_RETURN(const aws::ServiceModel* model, aws::ModelRegistry::Embedded().Get(service));
  ASSIGN_OR_RETURN(aws::Waiter w, aws::FindWaiter(*model, name));
  ASSIGN_OR_RETURN(Value input, WaiterInput(*model, w, id_member, id));
  return RunWaiterOn(deps, ctx, service, name, input, id);
}

Status RunWaiterOn(const AwsTypeDeps& deps, const OperationContext& ctx, const std::string& service,
                   const std::string& name, const Value& input, const std::string& what) {
  ASSIGN_OR_RETURN(const aws::ServiceModel* model, aws::ModelRegistry::Embedded().Get(service));
  ASSIGN_OR_RETURN(aws::Waiter w, aws::FindWaiter(*model, name));
  PollOptions options = deps.poll;
  options.timeout = std::min<std::chrono::milliseconds>(
      options.timeout,
      std::chrono::seconds(static_cast<int64_t>(w.delay_seconds) * w.max_attempts));
  Poller poller(deps.env, options);
  return poller.Until(ctx, name + " " + what, [&](std::string* state) -> Result<bool> {
    Result<Value> out = deps.client->Call(service, w.operation, input);
    std::string matched;
    std::optional<aws::WaiterState> verdict = aws::EvaluateWaiter(w, out, &matched);
    if (!verdict) {
      if (!out.ok()) return out.status();  // Unavailable: the poller looks again
      return false;
    }
    switch (*verdict) {
      case aws::WaiterState::kSuccess:
        return true;
      case aws::WaiterState::kFailure:
        return Status::FailedPrecondition(name + " " + what + ": " + matched);
      case aws::WaiterState::kRetry:
        *state = matched;
        return false;
    }
    return false;
  });
}

}  // namespace pave::aws_provider
