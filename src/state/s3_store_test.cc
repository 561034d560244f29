// S3StateStore against moto (a real S3 emulator over HTTP): the lock and its expiry, lost
// updates, the journal as batch objects and its replay after a crash, history. What the
// store wrote is read back with plain GetObject/ListObjectsV2 calls.
#include "state/s3_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "core/hash.h"
#include "state/s3_object_store.h"
#include "state/state_codec.h"
#include "testing/moto_server.h"
#include "testing/overlay_env.h"

namespace pave {
namespace {

using testing::MotoServer;
using testing::OverlayEnv;

ResourceAddress Addr(const std::string& text) { return *ResourceAddress::Parse(text); }
PendingOperation Op(const std::string& address) {
  return PendingOperation{Addr(address), Operation::kCreate, "token-" + address};
}
ResourceState Resource(const std::string& address, const std::string& id) {
  return ResourceState{Addr(address), Value{{"id", id}}, {}};
}

class S3StoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto moto = MotoServer::Start();
    ASSERT_TRUE(moto.ok()) << moto.status().ToString();
    moto_ = std::move(moto).value().release();
  }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }

  S3StoreTest() : http_(&env_, {}) {}

  void SetUp() override {
    ASSERT_NE(moto_, nullptr);
    ASSERT_TRUE(moto_->Reset().ok());
    aws::ResolvedAwsConfig config;
    config.region = "us-east-1";
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(
        aws::Credentials{"testing", "testing", "", {}, "test"});
    config.endpoints.region = "us-east-1";
    config.endpoints.global_url = moto_->endpoint();
    config.retry.base_delay = std::chrono::milliseconds(10);
    auto client = aws::NewAwsClient(&env_, &http_, config, {});
    ASSERT_TRUE(client.ok()) << client.status().ToString();
    client_ = std::move(client).value();
    ASSERT_TRUE(client_->Call("s3", "CreateBucket", Value{{"Bucket", "team"}}).ok());
    objects_ = std::make_unique<S3ObjectStore>(client_.get(), "team", "");
  }

  std::unique_ptr<S3StateStore> Open(S3StoreOptions options = {}) {
    auto store = S3StateStore::Open(&clock_, objects_.get(), "envs/prod/pave.json", options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // The body of an object, read with a plain GetObject ("" when there is none).
  std::string Object(const std::string& key) {
    auto out = client_->Call("s3", "GetObject", Value{{"Bucket", "team"}, {"Key", key}});
    if (!out.ok()) return "";
    std::string body;
    EXPECT_TRUE(Base64Decode((*out)["Body"].get<std::string>(), &body));
    return body;
  }
  std::vector<std::string> Keys(const std::string& prefix) {
    auto out = client_->Call("s3", "ListObjectsV2", Value{{"Bucket", "team"}, {"Prefix", prefix}});
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    std::vector<std::string> keys;
    if (out.ok() && out->contains("Contents")) {
      for (const Value& item : (*out)["Contents"]) keys.push_back(item["Key"].get<std::string>());
    }
    return keys;
  }
  int64_t StoredSerial() {
    auto doc = DecodeStateDocument(Object("envs/prod/pave.json"), "state");
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    return doc.ok() ? doc->state.serial : -1;
  }

  static MotoServer* moto_;
  OverlayEnv env_;    // the AWS client's
  OverlayEnv clock_;  // the store's: its clock can be moved
  aws::CurlHttpClient http_;
  std::unique_ptr<aws::AwsClient> client_;
  std::unique_ptr<S3ObjectStore> objects_;
};

MotoServer* S3StoreTest::moto_ = nullptr;

TEST_F(S3StoreTest, SavesStateAndHistoryAndEmptiesTheJournal) {
  auto store = Open();
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  auto loaded = store->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->state.serial, 0);
  ResourceState r = Resource("random_id.a", "abc");
  ASSERT_TRUE(store->recorder()->Begin(Op("random_id.a")).ok());
  ASSERT_TRUE(store->recorder()->Finish(Op("random_id.a"), &r).ok());
  EXPECT_EQ(Keys("envs/prod/pave.json.journal/").size(), 2u);  // one object per batch
  loaded->state.Put(r);
  ASSERT_TRUE(store->Save(loaded->state, {"apply", "1 created"}).ok());

  EXPECT_EQ(StoredSerial(), 1);
  EXPECT_NE(Object("envs/prod/pave.json.history/00000001.json"), "");
  EXPECT_TRUE(Keys("envs/prod/pave.json.journal/").empty());
  EXPECT_NE(Object("envs/prod/pave.json.lock"), "");
  ASSERT_TRUE((*lock)->Release().ok());
  EXPECT_EQ(Object("envs/prod/pave.json.lock"), "");

  auto other = Open();
  auto again = other->Load();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->state.serial, 1);
  EXPECT_EQ(again->state.lineage, loaded->state.lineage);
  EXPECT_NE(again->state.Find(Addr("random_id.a")), nullptr);
  auto history = other->History();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].summary, "1 created");
  EXPECT_TRUE(other->Version(1).ok());
  EXPECT_EQ(other->Version(2).status().code(), StatusCode::kNotFound);
}

