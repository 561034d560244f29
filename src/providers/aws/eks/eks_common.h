// What the EKS resource types (specs) share: the waits for the asynchronous work EKS does
// after an Update* call.
#pragma once

#include <functional>
#include <string>

#include "aws/client.h"
#include "core/status.h"
#include "core/value.h"
#include "engine/resource_type.h"
#include "providers/aws/common/poller.h"
#include "providers/aws/spec/resource_spec.h"

namespace pave::aws_provider {

// Where an update runs: the cluster, and the node group or add-on when it is one of those.
struct EksUpdateTarget {
  std::string cluster;
  std::string nodegroup;  // DescribeUpdate's nodegroupName
  std::string addon;      // DescribeUpdate's addonName
};

// The status of the resource itself ("ACTIVE", "UPDATING", ...); used when an update call
// answers without an update id.
using EksStatusCheck = std::function<Result<std::string>()>;

// Waits for the update `update` (the "update" member of an Update* answer) to end: done at
// once when it says Successful, FailedPrecondition with AWS's error text when Failed or
// Cancelled, else DescribeUpdate through the poller. Without an update id it waits for
// `status` to say ACTIVE.
Status WaitEksUpdate(aws::AwsClient* client, const Poller& poller, const OperationContext& ctx,
                     const EksUpdateTarget& target, const Value& update,
                     const EksStatusCheck& status);

// The after_update step of the EKS specs: waits for the update an Update* call started
// (`output`, its answer) on `target`, whose own status is read with DescribeCluster,
// DescribeNodegroup or DescribeAddon when the answer has no update id.
Status AwaitEksUpdate(const SpecEnv& env, const EksUpdateTarget& target, const Value& output);

// Waits until `status` says ACTIVE; a status in `failed` ends the wait with
// FailedPrecondition naming `what`.
Status WaitEksActive(const Poller& poller, const OperationContext& ctx, const std::string& what,
                     const EksStatusCheck& status,
                     std::initializer_list<std::string_view> failed);

}  // namespace pave::aws_provider
