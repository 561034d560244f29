// Resources in other AWS accounts: the planner, executor and refresh give each resource the
// instance of its type bound to its account (ProviderRegistry::Find(type, account)).
#include <gtest/gtest.h>

#include "engine/engine_test_fixture.h"
#include "engine/refresh.h"
#include "engine/validate.h"

namespace pave {
namespace {

constexpr char kShared[] = "111111111111";
constexpr char kApps[] = "222222222222";
constexpr char kSharedWest[] = "111111111111@eu-west-2";  // the same account, another region
constexpr char kHomeWest[] = "@eu-west-2";                // pave's account, another region

class AccountsTest : public EngineFixture {
 protected:
  void SetUp() override {
    EngineFixture::SetUp();
    AddType("aws_account", {FakeAttr("account_id", AttrType::kString, {.required = true, .force_new = true})});
    for (const char* id : {kShared, kApps, kSharedWest, kHomeWest}) {
      auto reg = std::make_unique<ProviderRegistry>();
      ResourceSchema s = Type("aws_vpc")->schema();
      auto vpc = std::make_unique<FakeResourceType>(s, &log_);
      vpcs_[id] = vpc.get();
      reg->Register(std::move(vpc));
      accounts_[id] = std::move(reg);
    }
    registry_.set_account_source([this](const std::string& id) -> Result<const ProviderRegistry*> {
      std::lock_guard<std::mutex> lock(mu_);
      ++lookups_;
      auto it = accounts_.find(id);
      if (it == accounts_.end()) return Status::PermissionDenied("cannot assume a role in " + id);
      return it->second.get();
    });
  }

  void DeclareVpcIn(const std::string& account) {
    Declare("aws_vpc", "net", {{"cidr", "10.0.0.0/16"}});
    Declared("aws_vpc", "net")->account = account;
  }

  std::map<std::string, std::unique_ptr<ProviderRegistry>> accounts_;
  std::map<std::string, FakeResourceType*> vpcs_;
  std::mutex mu_;
  int lookups_ = 0;
};

TEST_F(AccountsTest, CreatesInTheAccountItsReferenceNamesAfterTheAccountExists) {
  Declare("aws_account", "shared", {{"account_id", kShared}});
  DeclareVpcIn("${aws_account.shared.account_id}");
  Converge();
  EXPECT_EQ(vpcs_[kShared]->size(), 1u);
  EXPECT_EQ(Type("aws_vpc")->size(), 0u) << "nothing made in the account pave runs in";
  EXPECT_EQ(vpcs_[kApps]->size(), 0u);
  EXPECT_LT(At("return create aws_account.shared"), At("call create aws_vpc.net"));
  ASSERT_NE(state_.Find({"aws_vpc", "net"}), nullptr);
  EXPECT_EQ(state_.Find({"aws_vpc", "net"})->account, kShared);
  EXPECT_EQ(state_.Find({"aws_account", "shared"})->account, "");
}

TEST_F(AccountsTest, RefreshReadsEachAccountWithItsOwnInstance) {
  DeclareVpcIn(kShared);
  Declare("aws_vpc", "home", {{"cidr", "10.1.0.0/16"}});
  Converge();
  Result<RefreshResult> r = Refresh(state_, registry_, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->vanished.empty());
  EXPECT_EQ(r->state.Find({"aws_vpc", "net"})->account, kShared);
  ASSERT_FALSE(vpcs_[kShared]->read_batches().empty());
  const std::vector<ResourceAddress> net = {ResourceAddress{"aws_vpc", "net"}};
  const std::vector<ResourceAddress> home = {ResourceAddress{"aws_vpc", "home"}};
  EXPECT_EQ(vpcs_[kShared]->read_batches().back(), net);
  ASSERT_FALSE(Type("aws_vpc")->read_batches().empty());
  EXPECT_EQ(Type("aws_vpc")->read_batches().back(), home);
}

TEST_F(AccountsTest, MovingToAnotherAccountReplacesDeletingInTheOldOne) {
  DeclareVpcIn(kShared);
  Converge();
  Declared("aws_vpc", "net")->account = kApps;
  Plan plan = PlanOrDie();
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].action, Action::kReplace);
  ASSERT_FALSE(plan.changes[0].diff.empty());
  EXPECT_EQ(plan.changes[0].diff.back().name, "account");
  EXPECT_TRUE(plan.changes[0].diff.back().forces_replacement);
  ASSERT_TRUE(ApplyPlan(plan).ok());
  EXPECT_EQ(vpcs_[kShared]->size(), 0u);
  EXPECT_EQ(vpcs_[kApps]->size(), 1u);
  EXPECT_EQ(state_.Find({"aws_vpc", "net"})->account, kApps);
}

