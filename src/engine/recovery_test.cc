#include "engine/recovery.h"

#include <gmock/gmock.h>

#include "engine/engine_test_fixture.h"
#include "engine/secret.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

// A recorder whose process "dies" after the Begin of one address: the Finish or Fail of that
// operation never reaches durable storage, exactly as after kill -9 during the call.
class CrashingRecorder : public ChangeRecorder {
 public:
  CrashingRecorder(MemRecorder* inner, ResourceAddress crash_after_begin)
      : inner_(inner), crash_(std::move(crash_after_begin)) {}
  Status Begin(const PendingOperation& op) override { return inner_->Begin(op); }
  Status Finish(const PendingOperation& op, const ResourceState* result) override {
    if (op.address == crash_) return Status::Unavailable("process died");
    return inner_->Finish(op, result);
  }
  Status Fail(const PendingOperation& op, const Status& error) override {
    if (op.address == crash_) return Status::Unavailable("process died");
    return inner_->Fail(op, error);
  }
  Status Move(const ResourceAddress& from, const ResourceAddress& to) override { return inner_->Move(from, to); }

 private:
  MemRecorder* inner_;
  ResourceAddress crash_;
};

class RecoveryTest : public EngineFixture {
 protected:
  Result<RecoveryReport> Recover(const std::vector<PendingOperation>& pending) {
    return RecoverPending(pending, config_, &state_, registry_, &recorder_, &sink_);
  }
};

TEST_F(RecoveryTest, CrashAfterCreateIsAdoptedNotCreatedAgain) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_subnet", "a", {{"vpc_id", "${aws_vpc.main.id}"}});
  Declare("aws_db", "main", {{"password", "pw-plain"}});
  // The run dies while the subnet's create is in flight: the cloud made it, the record of
  // the result was lost. Everything else finished.
  MemRecorder durable;
  CrashingRecorder crashing(&durable, {"aws_subnet", "a"});
  ApplyOptions o = Options();
  o.recorder = &crashing;
  State crashed = state_;
  ApplyResult r = Apply(PlanOrDie(), &crashed, registry_, o);
  EXPECT_EQ(r.failed, 1u);
  std::vector<PendingOperation> pending = durable.Pending();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].address.ToString(), "aws_subnet.a");
  EXPECT_EQ(pending[0].op, Operation::kCreate);
  ASSERT_EQ(Type("aws_subnet")->size(), 1u);

  // The next run starts from what was durably recorded.
  for (const MemRecorder::Entry& e : durable.entries()) {
    if (e.kind == MemRecorder::Kind::kFinish && e.result) state_.Put(*e.result);
  }
  ASSERT_EQ(state_.Find({"aws_subnet", "a"}), nullptr);
  Result<RecoveryReport> report = Recover(pending);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->adopted, 1u);
  EXPECT_TRUE(report->ok());
  const ResourceState* subnet = state_.Find({"aws_subnet", "a"});
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->attributes["vpc_id"], IdOf("aws_vpc", "main"));
  EXPECT_EQ(subnet->dependencies, (std::vector<ResourceAddress>{{"aws_vpc", "main"}}));
  ASSERT_EQ(recorder_.entries().size(), 1u);
  EXPECT_EQ(recorder_.entries()[0].kind, MemRecorder::Kind::kFinish);
  EXPECT_EQ(recorder_.entries()[0].op.idempotency_token, pending[0].idempotency_token);
  std::vector<Event> adopted = sink_.Of(EventKind::kResourceAdopted);
  ASSERT_EQ(adopted.size(), 1u);
  EXPECT_EQ(adopted[0].address.ToString(), "aws_subnet.a");

  // Planning now finds nothing to do, and applying makes no duplicate.
  Plan plan = PlanOrDie();
  EXPECT_FALSE(plan.HasChanges());
  EXPECT_EQ(Type("aws_subnet")->calls(FakeMethod::kCreate), 1);
  EXPECT_EQ(Type("aws_subnet")->size(), 1u);
}

TEST_F(RecoveryTest, RecoveryLooksWithWhatTheCreateWasBegunWithNotTheEditedFile) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_db", "main", {{"password", "pw-plain"}, {"name", "orders"}});
  MemRecorder durable;
  CrashingRecorder crashing(&durable, {"aws_db", "main"});
  ApplyOptions o = Options();
  o.recorder = &crashing;
  State crashed = state_;
  Apply(PlanOrDie(), &crashed, registry_, o);
  std::vector<PendingOperation> pending = durable.Pending();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].request.value("name", ""), "orders");
  EXPECT_FALSE(pending[0].request.contains("password")) << "secrets never reach the journal";

  config_.resources.clear();  // the user edits the file before the next run
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_db", "main", {{"password", "pw-plain"}, {"name", "renamed"}});
  Result<RecoveryReport> report = Recover(pending);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(Type("aws_db")->last_find_desired().value("name", ""), "orders");
}

