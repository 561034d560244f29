// The botocore waiters a spec names (ResourceSpec::create_waiter / delete_waiter), run with
// pave's Poller: adaptive polling, bounded by the waiter's delay x maxAttempts (and the
// poller's own timeout), each look judged by the waiter's acceptors (aws/waiters.h).
#pragma once

#include <string>

#include "core/status.h"
#include "engine/resource_type.h"
#include "providers/aws/common/deps.h"

namespace pave::aws_provider {

// Waits until the waiter `name` of `service` succeeds for the resource `id`, given to the
// waiter's operation at input member `id_member` (as a one-item list when that member is a
// list). FailedPrecondition when an acceptor says failure, or the call fails with an error
// no acceptor names (an Unavailable one is looked at again); DeadlineExceeded after the bound.
Status RunWaiter(const AwsTypeDeps& deps, const OperationContext& ctx, const std::string& service,
                 const std::string& name, const std::string& id_member, const std::string& id);
// The same with the waiter's operation given `input` as it is (a resource named by several
// members: AddonActive's clusterName and addonName); `what` names it in progress and errors.
Status RunWaiterOn(const AwsTypeDeps& deps, const OperationContext& ctx, const std::string& service,
                   const std::string& name, const Value& input, const std::string& what);

}  // namespace pave::aws_provider
