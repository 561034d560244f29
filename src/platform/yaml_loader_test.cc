#include "platform/yaml_loader.h"

#include <gtest/gtest.h>

namespace pave {
namespace {

std::vector<std::string> Messages(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.ToString());
  return out;
}

TEST(PlainScalarToValue, FollowsTheCoreSchema) {
  struct Case {
    std::string text;
    Value expected;
  };
  const std::vector<Case> cases = {
      {"42", 42},
      {"-7", -7},
      {"+3", 3},
      {"0x1f", 31},
      {"0o17", 15},
      {"007", 7},
      {"1.5", 1.5},
      {"-0.25", -0.25},
      {".5", 0.5},
      {"1e3", 1000.0},
      {"2.5E-1", 0.25},
      {"true", true},
      {"True", true},
      {"FALSE", false},
      {"yes", "yes"},  // YAML 1.1 booleans are strings in the core schema
      {"no", "no"},
      {"on", "on"},
      {"null", nullptr},
      {"~", nullptr},
      {"", nullptr},
      {"abc", "abc"},
      {"1.2.3", "1.2.3"},
      {"10.0.0.0/16", "10.0.0.0/16"},
      {"0x", "0x"},
      {"1e", "1e"},
      {".", "."},
      {"-", "-"},
      {".inf", ".inf"},
      {"9223372036854775807", INT64_MAX},
      {"-9223372036854775808", INT64_MIN},
  };
  for (const Case& c : cases) {
    Value got = PlainScalarToValue(c.text);
    EXPECT_EQ(got, c.expected) << "text: \"" << c.text << "\"";
    EXPECT_EQ(got.type(), c.expected.type()) << "text: \"" << c.text << "\"";
  }
}

TEST(YamlToValue, QuotedAndTaggedScalarsStayStrings) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("a: \"42\"\nb: '1.5'\nc: !!str true\nd: 42\ne: |\n  x\nf:\n", "t.yaml",
                        &diags);
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  auto v = YamlToValue(*root, "t.yaml", &diags);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  Value expected = {{"a", "42"}, {"b", "1.5"}, {"c", "true"}, {"d", 42}, {"e", "x\n"},
                    {"f", nullptr}};
  EXPECT_EQ(*v, expected);
  EXPECT_TRUE(diags.empty());
}

TEST(YamlToValue, NestedCollections) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("list: [1, two, {three: 3}]\nmap: {k: [true, ~]}\n", "t.yaml", &diags);
  ASSERT_TRUE(root.ok());
  auto v = YamlToValue(*root, "t.yaml", &diags);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, Value::parse(R"({"list": [1, "two", {"three": 3}], "map": {"k": [true, null]}})"));
}

TEST(YamlToValue, IntegerOutOfRangeIsAnErrorAtItsPlace) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("a: 1\nb:   99999999999999999999\n", "t.yaml", &diags);
  ASSERT_TRUE(root.ok());
  auto v = YamlToValue(*root, "t.yaml", &diags);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Messages(diags), std::vector<std::string>{
                                 "t.yaml:2:6: integer out of range (quote it to keep it as a string)"});
}

TEST(YamlToValue, UnknownTagsAreErrors) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("a: !secret x\nb: !!int abc\n", "t.yaml", &diags);
  ASSERT_TRUE(root.ok());
  auto v = YamlToValue(*root, "t.yaml", &diags);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(Messages(diags),
            (std::vector<std::string>{"t.yaml:1:4: unsupported tag \"!secret\"",
                                      "t.yaml:2:4: value does not match its tag "
                                      "\"tag:yaml.org,2002:int\""}));
}

TEST(ParseYaml, SyntaxErrorsPointAtLineAndColumn) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"a: [1, 2\nb: 3\n", "p.yaml:2:2: end of sequence flow not found"},
      {"x:\n  - a\n  -b: 1\n bad\n", "p.yaml:3:3: end of map not found"},
      {"a: \"unterminated", "p.yaml:1:17: illegal EOF in scalar"},
      {"a: *nowhere\n", "p.yaml:1:4: the referenced anchor is not defined"},
  };
  for (const Case& c : cases) {
    std::vector<Diagnostic> diags;
    auto root = ParseYaml(c.text, "p.yaml", &diags);
    EXPECT_FALSE(root.ok()) << c.text;
    ASSERT_EQ(diags.size(), 1u) << c.text;
    EXPECT_EQ(diags[0].ToString(), c.expected);
    EXPECT_EQ(root.status().message(), c.expected);
  }
}

TEST(ParseYaml, DuplicateKeysAreErrorsAtTheSecondKey) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\na: 2\n", "p.yaml", &diags);
  EXPECT_FALSE(root.ok());
  EXPECT_EQ(Messages(diags),
            (std::vector<std::string>{"p.yaml:5:3: duplicate key \"c\" (first set at line 3)",
                                      "p.yaml:6:1: duplicate key \"a\" (first set at line 1)"}));
}

TEST(ParseYaml, QuotedAndPlainSpellingsOfAKeyAreTheSameKey) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("name: a\n\"name\": b\n", "p.yaml", &diags);
  EXPECT_FALSE(root.ok());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].ToString(), "p.yaml:2:1: duplicate key \"name\" (first set at line 1)");
}

