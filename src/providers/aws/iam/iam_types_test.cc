#include "providers/aws/iam/iam_types.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/aws/common/tags.h"
#include "providers/aws/logs/log_group.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

TEST(IamTypesTest, PoliciesNormalizeWhateverShapeIamReturns) {
  const std::string want = R"({"Statement":[],"Version":"2012-10-17"})";
  EXPECT_EQ(*NormalizePolicy(Value{{"Version", "2012-10-17"}, {"Statement", Value::array()}}), want);
  EXPECT_EQ(*NormalizePolicy(Value(R"({ "Version": "2012-10-17", "Statement": [] })")), want);
  EXPECT_EQ(*NormalizePolicy(Value("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D")), want);
  EXPECT_FALSE(NormalizePolicy(Value("{not json")).ok());
}

TEST(IamTypesTest, RolesAreReadInTwoAccountWideCalls) {
  FakeAwsClient client([](const std::string& svc, const std::string& op, const Value& in) -> Result<Value> {
    EXPECT_EQ(svc, "iam");
    if (op == "ListRoles") {
      // Descriptions come only from here: RoleDetail has none.
      return Value{{"Roles", {{{"RoleName", "a"}, {"Description", "delivers logs"}}, {{"RoleName", "b"}}}}};
    }
    EXPECT_EQ(op, "GetAccountAuthorizationDetails");
    EXPECT_EQ(in["Filter"], Value::array({"Role"}));
    return Value{{"RoleDetailList",
                  {{{"RoleName", "a"}, {"Arn", "arn:aws:iam::1:role/a"}, {"Path", "/"},
                    {"AssumeRolePolicyDocument", {{"Version", "2012-10-17"}}},
                    {"Tags", {{{"Key", "pave:platform"}, {"Value", "p"}}, {{"Key", "team"}, {"Value", "x"}}}}},
                   {{"RoleName", "b"}, {"Arn", "arn:aws:iam::1:role/b"}, {"AssumeRolePolicyDocument", "{}"}}}}};
  });
  FakeClockEnv env;
  auto role = NewIamRoleType(AwsTypeDeps{.client = &client, .env = &env, .poll = PollOptions{},
                                         .account = std::make_shared<AccountId>(&client)});
  auto got = role->Read({{{"aws_iam_role", "a"}, {{"id", "a"}, {"name", "a"}}},
                         {{"aws_iam_role", "b"}, {{"id", "b"}, {"name", "b"}}},
                         {{"aws_iam_role", "c"}, {{"id", "c"}, {"name", "c"}}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client.calls().size(), 2u);
  ASSERT_TRUE((*got)[0]);
  EXPECT_EQ((*(*got)[0])["assume_role_policy"], R"({"Version":"2012-10-17"})");
  EXPECT_EQ((*(*got)[0])["tags"], Value({{"team", "x"}}));
  EXPECT_EQ((*(*got)[0])["description"], "delivers logs");
  ASSERT_TRUE((*got)[1]);
  EXPECT_EQ((*(*got)[1])["description"], "");
  EXPECT_FALSE((*got)[2]);
}

// A role store answering the calls of aws_iam_role: tags as IAM keeps them (Key/Value list).
class FakeIamRoles {
 public:
  Result<Value> Handle(const std::string& op, const Value& in) {
    std::string name = in.value("RoleName", "");
    if (op == "CreateRole") {
      if (roles_.count(name)) {
        return Status::AlreadyExists("exists").WithReason("EntityAlreadyExists");
      }
      roles_[name] = {{"RoleName", name},
                      {"Arn", "arn:aws:iam::1:role/" + name},
                      {"RoleId", "AROA1"},
                      {"Path", in["Path"]},
                      {"AssumeRolePolicyDocument", in["AssumeRolePolicyDocument"]},
                      {"Tags", in.value("Tags", Value::array())}};
      return Value{{"Role", roles_[name]}};
    }
    if (!roles_.count(name)) return Status::NotFound("no role").WithReason("NoSuchEntity");
    Value& role = roles_[name];
    if (op == "GetRole") return Value{{"Role", role}};
    if (op == "TagRole") {
      Value tags = TagListToMap(role["Tags"]);
      Value added = TagListToMap(in["Tags"]);
      for (const auto& [k, v] : added.items()) tags[k] = v;
      role["Tags"] = TagMapToList(tags);
    }
    if (op == "UntagRole") {
      Value tags = TagListToMap(role["Tags"]);
      for (const Value& k : in["TagKeys"]) tags.erase(k.get<std::string>());
      role["Tags"] = TagMapToList(tags);
    }
    if (op == "DeleteRole") roles_.erase(name);
    return Value::object();
  }
  std::map<std::string, Value> roles_;
};

class IamRoleTest : public ::testing::Test {
 protected:
  IamRoleTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) {
          return iam_.Handle(op, in);
        }),
        role_(NewIamRoleType(AwsTypeDeps{
            .client = &client_, .env = &env_, .poll = PollOptions{}, .account = nullptr})) {}

  static OperationContext Ctx(const std::string& token = "tok") {
    OperationContext ctx;
    ctx.address = {"aws_iam_role", "flow"};
    ctx.platform = "shop";
    ctx.idempotency_token = token;
    return ctx;
  }
  static Value Desired(Value tags) {
    return {{"name", "flow"},
            {"assume_role_policy", R"({"Version":"2012-10-17"})"},
            {"description", ""},
            {"path", "/"},
            {"tags", std::move(tags)}};
  }

  FakeIamRoles iam_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  std::unique_ptr<ResourceType> role_;
};

