#include "engine/planner_moves.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/planner.h"
#include "testing/fake_provider.h"

namespace pave {
namespace {

using ::testing::HasSubstr;

ResourceAddress A(const std::string& text) { return *ResourceAddress::Parse(text); }

MovedResource Move(const std::string& from, const std::string& to, int line = 1) {
  return MovedResource{A(from), A(to), {"p.yaml", line, 3}};
}

Config Declared(const std::vector<std::string>& addresses) {
  Config config;
  for (const auto& a : addresses)
    config.resources.push_back(ResourceConfig{A(a), Value::object(), {}, {}});
  return config;
}

std::string Errors(const std::vector<MovedResource>& moves, const Config& config) {
  std::string text;
  for (const Diagnostic& d : CheckMoves(moves, config)) text += d.ToString() + "\n";
  return text;
}

TEST(CheckMovesTest, AcceptsARenameOfADeclaredResource) {
  EXPECT_EQ(Errors({Move("random_id.a", "random_id.b")}, Declared({"random_id.b"})), "");
}

TEST(CheckMovesTest, RefusesAFromStillDeclaredAndAToNotDeclared) {
  EXPECT_THAT(
      Errors({Move("random_id.a", "random_id.b")}, Declared({"random_id.a", "random_id.b"})),
      HasSubstr("random_id.a is still declared"));
  EXPECT_THAT(Errors({Move("random_id.a", "random_id.b")}, Declared({})),
              HasSubstr("random_id.b is not declared"));
  EXPECT_THAT(Errors({Move("random_id.a", "local_file.b")}, Declared({"local_file.b"})),
              HasSubstr("a move keeps the type"));
}

TEST(CheckMovesTest, RefusesChainsAndCyclesOnceEach) {
  std::string chain =
      Errors({Move("random_id.a", "random_id.b"), Move("random_id.b", "random_id.c", 2)},
             Declared({"random_id.c"}));
  EXPECT_THAT(chain, HasSubstr("p.yaml:1:3: moved random_id.a -> random_id.b: a chain"));
  EXPECT_THAT(chain, HasSubstr("from: random_id.a, to: random_id.c"));
  EXPECT_EQ(std::count(chain.begin(), chain.end(), '\n'), 1) << chain;
  std::string cycle =
      Errors({Move("random_id.a", "random_id.b"), Move("random_id.b", "random_id.a", 2)},
             Declared({"random_id.a", "random_id.b"}));
  EXPECT_THAT(cycle, HasSubstr("a cycle"));
  EXPECT_EQ(std::count(cycle.begin(), cycle.end(), '\n'), 1) << cycle;
  EXPECT_THAT(Errors({Move("random_id.a", "random_id.b"), Move("random_id.a", "random_id.c", 2)},
                     Declared({"random_id.b", "random_id.c"})),
              HasSubstr("random_id.a is moved twice"));
}

TEST(MoveResourceTest, RenamesTheEntryAndTheDependenciesOnIt) {
  State state;
  state.Put(ResourceState{A("random_id.a"), Value{{"id", "x1"}}, {}});
  state.Put(ResourceState{A("local_file.f"), Value{{"id", "f"}}, {A("random_id.a")}});
  ASSERT_TRUE(MoveResource(&state, A("random_id.a"), A("random_id.b")).ok());
  EXPECT_EQ(state.Find(A("random_id.a")), nullptr);
  ASSERT_NE(state.Find(A("random_id.b")), nullptr);
  EXPECT_EQ(state.Find(A("random_id.b"))->attributes["id"], "x1");
  EXPECT_EQ(state.Find(A("local_file.f"))->dependencies,
            std::vector<ResourceAddress>{A("random_id.b")});
  EXPECT_EQ(MoveResource(&state, A("random_id.a"), A("random_id.c")).code(), StatusCode::kNotFound);
  state.Put(ResourceState{A("random_id.c"), Value{{"id", "x2"}}, {}});
  EXPECT_EQ(MoveResource(&state, A("random_id.b"), A("random_id.c")).code(),
            StatusCode::kAlreadyExists);
}

TEST(ApplyMovesTest, SkipsDoneMovesAndRefusesATakenAddressWithoutChangingTheState) {
  State state;
  state.Put(ResourceState{A("random_id.a"), Value{{"id", "x1"}}, {}});
  auto done =
      ApplyMoves({Move("random_id.a", "random_id.b"), Move("random_id.z", "random_id.y")}, &state);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->size(), 1u);
  EXPECT_EQ((*done)[0].to, A("random_id.b"));
  EXPECT_TRUE(ApplyMoves({Move("random_id.a", "random_id.b")}, &state)->empty());  // done already

