#include "providers/aws/iam/iam_eks_types.h"

#include <gtest/gtest.h>

#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

TEST(OidcIssuerHostTest, DropsSchemeAndTrailingSlash) {
  EXPECT_EQ(OidcIssuerHost("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC"),
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC");
  EXPECT_EQ(OidcIssuerHost("https://issuer.example/"), "issuer.example");
  EXPECT_EQ(OidcIssuerHost("issuer.example"), "issuer.example");
}

class IamEksTypesTest : public ::testing::Test {
 protected:
  IamEksTypesTest()
      : client_([this](const std::string&, const std::string& op, const Value& in) { return Handle(op, in); }),
        deps_{.client = &client_, .env = &env_, .poll = PollOptions{},
              .account = std::make_shared<AccountId>(&client_)} {}

  Result<Value> Handle(const std::string& op, const Value& in) {
    last_[op] = in;
    if (op == "GetCallerIdentity") return Value{{"Account", "123456789012"}};
    if (op == "GetAccountAuthorizationDetails") {
      return Value{{"RoleDetailList",
                    {{{"RoleName", "nodes"},
                      {"AttachedManagedPolicies",
                       {{{"PolicyArn", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"}}}}}}}};
    }
    if (op == "CreateOpenIDConnectProvider") {
      if (provider_.is_null()) {
        provider_ = {{"Url", "oidc.example/id/X"}, {"ClientIDList", in["ClientIDList"]}, {"Tags", in["Tags"]}};
        return Value{{"OpenIDConnectProviderArn", kArn}};
      }
      return Status::AlreadyExists("exists").WithReason("EntityAlreadyExists");
    }
    if (op == "GetOpenIDConnectProvider") {
      if (provider_.is_null() || in["OpenIDConnectProviderArn"] != kArn) {
        return Status::NotFound("no").WithReason("NoSuchEntity");
      }
      return provider_;
    }
    if (op == "AddClientIDToOpenIDConnectProvider") provider_["ClientIDList"].push_back(in["ClientID"]);
    return Value::object();
  }

  OperationContext Ctx(const std::string& type, const std::string& name) {
    return OperationContext{.address = {type, name}, .platform = "acme", .idempotency_token = "tok"};
  }

  static constexpr const char* kArn = "arn:aws:iam::123456789012:oidc-provider/oidc.example/id/X";
  Value provider_;
  std::map<std::string, Value> last_;
  FakeAwsClient client_;
  FakeClockEnv env_;
  AwsTypeDeps deps_;
};

TEST_F(IamEksTypesTest, AttachmentsAreReadInOneCallForMany) {
  auto type = NewIamRolePolicyAttachmentType(deps_);
  Value worker = {{"id", "x"}, {"role", "nodes"}, {"policy_arn", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"}};
  Value cni = {{"id", "y"}, {"role", "nodes"}, {"policy_arn", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"}};
  Value other = {{"id", "z"}, {"role", "gone"}, {"policy_arn", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"}};
  auto got = type->Read({ReadRequest{{"aws_iam_role_policy_attachment", "a"}, worker},
                         ReadRequest{{"aws_iam_role_policy_attachment", "b"}, cni},
                         ReadRequest{{"aws_iam_role_policy_attachment", "c"}, other}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("GetAccountAuthorizationDetails"), 1u);
  ASSERT_TRUE((*got)[0].has_value());
  EXPECT_EQ((*(*got)[0])["id"], "nodes/arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy");
  EXPECT_FALSE((*got)[1].has_value());
  EXPECT_FALSE((*got)[2].has_value());
}

TEST_F(IamEksTypesTest, OidcProviderIsCreatedTaggedAndAdoptedAfterACrash) {
  auto type = NewIamOpenIdConnectProviderType(deps_);
  Value desired = {{"url", "https://oidc.example/id/X"}, {"client_ids", {"sts.amazonaws.com"}},
                   {"tags", Value::object()}};
  auto made = type->Create(Ctx("aws_iam_openid_connect_provider", "cluster"), desired);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(last_["CreateOpenIDConnectProvider"]["Url"], "https://oidc.example/id/X");
  EXPECT_EQ((*made)["arn"], kArn);
  EXPECT_EQ((*made)["issuer_host"], "oidc.example/id/X");
  EXPECT_EQ((*made)["url"], "https://oidc.example/id/X");
  // The same create again (a crash before the result was recorded) adopts the provider.
  auto again = type->Create(Ctx("aws_iam_openid_connect_provider", "cluster"), desired);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)["arn"], kArn);
  // Another address must not adopt it.
  auto theirs = type->Create(Ctx("aws_iam_openid_connect_provider", "other"), desired);
  EXPECT_FALSE(theirs.ok());
}

TEST_F(IamEksTypesTest, OidcClientIdsChangeInPlace) {
  auto type = NewIamOpenIdConnectProviderType(deps_);
  Value desired = {{"url", "https://oidc.example/id/X"}, {"client_ids", {"sts.amazonaws.com"}}};
  auto made = type->Create(Ctx("aws_iam_openid_connect_provider", "cluster"), desired);
  ASSERT_TRUE(made.ok());
  desired["client_ids"] = {"sts.amazonaws.com", "kubernetes"};
  auto got = type->Update(Ctx("aws_iam_openid_connect_provider", "cluster"), *made, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(last_["AddClientIDToOpenIDConnectProvider"]["ClientID"], "kubernetes");
  EXPECT_EQ(client_.Count("RemoveClientIDFromOpenIDConnectProvider"), 0u);
  EXPECT_EQ(client_.Count("DeleteOpenIDConnectProvider"), 0u);
}

TEST_F(IamEksTypesTest, OidcClientIdTakenAwayIsRemovedOneByOne) {
  auto type = NewIamOpenIdConnectProviderType(deps_);
  Value desired = {{"url", "https://oidc.example/id/X"}, {"client_ids", {"sts.amazonaws.com", "kubernetes"}}};
  auto made = type->Create(Ctx("aws_iam_openid_connect_provider", "cluster"), desired);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  Value prior = *made;
  prior["client_ids"] = {"kubernetes", "sts.amazonaws.com"};  // another order: no change
  auto same = type->Update(Ctx("aws_iam_openid_connect_provider", "cluster"), prior, desired);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(client_.Count("AddClientIDToOpenIDConnectProvider"), 0u);
  EXPECT_EQ(client_.Count("RemoveClientIDFromOpenIDConnectProvider"), 0u);
  desired["client_ids"] = {"sts.amazonaws.com"};
  auto got = type->Update(Ctx("aws_iam_openid_connect_provider", "cluster"), prior, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(client_.Count("RemoveClientIDFromOpenIDConnectProvider"), 1u);
  EXPECT_EQ(last_["RemoveClientIDFromOpenIDConnectProvider"]["ClientID"], "kubernetes");
  EXPECT_EQ(last_["RemoveClientIDFromOpenIDConnectProvider"]["OpenIDConnectProviderArn"], kArn);
}

TEST_F(IamEksTypesTest, OidcNewIssuerMakesTheNewProviderBeforeDeletingTheOld) {
  auto type = NewIamOpenIdConnectProviderType(deps_);
  Value old_provider = {{"id", "arn:aws:iam::123456789012:oidc-provider/old.example/id/O"},
                        {"arn", "arn:aws:iam::123456789012:oidc-provider/old.example/id/O"},
                        {"url", "https://old.example/id/O"}, {"client_ids", {"sts.amazonaws.com"}},
                        {"tags", Value::object()}};
  Value desired = {{"url", "https://oidc.example/id/X"}, {"client_ids", {"sts.amazonaws.com"}}};
  auto got = type->Update(Ctx("aws_iam_openid_connect_provider", "cluster"), old_provider, desired);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((*got)["arn"], kArn);
  std::vector<std::string> order;
  for (const auto& c : client_.calls()) {
    if (c.operation == "CreateOpenIDConnectProvider" || c.operation == "DeleteOpenIDConnectProvider") {
      order.push_back(c.operation);
    }
  }
  EXPECT_EQ(order, (std::vector<std::string>{"CreateOpenIDConnectProvider", "DeleteOpenIDConnectProvider"}));
  EXPECT_EQ(last_["DeleteOpenIDConnectProvider"]["OpenIDConnectProviderArn"], old_provider["id"]);
}

}  // namespace
}  // namespace pave::aws_provider