TEST_F(S3StoreTest, AVersionKeepsTheFilesThatMadeIt) {
  auto store = Open();
  auto lock = store->Lock("apply");
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  auto loaded = store->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  SaveInfo info{"apply", "0 changed", {{"platform.yaml", "kind: Platform\n"}, {"p/doc.json", "{}"}}};
  ASSERT_TRUE(store->Save(loaded->state, info).ok());
  EXPECT_NE(Object("envs/prod/pave.json.history/00000001.sources.json"), "");
  auto kept = Open()->VersionSources(1);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(*kept, info.sources);
  EXPECT_EQ(store->VersionSources(2).status().code(), StatusCode::kNotFound);
  auto history = store->History();
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u) << "the sources object is not a version of its own";
}

TEST_F(S3StoreTest, HeldLockIsRefusedNamingOwnerAndStartTime) {
  auto a = Open();
  auto b = Open();
  auto held = a->Lock("apply");
  ASSERT_TRUE(held.ok());
  auto refused = b->Lock("apply");
  ASSERT_EQ(refused.status().code(), StatusCode::kAborted);
  EXPECT_NE(refused.status().message().find("state is locked by"), std::string::npos);
  EXPECT_NE(refused.status().message().find((*held)->info().created), std::string::npos);
  EXPECT_NE(refused.status().message().find("running apply"), std::string::npos);
  ASSERT_TRUE((*held)->Release().ok());
  EXPECT_TRUE(b->Lock("plan").ok());
}

TEST_F(S3StoreTest, ExpiredLockIsTakenOverWithAWarning) {
  auto a = Open();
  S3LockRecord stale{LockInfo{"dead", "bob", "old-host", 42, "apply", "2026-01-01T00:00:00Z", "0"},
                     100};
  ASSERT_TRUE(
      objects_->Put("envs/prod/pave.json.lock", EncodeS3Lock(stale), WriteCondition::Always())
          .ok());
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  auto loaded = a->Load();
  ASSERT_TRUE(loaded.ok());
  ASSERT_FALSE(loaded->warnings.empty());
  EXPECT_NE(loaded->warnings[0].find("bob@old-host (pid 42)"), std::string::npos);
  EXPECT_NE(Object("envs/prod/pave.json.lock").find((*lock)->info().id), std::string::npos);
}

TEST_F(S3StoreTest, HolderRenewsItsLock) {
  auto a = Open(S3StoreOptions{.renew_every = std::chrono::milliseconds(20)});
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  auto first = DecodeS3Lock(Object("envs/prod/pave.json.lock"), "lock");
  ASSERT_TRUE(first.ok());
  clock_.Advance(std::chrono::seconds(60));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto later = DecodeS3Lock(Object("envs/prod/pave.json.lock"), "lock");
  ASSERT_TRUE(later.ok());
  EXPECT_GE(later->expires_unix, first->expires_unix + 60);
  EXPECT_EQ(later->info.id, first->info.id);
}