  state.Put(ResourceState{A("random_id.c"), Value{{"id", "x3"}}, {}});
  state.Put(ResourceState{A("random_id.d"), Value{{"id", "x4"}}, {}});
  auto taken = ApplyMoves(
      {Move("random_id.b", "random_id.e"), Move("random_id.c", "random_id.d", 4)}, &state);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(taken.status().message(),
              HasSubstr("p.yaml:4:3: cannot move random_id.c to random_id.d"));
  EXPECT_NE(state.Find(A("random_id.b")), nullptr);  // the first move was not kept either
  EXPECT_EQ(state.Find(A("random_id.e")), nullptr);
}

class MovedPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ResourceSchema s;
    s.type = "random_id";
    s.attributes = {FakeAttr("byte_length", AttrType::kInt, {.required = true, .force_new = true}),
                    FakeAttr("hex", AttrType::kString, {.computed = true})};
    registry_.Register(std::make_unique<FakeResourceType>(s));
    state_.lineage = "lin";
  }
  Plan MustPlan(const PlanOptions& options = {}) {
    Result<Plan> p = MakePlan(config_, state_, registry_, options);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : Plan{};
  }
  ProviderRegistry registry_;
  Config config_;
  State state_;
};

TEST_F(MovedPlanTest, AMovedResourceIsNoDeleteAndCreate) {
  config_.resources.push_back(ResourceConfig{A("random_id.b"), Value{{"byte_length", 4}}, {}, {}});
  state_.Put(
      ResourceState{A("random_id.a"), Value{{"id", "x"}, {"byte_length", 4}, {"hex", "ab"}}, {}});
  auto done = ApplyMoves({Move("random_id.a", "random_id.b")}, &state_);
  ASSERT_TRUE(done.ok());
  PlanOptions options;
  options.moved[A("random_id.b")] = A("random_id.a");
  Plan plan = MustPlan(options);
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].action, Action::kNoOp);
  ASSERT_TRUE(plan.changes[0].moved_from.has_value());
  EXPECT_EQ(*plan.changes[0].moved_from, A("random_id.a"));
}

TEST_F(MovedPlanTest, ADeleteAndCreateOfEqualAttributesLooksLikeARename) {
  config_.resources.push_back(ResourceConfig{A("random_id.b"), Value{{"byte_length", 4}}, {}, {}});
  config_.resources.push_back(ResourceConfig{A("random_id.c"), Value{{"byte_length", 8}}, {}, {}});
  state_.Put(
      ResourceState{A("random_id.a"), Value{{"id", "x"}, {"byte_length", 4}, {"hex", "ab"}}, {}});
  Plan plan = MustPlan();
  ASSERT_EQ(plan.changes.size(), 3u);
  EXPECT_EQ(plan.changes[0].action, Action::kDelete);
  EXPECT_EQ(plan.changes[1].action, Action::kCreate);
  EXPECT_THAT(
      plan.changes[1].reason,
      HasSubstr("looks like a rename of random_id.a: add a moved: entry {from: random_id.a, "
                "to: random_id.b}"));
  EXPECT_EQ(plan.changes[2].reason, "");  // byte_length 8 differs
}

}  // namespace
}  // namespace pave
