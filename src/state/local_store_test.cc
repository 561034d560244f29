#include "state/local_store.h"

#include <gtest/gtest.h>

#include "state/store_test_util.h"

namespace pave {
namespace {

using state_test::Addr;
using state_test::Op;
using state_test::OpenStore;
using state_test::Resource;
using state_test::RestartProcess;

class LocalStoreTest : public ::testing::Test {
 protected:
  // Lock + Load + Save of `ids` as VPCs; the store keeps the lock (in locks_).
  void SaveVersion(LocalStateStore* store, const std::vector<std::string>& ids) {
    auto lock = store->Lock("apply");
    ASSERT_TRUE(lock.ok()) << lock.status().ToString();
    locks_.push_back(std::move(lock).value());
    Result<LoadedState> loaded = store->Load();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    for (const std::string& id : ids) loaded->state.Put(Resource("aws_vpc." + id, id));
    ASSERT_TRUE(store->Save(loaded->state, {"apply", "saved " + std::to_string(ids.size())}).ok());
  }
  std::string LockIdOnDisk() {
    Result<LockInfo> info = DecodeLockInfo(env_.ReadFile("/w/.pave/lock").value(), "lock");
    return info.ok() ? info->id : "";
  }

  MemEnv env_;
  std::vector<std::unique_ptr<StateLock>> locks_;  // may outlive the stores that gave them
};

TEST_F(LocalStoreTest, NewStoreIsEmptyWithRandomLineage) {
  auto store = OpenStore(&env_);
  EXPECT_EQ(env_.DirMode("/w/.pave"), 0700);
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->state.serial, 0);
  EXPECT_EQ(loaded->state.lineage.size(), 32u);
  EXPECT_EQ(loaded->state.size(), 0u);
  EXPECT_TRUE(loaded->pending.empty());
  EXPECT_FALSE(loaded->recovered);
  EXPECT_NE(OpenStore(&env_)->Load()->state.lineage, loaded->state.lineage);
}

TEST_F(LocalStoreTest, SaveWritesNextSerialHistoryAndFreshJournal) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {"a"});
  env_.AdvanceClock(std::chrono::minutes(5));
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->state.serial, 1);
  loaded->state.Put(Resource("aws_vpc.b", "b"));
  ASSERT_TRUE(store->Save(loaded->state, {"apply", "1 created"}).ok());

  Result<LoadedState> again = OpenStore(&env_)->Load();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->state.serial, 2);
  EXPECT_EQ(again->state.lineage, loaded->state.lineage);
  EXPECT_EQ(again->state.size(), 2u);
  EXPECT_FALSE(again->recovered);

  Result<std::vector<VersionInfo>> history = store->History();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].serial, 1);
  EXPECT_EQ((*history)[0].resource_count, 1u);
  EXPECT_EQ((*history)[1].serial, 2);
  EXPECT_EQ((*history)[1].time, "2026-11-23T15:05:00Z");
  EXPECT_EQ((*history)[1].user, "tester@testhost");
  EXPECT_EQ((*history)[1].operation, "apply");
  EXPECT_EQ((*history)[1].summary, "1 created");
  EXPECT_EQ((*history)[1].resource_count, 2u);

  Result<State> v1 = store->Version(1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->size(), 1u);
  EXPECT_EQ(store->Version(7).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.ReadFile("/w/.pave/state.json").value(),
            env_.ReadFile("/w/.pave/history/00000002.json").value());
  for (const char* f : {"/w/.pave/state.json", "/w/.pave/journal", "/w/.pave/lock",
                        "/w/.pave/history/00000001.json"}) {
    EXPECT_EQ(env_.FileMode(f), 0600) << f;
  }
}

TEST_F(LocalStoreTest, AVersionKeepsTheFilesThatMadeIt) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {"a"});
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok());
  SaveInfo info{"apply", "1 changed", {{"platform.yaml", "kind: Platform\n"}, {"policies/p.json", "{}"}}};
  ASSERT_TRUE(store->Save(loaded->state, info).ok());
  Result<std::map<std::string, std::string>> kept = store->VersionSources(2);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(*kept, info.sources);
  EXPECT_EQ(env_.FileMode("/w/.pave/history/00000002.sources.json"), 0600);
  EXPECT_EQ(store->VersionSources(1).status().code(), StatusCode::kNotFound) << "saved without sources";
  Result<std::vector<VersionInfo>> history = store->History();
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u) << "the sources file is not a version of its own";
}

