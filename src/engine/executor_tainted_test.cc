// The create as a two-phase fact: a resource the provider reported made is recorded (tainted)
// when the rest of its create fails, and the next plan replaces it; a create whose answer was
// lost is found with Find, not made twice. docs/reliability.md.
#include <gmock/gmock.h>

#include <algorithm>
#include <set>

#include "engine/engine_test_fixture.h"
#include "engine/executor.h"
#include "engine/recovery.h"
#include "engine/refresh.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class TaintedTest : public EngineFixture {
 protected:
  void SetUp() override {
    EngineFixture::SetUp();
    Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}, {"name", "main"}});
    Declare("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}, {"name", "a"}});
  }
  ApplyResult Run() {
    ApplyOptions o = Options(2);
    o.env = &env_;  // Find's patient looks sleep on a fake clock
    return Apply(PlanOrDie(), &state_, registry_, o);
  }
  int Finishes(const ResourceAddress& a, bool tainted) const {
    int n = 0;
    for (const MemRecorder::Entry& e : recorder_.entries()) {
      if (e.kind == MemRecorder::Kind::kFinish && e.op.address == a && e.result &&
          e.result->tainted.empty() != tainted)
        ++n;
    }
    return n;
  }
  MemEnv env_;
};

TEST_F(TaintedTest, FailureAfterTheResourceExistsRecordsItTaintedAndTheNextApplyReplacesIt) {
  FakeResourceType* vpc = Type("aws_vpc");
  vpc->SetReportsCreated(true);
  vpc->FailAddress(FakeMethod::kCreate, {"aws_vpc", "main"}, Status::FailedPrecondition("ModifyVpcAttribute: boom"),
                   /*after_effect=*/true);
  ApplyResult r = Run();
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.skipped, 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].second.message(), HasSubstr("ModifyVpcAttribute: boom"));
  EXPECT_THAT(r.errors[0].second.message(), HasSubstr("recorded as tainted"));
  EXPECT_EQ(vpc->size(), 1u);
  const ResourceState* rs = state_.Find({"aws_vpc", "main"});
  ASSERT_NE(rs, nullptr) << "the made VPC was lost";
  EXPECT_THAT(rs->tainted, HasSubstr("boom"));
  EXPECT_EQ(rs->attributes.value("id", ""), "aws_vpc-1");
  // Journaled when made (before the failing call), then finished tainted; nothing pending.
  EXPECT_EQ(Finishes({"aws_vpc", "main"}, /*tainted=*/true), 2);
  EXPECT_TRUE(recorder_.Pending().empty());
  EXPECT_EQ(vpc->calls(FakeMethod::kFind), 0) << "a made resource is never looked for again";

  Plan plan = PlanOrDie();
  auto it = std::find_if(plan.changes.begin(), plan.changes.end(),
                         [](const Change& ch) { return ch.address.ToString() == "aws_vpc.main"; });
  ASSERT_NE(it, plan.changes.end());
  const Change& c = *it;
  EXPECT_EQ(c.action, Action::kReplace);
  EXPECT_THAT(c.reason, StartsWith("tainted: "));

  vpc->ClearFailures();
  Converge();
  EXPECT_EQ(vpc->size(), 1u) << "the tainted VPC was replaced, not kept beside a new one";
  EXPECT_TRUE(state_.Find({"aws_vpc", "main"})->tainted.empty());
  EXPECT_NE(IdOf("aws_vpc", "main"), "aws_vpc-1");
  EXPECT_EQ(Type("aws_subnet")->size(), 1u);
}

