// The organizations types and IAM groups against moto (a real emulator), read back with the
// same client: organization adopted when it exists, units, accounts created (asynchronously)
// or adopted by id, moved between parents, kept on delete unless data loss is allowed; SCPs
// enabled on the root and attached; groups with inline policies.
#include <gtest/gtest.h>

#include "aws/curl_http_client.h"
#include "aws/modeled_client.h"
#include "providers/aws/register.h"
#include "testing/moto_server.h"
#include "testing/overlay_env.h"

namespace pave::aws_provider {
namespace {

using testing::MotoServer;
using testing::OverlayEnv;

class OrganizationsMotoTest : public ::testing::Test {
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

  OrganizationsMotoTest() : http_(&env_, {}) {}

  void SetUp() override {
    ASSERT_NE(moto_, nullptr);
    ASSERT_TRUE(moto_->Reset().ok());
    aws::ResolvedAwsConfig config;
    config.region = "eu-west-1";
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(
        aws::Credentials{"testing", "testing", "", {}, "test"});
    config.endpoints.region = "eu-west-1";
    config.endpoints.global_url = moto_->endpoint();
    auto client = aws::NewAwsClient(&env_, &http_, config, {});
    ASSERT_TRUE(client.ok()) << client.status().ToString();
    client_ = std::move(client).value();
    RegisterAwsTypes(&registry_, client_.get(), &env_);
  }

  ResourceType* Type(const std::string& name) { return registry_.Find(name); }
  OperationContext Ctx(const std::string& type, const std::string& name) {
    OperationContext ctx;
    ctx.address = {type, name};
    ctx.platform = "org";
    ctx.idempotency_token = "tok-" + name;
    ctx.progress = [this](const std::string& note) { notes_.push_back(note); };
    return ctx;
  }
  Value Create(const std::string& type, const std::string& name, const Value& desired) {
    auto got = Type(type)->Create(Ctx(type, name), desired);
    EXPECT_TRUE(got.ok()) << type << ": " << got.status().ToString();
    return got.ok() ? *got : Value::object();
  }
  std::optional<Value> Read(const std::string& type, const Value& prior) {
    auto got = Type(type)->Read({ReadRequest{{type, "x"}, prior}});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? (*got)[0] : std::nullopt;
  }
  Value Call(const std::string& service, const std::string& op, const Value& input) {
    auto out = client_->Call(service, op, input);
    EXPECT_TRUE(out.ok()) << op << ": " << out.status().ToString();
    return out.ok() ? *out : Value::object();
  }

