#include "engine/refresh.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "engine/secret.h"
#include "testing/fake_provider.h"

namespace pave {
namespace {

class RecordingSink : public EventSink {
 public:
  void OnEvent(const Event& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(e);
  }
  std::vector<Event> events() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

ResourceSchema Schema(const std::string& type, std::vector<AttributeSchema> attrs = {}) {
  ResourceSchema s;
  s.type = type;
  s.attributes = std::move(attrs);
  return s;
}

class RefreshTest : public ::testing::Test {
 protected:
  FakeResourceType* Add(ResourceSchema schema) {
    auto t = std::make_unique<FakeResourceType>(std::move(schema), &log_);
    FakeResourceType* raw = t.get();
    registry_.Register(std::move(t));
    return raw;
  }
  // Makes the resource in the fake cloud and records it in state.
  std::string Make(FakeResourceType* type, const std::string& name, Value attrs, std::vector<ResourceAddress> deps = {}) {
    ResourceAddress a{type->schema().type, name};
    std::string id = type->Seed(a, attrs);
    attrs["id"] = id;
    state_.Put(ResourceState{a, attrs, std::move(deps)});
    return id;
  }

  CallLog log_;
  ProviderRegistry registry_;
  State state_;
};

TEST_F(RefreshTest, OneReadPerTypeWithAllItsResources) {
  FakeResourceType* vpc = Add(Schema("aws_vpc", {FakeAttr("cidr")}));
  FakeResourceType* subnet = Add(Schema("aws_subnet", {FakeAttr("cidr")}));
  for (int i = 0; i < 5; ++i) Make(subnet, "s" + std::to_string(i), {{"cidr", "10.0." + std::to_string(i) + ".0/24"}});
  Make(vpc, "main", {{"cidr", "10.0.0.0/16"}});
  Result<RefreshResult> r = Refresh(state_, registry_, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(vpc->calls(FakeMethod::kRead), 1);
  EXPECT_EQ(subnet->calls(FakeMethod::kRead), 1);
  ASSERT_EQ(subnet->read_batches().size(), 1u);
  EXPECT_EQ(subnet->read_batches()[0].size(), 5u);
  EXPECT_EQ(r->state.size(), 6u);
  EXPECT_TRUE(r->vanished.empty());
}

TEST_F(RefreshTest, ReadShowsDriftAndKeepsMetadataAndDependencies) {
  FakeResourceType* vpc = Add(Schema("aws_vpc", {FakeAttr("cidr"), FakeAttr("name")}));
  state_.lineage = "lin";
  state_.serial = 4;
  state_.platform = "demo";
  std::string id = Make(vpc, "main", {{"cidr", "10.0.0.0/16"}, {"name", "a"}}, {{"aws_other", "x"}});
  vpc->Modify(id, "name", "changed-by-hand");
  Result<RefreshResult> r = Refresh(state_, registry_, {});
  ASSERT_TRUE(r.ok());
  const ResourceState* rs = r->state.Find({"aws_vpc", "main"});
  ASSERT_NE(rs, nullptr);
  EXPECT_EQ(rs->attributes["name"], "changed-by-hand");
  EXPECT_EQ(rs->attributes["id"], id);
  EXPECT_EQ(rs->dependencies, (std::vector<ResourceAddress>{{"aws_other", "x"}}));
  EXPECT_EQ(r->state.lineage, "lin");
  EXPECT_EQ(r->state.serial, 4);
  EXPECT_EQ(r->state.platform, "demo");
}

TEST_F(RefreshTest, GoneResourcesAreRemovedAndListed) {
  FakeResourceType* vpc = Add(Schema("aws_vpc"));
  std::string gone = Make(vpc, "a", Value::object());
  Make(vpc, "b", Value::object());
  vpc->Erase(gone);
  Result<RefreshResult> r = Refresh(state_, registry_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->vanished, (std::set<ResourceAddress>{{"aws_vpc", "a"}}));
  EXPECT_EQ(r->state.Find({"aws_vpc", "a"}), nullptr);
  EXPECT_NE(r->state.Find({"aws_vpc", "b"}), nullptr);
}

TEST_F(RefreshTest, SecretsKeepTheirStoredFingerprints) {
  FakeResourceType* db = Add(Schema("aws_db", {FakeAttr("password", AttrType::kString, {.secret = true}), FakeAttr("port", AttrType::kInt)}));
  state_.lineage = "lin";
  std::string id = db->Seed({"aws_db", "main"}, {{"password", "plain-pw"}, {"port", 5432}});
  std::string fp = SecretFingerprint("lin", Value("plain-pw"));
  state_.Put(ResourceState{{"aws_db", "main"}, {{"id", id}, {"password", fp}, {"port", 5432}}, {}});
  Result<RefreshResult> r = Refresh(state_, registry_, {});
  ASSERT_TRUE(r.ok());
  const ResourceState* rs = r->state.Find({"aws_db", "main"});
  ASSERT_NE(rs, nullptr);
  EXPECT_EQ(rs->attributes["password"], fp);
  EXPECT_EQ(rs->attributes.dump().find("plain-pw"), std::string::npos);
}

TEST_F(RefreshTest, EventsPerType) {
  FakeResourceType* vpc = Add(Schema("aws_vpc"));
  FakeResourceType* subnet = Add(Schema("aws_subnet"));
  Make(vpc, "a", Value::object());
  Make(subnet, "a", Value::object());
  Make(subnet, "b", Value::object());
  RecordingSink sink;
  RefreshOptions o;
  o.events = &sink;
  ASSERT_TRUE(Refresh(state_, registry_, o).ok());
  std::map<std::string, size_t> started, finished;
  for (const Event& e : sink.events()) {
    if (e.kind == EventKind::kRefreshStarted) started[e.message] = e.count;
    if (e.kind == EventKind::kRefreshFinished) {
      finished[e.message] = e.count;
      EXPECT_TRUE(e.status.ok());
    }
  }
  EXPECT_EQ(started, (std::map<std::string, size_t>{{"aws_subnet", 2}, {"aws_vpc", 1}}));
  EXPECT_EQ(finished, started);
}

TEST_F(RefreshTest, UnknownTypeAndReadErrors) {
  FakeResourceType* vpc = Add(Schema("aws_vpc"));
  Make(vpc, "a", Value::object());
  state_.Put(ResourceState{{"aws_mystery", "x"}, {{"id", "m-1"}}, {}});
  Result<RefreshResult> r = Refresh(state_, registry_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message(), "state holds aws_mystery.x, but no provider knows type \"aws_mystery\"");

  state_.Remove({"aws_mystery", "x"});
  vpc->FailCall(FakeMethod::kRead, 1, Status::PermissionDenied("not allowed to describe vpcs"));
  r = Refresh(state_, registry_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().message(), "refreshing aws_vpc: not allowed to describe vpcs");
}

// Read blocks until `n` reads are in flight at once: proves types are read in parallel,
// without depending on timing (a generous deadline only turns a hang into a failure).
class RendezvousType : public FakeResourceType {
 public:
  RendezvousType(ResourceSchema s, int n, std::mutex* mu, std::condition_variable* cv, int* arrived)
      : FakeResourceType(std::move(s)), n_(n), mu_(mu), cv_(cv), arrived_(arrived) {}
  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>& requests) override {
    std::unique_lock<std::mutex> lock(*mu_);
    ++*arrived_;
    cv_->notify_all();
    if (!cv_->wait_for(lock, std::chrono::seconds(20), [this] { return *arrived_ >= n_; })) {
      return Status::DeadlineExceeded("reads were not concurrent");
    }
    lock.unlock();
    return FakeResourceType::Read(requests);
  }

 private:
  int n_;
  std::mutex* mu_;
  std::condition_variable* cv_;
  int* arrived_;
};

TEST_F(RefreshTest, TypesAreReadInParallel) {
  std::mutex mu;
  std::condition_variable cv;
  int arrived = 0;
  for (const char* t : {"aws_a", "aws_b", "aws_c"}) {
    auto type = std::make_unique<RendezvousType>(Schema(t), 3, &mu, &cv, &arrived);
    Make(type.get(), "x", Value::object());
    registry_.Register(std::move(type));
  }
  RefreshOptions o;
  o.parallelism = 3;
  Result<RefreshResult> r = Refresh(state_, registry_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->state.size(), 3u);
}

TEST_F(RefreshTest, ParallelismBoundsConcurrentReads) {
  for (const char* t : {"aws_a", "aws_b", "aws_c", "aws_d"}) {
    FakeResourceType* type = Add(Schema(t));
    type->SetLatency(FakeMethod::kRead, std::chrono::milliseconds(5));
    Make(type, "x", Value::object());
  }
  RefreshOptions o;
  o.parallelism = 1;
  ASSERT_TRUE(Refresh(state_, registry_, o).ok());
  EXPECT_EQ(log_.MaxInFlight(), 1);
}

}  // namespace
}  // namespace pave