TEST_F(LocalStoreTest, SaveAndRecorderNeedLockAndLoad) {
  auto store = OpenStore(&env_);
  State state;
  EXPECT_EQ(store->Save(state, {"apply", ""}).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store->recorder()->Begin(Op("aws_vpc.a")).code(), StatusCode::kFailedPrecondition);
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok());
  EXPECT_EQ(store->recorder()->Begin(Op("aws_vpc.a")).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store->Load().ok());
  EXPECT_TRUE(store->recorder()->Begin(Op("aws_vpc.a")).ok());
  EXPECT_EQ(store->Lock("apply").status().code(), StatusCode::kFailedPrecondition);
  lock->reset();
  EXPECT_FALSE(env_.FileExists("/w/.pave/lock"));
  EXPECT_EQ(store->recorder()->Begin(Op("aws_vpc.b")).code(), StatusCode::kFailedPrecondition);
}

TEST_F(LocalStoreTest, LockContentionBetweenTwoStores) {
  auto a = OpenStore(&env_);
  auto b = OpenStore(&env_);
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  auto second = b->Lock("destroy");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kAborted);
  EXPECT_NE(second.status().message().find("running apply since"), std::string::npos);
  EXPECT_EQ(b->ForceUnlock((*lock)->info().id, false).code(), StatusCode::kFailedPrecondition);
  lock->reset();
  EXPECT_TRUE(b->Lock("destroy").ok());
}

TEST_F(LocalStoreTest, LockOfACrashedRunDoesNotBlock) {
  auto a = OpenStore(&env_);
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  std::string id = (*lock)->info().id;
  env_.SimulateCrash();  // the process is gone, and with it its kernel lock
  RestartProcess(&env_);
  EXPECT_EQ(LockIdOnDisk(), id);  // its record is still there
  auto b = OpenStore(&env_);
  auto second = b->Lock("apply");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(LockIdOnDisk(), (*second)->info().id);
  Result<LoadedState> loaded = b->Load();
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(b->Save(loaded->state, {"apply", ""}).ok());
}

TEST_F(LocalStoreTest, StateOnlyRecordsAreSyncedByTheNextDurableOne) {
  auto replay = [&](uint64_t keep_unsynced, bool durable_after, bool expect_kept) {
    MemEnv env;
    auto store = OpenStore(&env);
    auto lock = store->Lock("apply");
    ASSERT_TRUE(lock.ok());
    ASSERT_TRUE(store->Load().ok());
    PendingOperation id{*ResourceAddress::Parse("random_id.suffix"), Operation::kCreate, "t1"};
    id.durable = false;
    ResourceState made = Resource("random_id.suffix", "ab12");
    ASSERT_TRUE(store->recorder()->Begin(id).ok());
    ASSERT_TRUE(store->recorder()->Finish(id, &made).ok());
    if (durable_after) {
      PendingOperation vpc{*ResourceAddress::Parse("aws_vpc.main"), Operation::kCreate, "t2"};
      ASSERT_TRUE(store->recorder()->Begin(vpc).ok());
    }
    env.SimulateCrash(keep_unsynced);  // the machine loses power
    RestartProcess(&env);
    Result<LoadedState> loaded = OpenStore(&env)->Load();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ(loaded->state.Find(*ResourceAddress::Parse("random_id.suffix")) != nullptr, expect_kept)
        << "keep_unsynced " << keep_unsynced;
  };
  replay(0, /*durable_after=*/false, /*expect_kept=*/false);  // no sync of their own
  replay(0, /*durable_after=*/true, /*expect_kept=*/true);    // the cloud change's begin synced them
  // A killed process loses nothing: the page cache outlives it.
  replay(uint64_t{1} << 20, /*durable_after=*/false, /*expect_kept=*/true);
}

