#include "platform/value_sources.h"

#include <gtest/gtest.h>

#include "platform/placeholders.h"
#include "platform/platform_file.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

class ValueSourcesTest : public ::testing::Test {
 protected:
  ValueSourcesTest() {
    RegisterBuiltinTypes(&registry_, &env_);
    EXPECT_TRUE(env_.CreateDirs("/site/secrets").ok());
    EXPECT_TRUE(env_.WriteFileAtomic("/site/secrets/db.txt", "s3cr3t-from-file\n").ok());
    env_.SetEnv("LEN", "12");
    env_.SetEnv("TOKEN", "s3cr3t-from-env");
  }

  Result<LoadedPlatform> Parse(const std::string& resources) {
    diags_.clear();
    std::string text =
        "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
        "resources:\n" +
        resources;
    return ParsePlatform(text, "/site/platform.yaml", &env_, registry_, {}, &diags_);
  }
  std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags_) out.push_back(d.ToString());
    return out;
  }
  void ExpectNoSecretInDiagnostics() const {
    for (const Diagnostic& d : diags_) {
      EXPECT_EQ(d.ToString().find("s3cr3t"), std::string::npos) << d.ToString();
    }
  }

  MemEnv env_;
  ProviderRegistry registry_;
  std::vector<Diagnostic> diags_;
};

TEST_F(ValueSourcesTest, EnvAndFileValuesReplaceTheirPlaceholders) {
  auto loaded = Parse(
      "  - type: local_file\n"
      "    name: f\n"
      "    properties:\n"
      "      path: out/${env:TOKEN}.txt\n"
      "      content: ${file:secrets/db.txt}\n"
      "  - type: random_password\n"
      "    name: p\n"
      "    properties: {length: \"${env:LEN}\"}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const auto& rs = loaded->config.resources;
  EXPECT_EQ(rs[0].properties["path"], "out/s3cr3t-from-env.txt");
  EXPECT_EQ(rs[0].properties["content"], "s3cr3t-from-file");  // trailing newline dropped
  // A whole-value source for an integer attribute becomes an integer.
  EXPECT_EQ(rs[1].properties["length"], 12);
}

TEST_F(ValueSourcesTest, AbsolutePathsAndCrLfFiles) {
  ASSERT_TRUE(env_.WriteFileAtomic("/site/crlf.txt", "line\r\n").ok());
  auto loaded = Parse(
      "  - type: local_file\n"
      "    name: f\n"
      "    properties: {path: a, content: \"${file:/site/crlf.txt}\"}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->config.resources[0].properties["content"], "line");
}

TEST_F(ValueSourcesTest, InsertedTextIsNeverTakenForAReference) {
  env_.SetEnv("SCRIPT", "echo ${HOME} $${x}");
  auto loaded = Parse(
      "  - type: local_file\n"
      "    name: f\n"
      "    properties: {path: a, content: \"${env:SCRIPT}\"}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->config.resources[0].properties["content"], "echo $${HOME} $$${x}");
}

TEST_F(ValueSourcesTest, MissingSourcesAreErrorsAtTheirProperty) {
  auto loaded = Parse(
      "  - type: local_file\n"
      "    name: f\n"
      "    properties:\n"
      "      path: ${env:NOPE}\n"
      "      content: ${file:secrets/nope.txt}\n"
      "  - type: local_file\n"
      "    name: g\n"
      "    properties: {path: \"${env:}\", content: x}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(Messages(),
            (std::vector<std::string>{
                "/site/platform.yaml:8:13: environment variable NOPE is not set (for ${env:NOPE})",
                "/site/platform.yaml:9:16: cannot read ${file:secrets/nope.txt}: cannot open "
                "/site/secrets/nope.txt: No such file or directory",
                "/site/platform.yaml:12:24: ${env:} names nothing (write ${env:NAME})"}));
}

TEST_F(ValueSourcesTest, ValuesNeverAppearInErrors) {
  env_.SetEnv("LEN", "s3cr3t");
  auto loaded = Parse(
      "  - type: random_password\n"
      "    name: p\n"
      "    properties: {length: \"${env:LEN}\", special: \"${file:secrets/db.txt}\"}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(Messages(),
            (std::vector<std::string>{
                "/site/platform.yaml:7:26: property \"length\" in random_password.p must be an "
                "integer, found a string",
                "/site/platform.yaml:7:49: property \"special\" in random_password.p must be a "
                "boolean, found a string"}));
  ExpectNoSecretInDiagnostics();
  EXPECT_EQ(loaded.status().message().find("s3cr3t"), std::string::npos);
}

TEST(Placeholders, Classification) {
  auto all = FindPlaceholders("a ${env:X} ${file:y/z.txt} ${t.n.attr} ${HOME} $${lit} ${x");
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].kind, PlaceholderKind::kEnv);
  EXPECT_EQ(all[0].arg, "X");
  EXPECT_EQ(all[1].kind, PlaceholderKind::kFile);
  EXPECT_EQ(all[1].arg, "y/z.txt");
  EXPECT_EQ(all[2].kind, PlaceholderKind::kReference);
  EXPECT_EQ(all[2].reference->target.ToString(), "t.n");
  EXPECT_EQ(all[2].reference->attribute, "attr");
  EXPECT_EQ(all[3].kind, PlaceholderKind::kMalformed);
  EXPECT_EQ(all[4].kind, PlaceholderKind::kUnterminated);
  EXPECT_TRUE(IsSinglePlaceholder("${a.b.c}"));
  EXPECT_TRUE(IsSinglePlaceholder("${env:A}"));
  EXPECT_FALSE(IsSinglePlaceholder("x${a.b.c}"));
  EXPECT_FALSE(IsSinglePlaceholder("${a.b}"));
  EXPECT_FALSE(IsSinglePlaceholder("$${a.b.c}"));
  EXPECT_EQ(EscapePlaceholders("a ${b} $${c}"), "a $${b} $$${c}");
}

}  // namespace
}  // namespace pave
