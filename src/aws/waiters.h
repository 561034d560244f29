// Waiters: botocore's waiters-2.json, embedded beside each model (model_blob.h "W" lines).
//
// A waiter names an operation, a delay and a number of attempts, and acceptors that turn one
// response into success, failure or "look again". Arguments are JMESPath; pave evaluates the
// subset botocore's EC2 waiters use: dotted member names, `[]` projections and flattening, and
// `length(<path>) <op> `N``. A waiter beyond that subset is refused when looked up, so a spec
// naming it fails CheckSpec rather than an apply.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/model.h"
#include "core/status.h"
#include "core/value.h"

namespace pave::aws {

enum class WaiterMatcher { kPath, kPathAll, kPathAny, kStatus, kError };
enum class WaiterState { kSuccess, kFailure, kRetry };

struct WaiterAcceptor {
  WaiterMatcher matcher = WaiterMatcher::kPath;
  WaiterState state = WaiterState::kRetry;
  std::string argument;  // JMESPath (path matchers only)
  Value expected;
};

struct Waiter {
  std::string name;
  std::string operation;
  int delay_seconds = 15;
  int max_attempts = 40;
  std::vector<WaiterAcceptor> acceptors;
};

// The waiter `name` of `model`: NotFound when the service has none of that name,
// Unimplemented when an argument is beyond the supported JMESPath subset.
Result<Waiter> FindWaiter(const ServiceModel& model, std::string_view name);

// One waiter body of waiters-2.json.
Result<Waiter> ParseWaiter(std::string_view name, const Value& body);

// The JMESPath subset: the value of `expression` in `v` (null when a member is absent).
// Unimplemented for an expression outside the subset.
Result<Value> SearchPath(std::string_view expression, const Value& v);

// What one response (an output, or the error of the call) says: the state of the first
// acceptor that matches, nullopt when none does (botocore: look again). `matched` receives a
// short description of the acceptor ("NatGateways[].State == failed").
std::optional<WaiterState> EvaluateWaiter(const Waiter& waiter, const Result<Value>& response,
                                          std::string* matched = nullptr);

}  // namespace pave::aws
