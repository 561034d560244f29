// Hostile input: whatever the bytes, loading ends with a clear error and no crash, hang or
// unbounded memory (these tests run under ASan and UBSan).
#include <gtest/gtest.h>

#include <random>

#include "platform/platform_file.h"
#include "platform/yaml_loader.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

class HostileInputTest : public ::testing::Test {
 protected:
  HostileInputTest() { RegisterBuiltinTypes(&registry_, &env_); }

  // Loads `text`; expects failure and returns the first error.
  std::string FirstError(const std::string& text) {
    std::vector<Diagnostic> diags;
    auto loaded = ParsePlatform(text, "h.yaml", &env_, registry_, {}, &diags);
    EXPECT_FALSE(loaded.ok());
    EXPECT_FALSE(diags.empty());
    return diags.empty() ? "" : diags[0].ToString();
  }

  MemEnv env_;
  ProviderRegistry registry_;
};

constexpr const char* kHead =
    "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: a, region: eu-west-1}\n";

TEST_F(HostileInputTest, DeeplyNestedFlowCollections) {
  for (int depth : {100, 1000, 100000}) {
    std::string text = std::string(kHead) + "resources: " + std::string(depth, '[') +
                       std::string(depth, ']') + "\n";
    std::string err = FirstError(text);
    EXPECT_NE(err.find("h.yaml:4:"), std::string::npos) << err;
  }
}

TEST_F(HostileInputTest, DeeplyNestedBlockMaps) {
  // Within the parser's limit our own limit speaks; past it, the parser's.
  std::string text = std::string(kHead) + "resources:\n";
  for (int i = 0; i < 100; ++i) text += std::string(2 * i + 2, ' ') + "k" + std::to_string(i) + ":\n";
  EXPECT_EQ(FirstError(text), "h.yaml:69:131: nesting deeper than 64 levels (an alias that "
                              "contains itself?)");
  text = std::string(kHead) + "resources:\n";
  for (int i = 0; i < 1000; ++i) text += std::string(2 * i + 2, ' ') + "k" + std::to_string(i) + ":\n";
  std::string err = FirstError(text);
  EXPECT_NE(err.find("nesting too deep for the YAML parser"), std::string::npos) << err;
}

TEST_F(HostileInputTest, AnAliasInsideItsOwnAnchorIsACycle) {
  std::string text = std::string(kHead) + "resources: &loop [*loop]\n";
  std::string err = FirstError(text);
  EXPECT_NE(err.find("nesting deeper than 64 levels"), std::string::npos) << err;
  std::string map_loop = std::string(kHead) + "x: &m {a: *m}\n";
  err = FirstError(map_loop);
  EXPECT_NE(err.find("nesting deeper than 64 levels"), std::string::npos) << err;
}

TEST_F(HostileInputTest, BillionLaughsStopsAtTheNodeBudget) {
  std::string text = std::string(kHead) + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", " : "") + prev;
    text += "]\n";
  }
  std::string err = FirstError(text);
  EXPECT_NE(err.find("nodes once aliases are expanded"), std::string::npos) << err;
}

TEST_F(HostileInputTest, AliasesWithinLimitsWork) {
  std::string text = std::string(kHead) +
                     "resources:\n"
                     "  - type: random_id\n"
                     "    name: a\n"
                     "    properties: &p {byte_length: 4}\n"
                     "  - type: random_id\n"
                     "    name: b\n"
                     "    properties: *p\n";
  std::vector<Diagnostic> diags;
  auto loaded = ParsePlatform(text, "h.yaml", &env_, registry_, {}, &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->config.resources[1].properties, Value({{"byte_length", 4}}));
}

