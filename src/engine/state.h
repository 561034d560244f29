// State: what pave knows exists — the in-memory form of the state document. The planner
// reads it; the executor updates it as results come in; src/state/ persists it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/address.h"
#include "core/value.h"

namespace pave {

struct ResourceState {
  ResourceAddress address;
  Value attributes = Value::object();  // secret attributes hold "sha256:<hex>" fingerprints
  std::vector<ResourceAddress> dependencies;  // what it depended on when last applied
  // Non-empty when the resource exists but its create did not finish (a later call of the
  // create failed, timed out or was cancelled): why. The planner replaces a tainted
  // resource; docs/reliability.md.
  std::string tainted;
};

class State {
 public:
  std::string lineage;  // random id fixed when the state is first created
  int64_t serial = 0;   // +1 on every write
  std::string platform;

  const ResourceState* Find(const ResourceAddress& a) const;
  ResourceState* FindMutable(const ResourceAddress& a);
  // Inserts or replaces the entry for r.address.
  void Put(ResourceState r);
  bool Remove(const ResourceAddress& a);
  // Sorted by address.
  const std::vector<ResourceState>& resources() const { return resources_; }
  size_t size() const { return resources_.size(); }

 private:
  std::vector<ResourceState> resources_;  // kept sorted by address
};

}  // namespace pave
