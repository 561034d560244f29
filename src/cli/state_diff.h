// What changed between two versions of the state, resource by resource and attribute by
// attribute: `pave history --diff` and `pave history ADDRESS`.
#pragma once

#include <string>
#include <vector>

#include "core/value.h"
#include "engine/state.h"

namespace pave::cli {

struct AttributeDiff {
  std::string name;
  Value before;  // null when it was not set
  Value after;   // null when it is no longer set
};

struct ResourceDiff {
  enum class Kind { kAdded, kRemoved, kChanged };
  ResourceAddress address;
  Kind kind = Kind::kChanged;
  std::vector<AttributeDiff> attributes;  // kChanged: what differs; kAdded/kRemoved: all
};

// The differences from `before` to `after`, sorted by address; resources that are equal are
// left out. Secret attributes hold fingerprints in the state, so a changed secret shows as
// two different fingerprints, never its value. A changed account or taint shows as an
// attribute "(account)" / "(tainted)".
std::vector<ResourceDiff> DiffStates(const State& before, const State& after);

// The same for one resource (kChanged with no attributes when equal or absent in both).
ResourceDiff DiffResource(const ResourceAddress& address, const ResourceState* before, const ResourceState* after);

const char* ResourceDiffKindName(ResourceDiff::Kind kind);  // "added", "removed", "changed"

}  // namespace pave::cli
