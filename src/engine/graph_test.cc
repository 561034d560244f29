#include "engine/graph.h"

#include <gtest/gtest.h>

#include "testing/fake_provider.h"

namespace pave {
namespace {

ResourceConfig Res(const std::string& type, const std::string& name, Value props = Value::object(),
                   std::vector<ResourceAddress> depends_on = {}) {
  return ResourceConfig{{type, name}, std::move(props), std::move(depends_on), {"p.yaml", 1, 1}};
}

TEST(GraphTest, TopologicalOrderPutsDependenciesFirst) {
  Graph g;
  Graph::Node a = g.AddNode("a"), b = g.AddNode("b"), c = g.AddNode("c");
  g.AddEdge(a, b);  // a depends on b
  g.AddEdge(b, c);
  g.AddEdge(a, c);
  g.AddEdge(a, c);  // duplicate ignored
  EXPECT_EQ(g.dependencies(a).size(), 2u);
  EXPECT_EQ(g.dependents(c).size(), 2u);
  Result<std::vector<Graph::Node>> order = g.TopologicalOrder();
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(*order, (std::vector<Graph::Node>{c, b, a}));
  EXPECT_TRUE(g.FindCycle().empty());
}

TEST(GraphTest, CycleIsReportedInFull) {
  Graph g;
  Graph::Node a = g.AddNode("aws_a.x"), b = g.AddNode("aws_b.y"), c = g.AddNode("aws_c.z");
  Graph::Node d = g.AddNode("aws_d.w");
  g.AddEdge(d, a);
  g.AddEdge(a, b);
  g.AddEdge(b, c);
  g.AddEdge(c, a);
  std::vector<Graph::Node> cycle = g.FindCycle();
  EXPECT_EQ(g.CycleText(cycle), "aws_a.x -> aws_b.y -> aws_c.z -> aws_a.x");
  Result<std::vector<Graph::Node>> order = g.TopologicalOrder();
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.status().message(), "dependency cycle: aws_a.x -> aws_b.y -> aws_c.z -> aws_a.x");
}

TEST(GraphTest, SelfLoopIsACycle) {
  Graph g;
  Graph::Node a = g.AddNode("aws_a.x");
  g.AddEdge(a, a);
  EXPECT_EQ(g.CycleText(g.FindCycle()), "aws_a.x -> aws_a.x");
}

TEST(GraphTest, LongestRemainingChainCountsEverythingDownstream) {
  // root <- mid <- leaf1 (weights 1, 5, 10); root <- leaf2 (weight 2)
  Graph g;
  Graph::Node root = g.AddNode("root"), mid = g.AddNode("mid"), leaf1 = g.AddNode("leaf1"), leaf2 = g.AddNode("leaf2");
  g.AddEdge(mid, root);
  g.AddEdge(leaf1, mid);
  g.AddEdge(leaf2, root);
  std::vector<int64_t> chain = g.LongestRemainingChain({1, 5, 10, 2});
  EXPECT_EQ(chain[leaf1], 10);
  EXPECT_EQ(chain[leaf2], 2);
  EXPECT_EQ(chain[mid], 15);
  EXPECT_EQ(chain[root], 16);
}

TEST(GraphTest, ConfigGraphFromReferencesAndDependsOn) {
  Config config;
  config.resources = {
      Res("aws_vpc", "main"),
      Res("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}}),
      Res("aws_nat", "a", {{"subnet", "x-${aws_subnet.a.id}"}}, {{"aws_vpc", "main"}}),
      Res("aws_other", "x", {{"ref", "${aws_missing.q.id}"}}),
  };
  ResourceGraph g = BuildConfigGraph(config);
  ASSERT_EQ(g.addresses.size(), 4u);
  Graph::Node nat = *g.Find({"aws_nat", "a"});
  std::vector<std::string> deps;
  for (Graph::Node d : g.graph.dependencies(nat)) deps.push_back(g.addresses[d].ToString());
  EXPECT_EQ(deps, (std::vector<std::string>{"aws_subnet.a", "aws_vpc.main"}));
  EXPECT_TRUE(g.graph.dependencies(*g.Find({"aws_other", "x"})).empty());
}

TEST(GraphTest, StateGraphFromRecordedDependencies) {
  State s;
  s.Put(ResourceState{{"aws_vpc", "main"}, Value{{"id", "v"}}, {}});
  s.Put(ResourceState{{"aws_subnet", "a"}, Value{{"id", "s"}}, {{"aws_vpc", "main"}, {"aws_gone", "x"}}});
  ResourceGraph g = BuildStateGraph(s);
  Graph::Node subnet = *g.Find({"aws_subnet", "a"});
  ASSERT_EQ(g.graph.dependencies(subnet).size(), 1u);
  EXPECT_EQ(g.addresses[g.graph.dependencies(subnet)[0]].ToString(), "aws_vpc.main");
}

TEST(GraphTest, TypicalCreateWeightsFromSchemas) {
  ProviderRegistry reg;
  ResourceSchema slow;
  slow.type = "aws_nat";
  slow.typical_create = std::chrono::milliseconds(90000);
  reg.Register(std::make_unique<FakeResourceType>(slow));
  Config config;
  config.resources = {Res("aws_nat", "a"), Res("aws_unknown", "b")};
  ResourceGraph g = BuildConfigGraph(config);
  EXPECT_EQ(TypicalCreateWeights(g, reg), (std::vector<int64_t>{90000, 1000}));
}

}  // namespace
}  // namespace pave