TEST_F(TaintedTest, ATaintedResourceThatHoldsDataIsRepairedInPlaceWithItsSecretsSentAgain) {
  // A key or a bucket whose create failed half-way may be in use since: an update from what
  // it is, never a replace that would need --allow-data-loss.
  ResourceSchema schema;
  schema.type = "aws_store";
  schema.holds_data = true;
  schema.attributes = {FakeAttr("name"), FakeAttr("value", AttrType::kString, {.secret = true}),
                       FakeAttr("zone", AttrType::kString, {.force_new = true})};
  auto owned = std::make_unique<FakeResourceType>(std::move(schema), &log_);
  FakeResourceType* store = owned.get();
  registry_.Register(std::move(owned));
  Declare("aws_store", "logs", {{"name", "logs"}, {"value", "s3cret"}, {"zone", "a"}});
  store->SetReportsCreated(true);
  store->FailAddress(FakeMethod::kCreate, {"aws_store", "logs"}, Status::FailedPrecondition("PutKeyPolicy: boom"),
                     /*after_effect=*/true);
  Run();
  ASSERT_NE(state_.Find({"aws_store", "logs"}), nullptr);
  ASSERT_FALSE(state_.Find({"aws_store", "logs"})->tainted.empty());
  Result<RefreshResult> refreshed = Refresh(state_, registry_, {});  // as plan and apply do
  ASSERT_TRUE(refreshed.ok());
  state_ = std::move(refreshed->state);

  Plan plan = PlanOrDie();
  auto it = std::find_if(plan.changes.begin(), plan.changes.end(),
                         [](const Change& ch) { return ch.address.ToString() == "aws_store.logs"; });
  ASSERT_NE(it, plan.changes.end());
  EXPECT_EQ(it->action, Action::kUpdate);
  EXPECT_FALSE(it->destroys_data);
  EXPECT_THAT(it->reason, HasSubstr("repaired in place"));
  EXPECT_TRUE(std::any_of(it->diff.begin(), it->diff.end(), [](const AttributeChange& c) { return c.name == "value"; }))
      << "the secret the create was asked to store is sent again";

  store->ClearFailures();
  Converge();
  EXPECT_EQ(store->size(), 1u);
  EXPECT_EQ(IdOf("aws_store", "logs"), "aws_store-1") << "kept, not replaced";
  EXPECT_TRUE(state_.Find({"aws_store", "logs"})->tainted.empty());
  EXPECT_EQ(store->calls(FakeMethod::kDelete), 0);

  // A change that forces a new resource still replaces it, and asks for --allow-data-loss.
  store->SetReportsCreated(true);
  state_.FindMutable({"aws_store", "logs"})->tainted = "its create did not finish";
  Declared("aws_store", "logs")->properties["zone"] = "b";
  Plan forced = PlanOrDie();
  it = std::find_if(forced.changes.begin(), forced.changes.end(),
                    [](const Change& ch) { return ch.address.ToString() == "aws_store.logs"; });
  ASSERT_NE(it, forced.changes.end());
  EXPECT_EQ(it->action, Action::kReplace);
  EXPECT_TRUE(it->destroys_data);
}

class DeposedTest : public TaintedTest {
 protected:
  void SetUp() override {
    TaintedTest::SetUp();
    lb_ = AddType("aws_lb", {FakeAttr("name", AttrType::kString, {.force_new = true})}, 1000,
                  /*create_before_destroy=*/true);
    config_.resources.clear();
    Declare("aws_lb", "web", {{"name", "web-1"}});
    Converge();
    old_id_ = IdOf("aws_lb", "web");
    Declared("aws_lb", "web")->properties["name"] = "web-2";
  }
  std::vector<const ResourceState*> DeposedIn(const State& s) const {
    std::vector<const ResourceState*> out;
    for (const ResourceState& r : s.resources()) {
      if (r.address.IsDeposed()) out.push_back(&r);
    }
    return out;
  }
  FakeResourceType* lb_ = nullptr;
  std::string old_id_;
};

