#include "cli/graph_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "engine/graph.h"
#include "engine/state.h"

namespace pave::cli {
namespace {

// "${aws_organizations_account.shared.id}" -> "shared"; an id or "" as it is; a region after
// "@" stays ("shared@eu-central-1").
std::string AccountName(const std::string& placement) {
  const Placement p = SplitPlacement(placement);
  const std::string prefix = "${aws_organizations_account.";
  std::string name = p.account;
  if (name.rfind(prefix, 0) == 0) {
    name = name.substr(prefix.size());
    name = name.substr(0, name.find('.'));
  }
  return JoinPlacement(name, p.region);
}

// A label inside double quotes: dot escapes a quote with a backslash, mermaid with an entity.
std::string Quoted(const std::string& text, GraphFormat format = GraphFormat::kDot) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') {
      out += format == GraphFormat::kDot ? "\\\"" : "#quot;";
    } else if (c == '\\' && format == GraphFormat::kDot) {
      out += "\\\\";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

struct Style {
  const char* fill;
  const char* stroke;
};

Style ActionStyle(Action action) {
  switch (action) {
    case Action::kCreate:
      return {"#d9f2d9", "#2e7d32"};
    case Action::kUpdate:
      return {"#fff3c4", "#b28704"};
    case Action::kReplace:
      return {"#ffe0c2", "#e65100"};
    case Action::kDelete:
      return {"#ffd6d6", "#c62828"};
    case Action::kNoOp:
      return {"#eeeeee", "#9e9e9e"};
  }
  return {"#ffffff", "#000000"};
}

// Node indexes by account, then by section, in the order they first appear.
using Groups = std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::vector<size_t>>>>>;

Groups GroupNodes(const GraphView& view) {
  Groups groups;
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    const GraphNode& n = view.nodes[i];
    auto account = std::find_if(groups.begin(), groups.end(),
                                [&](const auto& g) { return g.first == n.account; });
    if (account == groups.end()) account = groups.insert(groups.end(), {n.account, {}});
    auto& sections = account->second;
    auto section = std::find_if(sections.begin(), sections.end(),
                                [&](const auto& s) { return s.first == n.section; });
    if (section == sections.end()) section = sections.insert(sections.end(), {n.section, {}});
    section->second.push_back(i);
  }
  return groups;
}

std::string AccountLabel(const std::string& account) {
  if (account.empty()) return "this account";
  const Placement p = SplitPlacement(account);
  return (p.account.empty() ? std::string("this account") : "account " + p.account) +
         (p.region.empty() ? "" : " in " + p.region);
}

void DotNode(const GraphView& view, size_t i, const std::string& indent, std::string* out) {
  const GraphNode& n = view.nodes[i];
  std::string attrs = "label=" + Quoted(n.address);
  if (n.action) {
    Style style = ActionStyle(*n.action);
    attrs += fmt::format(", style=filled, fillcolor=\"{}\", color=\"{}\", tooltip=\"{}\"", style.fill,
                         style.stroke, ActionName(*n.action));
  }
  *out += fmt::format("{}n{} [{}];\n", indent, i, attrs);
}

std::string RenderDot(const GraphView& view) {
  std::string out = "digraph pave {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  Groups groups = GroupNodes(view);
  bool by_account = groups.size() > 1 || (!groups.empty() && !groups[0].first.empty());
  int cluster = 0;
  for (const auto& [account, sections] : groups) {
    std::string indent = "  ";
    if (by_account) {
      out += fmt::format("  subgraph cluster_{} {{\n    label={};\n", cluster++, Quoted(AccountLabel(account)));
      indent = "    ";
    }
    for (const auto& [section, nodes] : sections) {
      out += fmt::format("{}subgraph cluster_{} {{\n{}  label={};\n", indent, cluster++, indent,
                         Quoted(section));
      for (size_t i : nodes) DotNode(view, i, indent + "  ", &out);
      out += indent + "}\n";
    }
    if (by_account) out += "  }\n";
  }
  for (const auto& [first, then] : view.edges) out += fmt::format("  n{} -> n{};\n", first, then);
  return out + "}\n";
}

std::string RenderMermaid(const GraphView& view) {
  std::string out = "flowchart LR\n";
  Groups groups = GroupNodes(view);
  bool by_account = groups.size() > 1 || (!groups.empty() && !groups[0].first.empty());
  int group = 0;
  for (const auto& [account, sections] : groups) {
    std::string indent = "  ";
    if (by_account) {
      out += fmt::format("  subgraph g{}[{}]\n", group++, Quoted(AccountLabel(account), GraphFormat::kMermaid));
      indent = "    ";
    }
    for (const auto& [section, nodes] : sections) {
      out += fmt::format("{}subgraph g{}[{}]\n", indent, group++, Quoted(section, GraphFormat::kMermaid));
      for (size_t i : nodes) {
        out += fmt::format("{}  n{}[{}]\n", indent, i, Quoted(view.nodes[i].address, GraphFormat::kMermaid));
      }
      out += indent + "end\n";
    }
    if (by_account) out += "  end\n";
  }
  for (const auto& [first, then] : view.edges) out += fmt::format("  n{} --> n{}\n", first, then);
  std::map<std::string, std::vector<size_t>> by_action;
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    if (view.nodes[i].action) by_action[ActionName(*view.nodes[i].action)].push_back(i);
  }
  for (const auto& [name, nodes] : by_action) {
    Style style = ActionStyle(nodes.empty() ? Action::kNoOp : *view.nodes[nodes[0]].action);
    std::string cls = name == "no-op" ? "noop" : name;
    out += fmt::format("  classDef {} fill:{},stroke:{}\n  class ", cls, style.fill, style.stroke);
    for (size_t k = 0; k < nodes.size(); ++k) out += fmt::format("{}n{}", k ? "," : "", nodes[k]);
    out += " " + cls + "\n";
  }
  return out;
}

}  // namespace

GraphView ConfigGraphView(const Config& config) {
  GraphView view;
  for (const ResourceConfig& r : config.resources) {
    view.nodes.push_back(GraphNode{r.address.ToString(), r.section.empty() ? "resources" : r.section,
                                   AccountName(r.account), std::nullopt});
  }
  ResourceGraph graph = BuildConfigGraph(config);
  for (Graph::Node n = 0; n < graph.graph.size(); ++n) {
    for (Graph::Node dep : graph.graph.dependencies(n)) view.edges.emplace_back(dep, n);
  }
  return view;
}

void AddPlanActions(const Plan& plan, GraphView* view) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < view->nodes.size(); ++i) index.emplace(view->nodes[i].address, i);
  std::vector<const Change*> deleted;
  for (const Change& c : plan.changes) {
    auto it = index.find(c.address.ToString());
    if (it != index.end()) {
      view->nodes[it->second].action = c.action;
    } else if (c.action == Action::kDelete) {
      index.emplace(c.address.ToString(), view->nodes.size());
      view->nodes.push_back(GraphNode{c.address.ToString(), "deleted", c.prior_account, c.action});
      deleted.push_back(&c);
    }
  }
  for (const Change* c : deleted) {
    size_t then = index.at(c->address.ToString());
    for (const ResourceAddress& dep : c->depends_on) {
      auto it = index.find(dep.ToString());
      if (it != index.end()) view->edges.emplace_back(it->second, then);
    }
  }
}

std::string RenderGraph(const GraphView& view, GraphFormat format) {
  switch (format) {
    case GraphFormat::kDot:
      return RenderDot(view);
    case GraphFormat::kMermaid:
      return RenderMermaid(view);
  }
  return "";
}

}  // namespace pave::cli
