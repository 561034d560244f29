// Graph: a directed dependency graph over numbered nodes. An edge from -> to means `from`
// depends on `to` (`to` must be made first). Used for the resource graph of a config or a
// state, and by the executor for its graph of operations.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "engine/address.h"
#include "engine/config.h"
#include "engine/resource_type.h"
#include "engine/state.h"

namespace pave {

class Graph {
 public:
  using Node = uint32_t;

  // Adds a node; `label` names it in cycle reports.
  Node AddNode(std::string label);
  // `from` depends on `to`. Duplicate edges are ignored.
  void AddEdge(Node from, Node to);

  size_t size() const { return labels_.size(); }
  const std::string& label(Node n) const { return labels_[n]; }
  const std::vector<Node>& dependencies(Node n) const { return deps_[n]; }
  const std::vector<Node>& dependents(Node n) const { return rdeps_[n]; }

  // One cycle as its nodes with the first repeated at the end (a -> b -> a), or empty when
  // the graph is acyclic. Deterministic: searches from the lowest node number.
  std::vector<Node> FindCycle() const;
  // "a -> b -> a" for a cycle from FindCycle.
  std::string CycleText(const std::vector<Node>& cycle) const;
  // Every node, dependencies before dependents (ties by node number). FailedPrecondition
  // "dependency cycle: a -> b -> a" when there is a cycle.
  Result<std::vector<Node>> TopologicalOrder() const;
  // For each node: its weight plus the heaviest chain of dependents that waits for it,
  // i.e. the time from starting it to finishing everything downstream. Acyclic graphs only.
  std::vector<int64_t> LongestRemainingChain(const std::vector<int64_t>& weights) const;

 private:
  std::vector<std::string> labels_;
  std::vector<std::vector<Node>> deps_;
  std::vector<std::vector<Node>> rdeps_;
};

// A Graph whose nodes are resources.
struct ResourceGraph {
  Graph graph;
  std::vector<ResourceAddress> addresses;  // by node
  std::unordered_map<ResourceAddress, Graph::Node> index;

  Graph::Node Add(const ResourceAddress& a);  // existing node when already added
  const Graph::Node* Find(const ResourceAddress& a) const;
};

// Nodes in config order; edges from references and depends_on. References to undeclared
// resources are left out (the planner reports them).
ResourceGraph BuildConfigGraph(const Config& config);
// Nodes in state order; edges from each resource's recorded dependencies that are in state.
ResourceGraph BuildStateGraph(const State& state);

// Weight of each resource node for LongestRemainingChain: its type's typical_create in
// milliseconds (1000 for a type the registry does not know).
std::vector<int64_t> TypicalCreateWeights(const ResourceGraph& g, const ProviderRegistry& registry);

}  // namespace pave
