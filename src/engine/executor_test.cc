#include "engine/executor.h"

#include <gmock/gmock.h>

#include <condition_variable>

#include "engine/engine_test_fixture.h"
#include "engine/secret.h"

namespace pave {
namespace {

using ::testing::HasSubstr;

class ExecutorTest : public EngineFixture {
 protected:
  // vpc <- subnet.{a,b,c} <- nat.{a,b,c}
  void Network() {
    Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}, {"name", "main"}});
    for (const char* z : {"a", "b", "c"}) {
      Declare("aws_subnet", z, {{"vpc_id", "${aws_vpc.main.id}"}, {"name", std::string("subnet-") + z}});
      Declare("aws_nat", z, {{"subnet_id", "${aws_subnet." + std::string(z) + ".id}"}, {"name", "nat in ${aws_vpc.main.name}"}});
    }
  }
  // Every dependency edge of the config held in the call log: the dependency's call returned
  // before the dependent's call started.
  void ExpectCreatesFollowDependencies() {
    for (const ResourceConfig& rc : config_.resources) {
      for (const Reference& ref : FindReferences(rc.properties)) {
        EXPECT_LT(At("return create " + ref.target.ToString()), At("call create " + rc.address.ToString()))
            << rc.address.ToString() << " started before " << ref.target.ToString() << " was made";
      }
    }
  }
};

TEST_F(ExecutorTest, CreatesRespectDependenciesUnderParallelismAndConverge) {
  Network();
  for (const char* t : {"aws_vpc", "aws_subnet", "aws_nat"}) Type(t)->SetLatency(FakeMethod::kCreate, std::chrono::milliseconds(2));
  Plan plan = PlanOrDie();
  ApplyResult r = ApplyPlan(plan, /*parallelism=*/8);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.succeeded, 7u);
  EXPECT_EQ(r.failed + r.skipped, 0u);
  ExpectCreatesFollowDependencies();
  // References were resolved from the live state right before each call.
  EXPECT_EQ(state_.Find({"aws_subnet", "b"})->attributes["vpc_id"], IdOf("aws_vpc", "main"));
  EXPECT_EQ(state_.Find({"aws_nat", "c"})->attributes["subnet_id"], IdOf("aws_subnet", "c"));
  EXPECT_EQ(state_.Find({"aws_nat", "c"})->attributes["name"], "nat in main");
  EXPECT_EQ(state_.Find({"aws_nat", "c"})->dependencies,
            (std::vector<ResourceAddress>{{"aws_subnet", "c"}, {"aws_vpc", "main"}}));
  EXPECT_EQ(Type("aws_subnet")->size(), 3u);
  // A second plan right after has nothing to do.
  Plan again = PlanOrDie();
  EXPECT_FALSE(again.HasChanges());
  std::vector<Event> finished = sink_.Of(EventKind::kRunFinished);
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].message, "apply finished: 7 succeeded, 0 failed, 0 skipped");
}

TEST_F(ExecutorTest, RecorderBeginsBeforeEachCallAndFinishesAfterIt) {
  Network();
  ASSERT_TRUE(ApplyPlan(PlanOrDie(), 4).ok());
  for (const ResourceConfig& rc : config_.resources) {
    std::string a = rc.address.ToString();
    int begin = At("begin create " + a), call = At("call create " + a), ret = At("return create " + a),
        finish = At("finish create " + a);
    EXPECT_LT(begin, call) << a;
    EXPECT_LT(call, ret) << a;
    EXPECT_LT(ret, finish) << a;
  }
  std::vector<MemRecorder::Entry> entries = recorder_.entries();
  ASSERT_EQ(entries.size(), 14u);
  for (const MemRecorder::Entry& e : entries) {
    if (e.kind != MemRecorder::Kind::kFinish) continue;
    ASSERT_TRUE(e.result.has_value());
    EXPECT_EQ(e.result->address, e.op.address);
    EXPECT_TRUE(e.result->attributes.contains("id"));
  }
  EXPECT_TRUE(recorder_.Pending().empty());
}

