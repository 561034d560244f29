// ApplyGraph: the provider operations that carry out a plan, and the order between them.
//
//  - create / update of a resource wait for the create / update of what it depends on in
//    the config (a replaced dependency: for its new instance);
//  - the delete of a resource waits for the delete of everything that depended on it in
//    state, and for the update of such dependents (which moves them off it) unless it is
//    being replaced delete-first (then dependents are updated after its new instance);
//  - replace is delete -> create, or create -> delete with create_before_destroy. A
//    create_before_destroy replace that depends on a delete-first replace is done
//    delete-first too: its new instance needs the new dependency, which needs the old one
//    gone, which needs the old dependent gone.
// Each operation weighs its type's typical_create; `priority` is the longest remaining chain.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "engine/graph.h"
#include "engine/plan.h"
#include "engine/recorder.h"
#include "engine/resource_type.h"
#include "engine/state.h"

namespace pave {

struct PlannedOperation {
  size_t change = 0;  // index into plan.changes
  Operation op = Operation::kCreate;
  bool replace_part = false;  // one half of a replace
};

struct ApplyGraph {
  Graph graph;                         // node i is ops[i]; labels "create aws_vpc.main"
  std::vector<PlannedOperation> ops;
  std::vector<int64_t> priority;       // longest remaining chain in ms, by node
  std::vector<bool> create_before_destroy;  // by change: replace done create-first
};

// FailedPrecondition "dependency cycle: ..." when the operations cannot be ordered (state
// dependencies that contradict the config).
Result<ApplyGraph> BuildApplyGraph(const Plan& plan, const State& state, const ProviderRegistry& registry);

}  // namespace pave
