#include "engine/apply_graph.h"

#include <gmock/gmock.h>

#include "engine/engine_test_fixture.h"

namespace pave {
namespace {

using ::testing::UnorderedElementsAreArray;

class ApplyGraphTest : public EngineFixture {
 protected:
  ApplyGraph Build(const Plan& plan) {
    Result<ApplyGraph> g = BuildApplyGraph(plan, state_, registry_);
    EXPECT_TRUE(g.ok()) << g.status().ToString();
    return g.ok() ? std::move(*g) : ApplyGraph{};
  }
  // Labels of what `label` waits for.
  static std::vector<std::string> DepsOf(const ApplyGraph& g, const std::string& label) {
    for (Graph::Node n = 0; n < g.graph.size(); ++n) {
      if (g.graph.label(n) != label) continue;
      std::vector<std::string> out;
      for (Graph::Node d : g.graph.dependencies(n)) out.push_back(g.graph.label(d));
      return out;
    }
    ADD_FAILURE() << "no operation " << label;
    return {};
  }
  void ThreeTierState() {
    Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
    Declare("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}});
    Declare("aws_nat", "a", {{"subnet_id", "${aws_subnet.a.id}"}});
    Converge();
  }
};

TEST_F(ApplyGraphTest, CreatesFollowDependencies) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}});
  Declare("aws_nat", "a", {{"subnet_id", "${aws_subnet.a.id}"}}, {{"aws_vpc", "main"}});
  ApplyGraph g = Build(PlanOrDie());
  EXPECT_EQ(g.ops.size(), 3u);
  EXPECT_THAT(DepsOf(g, "create aws_subnet.a"), UnorderedElementsAreArray({"create aws_vpc.main"}));
  EXPECT_THAT(DepsOf(g, "create aws_nat.a"), UnorderedElementsAreArray({"create aws_subnet.a", "create aws_vpc.main"}));
  EXPECT_TRUE(DepsOf(g, "create aws_vpc.main").empty());
}

TEST_F(ApplyGraphTest, DeletesRunInReverseDependencyOrder) {
  ThreeTierState();
  ApplyGraph g = Build(PlanOrDie(/*destroy=*/true));
  EXPECT_THAT(DepsOf(g, "delete aws_vpc.main"), UnorderedElementsAreArray({"delete aws_subnet.a"}));
  EXPECT_THAT(DepsOf(g, "delete aws_subnet.a"), UnorderedElementsAreArray({"delete aws_nat.a"}));
  EXPECT_TRUE(DepsOf(g, "delete aws_nat.a").empty());
}

TEST_F(ApplyGraphTest, DeleteFirstReplaceCascade) {
  ThreeTierState();
  Declared("aws_vpc", "main")->properties["cidr"] = "10.1.0.0/16";
  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.Count(Action::kReplace), 3u);
  ApplyGraph g = Build(plan);
  // Old instances go from the leaves up; new ones come from the root down.
  EXPECT_THAT(DepsOf(g, "delete aws_vpc.main"), UnorderedElementsAreArray({"delete aws_subnet.a"}));
  EXPECT_THAT(DepsOf(g, "delete aws_subnet.a"), UnorderedElementsAreArray({"delete aws_nat.a"}));
  EXPECT_THAT(DepsOf(g, "create aws_vpc.main"), UnorderedElementsAreArray({"delete aws_vpc.main"}));
  EXPECT_THAT(DepsOf(g, "create aws_subnet.a"), UnorderedElementsAreArray({"delete aws_subnet.a", "create aws_vpc.main"}));
  EXPECT_THAT(DepsOf(g, "create aws_nat.a"), UnorderedElementsAreArray({"delete aws_nat.a", "create aws_subnet.a"}));
}

