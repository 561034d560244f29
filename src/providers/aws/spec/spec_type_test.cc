// The generic type run through the log group spec, against a small in-memory CloudWatch Logs.
#include "providers/aws/spec/spec_type.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>

#include "providers/aws/logs/log_group.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

class FakeLogs {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    std::string name = in.value("logGroupName", "");
    if (op == "CreateLogGroup") {
      if (groups_.count(name)) return Status::AlreadyExists("exists").WithReason("ResourceAlreadyExistsException");
      groups_[name] = {{"logGroupName", name}, {"arn", "arn:aws:logs:eu-west-1:1:log-group:" + name + ":*"}};
      tags_[name] = in.value("tags", Value::object());
      return Value::object();
    }
    if (op == "DescribeLogGroups") {
      Value out = Value::array();
      for (const auto& [n, g] : groups_) {
        if (n.rfind(in.value("logGroupNamePrefix", ""), 0) == 0) out.push_back(g);
      }
      return Value{{"logGroups", out}};
    }
    if (!groups_.count(name) && op != "TagResource" && op != "UntagResource") {
      return Status::NotFound("gone").WithReason("ResourceNotFoundException");
    }
    if (op == "PutRetentionPolicy") groups_[name]["retentionInDays"] = in["retentionInDays"];
    if (op == "DeleteRetentionPolicy") groups_[name].erase("retentionInDays");
    if (op == "DeleteLogGroup") groups_.erase(name);
    return Value::object();
  }
  std::map<std::string, Value> groups_;
  std::map<std::string, Value> tags_;
};

class SpecTypeTest : public ::testing::Test {
 protected:
  SpecTypeTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return logs_.Handle(op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{}, .account = nullptr},
        type_(NewLogGroupType(deps_)) {}

  static OperationContext Ctx() {
    OperationContext ctx;
    ctx.address = {"aws_cloudwatch_log_group", "flow"};
    ctx.platform = "shop";
    ctx.idempotency_token = "tok";
    return ctx;
  }

  FakeLogs logs_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
  std::unique_ptr<ResourceType> type_;
};