TEST_F(IamRoleTest, TagsGoInTheCreateAndAreSyncedByRoleName) {
  auto made = role_->Create(Ctx(), Desired({{"team", "net"}, {"old", "x"}}));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(TagListToMap(iam_.roles_["flow"]["Tags"])["pave:token"], "tok");
  EXPECT_EQ((*made)["tags"], Value({{"old", "x"}, {"team", "net"}}));
  EXPECT_EQ((*made)["arn"], "arn:aws:iam::1:role/flow");
  auto updated = role_->Update(Ctx(), *made, Desired({{"team", "dns"}}));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ((*updated)["tags"], Value({{"team", "dns"}}));
  EXPECT_EQ(client_.calls()[client_.calls().size() - 3].input,
            Value({{"RoleName", "flow"}, {"TagKeys", {"old"}}}));
  EXPECT_EQ(client_.Count("TagRole"), 1u);
}

TEST_F(IamRoleTest, FindAdoptsOnlyARoleTaggedForThisAddress) {
  ASSERT_TRUE(role_->Create(Ctx(), Desired(Value::object())).ok());
  auto mine = role_->Find(Ctx(), Desired(Value::object()));
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_TRUE(*mine);
  iam_.roles_["flow"]["Tags"] = Value::array();  // someone else's role of the same name
  auto theirs = role_->Find(Ctx(), Desired(Value::object()));
  ASSERT_TRUE(theirs.ok());
  EXPECT_FALSE(*theirs);
  auto again = role_->Create(Ctx(), Desired(Value::object()));
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("not made by this platform"), std::string::npos);
  EXPECT_TRUE(role_->Delete(Ctx(), {{"id", "flow"}, {"name", "flow"}}).ok());
  EXPECT_TRUE(role_->Delete(Ctx(), {{"id", "flow"}, {"name", "flow"}}).ok());  // gone already
}

TEST(LogGroupTest, CommonPrefixCoversEveryName) {
  EXPECT_EQ(CommonPrefix({"/pave/shop/flow-logs", "/pave/shop/eks", "/pave/other"}), "/pave/");
  EXPECT_EQ(CommonPrefix({"/a"}), "/a");
  EXPECT_EQ(CommonPrefix({}), "");
}

}  // namespace
}  // namespace pave::aws_provider