TEST_F(ApplyGraphTest, UpdateMovesOffADeletedResourceFirst) {
  Declare("aws_vpc", "old", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_vpc", "new", {{"cidr", "10.1.0.0/16"}});
  Declare("aws_subnet", "a", {{"vpc_id", "x"}, {"name", "${aws_vpc.old.id}"}});
  Converge();
  config_.resources.erase(config_.resources.begin());
  Declared("aws_subnet", "a")->properties["name"] = "${aws_vpc.new.id}";
  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.Count(Action::kDelete), 1u);
  ASSERT_EQ(plan.Count(Action::kUpdate), 1u);
  ApplyGraph g = Build(plan);
  EXPECT_THAT(DepsOf(g, "delete aws_vpc.old"), UnorderedElementsAreArray({"update aws_subnet.a"}));
}

TEST_F(ApplyGraphTest, CreateBeforeDestroyAndItsDowngrade) {
  AddType("aws_lb", {FakeAttr("name", AttrType::kString, {.force_new = true}), FakeAttr("vpc", AttrType::kString, {.force_new = true})},
          1000, /*create_before_destroy=*/true);
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_lb", "web", {{"name", "web"}, {"vpc", "${aws_vpc.main.id}"}});
  Converge();
  Declared("aws_lb", "web")->properties["name"] = "web2";
  ApplyGraph g = Build(PlanOrDie());
  EXPECT_THAT(DepsOf(g, "delete aws_lb.web"), UnorderedElementsAreArray({"create aws_lb.web"}));
  EXPECT_TRUE(DepsOf(g, "create aws_lb.web").empty());
  EXPECT_TRUE(g.create_before_destroy[0]);

  // Its VPC is replaced delete-first: the new lb needs the new VPC, which needs the old lb
  // gone, so the lb is replaced delete-first too.
  Declared("aws_vpc", "main")->properties["cidr"] = "10.2.0.0/16";
  Plan plan = PlanOrDie();
  g = Build(plan);
  EXPECT_FALSE(g.create_before_destroy[0]);
  EXPECT_THAT(DepsOf(g, "delete aws_vpc.main"), UnorderedElementsAreArray({"delete aws_lb.web"}));
  EXPECT_THAT(DepsOf(g, "create aws_lb.web"), UnorderedElementsAreArray({"delete aws_lb.web", "create aws_vpc.main"}));
}

TEST_F(ApplyGraphTest, PriorityIsTheLongestRemainingChain) {
  AddType("aws_slow", {FakeAttr("after")}, 50000);
  Declare("aws_slow", "a", Value::object());
  Declare("aws_slow", "b", {{"after", "${aws_slow.a.id}"}});
  Declare("aws_vpc", "v", {{"cidr", "c"}, {"name", "${aws_slow.b.id}"}});
  Declare("aws_vpc", "w", {{"cidr", "c"}});
  ApplyGraph g = Build(PlanOrDie());
  std::map<std::string, int64_t> priority;
  for (Graph::Node n = 0; n < g.graph.size(); ++n) priority[g.graph.label(n)] = g.priority[n];
  EXPECT_EQ(priority["create aws_vpc.w"], 1000);
  EXPECT_EQ(priority["create aws_vpc.v"], 1000);
  EXPECT_EQ(priority["create aws_slow.b"], 51000);
  EXPECT_EQ(priority["create aws_slow.a"], 101000);
}

TEST_F(ApplyGraphTest, ContradictoryStateDependenciesAreACycle) {
  state_.Put(ResourceState{{"aws_vpc", "a"}, {{"id", "1"}, {"cidr", "c"}}, {{"aws_vpc", "b"}}});
  state_.Put(ResourceState{{"aws_vpc", "b"}, {{"id", "2"}, {"cidr", "c"}}, {{"aws_vpc", "a"}}});
  Plan plan = PlanOrDie(/*destroy=*/true);
  Result<ApplyGraph> g = BuildApplyGraph(plan, state_, registry_);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(), "dependency cycle: delete aws_vpc.a -> delete aws_vpc.b -> delete aws_vpc.a");
}

}  // namespace
}  // namespace pave
