#include "providers/builtin/random_id.h"

#include <gtest/gtest.h>

#include <set>

#include "core/hash.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

OperationContext Ctx() {
  OperationContext ctx;
  ctx.address = ResourceAddress{"random_id", "x"};
  return ctx;
}

TEST(RandomId, CreateGivesHexAndBase64OfTheSameBytes) {
  MemEnv env;
  auto type = NewRandomIdType(&env);
  auto out = type->Create(Ctx(), Value{{"byte_length", 6}, {"keepers", {{"k", "v"}}}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  std::string hex = (*out)["hex"];
  ASSERT_EQ(hex.size(), 12u);
  EXPECT_EQ((*out)["id"], hex);
  EXPECT_EQ((*out)["byte_length"], 6);
  EXPECT_EQ((*out)["keepers"], Value({{"k", "v"}}));
  // 6 bytes are 8 base64 characters with no padding; decoding gives the hex bytes back.
  std::string b64 = (*out)["b64"];
  ASSERT_EQ(b64.size(), 8u);
  std::string std_b64 = b64;
  for (char& c : std_b64) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  std::string bytes;
  ASSERT_TRUE(Base64Decode(std_b64, &bytes));
  EXPECT_EQ(HexEncode(bytes), hex);
}

TEST(RandomId, UrlSafeBase64HasNoPaddingOrSlashes) {
  MemEnv env;
  auto type = NewRandomIdType(&env);
  for (int i = 0; i < 50; ++i) {
    auto out = type->Create(Ctx(), Value{{"byte_length", 7}});
    ASSERT_TRUE(out.ok());
    std::string b64 = (*out)["b64"];
    EXPECT_EQ(b64.find_first_of("+/="), std::string::npos) << b64;
  }
}

TEST(RandomId, EachCreateIsDifferent) {
  MemEnv env;
  auto type = NewRandomIdType(&env);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto out = type->Create(Ctx(), Value{{"byte_length", 8}});
    ASSERT_TRUE(out.ok());
    seen.insert((*out)["hex"].get<std::string>());
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(RandomId, RejectsLengthsOutOfRange) {
  MemEnv env;
  auto type = NewRandomIdType(&env);
  for (Value len : {Value(0), Value(1025), Value(-1), Value("8")}) {
    auto out = type->Create(Ctx(), Value{{"byte_length", len}});
    ASSERT_FALSE(out.ok()) << len;
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(RandomId, ReadKeepsStateAndUpdateKeepsTheBytes) {
  MemEnv env;
  auto type = NewRandomIdType(&env);
  auto created = type->Create(Ctx(), Value{{"byte_length", 4}});
  ASSERT_TRUE(created.ok());
  auto read = type->Read({ReadRequest{ResourceAddress{"random_id", "x"}, *created}});
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 1u);
  ASSERT_TRUE((*read)[0].has_value());
  EXPECT_EQ(*(*read)[0], *created);
  auto updated = type->Update(Ctx(), *created, Value{{"byte_length", 4}});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ((*updated)["hex"], (*created)["hex"]);
  EXPECT_TRUE(type->Delete(Ctx(), *created).ok());
}

TEST(RandomId, SchemaMakesInputsForceNewAndOutputsComputed) {
  MemEnv env;
  auto type = NewRandomIdType(&env);
  const ResourceSchema& s = type->schema();
  EXPECT_EQ(s.type, "random_id");
  ASSERT_NE(s.Find("byte_length"), nullptr);
  EXPECT_TRUE(s.Find("byte_length")->required);
  EXPECT_TRUE(s.Find("byte_length")->force_new);
  EXPECT_TRUE(s.Find("keepers")->force_new);
  EXPECT_TRUE(s.Find("hex")->computed);
  EXPECT_TRUE(s.Find("b64")->computed);
}

}  // namespace
}  // namespace pave