TEST(ParseYaml, RejectsSeveralDocumentsComplexKeysAndMergeKeys) {
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(ParseYaml("a: 1\n---\nb: 2\n", "p.yaml", &diags).ok());
  EXPECT_EQ(Messages(diags), std::vector<std::string>{
                                 "p.yaml:2:1: expected one YAML document (remove the second "
                                 "\"---\")"});
  diags.clear();
  // yaml-cpp ends a document at a dedent it cannot place, and starts another.
  EXPECT_FALSE(ParseYaml("- a\nb: 1\n", "p.yaml", &diags).ok());
  EXPECT_EQ(Messages(diags), std::vector<std::string>{
                                 "p.yaml:2:1: content after the end of the document (check the "
                                 "indentation)"});
  diags.clear();
  EXPECT_FALSE(ParseYaml("? [1, 2]\n: x\n", "p.yaml", &diags).ok());
  EXPECT_EQ(Messages(diags),
            std::vector<std::string>{"p.yaml:1:3: a key must be a plain string, not a list"});
  diags.clear();
  EXPECT_FALSE(ParseYaml("base: &b {x: 1}\nother:\n  <<: *b\n", "p.yaml", &diags).ok());
  EXPECT_EQ(Messages(diags),
            std::vector<std::string>{"p.yaml:3:3: merge keys (<<) are not supported"});
}

TEST(ParseYaml, ABlockMapIsParsedOnceYetSecondDocumentsAreFound) {
  // A block map at column 1 skips the second pass over the text unless a line starts with a
  // document marker; every way to start another document is still refused.
  for (const char* text : {"a: 1\n...\nb: 2\n", "a: 1\n--- \nb: 2\n", "a: 1\n---\n",
                           "a: 1\n%YAML 1.2\n---\nb: 2\n", "  a: 1\nb: 2\n", "a: 1\n- b\n",
                           "a: 1\n\"b\"\n", "a: 1\n[b]\n"}) {
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(ParseYaml(text, "p.yaml", &diags).ok()) << text;
    EXPECT_FALSE(diags.empty()) << text;
  }
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("a: 1\nb: x---\nc: |\n  ---\n  ...\n", "p.yaml", &diags);
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ((*root)["c"].Scalar(), "---\n...\n");
}

TEST(ParseYaml, StrayTokensAfterADocumentEndWithoutHanging) {
  // yaml-cpp's LoadAll loops forever on these (yaml-cpp#1040).
  for (const char* text : {"\"\",", "'x' ,", ",", "a: 1\n,\n"}) {
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(ParseYaml(text, "p.yaml", &diags).ok()) << text;
    EXPECT_EQ(diags.size(), 1u) << text;
  }
}

TEST(ParseYaml, EmptyTextIsANullDocument) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("", "p.yaml", &diags);
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(root->IsNull());
  auto comments = ParseYaml("# only a comment\n", "p.yaml", &diags);
  ASSERT_TRUE(comments.ok());
  EXPECT_TRUE(comments->IsNull());
  EXPECT_TRUE(diags.empty());
}

TEST(ParseYaml, ControlCharactersAreReportedWhereTheyAre) {
  std::vector<Diagnostic> diags;
  std::string text = "a: 1\nb: x";
  text += '\0';
  text += "y\n";
  EXPECT_FALSE(ParseYaml(text, "p.yaml", &diags).ok());
  EXPECT_EQ(Messages(diags),
            std::vector<std::string>{
                "p.yaml:2:5: control character 0x00 is not allowed in YAML (is this a binary "
                "file?)"});
}

TEST(ParseYaml, TabsAndCarriageReturnsAreFine) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("a: \"x\ty\"\r\nb: 2\r\n", "p.yaml", &diags);
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  auto v = YamlToValue(*root, "p.yaml", &diags);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, Value({{"a", "x\ty"}, {"b", 2}}));
}

TEST(YamlLocation, IsOneBasedAndUnknownForMissingNodes) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("top:\n  inner: value\n", "p.yaml", &diags);
  ASSERT_TRUE(root.ok());
  const YAML::Node& r = *root;
  SourceLocation loc = YamlLocation(r["top"]["inner"], "p.yaml");
  EXPECT_EQ(loc.ToString(), "p.yaml:2:10");
  EXPECT_FALSE(YamlLocation(r["missing"], "p.yaml").known());
  EXPECT_FALSE(YamlLocation(YAML::Node(), "p.yaml").known());
}

TEST(ScalarText, KeepsWhatTheUserWrote) {
  std::vector<Diagnostic> diags;
  auto root = ParseYaml("version: 1.30\naccount: 012345678901\nlist: [1]\n", "p.yaml", &diags);
  ASSERT_TRUE(root.ok());
  const YAML::Node& r = *root;
  EXPECT_EQ(ScalarText(r["version"]), "1.30");
  EXPECT_EQ(ScalarText(r["account"]), "012345678901");
  EXPECT_EQ(ScalarText(r["list"]), "");
  EXPECT_EQ(DescribeYamlNode(r["list"]), "a list");
  EXPECT_EQ(DescribeYamlNode(r["version"]), "a number");
  EXPECT_EQ(DescribeYamlNode(r["account"]), "an integer");
  EXPECT_EQ(DescribeYamlNode(r), "a map");
}

}  // namespace
}  // namespace pave