TEST_F(S3StoreTest, ForceUnlockRefusesALiveLockAndBreaksAnExpiredOne) {
  auto a = Open();
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  std::string id = (*lock)->info().id;
  auto b = Open();
  EXPECT_EQ(b->ForceUnlock(id, false).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(b->ForceUnlock("other", false).code(), StatusCode::kFailedPrecondition);
  clock_.Advance(std::chrono::minutes(10));
  EXPECT_TRUE(b->ForceUnlock(id, false).ok());
  EXPECT_EQ(Object("envs/prod/pave.json.lock"), "");
  // The holder finds out at its next write.
  ASSERT_TRUE(a->Load().ok());
  Status saved = a->Save(State{}, {"apply", ""});
  EXPECT_EQ(saved.code(), StatusCode::kAborted);
}

TEST_F(S3StoreTest, LostUpdateIsAbortedNamingBothSerials) {
  auto a = Open();
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  auto loaded = a->Load();
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(a->Save(loaded->state, {"apply", ""}).ok());
  ASSERT_TRUE(a->Load().ok());
  // Someone writes version 7 behind the lock's back.
  StateDocument doc{loaded->state, WrittenBy{"2026-01-01T00:00:00Z", "x@y", "apply", ""}};
  doc.state.serial = 7;
  auto text = EncodeStateDocument(doc);
  ASSERT_TRUE(text.ok());
  ASSERT_TRUE(objects_->Put("envs/prod/pave.json", *text, WriteCondition::Always()).ok());
  Status saved = a->Save(loaded->state, {"apply", ""});
  ASSERT_EQ(saved.code(), StatusCode::kAborted) << saved.ToString();
  EXPECT_NE(saved.message().find("it was version 1"), std::string::npos) << saved.message();
  EXPECT_NE(saved.message().find("now it is version 7"), std::string::npos) << saved.message();
  EXPECT_EQ(StoredSerial(), 7);
}

TEST_F(S3StoreTest, CrashedRunIsReplayedAndUnfinishedCallsArePending) {
  std::string lineage;
  {
    auto a = Open();
    auto lock = a->Lock("apply");
    ASSERT_TRUE(lock.ok());
    auto loaded = a->Load();
    ASSERT_TRUE(loaded.ok());
    lineage = loaded->state.lineage;
    ResourceState r = Resource("aws_vpc.main", "vpc-1");
    ASSERT_TRUE(a->recorder()->Begin(Op("aws_vpc.main")).ok());
    ASSERT_TRUE(a->recorder()->Finish(Op("aws_vpc.main"), &r).ok());
    ASSERT_TRUE(a->recorder()->Begin(Op("aws_subnet.a")).ok());
    // The run dies here: nothing saved (its lock is released, the journal stays).
  }
  EXPECT_EQ(Keys("envs/prod/pave.json.journal/").size(), 3u);
  auto b = Open();
  auto b_lock = b->Lock("apply");
  ASSERT_TRUE(b_lock.ok());
  auto loaded = b->Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->recovered);
  EXPECT_EQ(loaded->state.lineage, lineage);
  ASSERT_NE(loaded->state.Find(Addr("aws_vpc.main")), nullptr);
  ASSERT_EQ(loaded->pending.size(), 1u);
  EXPECT_EQ(loaded->pending[0].address.ToString(), "aws_subnet.a");
  ResourceState subnet = Resource("aws_subnet.a", "subnet-1");
  ASSERT_TRUE(b->recorder()->Finish(loaded->pending[0], &subnet).ok());
  loaded->state.Put(subnet);
  ASSERT_TRUE(b->Save(loaded->state, {"recover", ""}).ok());
  EXPECT_TRUE(Keys("envs/prod/pave.json.journal/").empty());
  auto c = Open();
  auto after = c->Load();
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->recovered);
  EXPECT_TRUE(after->pending.empty());
  EXPECT_EQ(after->state.size(), 2u);
}