TEST_F(DeposedTest, AnUnconfirmedDeleteLeavesTheOldInstanceDeposedAndTheNextApplyDeletesIt) {
  lb_->FailAddress(FakeMethod::kDelete, {"aws_lb", "web"}, Status::FailedPrecondition("ResourceInUse"));
  ApplyResult r = Run();
  EXPECT_EQ(r.failed, 1u);
  std::string new_id = IdOf("aws_lb", "web");
  EXPECT_NE(new_id, old_id_);
  std::vector<const ResourceState*> deposed = DeposedIn(state_);
  ASSERT_EQ(deposed.size(), 1u) << "the old instance is still known";
  EXPECT_EQ(deposed[0]->attributes["id"], old_id_);
  EXPECT_EQ(deposed[0]->address.Base(), (ResourceAddress{"aws_lb", "web"}));

  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.changes.size(), 2u);
  const Change& del = plan.changes[1];
  EXPECT_EQ(del.address, deposed[0]->address);
  EXPECT_EQ(del.action, Action::kDelete);
  EXPECT_THAT(del.reason, StartsWith("deposed: the old instance of aws_lb.web"));
  EXPECT_EQ(plan.changes[0].action, Action::kNoOp) << "the new instance is kept";

  lb_->ClearFailures();
  Converge();
  EXPECT_FALSE(lb_->Get(old_id_).has_value());
  EXPECT_EQ(IdOf("aws_lb", "web"), new_id);
  EXPECT_TRUE(DeposedIn(state_).empty());
  EXPECT_EQ(lb_->size(), 1u);
}

TEST_F(DeposedTest, ACrashAtAnyRecordLeavesEveryInstanceKnown) {
  State before = state_;
  size_t first = recorder_.entries().size();
  ASSERT_TRUE(Run().ok());
  std::string new_id = IdOf("aws_lb", "web");
  std::vector<MemRecorder::Entry> entries = recorder_.entries();
  State replayed = recorder_.ReplayOnto(before, first);
  bool new_made = false, old_gone = false;
  for (size_t k = first; k <= entries.size(); ++k) {
    if (k > first) {
      const MemRecorder::Entry& e = entries[k - 1];
      if (e.kind == MemRecorder::Kind::kFinish && e.result && e.result->attributes.value("id", "") == new_id) {
        new_made = true;
      }
      if (e.kind == MemRecorder::Kind::kFinish && e.op.op == Operation::kDelete) old_gone = true;
    }
    State s = recorder_.ReplayOnto(before, k);
    std::multiset<std::string> ids;
    for (const ResourceState& r : s.resources()) ids.insert(r.attributes.value("id", ""));
    EXPECT_EQ(ids.count(old_id_), old_gone ? 0u : 1u) << "after record " << k << ": the old instance is known once";
    EXPECT_EQ(ids.count(new_id), new_made ? 1u : 0u) << "after record " << k;
  }
  EXPECT_TRUE(new_made);
  EXPECT_TRUE(old_gone);
}

TEST_F(DeposedTest, ACreateThatMadeNothingPutsTheOldInstanceBack) {
  lb_->FailAddress(FakeMethod::kCreate, {"aws_lb", "web"}, Status::InvalidArgument("name taken"));
  ApplyResult r = Run();
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(IdOf("aws_lb", "web"), old_id_);
  EXPECT_TRUE(DeposedIn(state_).empty());
  int moves = 0;
  for (const MemRecorder::Entry& e : recorder_.entries()) moves += e.kind == MemRecorder::Kind::kMove;
  EXPECT_EQ(moves, 2) << "deposed, then put back";
  EXPECT_EQ(lb_->calls(FakeMethod::kDelete), 0);
  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].action, Action::kReplace);
}

TEST_F(DeposedTest, ALeftoverDeposedInstanceIsDeletedAfterItsReplacementIsMade) {
  // A crash right after the old instance was deposed, before the create began: the next plan
  // creates the resource and deletes the deposed instance, in that order.
  state_.Move({"aws_lb", "web"}, ResourceAddress::Deposed({"aws_lb", "web"}, "0a1b2c3d"));
  log_.Clear();
  Converge();
  EXPECT_LT(At("return create aws_lb.web"), At("call delete aws_lb.web~deposed-0a1b2c3d"));
  EXPECT_FALSE(lb_->Get(old_id_).has_value());
  EXPECT_TRUE(DeposedIn(state_).empty());
  EXPECT_EQ(lb_->size(), 1u);
}