TEST_F(LocalStoreTest, SerialMovedSinceLoadIsAborted) {
  auto a = OpenStore(&env_);
  SaveVersion(a.get(), {"x"});
  auto b = OpenStore(&env_);
  Result<LoadedState> b_loaded = b->Load();  // b plans against version 1 without the lock
  ASSERT_TRUE(b_loaded.ok());
  Result<LoadedState> a_loaded = a->Load();
  ASSERT_TRUE(a_loaded.ok());
  ASSERT_TRUE(a->Save(a_loaded->state, {"apply", ""}).ok());  // version 2
  locks_.clear();
  auto b_lock = b->Lock("apply");
  ASSERT_TRUE(b_lock.ok());
  Status s = b->Save(b_loaded->state, {"apply", ""});
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_NE(s.message().find("it was version 1 of lineage " + b_loaded->state.lineage +
                             ", now it is version 2 of lineage"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(OpenStore(&env_)->Load()->state.serial, 2);
}

TEST_F(LocalStoreTest, LineageReplacedSinceLoadIsAborted) {
  auto a = OpenStore(&env_);
  auto b = OpenStore(&env_);
  Result<LoadedState> a_loaded = a->Load();  // a new, empty state of a's lineage
  ASSERT_TRUE(a_loaded.ok());
  SaveVersion(b.get(), {"x"});  // b creates the state first, with its own lineage
  Result<LoadedState> b_now = b->Load();
  ASSERT_TRUE(b_now.ok());
  locks_.clear();
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  Status s = a->Save(a_loaded->state, {"apply", ""});
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_NE(s.message().find("now it is version 1 of lineage " + b_now->state.lineage),
            std::string::npos)
      << s.message();
}

TEST_F(LocalStoreTest, SavingAnotherLineageIsRefused) {
  auto store = OpenStore(&env_);
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok());
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok());
  loaded->state.lineage = "someone-else";
  EXPECT_EQ(store->Save(loaded->state, {"apply", ""}).code(), StatusCode::kFailedPrecondition);
}

TEST_F(LocalStoreTest, BrokenLockIsNoticedAtSave) {
  auto a = OpenStore(&env_);
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  Result<LoadedState> loaded = a->Load();
  ASSERT_TRUE(loaded.ok());
  auto b = OpenStore(&env_);
  ASSERT_TRUE(b->ForceUnlock((*lock)->info().id, true).ok());
  auto b_lock = b->Lock("apply");
  ASSERT_TRUE(b_lock.ok());
  Status s = a->Save(loaded->state, {"apply", ""});
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_NE(s.message().find("was broken"), std::string::npos);
  EXPECT_EQ((*lock)->Release().code(), StatusCode::kAborted);  // leaves b's lock alone
  EXPECT_TRUE(env_.FileExists("/w/.pave/lock"));
}

TEST_F(LocalStoreTest, LockOutlivingItsStoreIsSafe) {
  std::unique_ptr<StateLock> lock;
  {
    auto store = OpenStore(&env_);
    auto l = store->Lock("apply");
    ASSERT_TRUE(l.ok());
    lock = std::move(l).value();
  }
  EXPECT_TRUE(lock->Release().ok());
  EXPECT_FALSE(env_.FileExists("/w/.pave/lock"));
}

TEST_F(LocalStoreTest, JournalIsReplayedAfterCrash) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {"old"});
  ChangeRecorder* rec = store->recorder();
  ResourceState a = Resource("aws_subnet.a", "subnet-1");
  ASSERT_TRUE(rec->Begin(Op("aws_subnet.a")).ok());
  ASSERT_TRUE(rec->Finish(Op("aws_subnet.a"), &a).ok());
  ASSERT_TRUE(rec->Begin(Op("aws_vpc.old", Operation::kDelete)).ok());
  ASSERT_TRUE(rec->Finish(Op("aws_vpc.old", Operation::kDelete), nullptr).ok());
  ASSERT_TRUE(rec->Begin(Op("aws_igw.main")).ok());
  ASSERT_TRUE(rec->Fail(Op("aws_igw.main"), Status::Unavailable("throttled")).ok());
  ASSERT_TRUE(rec->Begin(Op("aws_subnet.b")).ok());
  env_.SimulateCrash();
  RestartProcess(&env_);

  auto next = OpenStore(&env_);
  Result<LoadedState> loaded = next->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->recovered);
  EXPECT_EQ(loaded->state.serial, 1);
  ASSERT_EQ(loaded->state.size(), 1u);
  EXPECT_EQ(loaded->state.resources().begin()->attributes["id"], "subnet-1");
  ASSERT_EQ(loaded->pending.size(), 1u);
  EXPECT_EQ(loaded->pending[0].address, Addr("aws_subnet.b"));
  EXPECT_EQ(loaded->pending[0].idempotency_token, "token-aws_subnet.b");

  // The recovering run saves; the journal no longer reports anything.
  ASSERT_TRUE(next->ForceUnlock(LockIdOnDisk(), false).ok());
  auto lock = next->Lock("apply");
  ASSERT_TRUE(lock.ok());
  ASSERT_TRUE(next->Load().ok());
  ASSERT_TRUE(next->Save(loaded->state, {"recover", ""}).ok());
  Result<LoadedState> after = next->Load();
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->recovered);
  EXPECT_TRUE(after->pending.empty());
  EXPECT_EQ(after->state.serial, 2);
}