TEST_F(S3StoreTest, InFlightBeginsSurviveASave) {
  auto a = Open();
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  auto loaded = a->Load();
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(a->recorder()->Begin(Op("aws_vpc.main")).ok());
  ASSERT_TRUE(a->Save(loaded->state, {"apply", ""}).ok());
  ASSERT_EQ(Keys("envs/prod/pave.json.journal/").size(), 1u);
  ASSERT_TRUE((*lock)->Release().ok());
  auto b = Open();
  auto again = b->Load();
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->pending.size(), 1u);
}

TEST_F(S3StoreTest, ParallelRecordsShareBatchObjects) {
  auto a = Open();
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  ASSERT_TRUE(a->Load().ok());
  constexpr int kThreads = 16;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      std::string address = "aws_vpc.v" + std::to_string(i);
      ResourceState r = Resource(address, "vpc-" + std::to_string(i));
      if (!a->recorder()->Begin(Op(address)).ok()) ++failures;
      if (!a->recorder()->Finish(Op(address), &r).ok()) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LT(a->journal_objects_written(), 2 * kThreads);
  ASSERT_TRUE((*lock)->Release().ok());
  auto b = Open();
  auto loaded = b->Load();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->state.size(), static_cast<size_t>(kThreads));
  EXPECT_TRUE(loaded->pending.empty());
}