TEST_F(ExecutorTest, LongestChainStartsFirst) {
  AddType("aws_slow", {FakeAttr("after")}, /*typical_ms=*/60000);
  // aws_slow.a <- aws_slow.b is the critical path; aws_vpc.aaa would come first by address.
  Declare("aws_vpc", "aaa", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_slow", "b", {{"after", "${aws_slow.a.id}"}});
  Declare("aws_slow", "a", Value::object());
  ASSERT_TRUE(ApplyPlan(PlanOrDie(), /*parallelism=*/1).ok());
  std::vector<Event> started = sink_.Of(EventKind::kChangeStarted);
  ASSERT_EQ(started.size(), 3u);
  EXPECT_EQ(started[0].address.ToString(), "aws_slow.a");
  EXPECT_EQ(started[1].address.ToString(), "aws_slow.b");
  EXPECT_EQ(started[2].address.ToString(), "aws_vpc.aaa");
}

TEST_F(ExecutorTest, FailureSkipsDependentsAndIndependentBranchesFinish) {
  Network();
  Type("aws_subnet")->FailAddress(FakeMethod::kCreate, {"aws_subnet", "b"}, Status::FailedPrecondition("no free addresses"));
  ApplyResult r = ApplyPlan(PlanOrDie(), 4);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.succeeded, 5u);
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.skipped, 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].first.ToString(), "aws_subnet.b");
  EXPECT_EQ(r.errors[0].second.message(), "no free addresses");
  EXPECT_EQ(Type("aws_nat")->calls(FakeMethod::kCreate), 2) << "nat.b was never called";
  EXPECT_EQ(state_.Find({"aws_nat", "b"}), nullptr);
  EXPECT_EQ(state_.Find({"aws_subnet", "b"}), nullptr);
  EXPECT_NE(state_.Find({"aws_nat", "a"}), nullptr);
  EXPECT_NE(state_.Find({"aws_nat", "c"}), nullptr);

  std::vector<Event> skipped = sink_.Of(EventKind::kChangeSkipped);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].address.ToString(), "aws_nat.b");
  EXPECT_EQ(skipped[0].message, "depends on aws_subnet.b, which failed");
  std::vector<Event> failed = sink_.Of(EventKind::kChangeFailed);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].status.code(), StatusCode::kFailedPrecondition);
  // Everything done is recorded; the failure is recorded as such; nothing stays pending.
  int finishes = 0, fails = 0;
  for (const MemRecorder::Entry& e : recorder_.entries()) {
    if (e.kind == MemRecorder::Kind::kFinish) ++finishes;
    if (e.kind == MemRecorder::Kind::kFail) {
      ++fails;
      EXPECT_EQ(e.op.address.ToString(), "aws_subnet.b");
    }
  }
  EXPECT_EQ(finishes, 5);
  EXPECT_EQ(fails, 1);
  EXPECT_TRUE(recorder_.Pending().empty());
  EXPECT_EQ(sink_.Of(EventKind::kRunFinished)[0].message, "apply finished: 5 succeeded, 1 failed, 1 skipped");

  // The next run picks up where this one stopped.
  Type("aws_subnet")->ClearFailures();
  Converge();
  EXPECT_EQ(Type("aws_nat")->size(), 3u);
}

TEST_F(ExecutorTest, FailedRecorderBeginMeansNoProviderCall) {
  Network();
  recorder_.FailBeginFor({"aws_vpc", "main"}, Status::Unavailable("disk full"));
  ApplyResult r = ApplyPlan(PlanOrDie(), 2);
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.skipped, 6u);
  EXPECT_EQ(Type("aws_vpc")->calls(FakeMethod::kCreate), 0);
  EXPECT_THAT(r.errors[0].second.message(), HasSubstr("recording the start: disk full"));
}

TEST_F(ExecutorTest, UpdateInPlace) {
  Network();
  Converge();
  std::string id = IdOf("aws_subnet", "a");
  Declared("aws_subnet", "a")->properties["name"] = "renamed";
  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.Count(Action::kUpdate), 1u);
  ASSERT_TRUE(ApplyPlan(plan).ok());
  EXPECT_EQ(Type("aws_subnet")->calls(FakeMethod::kUpdate), 1);
  EXPECT_EQ(IdOf("aws_subnet", "a"), id);
  EXPECT_EQ(state_.Find({"aws_subnet", "a"})->attributes["name"], "renamed");
  EXPECT_EQ((*Type("aws_subnet")->Get(id))["name"], "renamed");
  EXPECT_FALSE(PlanOrDie().HasChanges());
}

