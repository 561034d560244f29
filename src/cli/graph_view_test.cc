// pave graph's picture: groups by account and section, edges from references and dependsOn,
// the plan's actions as colours, deleted resources added; dot output checked by Graphviz.
#include "cli/graph_view.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace pave::cli {
namespace {

ResourceConfig Resource(const std::string& type, const std::string& name, Value props,
                        const std::string& section, const std::string& account = "") {
  ResourceConfig r;
  r.address = {type, name};
  r.properties = std::move(props);
  r.section = section;
  r.account = account;
  return r;
}

Config Sample() {
  Config c;
  c.resources.push_back(Resource("aws_vpc", "main", {{"cidr_block", "10.0.0.0/16"}}, "network",
                                 "${aws_organizations_account.shared.id}"));
  c.resources.push_back(Resource("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}}, "network",
                                 "${aws_organizations_account.shared.id}"));
  ResourceConfig log = Resource("aws_cloudwatch_log_group", "audit", {{"name", "/audit"}}, "");
  log.depends_on.push_back({"aws_subnet", "a"});
  c.resources.push_back(log);
  return c;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(GraphViewTest, NodesCarrySectionAndAccountAndEdgesRunFromWhatComesFirst) {
  GraphView view = ConfigGraphView(Sample());
  ASSERT_EQ(view.nodes.size(), 3u);
  EXPECT_EQ(view.nodes[0].section, "network");
  EXPECT_EQ(view.nodes[0].account, "shared");
  EXPECT_EQ(view.nodes[2].section, "resources");
  EXPECT_EQ(view.nodes[2].account, "");
  std::vector<std::pair<size_t, size_t>> expected = {{0, 1}, {1, 2}};
  EXPECT_EQ(view.edges, expected);
}

TEST(GraphViewTest, DotGroupsByAccountThenSection) {
  std::string dot = RenderGraph(ConfigGraphView(Sample()), GraphFormat::kDot);
  EXPECT_EQ(dot.rfind("digraph pave {", 0), 0u) << dot;
  EXPECT_NE(dot.find("label=\"account shared\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"this account\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"network\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("n0 [label=\"aws_vpc.main\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("n0 -> n1;"), std::string::npos) << dot;
  EXPECT_NE(dot.find("n1 -> n2;"), std::string::npos) << dot;
  EXPECT_EQ(Count(dot, "subgraph cluster_"), 4u) << dot;  // 2 accounts, 2 sections
  EXPECT_EQ(Count(dot, "{"), Count(dot, "}")) << dot;
}

TEST(GraphViewTest, OneAccountIsNotDrawnAsAGroup) {
  Config c;
  c.resources.push_back(Resource("random_id", "a", Value::object(), ""));
  std::string dot = RenderGraph(ConfigGraphView(c), GraphFormat::kDot);
  EXPECT_EQ(dot.find("account"), std::string::npos) << dot;
  EXPECT_EQ(Count(dot, "subgraph cluster_"), 1u) << dot;
}

TEST(GraphViewTest, PlanActionsColourNodesAndDeletedResourcesAreAdded) {
  GraphView view = ConfigGraphView(Sample());
  Plan plan;
  Change create;
  create.address = {"aws_vpc", "main"};
  create.action = Action::kCreate;
  Change keep;
  keep.address = {"aws_subnet", "a"};
  keep.action = Action::kNoOp;
  Change gone;
  gone.address = {"aws_s3_bucket", "old"};
  gone.action = Action::kDelete;
  gone.depends_on = {{"aws_vpc", "main"}};
  gone.prior_account = "210987654321";
  plan.changes = {create, keep, gone};
  AddPlanActions(plan, &view);
  ASSERT_EQ(view.nodes.size(), 4u);
  EXPECT_EQ(view.nodes[0].action, Action::kCreate);
  EXPECT_EQ(view.nodes[2].action, std::nullopt);
  EXPECT_EQ(view.nodes[3].address, "aws_s3_bucket.old");
  EXPECT_EQ(view.nodes[3].section, "deleted");
  EXPECT_EQ(view.nodes[3].account, "210987654321");
  EXPECT_EQ(view.edges.back(), (std::pair<size_t, size_t>{0, 3}));

  std::string dot = RenderGraph(view, GraphFormat::kDot);
  EXPECT_NE(dot.find("n0 [label=\"aws_vpc.main\", style=filled, fillcolor=\"#d9f2d9\""), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("fillcolor=\"#ffd6d6\""), std::string::npos) << dot;
  std::string mermaid = RenderGraph(view, GraphFormat::kMermaid);
  EXPECT_NE(mermaid.find("classDef create fill:#d9f2d9"), std::string::npos) << mermaid;
  EXPECT_NE(mermaid.find("class n0 create"), std::string::npos) << mermaid;
  EXPECT_NE(mermaid.find("class n1 noop"), std::string::npos) << mermaid;
  EXPECT_NE(mermaid.find("class n3 delete"), std::string::npos) << mermaid;
}

TEST(GraphViewTest, MermaidIsAFlowchartWithBalancedSubgraphs) {
  std::string m = RenderGraph(ConfigGraphView(Sample()), GraphFormat::kMermaid);
  EXPECT_EQ(m.rfind("flowchart LR\n", 0), 0u) << m;
  EXPECT_NE(m.find("n0[\"aws_vpc.main\"]"), std::string::npos) << m;
  EXPECT_NE(m.find("n0 --> n1"), std::string::npos) << m;
  EXPECT_NE(m.find("[\"account shared\"]"), std::string::npos) << m;
  EXPECT_EQ(Count(m, "subgraph "), Count(m, "end\n")) << m;
}

TEST(GraphViewTest, QuotesInLabelsAreEscapedForEachFormat) {
  Config c;
  c.resources.push_back(Resource("random_id", "a", Value::object(), "x", "team \"a\""));
  c.resources.push_back(Resource("random_id", "b", Value::object(), "x"));
  GraphView view = ConfigGraphView(c);
  EXPECT_NE(RenderGraph(view, GraphFormat::kDot).find("\"account team \\\"a\\\"\""), std::string::npos);
  EXPECT_NE(RenderGraph(view, GraphFormat::kMermaid).find("\"account team #quot;a#quot;\""), std::string::npos);
}

// Graphviz itself reads what pave writes (graphviz is a build dependency).
TEST(GraphViewTest, GraphvizRendersTheDotOutput) {
  GraphView view = ConfigGraphView(Sample());
  std::string dir = ::testing::TempDir();
  std::string in = dir + "/pave_graph_test.dot", out = dir + "/pave_graph_test.svg";
  std::ofstream(in) << RenderGraph(view, GraphFormat::kDot);
  std::string command = "dot -Tsvg -o '" + out + "' '" + in + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "dot refused:\n" << RenderGraph(view, GraphFormat::kDot);
  std::stringstream svg;
  svg << std::ifstream(out).rdbuf();
  EXPECT_NE(svg.str().find("<svg"), std::string::npos);
  EXPECT_NE(svg.str().find("aws_vpc.main"), std::string::npos);
  EXPECT_NE(svg.str().find("account shared"), std::string::npos);
  std::remove(in.c_str());
  std::remove(out.c_str());
}

}  // namespace
}  // namespace pave::cli
