// What `pave graph` draws: the platform's resources grouped by account and section, with an
// edge for each dependency, optionally coloured by the plan's action, written for Graphviz
// (dot) or for a Markdown mermaid block.
//
// Edges run from a resource to the ones that need it (the order pave makes them in):
// `aws_vpc.main -> aws_subnet.private_a` reads "the VPC comes first".
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/config.h"
#include "engine/plan.h"

namespace pave::cli {

enum class GraphFormat { kDot, kMermaid };

struct GraphNode {
  std::string address;  // "aws_vpc.main"
  std::string section;  // "network"; "resources" for entries of `resources:`
  std::string account;  // "" = the account pave runs in; a name or 12-digit id otherwise
  std::optional<Action> action;  // set by AddPlanActions
};

struct GraphView {
  std::vector<GraphNode> nodes;
  std::vector<std::pair<size_t, size_t>> edges;  // {first, then}: `then` needs `first`
};

// The resources of `config` in config order, edges from references and dependsOn.
GraphView ConfigGraphView(const Config& config);

// Colours each node with its change in `plan` and adds the resources the plan deletes
// (they are in the state, not the config), with edges from their recorded dependencies.
void AddPlanActions(const Plan& plan, GraphView* view);

// The whole graph as text in `format`: a `digraph` for dot, a `flowchart` for mermaid.
std::string RenderGraph(const GraphView& view, GraphFormat format);

}  // namespace pave::cli