TEST_F(ExecutorTest, ReplaceDeletesOldBeforeCreatingNewInDependencyOrder) {
  Network();
  Converge();
  std::string old_vpc = IdOf("aws_vpc", "main");
  log_.Clear();
  Declared("aws_vpc", "main")->properties["cidr"] = "10.9.0.0/16";
  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.Count(Action::kReplace), 7u);
  ApplyResult r = ApplyPlan(plan, 4);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.succeeded, 7u);
  // Old: nats, then subnets, then the vpc go. New: vpc, then subnets, then nats come.
  for (const char* z : {"a", "b", "c"}) {
    std::string s = std::string("aws_subnet.") + z, n = std::string("aws_nat.") + z;
    EXPECT_LT(At("return delete " + n), At("call delete " + s));
    EXPECT_LT(At("return delete " + s), At("call delete aws_vpc.main"));
    EXPECT_LT(At("return create aws_vpc.main"), At("call create " + s));
    EXPECT_LT(At("return create " + s), At("call create " + n));
  }
  EXPECT_LT(At("return delete aws_vpc.main"), At("call create aws_vpc.main"));
  EXPECT_NE(IdOf("aws_vpc", "main"), old_vpc);
  EXPECT_FALSE(Type("aws_vpc")->Get(old_vpc).has_value());
  EXPECT_EQ(Type("aws_vpc")->size(), 1u);
  EXPECT_EQ(state_.Find({"aws_subnet", "a"})->attributes["vpc_id"], IdOf("aws_vpc", "main"));
  EXPECT_FALSE(PlanOrDie().HasChanges());
}

TEST_F(ExecutorTest, CreateBeforeDestroyReplace) {
  AddType("aws_lb", {FakeAttr("name", AttrType::kString, {.force_new = true})}, 1000, /*create_before_destroy=*/true);
  Declare("aws_lb", "web", {{"name", "web-1"}});
  Converge();
  std::string old_id = IdOf("aws_lb", "web");
  log_.Clear();
  Declared("aws_lb", "web")->properties["name"] = "web-2";
  ASSERT_TRUE(ApplyPlan(PlanOrDie()).ok());
  EXPECT_LT(At("return create aws_lb.web"), At("call delete aws_lb.web"));
  std::string new_id = IdOf("aws_lb", "web");
  EXPECT_NE(new_id, old_id);
  EXPECT_FALSE(Type("aws_lb")->Get(old_id).has_value()) << "the delete used the old instance's id";
  EXPECT_TRUE(Type("aws_lb")->Get(new_id).has_value());
  // The old instance was deposed before the create; the last record confirms its delete.
  std::vector<MemRecorder::Entry> entries = recorder_.entries();
  ASSERT_EQ(entries.back().kind, MemRecorder::Kind::kFinish);
  EXPECT_EQ(entries.back().op.op, Operation::kDelete);
  EXPECT_TRUE(entries.back().op.address.IsDeposed());
  EXPECT_FALSE(entries.back().result.has_value());
  EXPECT_EQ(state_.size(), 1u);
  EXPECT_EQ(IdOf("aws_lb", "web"), new_id);
  EXPECT_FALSE(PlanOrDie().HasChanges());
}

TEST_F(ExecutorTest, DestroyDeletesInReverseDependencyOrder) {
  Network();
  Converge();
  log_.Clear();
  Plan plan = PlanOrDie(/*destroy=*/true);
  ASSERT_EQ(plan.Count(Action::kDelete), 7u);
  ApplyResult r = ApplyPlan(plan, 8);
  ASSERT_TRUE(r.ok());
  for (const char* z : {"a", "b", "c"}) {
    std::string s = std::string("aws_subnet.") + z, n = std::string("aws_nat.") + z;
    EXPECT_LT(At("return delete " + n), At("call delete " + s));
    EXPECT_LT(At("return delete " + s), At("call delete aws_vpc.main"));
  }
  EXPECT_EQ(state_.size(), 0u);
  for (const char* t : {"aws_vpc", "aws_subnet", "aws_nat"}) EXPECT_EQ(Type(t)->size(), 0u) << t;
  EXPECT_EQ(sink_.Of(EventKind::kRunFinished).back().message, "destroy finished: 7 succeeded, 0 failed, 0 skipped");
}