TEST_F(LocalStoreTest, SaveCarriesOperationsStillInFlight) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {});
  ChangeRecorder* rec = store->recorder();
  ASSERT_TRUE(rec->Begin(Op("aws_nat_gateway.a")).ok());
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(store->Save(loaded->state, {"apply", "checkpoint"}).ok());
  env_.SimulateCrash();
  RestartProcess(&env_);
  Result<LoadedState> after = OpenStore(&env_)->Load();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->pending.size(), 1u);
  EXPECT_EQ(after->pending[0].address, Addr("aws_nat_gateway.a"));
}

TEST_F(LocalStoreTest, FinishWithAnotherAddressIsRefused) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {});
  ResourceState other = Resource("aws_vpc.other", "vpc-2");
  EXPECT_EQ(store->recorder()->Finish(Op("aws_vpc.a"), &other).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(LocalStoreTest, DamagedStateFileNamesTheVersionToRestore) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {"a"});
  ASSERT_TRUE(store->Save(store->Load()->state, {"apply", ""}).ok());
  std::string text = env_.ReadFile("/w/.pave/state.json").value();
  text[text.find("\"a\"") + 1] = 'b';
  ASSERT_TRUE(env_.WriteFileAtomic("/w/.pave/state.json", text).ok());
  Result<LoadedState> loaded = OpenStore(&env_)->Load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(loaded.status().message(),
            "state file /w/.pave/state.json: checksum mismatch: the file was changed or damaged; "
            "the previous version is /w/.pave/history/00000002.json");
}

TEST_F(LocalStoreTest, MissingStateFileWithHistoryIsNotAFreshStart) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {"a"});
  ASSERT_TRUE(env_.RemoveFile("/w/.pave/state.json").ok());
  Result<LoadedState> loaded = OpenStore(&env_)->Load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("restore it from /w/.pave/history/00000001.json"),
            std::string::npos);
}

TEST_F(LocalStoreTest, MissingStateFileWithJournalIsNotAFreshStart) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {"a"});
  ASSERT_TRUE(store->recorder()->Begin(Op("aws_vpc.b")).ok());
  ASSERT_TRUE(env_.RemoveFile("/w/.pave/state.json").ok());
  ASSERT_TRUE(env_.RemoveFile("/w/.pave/history/00000001.json").ok());
  Result<LoadedState> loaded = OpenStore(&env_)->Load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(loaded.status().message().find("is missing but the journal /w/.pave/journal "
                                           "continues version 1"),
            std::string::npos)
      << loaded.status().message();
}

TEST_F(LocalStoreTest, FirstRunCrashKeepsItsLineageThroughTheJournal) {
  auto store = OpenStore(&env_);
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok());
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok());
  ResourceState vpc = Resource("aws_vpc.main", "vpc-1");
  ASSERT_TRUE(store->recorder()->Begin(Op("aws_vpc.main")).ok());
  ASSERT_TRUE(store->recorder()->Finish(Op("aws_vpc.main"), &vpc).ok());
  env_.SimulateCrash();
  RestartProcess(&env_);
  Result<LoadedState> after = OpenStore(&env_)->Load();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state.lineage, loaded->state.lineage);
  EXPECT_EQ(after->state.size(), 1u);
}