TEST_F(AccountsTest, DestroyDeletesInTheAccountTheResourceLivesIn) {
  DeclareVpcIn(kApps);
  Converge();
  Converge(4, /*destroy=*/true);
  EXPECT_EQ(vpcs_[kApps]->size(), 0u);
  EXPECT_EQ(state_.size(), 0u);
}

TEST_F(AccountsTest, AnAccountWithoutCredentialsFailsThatResourceOnly) {
  DeclareVpcIn("333333333333");
  Declare("aws_vpc", "home", {{"cidr", "10.1.0.0/16"}});
  ApplyResult r = ApplyPlan(PlanOrDie());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].first, (ResourceAddress{"aws_vpc", "net"}));
  EXPECT_NE(r.errors[0].second.message().find("333333333333"), std::string::npos) << r.errors[0].second.ToString();
  EXPECT_NE(state_.Find({"aws_vpc", "home"}), nullptr);
}

TEST_F(AccountsTest, ValidationNamesAMalformedAccountAndAnUndeclaredOne) {
  DeclareVpcIn("shared");
  Declare("aws_vpc", "other", {{"cidr", "10.1.0.0/16"}});
  Declared("aws_vpc", "other")->account = "${aws_account.missing.account_id}";
  std::vector<Diagnostic> d = ValidateConfig(config_, registry_);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_NE(d[0].message.find("neither a 12-digit account id"), std::string::npos) << d[0].message;
  EXPECT_NE(d[1].message.find("undeclared resource aws_account.missing"), std::string::npos) << d[1].message;
}

TEST(AccountRegistryTest, WithoutAnAccountSourceOtherAccountsAreRefused) {
  ProviderRegistry registry;
  ResourceSchema s;
  s.type = "aws_vpc";
  registry.Register(std::make_unique<FakeResourceType>(s));
  EXPECT_TRUE(registry.Find("aws_vpc", "").ok());
  Result<ResourceType*> other = registry.Find("aws_vpc", kShared);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry.Find("aws_nope", "").status().code(), StatusCode::kNotFound);
}

// A placement with a region is its own registry (a client signing for that region): the
// account reference is resolved and the region kept; state remembers both.
TEST_F(AccountsTest, ARegionAfterTheAccountPlacesTheResourceThere) {
  Declare("aws_account", "shared", {{"account_id", kShared}});
  DeclareVpcIn("${aws_account.shared.account_id}@eu-west-2");
  Declare("aws_vpc", "west", {{"cidr", "10.2.0.0/16"}});
  Declared("aws_vpc", "west")->account = kHomeWest;
  EXPECT_TRUE(ValidateConfig(config_, registry_).empty());
  Converge();
  EXPECT_EQ(vpcs_[kSharedWest]->size(), 1u);
  EXPECT_EQ(vpcs_[kShared]->size(), 0u) << "not in the account's home region";
  EXPECT_EQ(vpcs_[kHomeWest]->size(), 1u);
  EXPECT_EQ(Type("aws_vpc")->size(), 0u);
  EXPECT_EQ(state_.Find({"aws_vpc", "net"})->account, kSharedWest);
  EXPECT_EQ(state_.Find({"aws_vpc", "west"})->account, kHomeWest);
  Converge(4, /*destroy=*/true);
  EXPECT_EQ(vpcs_[kSharedWest]->size(), 0u);
  EXPECT_EQ(vpcs_[kHomeWest]->size(), 0u);
}

TEST_F(AccountsTest, ValidationNamesAMalformedRegion) {
  DeclareVpcIn("111111111111@Mars");
  std::vector<Diagnostic> d = ValidateConfig(config_, registry_);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("names no AWS region after \"@\""), std::string::npos) << d[0].message;
}

}  // namespace
}  // namespace pave