TEST_F(S3StoreTest, ALockTakenAwayStopsTheJournalAndTheSave) {
  auto a = Open(S3StoreOptions{.renew_every = std::chrono::milliseconds(20)});
  auto lock = a->Lock("apply");
  ASSERT_TRUE(lock.ok());
  auto loaded = a->Load();
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(a->recorder()->Begin(Op("aws_vpc.main")).ok());
  // Someone breaks the lock and takes it: the holder's next renewal is refused (412).
  S3LockRecord thief{LockInfo{"thief", "eve", "h", 1, "apply", "2026-01-01T00:00:00Z", "0"},
                     4102444800};
  ASSERT_TRUE(
      objects_->Put("envs/prod/pave.json.lock", EncodeS3Lock(thief), WriteCondition::Always())
          .ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Status begin = a->recorder()->Begin(Op("aws_subnet.a"));
  EXPECT_EQ(begin.code(), StatusCode::kAborted) << begin.ToString();
  EXPECT_NE(begin.message().find("taken by another run"), std::string::npos) << begin.message();
  EXPECT_EQ(a->Save(loaded->state, {"apply", ""}).code(), StatusCode::kAborted);
  EXPECT_EQ(Object("envs/prod/pave.json"), "");  // nothing saved
  EXPECT_NE(Object("envs/prod/pave.json.lock").find("thief"), std::string::npos);
}

TEST_F(S3StoreTest, ADamagedJournalBatchIsDataLossNamingTheObject) {
  ASSERT_TRUE(objects_
                  ->Put("envs/prod/pave.json.journal/20260101T000000Z-ab/00000000",
                        "not a journal\n", WriteCondition::Always())
                  .ok());
  auto store = Open();
  auto loaded = store->Load();
  ASSERT_EQ(loaded.status().code(), StatusCode::kDataLoss) << loaded.status().ToString();
  EXPECT_NE(loaded.status().message().find(
                "s3://team/envs/prod/pave.json.journal/20260101T000000Z-ab/00000000"),
            std::string::npos)
      << loaded.status().message();
}

// Forwards to S3; the first PUT of `key` takes effect but answers 412, as a PUT whose answer
// was lost and that the client sent again does.
class ResentPutStore : public ObjectStore {
 public:
  ResentPutStore(ObjectStore* base, std::string key) : base_(base), key_(std::move(key)) {}
  Result<StoredObject> Get(const std::string& key) override { return base_->Get(key); }
  Result<std::string> Put(const std::string& key, std::string_view body,
                          const WriteCondition& condition) override {
    Result<std::string> put = base_->Put(key, body, condition);
    if (!put.ok() || key != key_ || resent_) return put;
    resent_ = true;
    return Status::Aborted("412").WithReason(kPreconditionFailed);
  }
  Status Delete(const std::string& key, const WriteCondition& condition) override {
    if (fail_deletes_) return Status::Unavailable("connection reset");
    return base_->Delete(key, condition);
  }
  Result<std::vector<std::string>> List(const std::string& prefix) override {
    return base_->List(prefix);
  }
  std::string Describe(const std::string& key) const override { return base_->Describe(key); }
  bool resent_ = false;
  bool fail_deletes_ = false;

 private:
  ObjectStore* base_;
  std::string key_;
};

TEST_F(S3StoreTest, ASaveWhoseAnswerWasLostAndResentIsSaved) {
  ResentPutStore objects(objects_.get(), "envs/prod/pave.json");
  auto store = S3StateStore::Open(&clock_, &objects, "envs/prod/pave.json");
  ASSERT_TRUE(store.ok());
  auto lock = (*store)->Lock("apply");
  ASSERT_TRUE(lock.ok());
  auto loaded = (*store)->Load();
  ASSERT_TRUE(loaded.ok());
  Status saved = (*store)->Save(loaded->state, {"apply", ""});
  EXPECT_TRUE(saved.ok()) << saved.ToString();
  EXPECT_TRUE(objects.resent_);
  EXPECT_EQ(StoredSerial(), 1);
  ASSERT_TRUE((*store)->Load().ok());
  EXPECT_TRUE((*store)->Save(loaded->state, {"apply", ""}).ok());  // its ETag was taken
  EXPECT_EQ(StoredSerial(), 2);
}

TEST_F(S3StoreTest, BatchesLeftByASaveThatDiedAreDroppedByTheNextLockHolder) {
  ResentPutStore objects(objects_.get(), "");
  objects.fail_deletes_ = true;  // the save dies while deleting the journal
  {
    auto store = S3StateStore::Open(&clock_, &objects, "envs/prod/pave.json");
    ASSERT_TRUE(store.ok());
    auto lock = (*store)->Lock("apply");
    ASSERT_TRUE(lock.ok());
    auto loaded = (*store)->Load();
    ASSERT_TRUE(loaded.ok());
    ResourceState r = Resource("aws_vpc.main", "vpc-1");
    ASSERT_TRUE((*store)->recorder()->Begin(Op("aws_vpc.main")).ok());
    ASSERT_TRUE((*store)->recorder()->Finish(Op("aws_vpc.main"), &r).ok());
    loaded->state.Put(r);
    EXPECT_FALSE((*store)->Save(loaded->state, {"apply", ""}).ok());
    objects.fail_deletes_ = false;
    (void)(*lock)->Release();
  }
  ASSERT_EQ(Keys("envs/prod/pave.json.journal/").size(), 2u);
  auto reader = Open();
  auto read = reader->Load();  // without the lock: replayed, left alone
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->recovered);
  EXPECT_EQ(read->state.size(), 1u);
  EXPECT_EQ(Keys("envs/prod/pave.json.journal/").size(), 2u);
  auto next = Open();
  auto lock = next->Lock("apply");
  ASSERT_TRUE(lock.ok());
  auto loaded = next->Load();
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(loaded->recovered);
  EXPECT_TRUE(loaded->pending.empty());
  EXPECT_EQ(loaded->state.size(), 1u);
  EXPECT_TRUE(Keys("envs/prod/pave.json.journal/").empty());
}

TEST_F(S3StoreTest, MissingBucketSaysToRunStateInit) {
  S3ObjectStore missing(client_.get(), "no-such-bucket", "");
  auto store = S3StateStore::Open(&clock_, &missing, "pave.json");
  ASSERT_TRUE(store.ok());
  auto loaded = (*store)->Load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("pave state init"), std::string::npos)
      << loaded.status().message();
}

}  // namespace
}  // namespace pave