  static MotoServer* moto_;
  OverlayEnv env_;
  aws::CurlHttpClient http_;
  std::unique_ptr<aws::AwsClient> client_;
  ProviderRegistry registry_;
  std::vector<std::string> notes_;
};

MotoServer* OrganizationsMotoTest::moto_ = nullptr;

TEST_F(OrganizationsMotoTest, OrganizationIsMadeOnceAndAdoptedByALaterCreate) {
  Value org = Create("aws_organizations_organization", "main", Value::object());
  EXPECT_EQ(org["feature_set"], "ALL");
  EXPECT_EQ(org["root_id"].get<std::string>().substr(0, 2), "r-");
  // A second state (or a lost answer): AlreadyInOrganizationException, adopted.
  Value again = Create("aws_organizations_organization", "main", Value::object());
  EXPECT_EQ(again["id"], org["id"]);
  auto read = Read("aws_organizations_organization", org);
  ASSERT_TRUE(read);
  EXPECT_EQ((*read)["master_account_id"], org["master_account_id"]);
}

TEST_F(OrganizationsMotoTest, UnitsAccountsAndMoves) {
  Value org = Create("aws_organizations_organization", "main", Value::object());
  std::string root = org["root_id"];
  Value ou = Create("aws_organizations_organizational_unit", "prod",
                    {{"name", "prod"}, {"parent_id", root}});
  EXPECT_EQ(ou["id"].get<std::string>().substr(0, 3), "ou-");
  Value acct = Create("aws_organizations_account", "app",
                      {{"name", "app"}, {"email", "app@example.com"}, {"parent_id", ou["id"]}});
  EXPECT_EQ(acct["id"].get<std::string>().size(), 12u);
  EXPECT_EQ(acct["parent_id"], ou["id"]);
  Value parents = Call("organizations", "ListParents", {{"ChildId", acct["id"]}});
  EXPECT_EQ(parents["Parents"][0]["Id"], ou["id"]);
  // Moved back to the root by an update.
  Value desired = {{"name", "app"}, {"email", "app@example.com"}, {"parent_id", root}};
  auto moved = Type("aws_organizations_account")
                   ->Update(Ctx("aws_organizations_account", "app"), acct, desired);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  parents = Call("organizations", "ListParents", {{"ChildId", acct["id"]}});
  EXPECT_EQ(parents["Parents"][0]["Id"], root);
  // Renaming a unit is an update, not a replacement.
  auto renamed = Type("aws_organizations_organizational_unit")
                     ->Update(Ctx("aws_organizations_organizational_unit", "prod"), ou,
                              {{"name", "production"}, {"parent_id", root}});
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ((*Read("aws_organizations_organizational_unit", ou))["name"], "production");
}

TEST_F(OrganizationsMotoTest, AccountGivenByIdIsAdoptedAndKeptOnDelete) {
  Value org = Create("aws_organizations_organization", "main", Value::object());
  Value made = Call("organizations", "CreateAccount",
                    {{"AccountName", "legacy"}, {"Email", "legacy@example.com"}});
  std::string id = made["CreateAccountStatus"]["AccountId"];
  Value acct = Create("aws_organizations_account", "legacy",
                      {{"name", "legacy"},
                       {"email", "legacy@example.com"},
                       {"account_id", id},
                       {"parent_id", org["root_id"]}});
  EXPECT_EQ(acct["id"], id);
  EXPECT_EQ(Call("organizations", "ListAccounts", Value::object())["Accounts"].size(),
            2u);  // no new account
  // Destroy without --allow-data-loss: the account stays, a note says so; so does the organization.
  ASSERT_TRUE(Type("aws_organizations_account")
                  ->Delete(Ctx("aws_organizations_account", "legacy"), acct)
                  .ok());
  ASSERT_TRUE(Type("aws_organizations_organization")
                  ->Delete(Ctx("aws_organizations_organization", "main"), org)
                  .ok());
  EXPECT_TRUE(Read("aws_organizations_account", acct));
  EXPECT_TRUE(Read("aws_organizations_organization", org));
  ASSERT_EQ(notes_.size(), 2u);
  EXPECT_NE(notes_[0].find("left in place in the organization"), std::string::npos) << notes_[0];
  EXPECT_NE(notes_[1].find("left in place"), std::string::npos) << notes_[1];
  // An id that is not a member is refused, not created.
  auto stranger =
      Type("aws_organizations_account")
          ->Create(Ctx("aws_organizations_account", "x"),
                   {{"name", "x"}, {"email", "x@example.com"}, {"account_id", "111122223333"}});
  EXPECT_FALSE(stranger.ok());
}

TEST_F(OrganizationsMotoTest, PoliciesAreEnabledOnTheRootAndAttached) {
  Value org = Create("aws_organizations_organization", "main", Value::object());
  std::string content =
      R"({"Statement":[{"Action":"organizations:LeaveOrganization","Effect":"Deny","Resource":"*"}],"Version":"2012-10-17"})";
  Value policy = Create("aws_organizations_policy", "deny-leave",
                        {{"name", "deny-leave"},
                         {"description", "no leaving"},
                         {"content", content},
                         {"type", "SERVICE_CONTROL_POLICY"}});
  EXPECT_EQ(policy["content"], content);
  Value roots = Call("organizations", "ListRoots", Value::object());
  EXPECT_EQ(roots["Roots"][0]["PolicyTypes"][0]["Status"], "ENABLED");
  Value desired = {{"policy_id", policy["id"]}, {"target_id", org["root_id"]}};
  Value att = Create("aws_organizations_policy_attachment", "a", desired);
  EXPECT_EQ(att["id"], policy["id"].get<std::string>() + ":" + org["root_id"].get<std::string>());
  ASSERT_TRUE(Read("aws_organizations_policy_attachment", att));
  ASSERT_TRUE(Type("aws_organizations_policy_attachment")
                  ->Delete(Ctx("aws_organizations_policy_attachment", "a"), att)
                  .ok());
  EXPECT_FALSE(Read("aws_organizations_policy_attachment", att));
  ASSERT_TRUE(
      Type("aws_organizations_policy")->Delete(Ctx("aws_organizations_policy", "p"), policy).ok());
  EXPECT_FALSE(Read("aws_organizations_policy", policy));
}

TEST_F(OrganizationsMotoTest, GroupsWithInlinePolicies) {
  Value group = Create("aws_iam_group", "admins", {{"name", "admins"}});
  EXPECT_EQ(group["arn"], "arn:aws:iam::123456789012:group/admins");
  std::string doc =
      R"({"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"arn:aws:iam::*:role/admin"}],"Version":"2012-10-17"})";
  Value gp = Create("aws_iam_group_policy", "assume",
                    {{"group", "admins"}, {"name", "assume"}, {"policy", doc}});
  EXPECT_EQ(gp["policy"], doc);
  ASSERT_TRUE(Type("aws_iam_group_policy")->Delete(Ctx("aws_iam_group_policy", "assume"), gp).ok());
  EXPECT_FALSE(Read("aws_iam_group_policy", gp));
  ASSERT_TRUE(Type("aws_iam_group")->Delete(Ctx("aws_iam_group", "admins"), group).ok());
  EXPECT_FALSE(Read("aws_iam_group", group));
}

}  // namespace
}  // namespace pave::aws_provider