TEST_F(RecoveryTest, PendingCreateThatNeverHappenedIsFailed) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  PendingOperation op{{"aws_vpc", "main"}, Operation::kCreate, "token-never-used"};
  Result<RecoveryReport> report = Recover({op});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->not_created, 1u);
  EXPECT_EQ(report->adopted, 0u);
  ASSERT_EQ(recorder_.entries().size(), 1u);
  EXPECT_EQ(recorder_.entries()[0].kind, MemRecorder::Kind::kFail);
  EXPECT_EQ(state_.size(), 0u);
  EXPECT_EQ(PlanOrDie().Count(Action::kCreate), 1u) << "the next plan creates it";
}

TEST_F(RecoveryTest, CreatesNotSeenAreLookedForAgainWithinOneSharedWindow) {
  Declare("aws_vpc", "a", {{"cidr", "10.0.0.0/16"}});
  Declare("aws_vpc", "b", {{"cidr", "10.1.0.0/16"}});
  PendingOperation a{{"aws_vpc", "a"}, Operation::kCreate, "token-a"};
  PendingOperation b{{"aws_vpc", "b"}, Operation::kCreate, "token-b"};
  MemEnv env;
  auto start = env.MonotonicNow();
  Result<RecoveryReport> report = RecoverPending({a, b}, config_, &state_, registry_, &recorder_, &sink_,
                                                 RecoveryOptions{.looks = 3, .env = &env});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->not_created, 2u);
  EXPECT_EQ(Type("aws_vpc")->calls(FakeMethod::kFind), 6) << "three looks for each";
  // 0.5 s + 1 s, once for both, not once per create.
  EXPECT_EQ(env.MonotonicNow() - start, std::chrono::milliseconds(1500));
  ASSERT_EQ(recorder_.entries().size(), 2u);
  EXPECT_EQ(recorder_.entries()[0].kind, MemRecorder::Kind::kFail) << "recorded only after the last look";
}

TEST_F(RecoveryTest, AdoptedSecretsAreFingerprinted) {
  Declare("aws_db", "main", {{"password", "pw-plain"}});
  Type("aws_db")->Seed({"aws_db", "main"}, {{"password", "pw-plain"}, {"endpoint", "e"}}, "tok-db");
  Result<RecoveryReport> report = Recover({PendingOperation{{"aws_db", "main"}, Operation::kCreate, "tok-db"}});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->adopted, 1u);
  EXPECT_EQ(state_.Find({"aws_db", "main"})->attributes["password"], SecretFingerprint("lineage-1", Value("pw-plain")));
  EXPECT_FALSE(PlanOrDie().HasChanges());
}

TEST_F(RecoveryTest, PendingDeleteOfAGoneResourceRemovesIt) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Converge();
  Type("aws_vpc")->Erase(IdOf("aws_vpc", "main"));
  Result<RecoveryReport> report = Recover({PendingOperation{{"aws_vpc", "main"}, Operation::kDelete, "t"}});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->removed, 1u);
  EXPECT_EQ(state_.Find({"aws_vpc", "main"}), nullptr);
  std::vector<MemRecorder::Entry> e = recorder_.entries();
  ASSERT_EQ(e.back().kind, MemRecorder::Kind::kFinish);
  EXPECT_FALSE(e.back().result.has_value());
}

TEST_F(RecoveryTest, PendingUpdateRecordsWhatIsThere) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}, {"name", "before"}});
  Converge();
  Type("aws_vpc")->Modify(IdOf("aws_vpc", "main"), "name", "after");  // the update reached the cloud
  Result<RecoveryReport> report = Recover({PendingOperation{{"aws_vpc", "main"}, Operation::kUpdate, "t"}});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->refreshed, 1u);
  EXPECT_EQ(state_.Find({"aws_vpc", "main"})->attributes["name"], "after");
  std::vector<MemRecorder::Entry> e = recorder_.entries();
  ASSERT_TRUE(e.back().result.has_value());
  EXPECT_EQ(e.back().result->attributes["name"], "after");
}

TEST_F(RecoveryTest, ProviderErrorsLeaveTheOperationPending) {
  Declare("aws_vpc", "main", {{"cidr", "10.0.0.0/16"}});
  Type("aws_vpc")->FailCall(FakeMethod::kFind, 1, Status::Unavailable("throttled"));
  Result<RecoveryReport> report = Recover({PendingOperation{{"aws_vpc", "main"}, Operation::kCreate, "t"}});
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].second.code(), StatusCode::kUnavailable);
  EXPECT_TRUE(recorder_.entries().empty()) << "neither Finish nor Fail";
}

TEST_F(RecoveryTest, UnknownTypeIsAnError) {
  Result<RecoveryReport> report = Recover({PendingOperation{{"aws_gone", "x"}, Operation::kCreate, "t"}});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(), "pending create of aws_gone.x: no provider knows type \"aws_gone\"");
}

}  // namespace
}  // namespace pave
