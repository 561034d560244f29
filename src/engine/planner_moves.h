// Moves: renames of resources that keep what exists. A platform file's `moved:` entries
// (`moved: [{from: aws_s3_bucket.assets, to: aws_s3_bucket.media}]`) and `pave state mv` both
// rename a state entry instead of planning a delete of the old address and a create of the
// new one. The planner marks the change of a moved resource with Change::moved_from.
//
// Rules (CheckMoves, at load time, against the config): both sides are addresses of the same
// type; `to` is declared and `from` is not (a `from` still declared would be two resources);
// no address is the `from` or the `to` of two entries; no chain (A -> B, B -> C: write A -> C)
// and no cycle. ApplyMoves, against the state: a move whose `from` is not in the state is done
// already (entries can stay in the file); one whose `to` is in the state as well is an error.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/status.h"
#include "engine/address.h"
#include "engine/config.h"
#include "engine/plan.h"
#include "engine/state.h"

namespace pave {

struct MovedResource {
  ResourceAddress from;
  ResourceAddress to;
  SourceLocation location;  // of the entry in the platform file
};

// One diagnostic per broken entry (see the rules above).
std::vector<Diagnostic> CheckMoves(const std::vector<MovedResource>& moves, const Config& config);

// Renames `from` to `to` in *state, and every dependency on `from` with it. NotFound when
// `from` is not in the state, AlreadyExists when `to` is.
Status MoveResource(State* state, const ResourceAddress& from, const ResourceAddress& to);

// Carries out the entries whose `from` is still in *state; returns those it carried out.
// FailedPrecondition (naming the entry) when a `to` is taken; *state is then unchanged.
Result<std::vector<MovedResource>> ApplyMoves(const std::vector<MovedResource>& moves,
                                              State* state);

// Sets the reason of every create that looks like a deleted resource of the same type under
// a new name (all its known attributes equal): "looks like a rename of X: add a moved: entry".
// A create that has a reason already ("deleted outside pave") keeps it.
void NoteLikelyRenames(Plan* plan);

}  // namespace pave
