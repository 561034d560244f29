#include "platform/value_sources.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

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

// ${file:...} on the real file system: what is not a regular file, or is too large, is an
// error at the property; nothing blocks (a FIFO with no writer) or reads without end.
class ValueSourcesOnDiskTest : public ::testing::Test {
 protected:
  ValueSourcesOnDiskTest() {
    char tmpl[] = "/tmp/pave-value-sources-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    RegisterBuiltinTypes(&registry_, env_);
  }
  ~ValueSourcesOnDiskTest() override {
    [[maybe_unused]] int rc = std::system(("rm -rf " + dir_).c_str());
  }
  std::vector<std::string> ErrorsFor(const std::string& file) {
    std::string text =
        "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
        "resources:\n  - type: local_file\n    name: f\n"
        "    properties: {path: a, content: \"${file:" + file + "}\"}\n";
    std::vector<Diagnostic> diags;
    auto loaded = ParsePlatform(text, dir_ + "/platform.yaml", env_, registry_, {}, &diags);
    EXPECT_FALSE(loaded.ok());
    std::vector<std::string> out;
    for (const Diagnostic& d : diags) out.push_back(d.ToString());
    return out;
  }

  Env* env_ = DefaultEnv();
  std::string dir_;
  ProviderRegistry registry_;
};

TEST_F(ValueSourcesOnDiskTest, DevZeroIsRefused) {
  EXPECT_EQ(ErrorsFor("/dev/zero"),
            (std::vector<std::string>{dir_ + "/platform.yaml:7:36: cannot read "
                                             "${file:/dev/zero}: /dev/zero is not a regular file"}));
}

TEST_F(ValueSourcesOnDiskTest, FifoIsRefusedWithoutWaitingForAWriter) {
  ASSERT_EQ(::mkfifo((dir_ + "/pipe").c_str(), 0600), 0);
  EXPECT_EQ(ErrorsFor("pipe"),
            (std::vector<std::string>{dir_ + "/platform.yaml:7:36: cannot read ${file:pipe}: " +
                                      dir_ + "/pipe is not a regular file"}));
}

TEST_F(ValueSourcesOnDiskTest, DirectoryIsRefused) {
  ASSERT_EQ(::mkdir((dir_ + "/sub").c_str(), 0700), 0);
  EXPECT_EQ(ErrorsFor("sub"),
            (std::vector<std::string>{dir_ + "/platform.yaml:7:36: cannot read ${file:sub}: " +
                                      dir_ + "/sub is not a regular file"}));
}

TEST_F(ValueSourcesOnDiskTest, OversizedFileIsRefusedWithTheLimit) {
  ASSERT_TRUE(env_->WriteFileAtomic(dir_ + "/big", std::string(kMaxFileValueBytes + 1, 'x')).ok());
  EXPECT_EQ(ErrorsFor("big"),
            (std::vector<std::string>{dir_ + "/platform.yaml:7:36: cannot read ${file:big}: " +
                                      dir_ + "/big is larger than the limit of 1048576 bytes"}));
}

}  // namespace
}  // namespace pave
