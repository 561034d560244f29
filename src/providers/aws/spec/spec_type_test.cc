// The generic type run through the log group spec, against a small in-memory CloudWatch Logs.
#include "providers/aws/spec/spec_type.h"

#include <gtest/gtest.h>

#include <map>

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