TEST_F(SpecTypeTest, CreateTagsInTheCallSetsWhatItCannotTakeAndReadsBack) {
  Value desired = {{"name", "/pave/flow"}, {"retention_in_days", 30}, {"tags", {{"team", "net"}}}};
  auto got = type_->Create(Ctx(), desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(logs_.tags_["/pave/flow"]["team"], "net");
  EXPECT_EQ(logs_.tags_["/pave/flow"]["pave:address"], "aws_cloudwatch_log_group.flow");
  EXPECT_EQ(logs_.tags_["/pave/flow"]["pave:token"], "tok");
  EXPECT_EQ(logs_.groups_["/pave/flow"]["retentionInDays"], 30);
  EXPECT_EQ((*got)["id"], "/pave/flow");
  EXPECT_EQ((*got)["retention_in_days"], 30);
  EXPECT_EQ((*got)["arn"], "arn:aws:logs:eu-west-1:1:log-group:/pave/flow");
  EXPECT_EQ((*got)["tags"], Value({{"team", "net"}}));
}

TEST_F(SpecTypeTest, CreateReportsTheResourceMadeBeforeAnyFurtherCall) {
  OperationContext ctx = Ctx();
  std::vector<std::string> calls_when_created;
  ctx.created = [&](const Value& partial, bool complete) {
    EXPECT_EQ(partial["id"], "/pave/made");
    if (calls_when_created.empty()) {
      EXPECT_FALSE(complete) << "the retention is still to be set";
      for (const auto& c : client_.calls()) calls_when_created.push_back(c.operation);
    }
  };
  ASSERT_TRUE(type_->Create(ctx, {{"name", "/pave/made"}, {"retention_in_days", 30}}).ok());
  // The retention is set by a second call; the create is journaled before it.
  EXPECT_EQ(calls_when_created, std::vector<std::string>{"CreateLogGroup"});
  EXPECT_EQ(client_.Count("PutRetentionPolicy"), 1u);
}

TEST_F(SpecTypeTest, ReadIsOneListingByCommonPrefix) {
  ASSERT_TRUE(type_->Create(Ctx(), {{"name", "/pave/a"}}).ok());
  ASSERT_TRUE(type_->Create(Ctx(), {{"name", "/pave/b"}}).ok());
  size_t before = client_.Count("DescribeLogGroups");
  auto got = type_->Read({{Ctx().address, {{"id", "/pave/a"}, {"name", "/pave/a"}}},
                          {Ctx().address, {{"id", "/pave/b"}, {"name", "/pave/b"}}},
                          {Ctx().address, {{"id", "/pave/c"}, {"name", "/pave/c"}}}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(client_.Count("DescribeLogGroups") - before, 1u);
  EXPECT_EQ(client_.calls().back().input["logGroupNamePrefix"], "/pave/");
  EXPECT_TRUE((*got)[0] && (*got)[1]);
  EXPECT_FALSE((*got)[2]);
}

TEST_F(SpecTypeTest, UpdateUnsetsRetentionAndRemovesTags) {
  auto created = type_->Create(Ctx(), {{"name", "/pave/u"}, {"retention_in_days", 7}, {"tags", {{"a", "1"}}}});
  ASSERT_TRUE(created.ok());
  auto got = type_->Update(Ctx(), *created, {{"name", "/pave/u"}, {"tags", Value::object()}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_FALSE(got->contains("retention_in_days"));
  EXPECT_EQ(client_.Count("DeleteRetentionPolicy"), 1u);
  EXPECT_EQ(client_.Count("UntagResource"), 1u);
}

TEST_F(SpecTypeTest, CreateOfAnExistingGroupAdoptsItAndDeleteOfAGoneOneSucceeds) {
  ASSERT_TRUE(type_->Create(Ctx(), {{"name", "/pave/x"}}).ok());
  auto again = type_->Create(Ctx(), {{"name", "/pave/x"}, {"retention_in_days", 14}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)["retention_in_days"], 14);
  EXPECT_TRUE(type_->Delete(Ctx(), *again).ok());
  EXPECT_TRUE(type_->Delete(Ctx(), *again).ok());
  auto found = type_->Find(Ctx(), {{"name", "/pave/x"}});
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(*found);
}

// A parallel update is made beside the ordered ones: its hook waits for the ordered call,
// which would never come if the calls were made one after the other (it is listed first).
// read_group sees every resource read in one call and may find one gone.
TEST(SpecParallelTest, AParallelUpdateRunsBesideTheOrderedOnesAndReadGroupSeesAllAtOnce) {
  FakeLogs logs;
  std::mutex mu;
  std::condition_variable retention_set;
  bool retention = false;
  FakeAwsClient client([&](const std::string&, const std::string& op, const Value& in) {
    std::lock_guard<std::mutex> lock(mu);
    Result<Value> out = logs.Handle(op, in);
    if (op == "PutRetentionPolicy") {
      retention = true;
      retention_set.notify_all();
    }
    return out;
  });
  FakeClockEnv env;
  ResourceSpec spec = LogGroupSpec();
  spec.attributes.push_back({.name = "watched", .type = AttrType::kBool, .default_value = Value(false)});
  std::string applied_to;
  spec.updates.insert(spec.updates.begin(),
                      UpdateSpec{.members = {{"watched", ""}}, .parallel = true,
                                 .apply = [&](const SpecEnv&, const std::string& key, const Value&, const Value&) {
                                   std::unique_lock<std::mutex> lock(mu);
                                   if (!retention_set.wait_for(lock, std::chrono::seconds(20), [&] { return retention; })) {
                                     return Status::Internal("the ordered update was not made beside this one");
                                   }
                                   applied_to = key;
                                   return Status::Ok();
                                 }});
  std::vector<size_t> group_sizes;
  bool b_gone = false;
  spec.hooks.read_group = [&](const SpecEnv&, std::vector<std::optional<Value>>* read) {
    size_t found = 0;
    for (std::optional<Value>& a : *read) {
      if (!a) continue;
      ++found;
      if (b_gone && (*a)["id"] == "/pave/b") a.reset();  // gone meanwhile
      else (*a)["watched"] = true;
    }
    group_sizes.push_back(found);
    return Status::Ok();
  };
  auto type = NewSpecType({.client = &client, .env = &env, .poll = PollOptions{}, .account = nullptr}, spec);
  OperationContext ctx;
  ctx.address = {"aws_cloudwatch_log_group", "p"};
  ctx.platform = "shop";
  auto made = type->Create(ctx, {{"name", "/pave/p"}, {"retention_in_days", 30}, {"watched", true}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(applied_to, "/pave/p");
  ASSERT_TRUE(type->Create(ctx, {{"name", "/pave/b"}}).ok());
  group_sizes.clear();
  b_gone = true;
  auto got = type->Read({{ctx.address, {{"id", "/pave/p"}, {"name", "/pave/p"}}},
                         {ctx.address, {{"id", "/pave/b"}, {"name", "/pave/b"}}},
                         {ctx.address, {{"id", "/pave/c"}, {"name", "/pave/c"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(group_sizes, std::vector<size_t>{2});
  ASSERT_TRUE((*got)[0]);
  EXPECT_EQ((*(*got)[0])["watched"], true);
  EXPECT_FALSE((*got)[1]);
  EXPECT_FALSE((*got)[2]);
}

TEST(SpecSchemaTest, SchemaCarriesTheFlagsAndPutsTagsBeforeComputed) {
  ResourceSchema s = SchemaOf(LogGroupSpec());
  ASSERT_EQ(s.AttributeNames(), (std::vector<std::string>{"name", "retention_in_days", "tags", "arn"}));
  EXPECT_TRUE(s.Find("name")->required && s.Find("name")->force_new);
  EXPECT_TRUE(s.Find("arn")->computed && s.Find("arn")->stable);
}

TEST(SpecSchemaTest, ATagsEntryPlacesTheTagsAttribute) {
  ResourceSpec spec = LogGroupSpec();
  spec.attributes.insert(spec.attributes.begin() + 1, AttrSpec{.name = "tags"});
  EXPECT_EQ(SchemaOf(spec).AttributeNames(),
            (std::vector<std::string>{"name", "tags", "retention_in_days", "arn"}));
}

}  // namespace
}  // namespace pave::aws_provider
