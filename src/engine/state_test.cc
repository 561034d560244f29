#include "engine/state.h"

#include <gtest/gtest.h>

#include "engine/plan.h"
#include "engine/recorder.h"
#include "engine/schema.h"
#include "engine/secret.h"
#include "testing/fake_provider.h"

namespace pave {
namespace {

ResourceState Res(const std::string& type, const std::string& name, int n = 0) {
  ResourceState r;
  r.address = {type, name};
  r.attributes = {{"id", name}, {"n", n}};
  return r;
}

TEST(StateTest, PutKeepsResourcesSortedAndFindUsesThem) {
  State s;
  s.Put(Res("aws_vpc", "b"));
  s.Put(Res("aws_subnet", "z"));
  s.Put(Res("aws_vpc", "a"));
  s.Put(Res("aws_vpc", "c"));
  ASSERT_EQ(s.size(), 4u);
  std::vector<std::string> order;
  for (const ResourceState& r : s.resources()) order.push_back(r.address.ToString());
  EXPECT_EQ(order, (std::vector<std::string>{"aws_subnet.z", "aws_vpc.a", "aws_vpc.b", "aws_vpc.c"}));
  ASSERT_NE(s.Find({"aws_vpc", "b"}), nullptr);
  EXPECT_EQ(s.Find({"aws_vpc", "b"})->attributes["id"], "b");
  EXPECT_EQ(s.Find({"aws_vpc", "d"}), nullptr);
  EXPECT_EQ(s.Find({"aws_a", "b"}), nullptr);
}

TEST(StateTest, PutReplacesAndRemoveDeletes) {
  State s;
  s.Put(Res("aws_vpc", "a", 1));
  s.Put(Res("aws_vpc", "a", 2));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.Find({"aws_vpc", "a"})->attributes["n"], 2);
  s.FindMutable({"aws_vpc", "a"})->attributes["n"] = 3;
  EXPECT_EQ(s.Find({"aws_vpc", "a"})->attributes["n"], 3);
  EXPECT_TRUE(s.Remove({"aws_vpc", "a"}));
  EXPECT_FALSE(s.Remove({"aws_vpc", "a"}));
  EXPECT_EQ(s.size(), 0u);
}

TEST(StateTest, MoveCarriesAnEntryToADeposedAddress) {
  State s;
  s.Put(Res("aws_lb", "web", 1));
  ResourceAddress deposed = ResourceAddress::Deposed({"aws_lb", "web"}, "0a1b2c3d");
  EXPECT_EQ(deposed.ToString(), "aws_lb.web~deposed-0a1b2c3d");
  EXPECT_TRUE(deposed.IsDeposed());
  EXPECT_FALSE((ResourceAddress{"aws_lb", "web"}).IsDeposed());
  EXPECT_EQ(deposed.Base(), (ResourceAddress{"aws_lb", "web"}));
  EXPECT_EQ(ResourceAddress::Deposed(deposed, "ff"), ResourceAddress::Parse("aws_lb.web~deposed-ff"));
  EXPECT_TRUE(s.Move({"aws_lb", "web"}, deposed));
  EXPECT_FALSE(s.Move({"aws_lb", "web"}, deposed)) << "nothing left to move";
  EXPECT_EQ(s.Find({"aws_lb", "web"}), nullptr);
  ASSERT_NE(s.Find(deposed), nullptr);
  EXPECT_EQ(s.Find(deposed)->address, deposed);
  EXPECT_EQ(s.Find(deposed)->attributes["n"], 1);
}

TEST(AddressTest, DeposedAddressesParseButNoPlatformFileCanNameOne) {
  EXPECT_EQ(ResourceAddress::Parse("aws_lb.web~deposed-0a1b2c3d"), ResourceAddress::Deposed({"aws_lb", "web"}, "0a1b2c3d"));
  EXPECT_FALSE(ResourceAddress::Parse("aws_lb.web~deposed-"));
  EXPECT_FALSE(ResourceAddress::Parse("aws_lb.web~deposed-XYZ"));
  EXPECT_FALSE(ResourceAddress::Parse("aws_lb.web~other-01"));
  EXPECT_FALSE(ResourceAddress::Parse("aws_lb.~deposed-01"));
  EXPECT_FALSE(IsValidResourceName("web~deposed-01")) << "resource names in files stay letters, digits, _ and -";
}

TEST(StateTest, ManyResourcesInAnyOrderAreAllFound) {
  State s;
  for (int i = 0; i < 2000; ++i) s.Put(Res("aws_t", "r" + std::to_string((i * 7919) % 2000), i));
  ASSERT_EQ(s.size(), 2000u);
  for (int i = 0; i < 2000; ++i) ASSERT_NE(s.Find({"aws_t", "r" + std::to_string(i)}), nullptr) << i;
  const ResourceAddress* prev = nullptr;
  size_t n = 0;
  for (const ResourceState& r : s.resources()) {
    if (prev) {
      EXPECT_LT(*prev, r.address);
    }
    prev = &r.address;
    ++n;
  }
  EXPECT_EQ(n, 2000u);
}

TEST(PlacementTest, AccountAndRegionSplitJoinAndCheck) {
  EXPECT_EQ(SplitPlacement("").account, "");
  EXPECT_EQ(SplitPlacement("123456789012").account, "123456789012");
  EXPECT_EQ(SplitPlacement("123456789012").region, "");
  Placement both = SplitPlacement("123456789012@eu-central-1");
  EXPECT_EQ(both.account, "123456789012");
  EXPECT_EQ(both.region, "eu-central-1");
  Placement ref = SplitPlacement("${aws_organizations_account.apps.id}@us-gov-west-1");
  EXPECT_EQ(ref.account, "${aws_organizations_account.apps.id}");
  EXPECT_EQ(ref.region, "us-gov-west-1");
  EXPECT_EQ(SplitPlacement("@eu-west-2").account, "");
  EXPECT_EQ(JoinPlacement("", "eu-west-2"), "@eu-west-2");
  EXPECT_EQ(JoinPlacement("123456789012", ""), "123456789012");
  for (const char* good : {"", "123456789012", "@eu-central-1", "123456789012@ap-southeast-2", "@us-gov-west-1"}) {
    EXPECT_TRUE(IsResolvedPlacement(good)) << good;
  }
  for (const char* bad : {"12345", "123456789012@", "@", "@eu", "@EU-WEST-1", "@eu-west-x", "@eu--1",
                          "${aws_organizations_account.apps.id}", "123456789012@eu-west-1@eu-west-2"}) {
    EXPECT_FALSE(IsResolvedPlacement(bad)) << bad;
  }
  EXPECT_EQ(PlacementLabel(""), "");
  EXPECT_EQ(PlacementLabel("@eu-west-2"), "region eu-west-2");
  EXPECT_EQ(PlacementLabel("123456789012@eu-west-2"), "account 123456789012 in eu-west-2");
}

TEST(SchemaTest, FindAndNames) {
  ResourceSchema schema;
  schema.type = "aws_vpc";
  schema.attributes = {FakeAttr("cidr", AttrType::kString, {.required = true}), FakeAttr("arn", AttrType::kString, {.computed = true})};
  ASSERT_NE(schema.Find("arn"), nullptr);
  EXPECT_TRUE(schema.Find("arn")->computed);
  EXPECT_EQ(schema.Find("nope"), nullptr);
  EXPECT_EQ(schema.AttributeNames(), (std::vector<std::string>{"cidr", "arn"}));
  EXPECT_STREQ(AttrTypeName(AttrType::kMap), "map");
  EXPECT_STREQ(AttrTypeName(AttrType::kInt), "int");
}

TEST(PlanTest, NamesAndCounts) {
  EXPECT_STREQ(ActionName(Action::kNoOp), "no-op");
  EXPECT_STREQ(ActionName(Action::kReplace), "replace");
  EXPECT_STREQ(OperationName(Operation::kDelete), "delete");
  Plan p;
  EXPECT_FALSE(p.HasChanges());
  p.changes.push_back(Change{{"aws_a", "x"}, Action::kNoOp});
  EXPECT_FALSE(p.HasChanges());
  p.changes.push_back(Change{{"aws_a", "y"}, Action::kDelete});
  p.changes.push_back(Change{{"aws_a", "z"}, Action::kDelete});
  EXPECT_TRUE(p.HasChanges());
  EXPECT_EQ(p.Count(Action::kDelete), 2u);
  EXPECT_EQ(p.Count(Action::kCreate), 0u);
  EXPECT_EQ(p.Count(Action::kNoOp), 1u);
}

TEST(ProviderRegistryTest, FindsByTypeAndListsSorted) {
  ProviderRegistry reg;
  for (const char* t : {"aws_vpc", "aws_eip", "aws_subnet"}) {
    ResourceSchema s;
    s.type = t;
    reg.Register(std::make_unique<FakeResourceType>(s));
  }
  EXPECT_EQ(reg.TypeNames(), (std::vector<std::string>{"aws_eip", "aws_subnet", "aws_vpc"}));
  ASSERT_NE(reg.Find("aws_subnet"), nullptr);
  EXPECT_EQ(reg.Find("aws_subnet")->schema().type, "aws_subnet");
  EXPECT_EQ(reg.Find("aws_nat"), nullptr);
}

TEST(SecretTest, FingerprintIsKeyedHmacAndNeverPlaintext) {
  std::string fp = SecretFingerprint("lineage-1", Value("hunter2"));
  EXPECT_EQ(fp.rfind("sha256:", 0), 0u);
  EXPECT_EQ(fp.size(), 7u + 64u);
  EXPECT_EQ(fp.find("hunter2"), std::string::npos);
  EXPECT_TRUE(IsSecretFingerprint(Value(fp)));
  EXPECT_FALSE(IsSecretFingerprint(Value("hunter2")));
  EXPECT_EQ(fp, SecretFingerprint("lineage-1", Value("hunter2")));
  EXPECT_NE(fp, SecretFingerprint("lineage-2", Value("hunter2")));
  EXPECT_NE(fp, SecretFingerprint("lineage-1", Value("hunter3")));

  ResourceSchema schema;
  schema.attributes = {FakeAttr("password", AttrType::kString, {.secret = true}), FakeAttr("user")};
  Value attrs = FingerprintSecrets(schema, "l", Value{{"password", "pw"}, {"user", "admin"}});
  EXPECT_EQ(attrs["user"], "admin");
  EXPECT_EQ(attrs["password"], SecretFingerprint("l", Value("pw")));
  // Already fingerprinted stays as it is.
  EXPECT_EQ(FingerprintSecrets(schema, "l", attrs), attrs);
}

}  // namespace
}  // namespace pave
