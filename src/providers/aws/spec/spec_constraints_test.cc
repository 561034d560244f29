#include "providers/aws/spec/spec_constraints.h"

#include <gtest/gtest.h>

#include <iostream>

#include "engine/attribute_constraints.h"
#include "providers/aws/register.h"
#include "providers/aws/spec/spec_type.h"
#include "providers/aws/testing/fake_aws.h"

namespace pave::aws_provider {
namespace {

using testing::FakeAwsClient;
using testing::FakeClockEnv;

class SpecConstraintsTest : public ::testing::Test {
 protected:
  SpecConstraintsTest()
      : client_([](const std::string&, const std::string&, const Value&) -> Result<Value> {
          return Value::object();
        }) {
    RegisterAwsTypes(&registry_, &client_, &env_);
  }
  const AttributeSchema& Attr(const std::string& type, const std::string& name) {
    const ResourceType* t = registry_.Find(type);
    EXPECT_NE(t, nullptr) << type;
    const AttributeSchema* a = t->schema().Find(name);
    EXPECT_NE(a, nullptr) << type << "." << name;
    return *a;
  }

  FakeAwsClient client_;
  FakeClockEnv env_;
  ProviderRegistry registry_;
};

TEST_F(SpecConstraintsTest, EnumFromTheCreateMember) {
  const AttributeSchema& type = Attr("aws_ssm_parameter", "type");
  EXPECT_EQ(type.allowed, (std::vector<std::string>{"String", "StringList", "SecureString"}));
  EXPECT_EQ(Attr("aws_ssm_parameter", "tier").allowed,
            (std::vector<std::string>{"Standard", "Advanced", "Intelligent-Tiering"}));
  EXPECT_EQ(Attr("aws_ssm_parameter", "name").max, 2048);
  // The flags the spec gives are kept.
  EXPECT_TRUE(type.force_new);
}

TEST_F(SpecConstraintsTest, PatternAndLengthOfALogGroupName) {
  const AttributeSchema& name = Attr("aws_cloudwatch_log_group", "name");
  EXPECT_EQ(name.pattern, "[\\.\\-_/#A-Za-z0-9]+");
  EXPECT_EQ(name.min, 1);
  EXPECT_EQ(name.max, 512);
  EXPECT_FALSE(CheckConstraints(name, Value("/shop/app"), true).has_value());
  auto bad = CheckConstraints(name, Value("shop app"), true);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->message, "name \"shop app\" does not match the pattern AWS requires");
  auto hidden = CheckConstraints(name, Value("shop app"), false);
  ASSERT_TRUE(hidden.has_value());
  EXPECT_EQ(hidden->message.find("shop app"), std::string::npos);
  auto long_name = CheckConstraints(name, Value(std::string(513, 'a')), true);
  ASSERT_TRUE(long_name.has_value());
  EXPECT_EQ(long_name->message, "name must have between 1 and 512 characters, found 513");
}

TEST_F(SpecConstraintsTest, AWrongTypeOrUnsentAttributeHasNoLimits) {
  const AttributeSchema& arn = Attr("aws_cloudwatch_log_group", "arn");  // computed, not sent
  EXPECT_TRUE(arn.allowed.empty());
  EXPECT_TRUE(arn.pattern.empty());
  EXPECT_FALSE(arn.max.has_value());
}

// Every spec attribute's pattern, compiled as std::regex would at validate: a Java-only
// pattern is skipped, never a false refusal. The figure is printed for docs/platform-file.md.
TEST_F(SpecConstraintsTest, CountsThePatternsThatCompile) {
  size_t attrs = 0, limited = 0, patterns = 0, compiled = 0;
  for (const std::string& name : registry_.TypeNames()) {
    auto* type = dynamic_cast<const SpecResourceType*>(registry_.Find(name));
    if (type == nullptr) continue;
    for (const AttributeSchema& a : type->schema().attributes) {
      ++attrs;
      if (!a.allowed.empty() || !a.pattern.empty() || a.min || a.max) ++limited;
      if (a.pattern.empty()) continue;
      ++patterns;
      if (CompilePattern(a.pattern)) {
        ++compiled;
      } else {
        std::cout << "not compiled: " << name << "." << a.name << ": " << a.pattern << "\n";
      }
    }
  }
  std::cout << attrs << " spec attributes, " << limited << " with a limit from the model, "
            << patterns << " with a pattern, " << compiled << " compile\n";
  EXPECT_GE(limited, 10u);
  EXPECT_GE(patterns, 5u);
  EXPECT_GE(compiled * 2, patterns);
}

TEST(AttributeConstraintsTest, EnumRangeCountAndJavaOnlyPatterns) {
  AttributeSchema e{.name = "type", .allowed = {"String", "StringList", "SecureString"}};
  auto bad = CheckConstraints(e, Value("Secure"), true);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->message, "type \"Secure\" is not one of the values AWS accepts");
  EXPECT_EQ(bad->hint, "did you mean \"SecureString\"? allowed: String, StringList, SecureString");
  EXPECT_FALSE(CheckConstraints(e, Value("SecureString"), true).has_value());
  AttributeSchema r{.name = "days", .type = AttrType::kInt, .min = 7, .max = 30};
  EXPECT_EQ(CheckConstraints(r, Value(31), true)->message,
            "days must be between 7 and 30, found 31");
  EXPECT_EQ(CheckConstraints(r, Value(31), false)->message, "days must be between 7 and 30");
  EXPECT_FALSE(CheckConstraints(r, Value(7), true).has_value());
  AttributeSchema l{.name = "ids", .type = AttrType::kList, .max = 2};
  EXPECT_EQ(CheckConstraints(l, Value::array({1, 2, 3}), true)->message,
            "ids must have at most 2 items, found 3");
  EXPECT_FALSE(CompilePattern("\\p{Alnum}+").has_value());
  EXPECT_FALSE(CompilePattern("[a-z]++").has_value());
  EXPECT_FALSE(CompilePattern("[").has_value());
  EXPECT_TRUE(CompilePattern("^arn:aws:[a-z]+$").has_value());
  // IAM's path: Java's \u escapes read as \x.
  AttributeSchema path{.name = "path", .pattern = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"};
  EXPECT_FALSE(CheckConstraints(path, Value("/"), true).has_value());
  EXPECT_FALSE(CheckConstraints(path, Value("/ci/"), true).has_value());
  EXPECT_TRUE(CheckConstraints(path, Value("ci"), true).has_value());
  // IAM's policy text: code points past ASCII clamped; the longest matched value.
  AttributeSchema policy{.name = "policy", .pattern = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"};
  EXPECT_FALSE(CheckConstraints(policy, Value(std::string(2048, 'x')), true).has_value());
  EXPECT_TRUE(CheckConstraints(policy, Value(std::string("a\x01b")), true).has_value());
  EXPECT_FALSE(CompilePattern("[\\u00G0]").has_value());
}

}  // namespace
}  // namespace pave::aws_provider
