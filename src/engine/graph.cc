#include "engine/graph.h"

#include <algorithm>
#include <cassert>
#include <queue>

namespace pave {

Graph::Node Graph::AddNode(std::string label) {
  labels_.push_back(std::move(label));
  deps_.emplace_back();
  rdeps_.emplace_back();
  return static_cast<Node>(labels_.size() - 1);
}

void Graph::AddEdge(Node from, Node to) {
  assert(from < size() && to < size() && "edge to a node that does not exist");
  std::vector<Node>& d = deps_[from];
  if (std::find(d.begin(), d.end(), to) != d.end()) return;
  d.push_back(to);
  rdeps_[to].push_back(from);
}

std::vector<Graph::Node> Graph::FindCycle() const {
  enum class Color : uint8_t { kWhite, kGray, kBlack };
  std::vector<Color> color(size(), Color::kWhite);
  // Iterative depth-first search; `path` holds the gray nodes, `next` the edge to try next.
  std::vector<Node> path;
  std::vector<size_t> next;
  for (Node start = 0; start < size(); ++start) {
    if (color[start] != Color::kWhite) continue;
    path.assign(1, start);
    next.assign(1, 0);
    color[start] = Color::kGray;
    while (!path.empty()) {
      Node n = path.back();
      if (next.back() == deps_[n].size()) {
        color[n] = Color::kBlack;
        path.pop_back();
        next.pop_back();
        continue;
      }
      Node m = deps_[n][next.back()++];
      if (color[m] == Color::kGray) {
        std::vector<Node> cycle(std::find(path.begin(), path.end(), m), path.end());
        cycle.push_back(m);
        return cycle;
      }
      if (color[m] == Color::kWhite) {
        color[m] = Color::kGray;
        path.push_back(m);
        next.push_back(0);
      }
    }
  }
  return {};
}

std::string Graph::CycleText(const std::vector<Node>& cycle) const {
  std::string out;
  for (Node n : cycle) {
    if (!out.empty()) out += " -> ";
    out += labels_[n];
  }
  return out;
}

Result<std::vector<Graph::Node>> Graph::TopologicalOrder() const {
  std::vector<size_t> waiting(size());
  std::priority_queue<Node, std::vector<Node>, std::greater<Node>> ready;
  for (Node n = 0; n < size(); ++n) {
    waiting[n] = deps_[n].size();
    if (waiting[n] == 0) ready.push(n);
  }
  std::vector<Node> order;
  order.reserve(size());
  while (!ready.empty()) {
    Node n = ready.top();
    ready.pop();
    order.push_back(n);
    for (Node d : rdeps_[n]) {
      if (--waiting[d] == 0) ready.push(d);
    }
  }
  if (order.size() != size()) {
    return Status::FailedPrecondition("dependency cycle: " + CycleText(FindCycle()));
  }
  return order;
}

std::vector<int64_t> Graph::LongestRemainingChain(const std::vector<int64_t>& weights) const {
  assert(weights.size() == size() && "one weight per node");
  Result<std::vector<Node>> order = TopologicalOrder();
  assert(order.ok() && "LongestRemainingChain on a graph with a cycle");
  std::vector<int64_t> chain(size(), 0);
  const std::vector<Node>& nodes = *order;
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    int64_t longest_after = 0;
    for (Node d : rdeps_[*it]) longest_after = std::max(longest_after, chain[d]);
    chain[*it] = weights[*it] + longest_after;
  }
  return chain;
}

Graph::Node ResourceGraph::Add(const ResourceAddress& a) {
  auto [it, inserted] = index.try_emplace(a, static_cast<Graph::Node>(addresses.size()));
  if (inserted) {
    addresses.push_back(a);
    graph.AddNode(a.ToString());
  }
  return it->second;
}

const Graph::Node* ResourceGraph::Find(const ResourceAddress& a) const {
  auto it = index.find(a);
  return it == index.end() ? nullptr : &it->second;
}

ResourceGraph BuildConfigGraph(const Config& config) {
  ResourceGraph g;
  g.index.reserve(config.resources.size());
  for (const ResourceConfig& r : config.resources) g.Add(r.address);
  for (const ResourceConfig& r : config.resources) {
    Graph::Node from = *g.Find(r.address);
    for (const Reference& ref : FindReferences(r.properties)) {
      if (const Graph::Node* to = g.Find(ref.target)) g.graph.AddEdge(from, *to);
    }
    for (const ResourceAddress& dep : r.depends_on) {
      if (const Graph::Node* to = g.Find(dep)) g.graph.AddEdge(from, *to);
    }
    if (!r.account.empty()) {
      for (const Reference& ref : FindReferences(Value(r.account))) {
        if (const Graph::Node* to = g.Find(ref.target)) g.graph.AddEdge(from, *to);
      }
    }
  }
  return g;
}

ResourceGraph BuildStateGraph(const State& state) {
  ResourceGraph g;
  g.index.reserve(state.size());
  for (const ResourceState& r : state.resources()) g.Add(r.address);
  for (const ResourceState& r : state.resources()) {
    Graph::Node from = *g.Find(r.address);
    for (const ResourceAddress& dep : r.dependencies) {
      if (const Graph::Node* to = g.Find(dep)) g.graph.AddEdge(from, *to);
    }
  }
  return g;
}

std::vector<int64_t> TypicalCreateWeights(const ResourceGraph& g, const ProviderRegistry& registry) {
  std::vector<int64_t> weights;
  weights.reserve(g.addresses.size());
  for (const ResourceAddress& a : g.addresses) {
    const ResourceType* type = registry.Find(a.type);
    weights.push_back(type ? type->schema().typical_create.count() : 1000);
  }
  return weights;
}

}  // namespace pave