TEST_F(ExecutorTest, DeleteOfSomethingAlreadyGoneSucceeds) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Converge();
  Type("aws_vpc")->Erase(IdOf("aws_vpc", "main"));
  ASSERT_TRUE(ApplyPlan(PlanOrDie(/*destroy=*/true)).ok());
  EXPECT_EQ(state_.size(), 0u);
}

TEST_F(ExecutorTest, FailedDeleteKeepsWhatItsDependenciesNeed) {
  Network();
  Converge();
  Type("aws_nat")->FailAddress(FakeMethod::kDelete, {"aws_nat", "a"}, Status::FailedPrecondition("dependency violation"));
  ApplyResult r = ApplyPlan(PlanOrDie(/*destroy=*/true), 4);
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.skipped, 2u) << "subnet.a and the vpc stay";
  EXPECT_EQ(r.succeeded, 4u);
  EXPECT_NE(state_.Find({"aws_subnet", "a"}), nullptr);
  EXPECT_NE(state_.Find({"aws_vpc", "main"}), nullptr);
  EXPECT_EQ(state_.Find({"aws_subnet", "b"}), nullptr);
}

TEST_F(ExecutorTest, SecretsReachProvidersButStateOnlyHoldsFingerprints) {
  Declare("aws_db", "main", {{"password", "hunter2-plain"}, {"name", "db"}});
  Declare("aws_param", "pw", {{"name", "/db/password"}, {"value", "${aws_db.main.password}"}});
  Converge();
  std::optional<Value> db = Type("aws_db")->GetByAddress({"aws_db", "main"});
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ((*db)["password"], "hunter2-plain");
  EXPECT_EQ((*Type("aws_param")->GetByAddress({"aws_param", "pw"}))["value"], "hunter2-plain")
      << "a secret reference resolves to the plaintext";
  std::string fp = SecretFingerprint("lineage-1", Value("hunter2-plain"));
  EXPECT_EQ(state_.Find({"aws_db", "main"})->attributes["password"], fp);
  EXPECT_EQ(state_.Find({"aws_param", "pw"})->attributes["value"], fp);
  for (const MemRecorder::Entry& e : recorder_.entries()) {
    if (e.result) {
      EXPECT_THAT(e.result->attributes.dump(), ::testing::Not(HasSubstr("hunter2")));
    }
  }
}

TEST_F(ExecutorTest, SecretReferenceToAnUnchangedResourceUsesThePlanValue) {
  Declare("aws_db", "main", {{"password", "pw-1"}});
  Declare("aws_param", "pw", {{"value", "${aws_db.main.password}"}, {"name", "a"}});
  Converge();
  Declared("aws_param", "pw")->properties["name"] = "b";
  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.Count(Action::kUpdate), 1u);
  ASSERT_TRUE(ApplyPlan(plan).ok());
  EXPECT_EQ((*Type("aws_param")->GetByAddress({"aws_param", "pw"}))["value"], "pw-1");
}

TEST_F(ExecutorTest, ParallelismBoundsCallsInFlight) {
  for (int i = 0; i < 12; ++i) Declare("aws_vpc", "v" + std::to_string(i), {{"cidr", "10.0.0.0/16"}});
  Type("aws_vpc")->SetLatency(FakeMethod::kCreate, std::chrono::milliseconds(2));
  ASSERT_TRUE(ApplyPlan(PlanOrDie(), /*parallelism=*/3).ok());
  EXPECT_LE(log_.MaxInFlight(), 3);
  EXPECT_EQ(Type("aws_vpc")->size(), 12u);
}

// Creates block until `n` are in flight at once: proves independent work runs in parallel
// without timing assumptions (the deadline only turns a hang into a failure).
class RendezvousType : public FakeResourceType {
 public:
  RendezvousType(ResourceSchema s, int n) : FakeResourceType(std::move(s)), n_(n) {}
  Result<Value> Create(const OperationContext& ctx, const Value& desired) override {
    std::unique_lock<std::mutex> lock(mu_);
    ++arrived_;
    cv_.notify_all();
    if (!cv_.wait_for(lock, std::chrono::seconds(20), [this] { return arrived_ >= n_; })) {
      return Status::DeadlineExceeded("creates were not concurrent");
    }
    lock.unlock();
    return FakeResourceType::Create(ctx, desired);
  }

 private:
  int n_;
  std::mutex mu_;
  std::condition_variable cv_;
  int arrived_ = 0;
};

