#include "cli/state_diff.h"

#include <gtest/gtest.h>

namespace pave::cli {
namespace {

ResourceState R(const std::string& name, Value attrs) { return ResourceState{{"aws_vpc", name}, std::move(attrs), {}}; }

TEST(StateDiffTest, AddedRemovedAndChangedAttributeByAttribute) {
  State before, after;
  before.Put(R("kept", {{"id", "vpc-1"}, {"tags", {{"team", "a"}}}}));
  before.Put(R("gone", {{"id", "vpc-2"}}));
  before.Put(R("same", {{"id", "vpc-3"}}));
  after.Put(R("kept", {{"id", "vpc-1"}, {"tags", {{"team", "b"}}}, {"name", "x"}}));
  after.Put(R("new", {{"id", "vpc-4"}}));
  after.Put(R("same", {{"id", "vpc-3"}}));
  std::vector<ResourceDiff> d = DiffStates(before, after);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].address.name, "gone");
  EXPECT_EQ(d[0].kind, ResourceDiff::Kind::kRemoved);
  EXPECT_EQ(d[1].address.name, "kept");
  EXPECT_EQ(d[1].kind, ResourceDiff::Kind::kChanged);
  ASSERT_EQ(d[1].attributes.size(), 2u);
  EXPECT_EQ(d[1].attributes[0].name, "name");
  EXPECT_TRUE(d[1].attributes[0].before.is_null());
  EXPECT_EQ(d[1].attributes[1].name, "tags");
  EXPECT_EQ(d[1].attributes[1].after["team"], "b");
  EXPECT_EQ(d[2].address.name, "new");
  EXPECT_EQ(d[2].kind, ResourceDiff::Kind::kAdded);
}

TEST(StateDiffTest, AccountAndTaintAreDifferencesToo) {
  ResourceState a = R("net", {{"id", "vpc-1"}});
  ResourceState b = a;
  b.account = "111111111111";
  b.tainted = "its create did not finish";
  ResourceDiff d = DiffResource(a.address, &a, &b);
  ASSERT_EQ(d.attributes.size(), 2u);
  EXPECT_EQ(d.attributes[0].name, "(account)");
  EXPECT_EQ(d.attributes[1].name, "(tainted)");
  EXPECT_TRUE(DiffResource(a.address, &a, &a).attributes.empty());
}

}  // namespace
}  // namespace pave::cli
