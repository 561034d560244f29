#include "engine/apply_graph.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace pave {

namespace {

constexpr Graph::Node kNone = static_cast<Graph::Node>(-1);

// The operation nodes of one change.
struct ChangeNodes {
  Graph::Node create = kNone;
  Graph::Node update = kNone;
  Graph::Node remove = kNone;
  // What dependents created or updated after this change wait for.
  Graph::Node made() const { return create != kNone ? create : update; }
};

class Builder {
 public:
  Builder(const Plan& plan, const State& state, const ProviderRegistry& registry)
      : plan_(plan), state_(state), registry_(registry) {}

  Result<ApplyGraph> Build() {
    index_.reserve(plan_.changes.size());
    for (size_t i = 0; i < plan_.changes.size(); ++i) index_.emplace(plan_.changes[i].address, i);
    DecideCreateBeforeDestroy();
    AddNodes();
    AddForwardEdges();
    AddDeleteEdges();
    AddDeposedEdges();
    Result<std::vector<Graph::Node>> order = g_.graph.TopologicalOrder();
    if (!order.ok()) return order.status();
    std::vector<int64_t> weights;
    weights.reserve(g_.ops.size());
    for (const PlannedOperation& op : g_.ops) {
      const ResourceType* type = registry_.Find(plan_.changes[op.change].address.type);
      weights.push_back(type ? type->schema().typical_create.count() : 1000);
    }
    g_.priority = g_.graph.LongestRemainingChain(weights);
    return std::move(g_);
  }

 private:
  std::optional<size_t> IndexOf(const ResourceAddress& a) const {
    auto it = index_.find(a);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

  void DecideCreateBeforeDestroy() {
    g_.create_before_destroy.assign(plan_.changes.size(), false);
    for (size_t i = 0; i < plan_.changes.size(); ++i) {
      const ResourceType* type = registry_.Find(plan_.changes[i].address.type);
      g_.create_before_destroy[i] =
          plan_.changes[i].action == Action::kReplace && type && type->schema().create_before_destroy;
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < plan_.changes.size(); ++i) {
        if (!g_.create_before_destroy[i]) continue;
        for (const ResourceAddress& dep : plan_.changes[i].depends_on) {
          std::optional<size_t> j = IndexOf(dep);
          if (j && plan_.changes[*j].action == Action::kReplace && !g_.create_before_destroy[*j]) {
            g_.create_before_destroy[i] = false;
            changed = true;
            break;
          }
        }
      }
    }
  }

  Graph::Node AddOp(size_t change, Operation op, bool replace_part) {
    g_.ops.push_back(PlannedOperation{change, op, replace_part});
    return g_.graph.AddNode(std::string(OperationName(op)) + " " + plan_.changes[change].address.ToString());
  }

  void AddNodes() {
    nodes_.resize(plan_.changes.size());
    for (size_t i = 0; i < plan_.changes.size(); ++i) {
      ChangeNodes& n = nodes_[i];
      switch (plan_.changes[i].action) {
        case Action::kNoOp: break;
        case Action::kCreate: n.create = AddOp(i, Operation::kCreate, false); break;
        case Action::kUpdate: n.update = AddOp(i, Operation::kUpdate, false); break;
        case Action::kDelete: n.remove = AddOp(i, Operation::kDelete, false); break;
        case Action::kReplace:
          n.remove = AddOp(i, Operation::kDelete, true);
          n.create = AddOp(i, Operation::kCreate, true);
          if (g_.create_before_destroy[i]) {
            g_.graph.AddEdge(n.remove, n.create);
          } else {
            g_.graph.AddEdge(n.create, n.remove);
          }
          break;
      }
    }
  }

  void AddForwardEdges() {
    for (size_t i = 0; i < plan_.changes.size(); ++i) {
      Graph::Node made = nodes_[i].made();
      if (made == kNone) continue;
      for (const ResourceAddress& dep : plan_.changes[i].depends_on) {
        std::optional<size_t> j = IndexOf(dep);
        if (j && nodes_[*j].made() != kNone) g_.graph.AddEdge(made, nodes_[*j].made());
      }
    }
  }

  // What `change` depended on when it was last applied.
  const std::vector<ResourceAddress>& StateDependencies(const Change& change) const {
    if (const ResourceState* r = state_.Find(change.address)) return r->dependencies;
    static const std::vector<ResourceAddress> kNoDeps;
    return change.action == Action::kDelete ? change.depends_on : kNoDeps;
  }

  void AddDeleteEdges() {
    for (size_t z = 0; z < plan_.changes.size(); ++z) {
      const ChangeNodes& dependent = nodes_[z];
      if (dependent.remove == kNone && dependent.update == kNone) continue;
      for (const ResourceAddress& dep : StateDependencies(plan_.changes[z])) {
        std::optional<size_t> x = IndexOf(dep);
        if (!x || nodes_[*x].remove == kNone) continue;
        bool delete_first = plan_.changes[*x].action == Action::kReplace && !g_.create_before_destroy[*x];
        if (dependent.remove != kNone) {
          g_.graph.AddEdge(nodes_[*x].remove, dependent.remove);
        } else if (!delete_first) {
          g_.graph.AddEdge(nodes_[*x].remove, dependent.update);
        }
      }
    }
  }

  // The delete of a deposed object (left by a replace done create-first whose delete was not
  // confirmed) waits for the resource it was deposed from to be made or updated, and for the
  // updates of that resource's dependents, which move them off the old instance.
  void AddDeposedEdges() {
    for (size_t x = 0; x < plan_.changes.size(); ++x) {
      const ResourceAddress& deposed = plan_.changes[x].address;
      if (!deposed.IsDeposed() || nodes_[x].remove == kNone) continue;
      ResourceAddress base = deposed.Base();
      if (std::optional<size_t> b = IndexOf(base); b && nodes_[*b].made() != kNone) {
        g_.graph.AddEdge(nodes_[x].remove, nodes_[*b].made());
      }
      for (size_t z = 0; z < plan_.changes.size(); ++z) {
        if (nodes_[z].update == kNone) continue;
        const std::vector<ResourceAddress>& deps = StateDependencies(plan_.changes[z]);
        if (std::find(deps.begin(), deps.end(), base) != deps.end()) {
          g_.graph.AddEdge(nodes_[x].remove, nodes_[z].update);
        }
      }
    }
  }

  const Plan& plan_;
  const State& state_;
  const ProviderRegistry& registry_;
  std::unordered_map<ResourceAddress, size_t> index_;
  std::vector<ChangeNodes> nodes_;
  ApplyGraph g_;
};

}  // namespace

Result<ApplyGraph> BuildApplyGraph(const Plan& plan, const State& state, const ProviderRegistry& registry) {
  return Builder(plan, state, registry).Build();
}

}  // namespace pave