TEST_F(ExecutorTest, IndependentWorkRunsConcurrently) {
  ResourceSchema s;
  s.type = "aws_meet";
  registry_.Register(std::make_unique<RendezvousType>(s, 4));
  for (int i = 0; i < 4; ++i) Declare("aws_meet", "m" + std::to_string(i), Value::object());
  ApplyResult r = ApplyPlan(PlanOrDie(), /*parallelism=*/4);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].second.ToString());
}

TEST_F(ExecutorTest, CancellationStopsNewWorkAndReportsTheRest) {
  Network();
  ApplyOptions o = Options(/*parallelism=*/1);
  FakeResourceType* vpc = Type("aws_vpc");
  o.cancelled = [vpc] { return vpc->calls(FakeMethod::kCreate) > 0; };
  ApplyResult r = Apply(PlanOrDie(), &state_, registry_, o);
  EXPECT_TRUE(r.cancelled);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.succeeded, 1u);
  EXPECT_EQ(r.skipped, 6u);
  EXPECT_EQ(Type("aws_subnet")->calls(FakeMethod::kCreate), 0);
  EXPECT_EQ(sink_.Of(EventKind::kChangeSkipped).size(), 6u);
  EXPECT_EQ(sink_.Of(EventKind::kChangeSkipped)[0].message, "run cancelled");
  EXPECT_EQ(sink_.Of(EventKind::kRunFinished)[0].message, "apply cancelled: 1 succeeded, 0 failed, 6 skipped");
  EXPECT_TRUE(recorder_.Pending().empty());
}

TEST_F(ExecutorTest, RefusesAStateThatMovedSinceThePlan) {
  Network();
  Plan plan = PlanOrDie();
  state_.serial = 3;
  ApplyResult r = ApplyPlan(plan);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].second.code(), StatusCode::kAborted);
  EXPECT_THAT(r.errors[0].second.message(), HasSubstr("the state changed since the plan was made"));
  EXPECT_EQ(Type("aws_vpc")->calls(FakeMethod::kCreate), 0);
  EXPECT_TRUE(recorder_.entries().empty());
}

TEST_F(ExecutorTest, TokensComeFromTheOptionAndReachTheProvider) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  ApplyOptions o = Options();
  o.make_token = [](const ResourceAddress& a) { return "tok-" + a.name; };
  ASSERT_TRUE(Apply(PlanOrDie(), &state_, registry_, o).ok());
  EXPECT_EQ(recorder_.entries()[0].op.idempotency_token, "tok-main");
  OperationContext ctx;
  ctx.idempotency_token = "tok-main";
  Result<std::optional<Value>> found = Type("aws_vpc")->Find(ctx, Value::object());
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((**found)["id"], IdOf("aws_vpc", "main"));
}

TEST_F(ExecutorTest, DefaultTokensAreRandomHex) {
  Declare("aws_vpc", "a", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_vpc", "b", {{"cidr", "10.0.0.0/16"}});
  ASSERT_TRUE(ApplyPlan(PlanOrDie()).ok());
  std::vector<std::string> tokens;
  for (const MemRecorder::Entry& e : recorder_.entries()) {
    if (e.kind == MemRecorder::Kind::kBegin) tokens.push_back(e.op.idempotency_token);
  }
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].size(), 32u);
  EXPECT_EQ(tokens[0].find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(tokens[0], tokens[1]);
}

TEST_F(ExecutorTest, ProviderProgressBecomesEvents) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Type("aws_vpc")->SetProgressNotes({"waiting: pending", "waiting: available"});
  ASSERT_TRUE(ApplyPlan(PlanOrDie()).ok());
  std::vector<Event> progress = sink_.Of(EventKind::kChangeProgress);
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].address.ToString(), "aws_vpc.main");
  EXPECT_EQ(progress[0].action, Action::kCreate);
  EXPECT_EQ(progress[0].message, "waiting: pending");
  EXPECT_EQ(progress[1].message, "waiting: available");
}

TEST_F(ExecutorTest, AllowDataLossReachesProviders) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Converge();
  ApplyOptions o = Options();
  o.allow_data_loss = true;
  ASSERT_TRUE(Apply(PlanOrDie(/*destroy=*/true), &state_, registry_, o).ok());
  EXPECT_EQ(Type("aws_vpc")->deletes_allowing_data_loss(), 1);
}

}  // namespace
}  // namespace pave
