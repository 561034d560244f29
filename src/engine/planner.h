// Planner: decides what to do. Compares the config (desired) with the refreshed state
// (actual) using each type's schema, and writes a Plan. Pure: it never calls a provider.
//
// Rules, per resource in config:
//  - not in state: create (reason "deleted outside pave" when refresh found it gone);
//  - in state: each schema attribute is compared; defaults apply to attributes the config
//    leaves out; computed attributes the config leaves out are not compared; an optional
//    non-computed attribute removed from the config changes to null; a change to a force_new
//    attribute replaces the resource, other changes update it in place;
//  - a desired value that depends on something only known after apply (a reference to a
//    resource being created or replaced, or to a computed attribute of one being updated)
//    is unknown: after_unknown in the diff, an update (or replace, if force_new);
//  - tainted in state (its create did not finish): replace, reason "tainted: ...";
//  - secret attributes are compared and shown only as SecretFingerprint(lineage, value).
// In state but not in config: delete; a create whose known attributes all equal a deleted
// resource's of the same type says it looks like a rename (NoteLikelyRenames). With destroy: delete everything in state.
// A delete or replace of a type that holds_data is marked Change::destroys_data. A lower
// value of a `monotonic` attribute (EKS versions: 1.32 -> 1.31) is an error, not an update.
//
// Errors in the config (unknown type or attribute, missing required attribute, reference to
// an undeclared resource or attribute, wrong value type, dependency cycle) are all collected
// into one InvalidArgument status, one "file:line:col: address: problem" line each.
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/status.h"
#include "engine/config.h"
#include "engine/plan.h"
#include "engine/resource_type.h"
#include "engine/state.h"

namespace pave {

struct PlanOptions {
  bool destroy = false;
  // Resources refresh found gone from the cloud (already removed from the refreshed state).
  std::set<ResourceAddress> vanished;
  // Key of secret fingerprints; the refreshed state's lineage when empty.
  std::string lineage;
  // Moves carried out on the refreshed state (planner_moves.h), new address -> old one: their
  // changes carry Change::moved_from.
  std::map<ResourceAddress, ResourceAddress> moved;
};

Result<Plan> MakePlan(const Config& config, const State& refreshed, const ProviderRegistry& registry,
                      const PlanOptions& options);

}  // namespace pave