TEST_F(TaintedTest, CancelledWaitLeavesTheResourceTaintedNotLost) {
  Type("aws_vpc")->SetReportsCreated(true);
  Type("aws_vpc")->FailAddress(FakeMethod::kCreate, {"aws_vpc", "main"},
                               Status::Cancelled("cancelled while waiting for available"), true);
  ApplyResult r = Run();
  EXPECT_EQ(r.failed, 1u);
  ASSERT_NE(state_.Find({"aws_vpc", "main"}), nullptr);
  EXPECT_FALSE(state_.Find({"aws_vpc", "main"})->tainted.empty());
}

TEST_F(TaintedTest, FailureWhileOnlyWaitingRecordsTheResourceCleanAndTheNextPlanKeepsIt) {
  // A NAT gateway made as asked, then the wait for "available" failed: nothing of the create
  // is missing, so it is recorded clean and kept, not replaced.
  FakeResourceType* vpc = Type("aws_vpc");
  vpc->SetReportsCreated(true, /*complete=*/true);
  vpc->FailAddress(FakeMethod::kCreate, {"aws_vpc", "main"}, Status::DeadlineExceeded("waiting: pending, 600s"),
                   /*after_effect=*/true);
  ApplyResult r = Run();
  EXPECT_EQ(r.failed, 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].second.message(), HasSubstr("is recorded: the next plan reads it back"));
  const ResourceState* rs = state_.Find({"aws_vpc", "main"});
  ASSERT_NE(rs, nullptr) << "the made VPC was lost";
  EXPECT_TRUE(rs->tainted.empty()) << rs->tainted;
  EXPECT_EQ(Finishes({"aws_vpc", "main"}, /*tainted=*/false), 2) << "journaled when made, then finished";
  EXPECT_EQ(vpc->calls(FakeMethod::kFind), 0);

  vpc->ClearFailures();
  Result<RefreshResult> refreshed = Refresh(state_, registry_, {});  // as plan and apply do
  ASSERT_TRUE(refreshed.ok()) << refreshed.status().ToString();
  state_ = std::move(refreshed->state);
  Converge();
  EXPECT_EQ(vpc->size(), 1u);
  EXPECT_EQ(IdOf("aws_vpc", "main"), "aws_vpc-1") << "kept, not replaced";
  EXPECT_EQ(Type("aws_subnet")->size(), 1u);
}

TEST_F(TaintedTest, LostAnswerIsFoundByTokenNotCreatedAgain) {
  FakeResourceType* vpc = Type("aws_vpc");
  vpc->FailAddress(FakeMethod::kCreate, {"aws_vpc", "main"}, Status::Unavailable("connection reset"), true);
  ApplyResult r = Run();
  ASSERT_TRUE(r.ok()) << r.errors[0].second.ToString();
  EXPECT_EQ(vpc->calls(FakeMethod::kCreate), 1) << "no blind retry";
  EXPECT_GE(vpc->calls(FakeMethod::kFind), 1);
  EXPECT_EQ(vpc->calls(FakeMethod::kUpdate), 1) << "what the lost call made is finished by an update";
  EXPECT_EQ(vpc->size(), 1u);
  EXPECT_TRUE(state_.Find({"aws_vpc", "main"})->tainted.empty());
  EXPECT_EQ(Type("aws_subnet")->size(), 1u);
}

TEST_F(TaintedTest, LostAnswerOfACreateThatNeverHappenedIsRetried) {
  FakeResourceType* vpc = Type("aws_vpc");
  vpc->FailCall(FakeMethod::kCreate, 1, Status::Unavailable("connection reset"), /*after_effect=*/false);
  ApplyResult r = Run();
  ASSERT_TRUE(r.ok()) << r.errors[0].second.ToString();
  EXPECT_EQ(vpc->calls(FakeMethod::kCreate), 2);
  EXPECT_EQ(vpc->calls(FakeMethod::kFind), 4) << "looked patiently before trying again";
  EXPECT_EQ(vpc->size(), 1u);
}

