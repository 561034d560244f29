#include "platform/yaml_tree.h"

#include <gtest/gtest.h>

#include "platform/yaml_loader.h"

namespace pave {
namespace {

// Compares the tree node `id` with yaml-cpp's node, as the loaders see them: kind, whether a
// scalar is plain, its text, line and column of every node, children in order.
void ExpectSame(const YamlTree& tree, YamlTree::Id id, const YAML::Node& node,
                const std::string& path) {
  SCOPED_TRACE(path);
  // An empty value has no text to stand at: yaml-cpp marks where the next token starts,
  // libyaml where the value would be. The loaders use neither (a null property points at
  // its key), so only written nodes are compared.
  bool empty = tree.kind(id) == YamlTree::Kind::kNull && tree.text(id).empty();
  if (!empty) {
    ASSERT_EQ(tree.line(id), node.Mark().line);
    ASSERT_EQ(tree.column(id), node.Mark().column);
  }
  switch (tree.kind(id)) {
    case YamlTree::Kind::kNull:
      ASSERT_TRUE(node.IsNull());
      return;
    case YamlTree::Kind::kScalar:
      ASSERT_TRUE(node.IsScalar());
      EXPECT_EQ(tree.text(id), node.Scalar());
      EXPECT_EQ(tree.plain(id), node.Tag() == "?");
      return;
    case YamlTree::Kind::kSequence: {
      ASSERT_TRUE(node.IsSequence());
      YamlTree::Id c = tree.first_child(id);
      size_t i = 0;
      for (; c != YamlTree::kNone; c = tree.next(c), ++i) {
        ASSERT_LT(i, node.size());
        ExpectSame(tree, c, node[i], path + "[" + std::to_string(i) + "]");
      }
      EXPECT_EQ(i, node.size());
      return;
    }
    case YamlTree::Kind::kMap: {
      ASSERT_TRUE(node.IsMap());
      EXPECT_EQ(tree.block(id), node.Style() == YAML::EmitterStyle::Block);
      YamlTree::Id k = tree.first_child(id);
      for (const auto& kv : node) {
        ASSERT_NE(k, YamlTree::kNone);
        ExpectSame(tree, k, kv.first, path + ".key");
        ExpectSame(tree, tree.next(k), kv.second, path + "." + kv.first.Scalar());
        k = tree.next(tree.next(k));
      }
      EXPECT_EQ(k, YamlTree::kNone);
      return;
    }
  }
}

void ExpectLikeYamlCpp(const std::string& text) {
  SCOPED_TRACE(text);
  std::vector<Diagnostic> diagnostics;
  Result<YAML::Node> node = ParseYaml(text, "f.yaml", &diagnostics);
  ASSERT_TRUE(node.ok()) << node.status().message();
  std::optional<YamlTree> tree = YamlTree::Parse(text, 64);
  ASSERT_TRUE(tree.has_value());
  ExpectSame(*tree, tree->root(), *node, "root");
  Result<Value> expected = YamlToValue(*node, "f.yaml", &diagnostics);
  ASSERT_TRUE(expected.ok());
  std::optional<Value> value = YamlTreeToValue(*tree, tree->root());
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(*value, *expected);
}

TEST(YamlTree, NodesAndPositionsMatchYamlCpp) {
  const std::vector<std::string> texts = {
      "a: 1\nb: two\n",
      "apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: x\nresources:\n"
      "  - type: random_id\n    name: r0\n    properties:\n      byte_length: 4\n"
      "      keepers:\n        index: \"0\"\n        hub: 'hub is ${random_id.r0.b64}'\n"
      "    dependsOn: [random_id.a, random_id.b]\n"
      "  -   type: random_id   # comment\n      name: r1\n",
      "list:\n- a\n- 'b'\n- \"c\\td\"\n-\n- ~\n- null\n- [1, 2.5, true, {x: y}]\n",
      "flow: {a: 1, b: [x, y], c: }\nempty:\nquoted: \"\"\n",
      "text: |\n  line one\n  line two\nfolded: >-\n  a\n  b\nkeep: |+\n  x\n\nz: 1\n",
      "plain: a multi\n  line plain\nnum: 0x1f\noct: 0o17\nf: -1.5e3\nb: False\n",
      "---\na: 1\n...\n",
      "- type: x\n  name: y\n- - nested\n  - list\n-   k: v\n    k2: v2\n",
      "\"quoted key\": 1\n'single': 2\n? complex\n: 3\n",
      "a:\r\n  b: 1\r\n  c: [2]\r\n",
      "tabs:\t1\nafter: \"x\"  \n",
      "name: élan\nother: 日本\n",
  };
  for (const std::string& text : texts) ExpectLikeYamlCpp(text);
}

TEST(YamlTree, LeavesAnythingBeyondPlainYamlToTheFullLoader) {
  const std::vector<std::string> texts = {
      "a: &x 1\nb: *x\n",                                  // anchors and aliases
      "a: !!str 1\n",                                      // explicit tag
      "a: !custom x\n",                                    // custom tag
      "a: 1\na: 2\n",                                      // duplicate key
      "m: {k: 1, k: 2}\n",                                 // duplicate key in a flow map
      "<<: {a: 1}\n",                                      // merge key
      "? [a]\n: 1\n",                                      // non-scalar key
      "~: 1\n",                                            // null key
      "a: 1\n---\nb: 2\n",                                 // second document
      "a: [1, 2\n",                                        // syntax error
      "a: 1\n b: 2\n",                                     // syntax error
      "",                                                  // no document
      std::string(70, '[') + std::string(70, ']') + "\n",  // nesting over the limit
  };
  for (const std::string& text : texts) {
    EXPECT_FALSE(YamlTree::Parse(text, 64).has_value()) << text;
  }
  EXPECT_TRUE(YamlTree::Parse(std::string(60, '[') + std::string(60, ']'), 64).has_value());
}

TEST(YamlTree, ManyKeysAreCheckedForDuplicates) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  EXPECT_TRUE(YamlTree::Parse(text, 64).has_value());
  EXPECT_FALSE(YamlTree::Parse(text + "k42: again\n", 64).has_value());
}

TEST(YamlTree, OutOfRangeIntegersAreLeftToTheFullLoader) {
  std::optional<YamlTree> tree =
      YamlTree::Parse("a: 99999999999999999999\nb: \"99999999999999999999\"\n", 64);
  ASSERT_TRUE(tree.has_value());
  YamlTree::Id a = tree->Find(tree->root(), "a");
  YamlTree::Id b = tree->Find(tree->root(), "b");
  EXPECT_FALSE(YamlTreeToValue(*tree, a).has_value());
  EXPECT_EQ(YamlTreeToValue(*tree, b), Value("99999999999999999999"));
  EXPECT_EQ(tree->Find(tree->root(), "c"), YamlTree::kNone);
}

}  // namespace
}  // namespace pave