TEST_F(LocalStoreTest, FullDiskFailsTheCallAndTheNextRecordStillLands) {
  auto store = OpenStore(&env_);
  SaveVersion(store.get(), {});
  ChangeRecorder* rec = store->recorder();
  ASSERT_TRUE(rec->Begin(Op("aws_vpc.a")).ok());
  env_.FailWritesAfter(10);
  EXPECT_EQ(rec->Begin(Op("aws_vpc.b")).code(), StatusCode::kResourceExhausted);
  env_.FailWritesAfter(std::nullopt);
  ResourceState a = Resource("aws_vpc.a", "vpc-1");
  ASSERT_TRUE(rec->Finish(Op("aws_vpc.a"), &a).ok());  // cuts off the partial record first
  Result<LoadedState> loaded = OpenStore(&env_)->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->state.size(), 1u);
  EXPECT_TRUE(loaded->pending.empty());
}

TEST_F(LocalStoreTest, WritesExactlyWhatItIsGiven) {
  // The engine fingerprints secrets before they reach the store; the store neither
  // reveals nor alters attribute values.
  auto store = OpenStore(&env_);
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok());
  Result<LoadedState> loaded = store->Load();
  ASSERT_TRUE(loaded.ok());
  Value attributes{
      {"id", "db-1"},
      {"password", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
      {"port", 5432},
      {"nested", {{"list", {1, "two", nullptr, 3.25}}}}};
  loaded->state.Put(ResourceState{Addr("aws_db_instance.main"), attributes, {Addr("aws_vpc.a")}});
  ASSERT_TRUE(store->Save(loaded->state, {"apply", ""}).ok());
  std::string text = env_.ReadFile("/w/.pave/state.json").value();
  EXPECT_NE(
      text.find("\"password\": "
                "\"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\""),
      std::string::npos);
  Result<LoadedState> back = OpenStore(&env_)->Load();
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->state.resources().begin()->attributes, attributes);
}

TEST_F(LocalStoreTest, LoadAndSaveNeverLogAttributes) {
  const std::string canary = "CANARY-7f3e-never-print-me";
  std::vector<Status> statuses;
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  {
    auto store = OpenStore(&env_);
    auto lock = store->Lock("apply");
    ASSERT_TRUE(lock.ok());
    Result<LoadedState> loaded = store->Load();
    ASSERT_TRUE(loaded.ok());
    ResourceState param{Addr("aws_ssm_parameter.db"), Value{{"id", "p"}, {"value", canary}}, {}};
    loaded->state.Put(param);
    ASSERT_TRUE(store->Save(loaded->state, {"apply", ""}).ok());
    ASSERT_TRUE(store->recorder()->Begin(Op("aws_ssm_parameter.db", Operation::kUpdate)).ok());
    ASSERT_TRUE(
        store->recorder()->Finish(Op("aws_ssm_parameter.db", Operation::kUpdate), &param).ok());
    ASSERT_TRUE(store->recorder()->Begin(Op("aws_vpc.a")).ok());
    ASSERT_TRUE(store->Load().ok());
    ASSERT_TRUE(store->History().ok());
    ASSERT_TRUE(store->Version(1).ok());
    EXPECT_EQ(env_.ReadFile("/w/.pave/lock").value().find(canary), std::string::npos);

    // Damage next to the secret: the errors name files and offsets, never values.
    std::string journal = env_.ReadFile("/w/.pave/journal").value();
    journal[journal.find(canary) + 3] ^= 0x01;
    ASSERT_TRUE(env_.WriteFileAtomic("/w/.pave/journal", journal).ok());
    statuses.push_back(store->Load().status());
    std::string state = env_.ReadFile("/w/.pave/state.json").value();
    state[state.find(canary) + 3] ^= 0x01;
    ASSERT_TRUE(env_.WriteFileAtomic("/w/.pave/state.json", state).ok());
    statuses.push_back(store->Load().status());
    statuses.push_back(store->Save(loaded->state, {"apply", ""}));
    statuses.push_back(store->History().status());
    statuses.push_back(store->Version(1).status());
  }
  std::string out = ::testing::internal::GetCapturedStdout();
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(out, "");
  EXPECT_EQ(err, "");
  ASSERT_EQ(statuses.size(), 5u);
  EXPECT_EQ(statuses[0].code(), StatusCode::kDataLoss);
  EXPECT_EQ(statuses[1].code(), StatusCode::kDataLoss);
  EXPECT_FALSE(statuses[2].ok());
  for (const Status& s : statuses) {
    EXPECT_EQ(s.message().find("CANARY"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace pave
