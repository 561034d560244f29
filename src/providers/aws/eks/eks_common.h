// What the EKS resource types share: tags as EKS takes them (a map, not a list), the check
// that an existing cluster, node group or add-on was made by this address, and the waits for
// the asynchronous work EKS does after an Update* call.
#pragma once

#include <functional>
#include <string>

#include "aws/client.h"
#include "core/status.h"
#include "core/value.h"
#include "engine/resource_type.h"
#include "providers/aws/common/poller.h"

namespace pave::aws_provider {

// desired["tags"] plus the managed pave:* tags, as the {"k":"v"} map EKS create calls take.
Value EksTagsForCreate(const OperationContext& ctx, const Value& desired);
// True when an EKS item's tag map marks it as ctx.address of ctx.platform.
bool EksTaggedAs(const OperationContext& ctx, const Value& tag_map);
// The user's tags of an EKS tag map (pave:* left out).
Value EksUserTags(const Value& tag_map);

// Makes the user tags of `arn` equal desired["tags"]: nothing when they already are, else
// UntagResource for removed keys, then TagResource with the desired and managed tags.
Status SyncEksTags(aws::AwsClient* client, const OperationContext& ctx, const std::string& arn,
                   const Value& prior, const Value& desired);

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

// Waits until `status` says ACTIVE; a status in `failed` ends the wait with
// FailedPrecondition naming `what`.
Status WaitEksActive(const Poller& poller, const OperationContext& ctx, const std::string& what,
                     const EksStatusCheck& status,
                     std::initializer_list<std::string_view> failed);

// PollOptions for EKS control planes: as given, with the timeout raised to 45 minutes (a
// cluster takes 10-15 minutes to create and as long to upgrade).
PollOptions EksPollOptions(PollOptions base);

}  // namespace pave::aws_provider
