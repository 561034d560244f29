// Sections and `resources` entries that name the account their resources live in.
#include <gtest/gtest.h>

#include "platform/blueprint.h"
#include "platform/platform_file.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

// "accts: {shared: 111111111111, apps: made}": exports each name's account; "made" stands for
// an account the run creates (a reference to it).
class AcctsBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "accts"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override {
    for (const auto& kv : node) {
      std::string name = kv.first.Scalar();
      if (kv.second.Scalar() == "made") {
        ctx.Add("random_id", "acct_" + name, Value{{"byte_length", 6}}, kv.second);
        ctx.Export(AccountExport(name), "${random_id.acct_" + name + ".dec}");
      } else {
        ctx.Export(AccountExport(name), kv.second.Scalar());
      }
    }
  }
};

// "ids: {count: N}" -> random_id.<section-name>_<i>.
class IdsBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "ids"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override {
    if (node["account"].IsDefined()) return ctx.Error(node, "the loader must take account: off the section");
    for (int i = 0; i < node["count"].as<int>(); ++i) {
      ctx.Add("random_id", "id_" + std::to_string(i), Value{{"byte_length", 4}}, node);
    }
  }
};

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() { RegisterBuiltinTypes(&registry_, &env_); }

  Result<LoadedPlatform> Parse(const std::string& sections) {
    diags_.clear();
    std::string text = "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n" +
                       sections;
    return ParsePlatform(text, "p.yaml", &env_, registry_, {&accts_, &ids_}, &diags_);
  }
  const ResourceConfig* Find(const LoadedPlatform& p, const std::string& name) const {
    for (const ResourceConfig& rc : p.config.resources) {
      if (rc.address.name == name) return &rc;
    }
    return nullptr;
  }
  std::string Messages() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }

  MemEnv env_;
  ProviderRegistry registry_;
  AcctsBlueprint accts_;
  IdsBlueprint ids_;
  std::vector<Diagnostic> diags_;
};

TEST_F(AccountsTest, ASectionsAccountReachesEveryResourceItAdds) {
  Result<LoadedPlatform> p = Parse("accts: {shared: '111111111111'}\nids: {count: 2, account: shared}\n");
  ASSERT_TRUE(p.ok()) << Messages();
  EXPECT_EQ(Find(*p, "id_0")->account, "111111111111");
  EXPECT_EQ(Find(*p, "id_1")->account, "111111111111");
}

TEST_F(AccountsTest, AnAccountMadeByTheRunIsAReferenceAndAnIdStandsForItself) {
  Result<LoadedPlatform> p = Parse(
      "accts: {apps: made}\nids: {count: 1, account: '222222222222'}\n"
      "resources:\n  - {type: random_id, name: x, account: apps, properties: {byte_length: 2}}\n"
      "  - {type: random_id, name: y, properties: {byte_length: 2}}\n");
  ASSERT_TRUE(p.ok()) << Messages();
  EXPECT_EQ(Find(*p, "x")->account, "${random_id.acct_apps.dec}");
  EXPECT_EQ(Find(*p, "y")->account, "");
  EXPECT_EQ(Find(*p, "id_0")->account, "222222222222");
  EXPECT_EQ(Find(*p, "acct_apps")->account, "");
}

TEST_F(AccountsTest, ResourceEntriesReadTheAccountOnTheFastPathToo) {
  std::string entries = "resources:\n";
  for (int i = 0; i < 3; ++i) {
    entries += "  - type: random_id\n    name: r" + std::to_string(i) +
               "\n    account: shared\n    properties:\n      byte_length: 2\n";
  }
  Result<LoadedPlatform> p = Parse("accts:\n  shared: '111111111111'\n" + entries);
  ASSERT_TRUE(p.ok()) << Messages();
  for (const char* name : {"r0", "r1", "r2"}) EXPECT_EQ(Find(*p, name)->account, "111111111111") << name;
}

// region: puts an entry in another region (its placement "ACCOUNT@REGION"); the platform's own
// region is no placement at all, and a name that is no region is an error at its line.
TEST_F(AccountsTest, ResourceEntriesNameTheirRegion) {
  Result<LoadedPlatform> p = Parse(
      "accts: {shared: '111111111111', apps: made}\n"
      "resources:\n"
      "  - {type: random_id, name: a, region: us-east-1, properties: {byte_length: 2}}\n"
      "  - {type: random_id, name: b, account: shared, region: us-east-1, properties: {byte_length: 2}}\n"
      "  - {type: random_id, name: c, account: apps, region: us-east-1, properties: {byte_length: 2}}\n"
      "  - {type: random_id, name: d, region: eu-west-1, properties: {byte_length: 2}}\n");
  ASSERT_TRUE(p.ok()) << Messages();
  EXPECT_EQ(Find(*p, "a")->account, "@us-east-1");
  EXPECT_EQ(Find(*p, "b")->account, "111111111111@us-east-1");
  EXPECT_EQ(Find(*p, "c")->account, "${random_id.acct_apps.dec}@us-east-1");
  EXPECT_EQ(Find(*p, "d")->account, "") << "the platform's own region";

  Result<LoadedPlatform> bad =
      Parse("resources:\n  - {type: random_id, name: a, region: Virginia, properties: {byte_length: 2}}\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(Messages().find("p.yaml:5:40: resource region \"Virginia\" is not an AWS region name"), std::string::npos)
      << Messages();
}

TEST_F(AccountsTest, AnUnknownAccountNameIsAnErrorWithAHint) {
  Result<LoadedPlatform> p = Parse(
      "accts: {shared: '111111111111'}\nids: {count: 1, account: shraed}\n"
      "resources:\n  - {type: random_id, name: x, account: sharde, properties: {byte_length: 2}}\n");
  ASSERT_FALSE(p.ok());
  std::string m = Messages();
  EXPECT_NE(m.find("p.yaml:5:26: unknown account \"shraed\""), std::string::npos) << m;
  EXPECT_NE(m.find("random_id.x: unknown account \"sharde\""), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean \"shared\"?"), std::string::npos) << m;
}

TEST_F(AccountsTest, WithoutAnOrganizationOnlyIdsAreAccepted) {
  Result<LoadedPlatform> p = Parse("ids: {count: 1, account: shared}\n");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(Messages().find("give a 12-digit account id"), std::string::npos) << Messages();
}

}  // namespace
}  // namespace pave