TEST_F(HostileInputTest, HugeScalarsAndFiles) {
  // A 4 MiB string property is accepted as data, not a crash.
  std::string big(4 << 20, 'x');
  std::string text = std::string(kHead) +
                     "resources:\n  - type: local_file\n    name: f\n    properties:\n"
                     "      path: out.txt\n      content: " + big + "\n";
  std::vector<Diagnostic> diags;
  auto loaded = ParsePlatform(text, "h.yaml", &env_, registry_, {}, &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->config.resources[0].properties["content"].get<std::string>().size(),
            big.size());
  // Past the size limit (256 MiB; 1 MiB here) the text is not even parsed.
  EXPECT_EQ(YamlLimits().max_bytes, size_t{256} << 20);
  std::string too_big = std::string(kHead) + "# " + std::string(1 << 20, 'y') + "\n";
  std::vector<Diagnostic> too_big_diags;
  auto parsed = ParseYaml(too_big, "h.yaml", &too_big_diags, YamlLimits{.max_bytes = 1 << 20});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "h.yaml: file is " + std::to_string(too_big.size()) +
                                           " bytes, more than the limit of 1048576");
}

TEST_F(HostileInputTest, HugeKeysAndManyErrors) {
  std::string text = std::string(kHead) + std::string(100000, 'k') + ": 1\n";
  // YAML limits implicit keys to 1024 characters.
  EXPECT_EQ(FirstError(text), "h.yaml:4:100001: illegal map value");
  std::string many = std::string(kHead) + "resources:\n";
  for (int i = 0; i < 5000; ++i) many += "  - {type: nope, name: n" + std::to_string(i) + "}\n";
  std::vector<Diagnostic> diags;
  auto loaded = ParsePlatform(many, "h.yaml", &env_, registry_, {}, &diags);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(diags.size(), 5000u);
}

TEST_F(HostileInputTest, BinaryJunk) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string junk(1 + rng() % 2000, '\0');
    for (char& c : junk) c = static_cast<char>(rng() & 0xff);
    FirstError(junk);
  }
}

TEST_F(HostileInputTest, PrintableJunkAndYamlPunctuation) {
  const std::string alphabet = "{}[]:-,&*!|>'\"%@`#? \n\tab1.${}";
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    std::string junk(rng() % 200, ' ');
    for (char& c : junk) c = alphabet[rng() % alphabet.size()];
    std::vector<Diagnostic> diags;
    auto loaded = ParsePlatform(junk, "h.yaml", &env_, registry_, {}, &diags);
    EXPECT_FALSE(loaded.ok()) << junk;
  }
}

TEST_F(HostileInputTest, InvalidUtf8AndBomAreHandled) {
  std::string bom = "\xEF\xBB\xBF" + std::string(kHead);
  std::vector<Diagnostic> diags;
  auto loaded = ParsePlatform(bom, "h.yaml", &env_, registry_, {}, &diags);
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  FirstError(std::string(kHead) + "\xff\xfe: \xc3\x28\n");
}

TEST_F(HostileInputTest, MutatedValidFilesNeverCrash) {
  const std::string valid = std::string(kHead) +
                            "resources:\n"
                            "  - type: random_id\n"
                            "    name: a\n"
                            "    properties: {byte_length: 4, keepers: {k: \"${random_id.b.hex}\"}}\n"
                            "    dependsOn: [random_id.b]\n"
                            "  - {type: random_id, name: b, properties: {byte_length: 2}}\n";
  std::mt19937 rng(3);
  for (int round = 0; round < 3000; ++round) {
    std::string text = valid;
    for (int edits = 1 + rng() % 3; edits > 0; --edits) {
      size_t pos = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(pos, 1 + rng() % 4); break;
        case 1: text.insert(pos, 1, "{}[]:-,&*\n #'\"${"[rng() % 16]); break;
        default: text[pos] = static_cast<char>(' ' + rng() % 95); break;
      }
    }
    std::vector<Diagnostic> diags;
    auto loaded = ParsePlatform(text, "h.yaml", &env_, registry_, {}, &diags);
    if (!loaded.ok()) {
      EXPECT_FALSE(diags.empty()) << text;
    }
  }
}

}  // namespace
}  // namespace pave
