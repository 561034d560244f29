#include "providers/aws/iam/iam_types.h"

#include <gtest/gtest.h>

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

TEST(LogGroupTest, CommonPrefixCoversEveryName) {
  EXPECT_EQ(CommonPrefix({"/pave/shop/flow-logs", "/pave/shop/eks", "/pave/other"}), "/pave/");
  EXPECT_EQ(CommonPrefix({"/a"}), "/a");
  EXPECT_EQ(CommonPrefix({}), "");
}

}  // namespace
}  // namespace pave::aws_provider