TEST_F(TaintedTest, ARunOfLostAnswersIsRetriedAsLongAsTheClientRetriesOtherFaults) {
  FakeResourceType* vpc = Type("aws_vpc");
  for (int n = 1; n <= 7; ++n) vpc->FailCall(FakeMethod::kCreate, n, Status::Unavailable("reset"), false);
  ApplyResult r = Run();
  ASSERT_TRUE(r.ok()) << r.errors[0].second.ToString();
  EXPECT_EQ(vpc->calls(FakeMethod::kCreate), 8);
  EXPECT_EQ(vpc->size(), 1u);

  // The eighth lost answer in a row ends it, with nothing made twice.
  state_ = State();
  state_.lineage = "lineage-1";
  vpc->ClearFailures();
  for (int n = 9; n <= 16; ++n) vpc->FailCall(FakeMethod::kCreate, n, Status::Unavailable("reset"), false);
  ApplyResult failed = Run();
  EXPECT_EQ(failed.failed, 1u);
  EXPECT_EQ(vpc->calls(FakeMethod::kCreate), 16);
  EXPECT_EQ(vpc->size(), 1u) << "only the first run's VPC exists";
}

TEST_F(TaintedTest, AlreadyExistsAdoptsOursAndRefusesAStranger) {
  FakeResourceType* vpc = Type("aws_vpc");
  vpc->FailAddress(FakeMethod::kCreate, {"aws_vpc", "main"}, Status::AlreadyExists("InvalidVpc.Conflict"));
  ApplyResult r = Run();
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].second.code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(r.errors[0].second.message(), HasSubstr("something else holds the name"));
  EXPECT_EQ(state_.Find({"aws_vpc", "main"}), nullptr);

  // Ours (same token: made by an earlier attempt of this create) is adopted.
  state_ = State{};
  ApplyOptions o = Options(2);
  o.env = &env_;
  o.make_token = [](const ResourceAddress&) { return std::string("tok-1"); };
  vpc->ClearFailures();
  vpc->Seed({"aws_vpc", "main"}, {{"cidr", "10.0.0.0/16"}, {"name", "main"}}, "tok-1");
  vpc->FailAddress(FakeMethod::kCreate, {"aws_vpc", "main"}, Status::AlreadyExists("InvalidVpc.Conflict"));
  r = Apply(PlanOrDie(), &state_, registry_, o);
  ASSERT_TRUE(r.ok()) << r.errors[0].second.ToString();
  EXPECT_EQ(vpc->size(), 1u);
}

TEST_F(TaintedTest, RecoveryReadsATaintedPendingCreateBackById) {
  FakeResourceType* vpc = Type("aws_vpc");
  std::string id = vpc->Seed({"aws_vpc", "main"}, {{"cidr", "10.0.0.0/16"}, {"name", "main"}}, "other-token");
  state_.Put(ResourceState{{"aws_vpc", "main"}, {{"id", id}}, {}, "its create did not finish"});
  PendingOperation op{{"aws_vpc", "main"}, Operation::kCreate, "tok-1"};
  Result<RecoveryReport> report = RecoverPending({op}, config_, &state_, registry_, &recorder_, &sink_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->refreshed, 1u);
  EXPECT_EQ(vpc->calls(FakeMethod::kFind), 0);
  ASSERT_NE(state_.Find({"aws_vpc", "main"}), nullptr);
  EXPECT_EQ(IdOf("aws_vpc", "main"), id);
  EXPECT_FALSE(state_.Find({"aws_vpc", "main"})->tainted.empty());
  EXPECT_EQ(state_.Find({"aws_vpc", "main"})->attributes.value("cidr", ""), "10.0.0.0/16");
}

}  // namespace
}  // namespace pave
