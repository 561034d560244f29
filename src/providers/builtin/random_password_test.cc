#include "providers/builtin/random_password.h"

#include <gtest/gtest.h>

#include <map>
#include <string_view>

#include "testing/mem_env.h"

namespace pave {
namespace {

constexpr std::string_view kSpecial = "!#$%&*()-_=+[]{}<>:?";

bool HasAny(const std::string& s, bool (*pred)(char)) {
  for (char c : s) {
    if (pred(c)) return true;
  }
  return false;
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpecial(char c) { return kSpecial.find(c) != std::string_view::npos; }

OperationContext Ctx() {
  OperationContext ctx;
  ctx.address = ResourceAddress{"random_password", "db"};
  return ctx;
}

TEST(RandomPassword, EveryClassAppearsAtEveryLength) {
  MemEnv env;
  for (size_t length = 4; length <= 40; ++length) {
    for (int round = 0; round < 20; ++round) {
      auto pw = GeneratePassword(&env, length, true);
      ASSERT_TRUE(pw.ok());
      ASSERT_EQ(pw->size(), length);
      EXPECT_TRUE(HasAny(*pw, IsUpper) && HasAny(*pw, IsLower) && HasAny(*pw, IsDigit) &&
                  HasAny(*pw, IsSpecial))
          << *pw;
    }
  }
}

TEST(RandomPassword, WithoutSpecialOnlyAlphanumerics) {
  MemEnv env;
  for (int round = 0; round < 50; ++round) {
    auto pw = GeneratePassword(&env, 16, false);
    ASSERT_TRUE(pw.ok());
    EXPECT_FALSE(HasAny(*pw, IsSpecial)) << *pw;
    EXPECT_TRUE(HasAny(*pw, IsUpper) && HasAny(*pw, IsLower) && HasAny(*pw, IsDigit)) << *pw;
  }
}

TEST(RandomPassword, ShortPasswordsStillHaveTheirLength) {
  MemEnv env;
  for (size_t length : {1u, 2u, 3u}) {
    auto pw = GeneratePassword(&env, length, true);
    ASSERT_TRUE(pw.ok());
    EXPECT_EQ(pw->size(), length);
  }
}

TEST(RandomPassword, CharactersAreRoughlyUniform) {
  // 62 alphanumerics over 62,000 characters: each expected 1,000 times. A modulo-biased draw
  // over bytes would give the first 8 characters about 1,160; the bound is far from both.
  MemEnv env;
  std::map<char, int> counts;
  for (int i = 0; i < 1000; ++i) {
    auto pw = GeneratePassword(&env, 62, false);
    ASSERT_TRUE(pw.ok());
    for (char c : *pw) counts[c]++;
  }
  EXPECT_EQ(counts.size(), 62u);
  for (const auto& [c, n] : counts) {
    EXPECT_GT(n, 800) << c;
    EXPECT_LT(n, 1200) << c;
  }
}

TEST(RandomPassword, TypeMarksTheResultSecretAndValidatesLength) {
  MemEnv env;
  auto type = NewRandomPasswordType(&env);
  const AttributeSchema* result = type->schema().Find("result");
  ASSERT_NE(result, nullptr);
  EXPECT_TRUE(result->secret);
  EXPECT_TRUE(result->computed);
  auto out = type->Create(Ctx(), Value{{"length", 20}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)["result"].get<std::string>().size(), 20u);
  EXPECT_EQ((*out)["special"], true);
  EXPECT_EQ((*out)["length"], 20);
  EXPECT_NE((*out)["id"], (*out)["result"]);
  EXPECT_FALSE(type->Create(Ctx(), Value{{"length", 0}}).ok());
  EXPECT_FALSE(type->Create(Ctx(), Value{{"length", 2000}}).ok());
  EXPECT_FALSE(type->Create(Ctx(), Value{{"length", 8}, {"special", "yes"}}).ok());
}

TEST(RandomPassword, ErrorsNeverCarryTheDesiredValues) {
  MemEnv env;
  auto type = NewRandomPasswordType(&env);
  auto out = type->Create(Ctx(), Value{{"length", "hunter2-secret"}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message().find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace pave
