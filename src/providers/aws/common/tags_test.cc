#include "providers/aws/common/tags.h"

#include <gtest/gtest.h>

namespace pave::aws_provider {
namespace {

OperationContext Ctx() {
  OperationContext ctx;
  ctx.address = {"aws_subnet", "private_a"};
  ctx.platform = "shop";
  ctx.idempotency_token = "tok-1";
  return ctx;
}

TEST(TagsTest, CreateTagsCarryUserAndManagedTags) {
  Value tags = TagsForCreate(Ctx(), {{"tags", {{"team", "web"}, {"pave:platform", "forged"}}}});
  EXPECT_EQ(tags["team"], "web");
  EXPECT_EQ(tags["pave:platform"], "shop");  // a user cannot override the managed tags
  EXPECT_EQ(tags["pave:address"], "aws_subnet.private_a");
  EXPECT_EQ(tags["pave:token"], "tok-1");
  EXPECT_FALSE(TagsForCreate(Ctx(), Value::object(), false).contains("pave:token"));
}

TEST(TagsTest, SpecificationsAreSortedKeyValueLists) {
  Value spec = TagSpecifications("vpc", {{"b", "2"}, {"a", "1"}});
  ASSERT_EQ(spec.size(), 1u);
  EXPECT_EQ(spec[0]["ResourceType"], "vpc");
  EXPECT_EQ(spec[0]["Tags"][0]["Key"], "a");
  EXPECT_EQ(spec[0]["Tags"][1]["Value"], "2");
}

TEST(TagsTest, UserTagsHideManagedOnes) {
  Value list = Value::array({{{"Key", "Name"}, {"Value", "x"}}, {{"Key", "pave:address"}, {"Value", "a"}}});
  EXPECT_EQ(UserTags(list), Value({{"Name", "x"}}));
  Value lower = Value::array({{{"key", "Name"}, {"value", "y"}}});
  EXPECT_EQ(UserTags(lower), Value({{"Name", "y"}}));
}

TEST(TagsTest, TaggedAsAndToken) {
  Value list = TagMapToList(TagsForCreate(Ctx(), Value::object()));
  EXPECT_TRUE(TaggedAs(list, "shop", "aws_subnet.private_a"));
  EXPECT_FALSE(TaggedAs(list, "other", "aws_subnet.private_a"));
  EXPECT_FALSE(TaggedAs(list, "shop", "aws_subnet.private_b"));
  EXPECT_EQ(TokenTag(list), "tok-1");
}

OperationContext WithLineage(const std::string& lineage, const std::string& token) {
  OperationContext ctx = Ctx();
  ctx.lineage = lineage;
  ctx.idempotency_token = token;
  return ctx;
}

TEST(TagsTest, CreateTagsCarryTheLineage) {
  Value tags = TagsForCreate(WithLineage("lin-a", "tok-1"), Value::object(), false);
  EXPECT_EQ(tags["pave:lineage"], "lin-a");
}

TEST(TagsTest, OnlyThisStatesLineageIsAdoptable) {
  Value mine = TagMapToList(TagsForCreate(WithLineage("lin-a", "tok-1"), Value::object()));
  EXPECT_EQ(OwnershipOf(WithLineage("lin-a", "tok-2"), mine), Ownership::kOurs);
  EXPECT_EQ(OwnershipOf(WithLineage("lin-b", "tok-1"), mine), Ownership::kForeign);
  EXPECT_EQ(OwnershipOf(WithLineage("lin-b", "tok-1"), Value::array()), Ownership::kUntagged);
  EXPECT_EQ(*Adoptable(WithLineage("lin-a", "tok-9"), mine, "bucket b"), true);
  Result<bool> foreign = Adoptable(WithLineage("lin-b", "tok-9"), mine, "bucket b");
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("lin-a"), std::string::npos);
  EXPECT_NE(foreign.status().message().find("lin-b"), std::string::npos);
  EXPECT_NE(foreign.status().message().find("aws_subnet.private_a"), std::string::npos);
}

TEST(TagsTest, NoLineageTagIsOursOnlyWithThisRunsToken) {
  Value legacy = TagMapToList(TagsForCreate(WithLineage("", "tok-1"), Value::object()));
  EXPECT_EQ(OwnershipOf(WithLineage("lin-a", "tok-1"), legacy), Ownership::kOurs);
  EXPECT_EQ(OwnershipOf(WithLineage("lin-a", "tok-2"), legacy), Ownership::kForeign);
}

TEST(TagsTest, RemovedKeysIgnoreManagedTags) {
  Value removed = RemovedTagKeys({{"a", "1"}, {"b", "2"}, {"pave:token", "t"}}, {{"b", "3"}});
  EXPECT_EQ(removed, Value::array({"a"}));
}

}  // namespace
}  // namespace pave::aws_provider
