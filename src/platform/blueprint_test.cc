#include "platform/blueprint.h"

#include <gtest/gtest.h>

#include "platform/platform_file.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

// "ids: {count: 2, bytes: 4}" -> random_id.id_0, random_id.id_1; exports ids.hex.
class IdsBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "ids"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override {
    if (!node.IsMap()) return ctx.Error(node, "ids must be a map");
    const YAML::Node count = node["count"];
    if (!count.IsDefined() || !count.IsScalar()) return ctx.Error(count, "ids.count is missing");
    int n = count.as<int>();  // throws on junk: the loader must turn that into an error
    if (n < 1 || n > 5) return ctx.Error(count, "ids.count must be between 1 and 5");
    Value hexes = Value::array();
    for (int i = 0; i < n; ++i) {
      std::string name = "id_" + std::to_string(i);
      ResourceConfig& rc =
          ctx.Add("random_id", name, Value{{"byte_length", node["bytes"].as<int>(4)}}, node);
      rc.properties["keepers"] = Value{{"platform", ctx.metadata().name}};
      hexes.push_back("${random_id." + name + ".hex}");
    }
    ctx.Export("ids.hex", hexes);
  }
};

// "files: {prefix: x}" -> one local_file per exported id; also tries a few illegal adds.
class FilesBlueprint : public Blueprint {
 public:
  std::string_view section() const override { return "files"; }
  void Expand(const YAML::Node& node, BlueprintContext& ctx) override {
    const Value* hexes = ctx.Import("ids.hex");
    if (!hexes) return ctx.Error(node, "files needs an ids section");
    std::string prefix = node["prefix"].as<std::string>("f");
    for (size_t i = 0; i < hexes->size(); ++i) {
      ctx.Add("local_file", "file_" + std::to_string(i),
              Value{{"path", prefix + "-" + (*hexes)[i].get<std::string>()}, {"content", "x"}},
              node);
    }
    if (node["bad"].as<bool>(false)) {
      ctx.Add("local_file", "file_0", Value{{"path", "p"}, {"content", "x"}}, node["bad"]);
      ctx.Add("no_such_type", "x", Value::object(), node["bad"]);
      ctx.Add("local_file", "1bad", Value::object(), node["bad"]);
      ctx.Add("local_file", "partial", Value{{"path", 5}}, node["bad"]);
    }
  }
};

class BlueprintTest : public ::testing::Test {
 protected:
  BlueprintTest() { RegisterBuiltinTypes(&registry_, &env_); }

  Result<LoadedPlatform> Parse(const std::string& sections) {
    diags_.clear();
    std::string text =
        "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n" +
        sections;
    return ParsePlatform(text, "p.yaml", &env_, registry_, {&ids_, &files_}, &diags_);
  }
  std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags_) out.push_back(d.ToString());
    return out;
  }

  MemEnv env_;
  ProviderRegistry registry_;
  IdsBlueprint ids_;
  FilesBlueprint files_;
  std::vector<Diagnostic> diags_;
};

TEST_F(BlueprintTest, SectionsExpandInOrderAndShareExports) {
  // files is written first in the file, but expands after ids (the order of the vector).
  auto loaded = Parse("files: {prefix: out}\nids: {count: 2, bytes: 8}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const auto& rs = loaded->config.resources;
  ASSERT_EQ(rs.size(), 4u);
  EXPECT_EQ(rs[0].address.ToString(), "random_id.id_0");
  EXPECT_EQ(rs[0].properties,
            Value({{"byte_length", 8}, {"keepers", {{"platform", "shop"}}}}));
  EXPECT_EQ(rs[0].location.ToString(), "p.yaml:5:6");
  EXPECT_EQ(rs[3].address.ToString(), "local_file.file_1");
  EXPECT_EQ(rs[3].properties, Value({{"path", "out-${random_id.id_1.hex}"},
                                     {"content", "x"},
                                     {"file_permission", "0644"}}));
  EXPECT_EQ(rs[3].location.ToString(), "p.yaml:4:8");
}

TEST_F(BlueprintTest, ImportWithoutTheExportingSectionIsAnError) {
  auto loaded = Parse("files: {prefix: out}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(Messages(), std::vector<std::string>{"p.yaml:4:8: files needs an ids section"});
}

TEST_F(BlueprintTest, AddChecksTypeNameUniquenessAndTheSchema) {
  auto loaded = Parse("ids: {count: 1}\nfiles:\n  bad: true\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(Messages(),
            (std::vector<std::string>{
                "p.yaml:6:8: files: resource local_file.file_0 is already declared (first "
                "declared at p.yaml:6:3)",
                "p.yaml:6:8: files: unknown resource type \"no_such_type\"",
                "p.yaml:6:8: files: invalid resource name \"1bad\" for local_file (use letters, "
                "digits, '_' and '-', starting with a letter)",
                "p.yaml:6:8: property \"path\" in local_file.partial must be a string, found an "
                "integer",
                "p.yaml:6:8: local_file.partial is missing required property \"content\""}));
}

TEST_F(BlueprintTest, BlueprintResourcesCollideWithDeclaredOnes) {
  auto loaded = Parse(
      "ids: {count: 1}\n"
      "resources:\n"
      "  - {type: random_id, name: id_0, properties: {byte_length: 1}}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(Messages(), std::vector<std::string>{
                            "p.yaml:4:6: ids: resource random_id.id_0 is already declared "
                            "(first declared at p.yaml:6:5)"});
}

TEST_F(BlueprintTest, ErrorsAreCollectedAndExpansionGoesOn) {
  auto loaded = Parse("ids: {count: 9}\nfiles: {}\n");
  ASSERT_FALSE(loaded.ok());
  // One error per cause: "files needs an ids section" stems from the failed ids section.
  EXPECT_EQ(Messages(), (std::vector<std::string>{"p.yaml:4:14: ids.count must be between 1 and 5"}));
}

TEST_F(BlueprintTest, ExceptionsFromABlueprintBecomeErrorsAtTheSection) {
  auto loaded = Parse("ids: {count: lots}\n");
  ASSERT_FALSE(loaded.ok());
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_EQ(diags_[0].location.ToString(), "p.yaml:4:1");
  EXPECT_EQ(diags_[0].message.rfind("section ids could not be read: ", 0), 0u)
      << diags_[0].message;
}

TEST_F(BlueprintTest, ReferencesIntoBlueprintResourcesAreChecked) {
  auto loaded = Parse(
      "ids: {count: 1}\n"
      "resources:\n"
      "  - type: local_file\n"
      "    name: r\n"
      "    properties: {path: \"${random_id.id_0.hex}\", content: \"${random_id.id_1.hex}\"}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(Messages(), std::vector<std::string>{
                            "p.yaml:8:58: ${random_id.id_1.hex} refers to random_id.id_1, "
                            "which is not declared (did you mean \"random_id.id_0\"?)"});
}

TEST(BlueprintContext, UnitBehaviour) {
  Config config;
  std::vector<Diagnostic> diags;
  PlatformMetadata meta;
  meta.name = "shop";
  BlueprintContext ctx("f.yaml", meta, &config, &diags);
  EXPECT_EQ(ctx.metadata().name, "shop");
  EXPECT_EQ(ctx.file(), "f.yaml");
  EXPECT_FALSE(ctx.has_errors());
  EXPECT_EQ(ctx.Import("x"), nullptr);
  ctx.Export("x", Value{1, 2});
  ASSERT_NE(ctx.Import("x"), nullptr);
  EXPECT_EQ(*ctx.Import("x"), Value({1, 2}));

  YAML::Node node = YAML::Load("a: 1");
  // Without a registry, any well-formed type is accepted.
  ResourceConfig& rc = ctx.Add("any_type", "a", Value{{"k", "v"}}, node);
  rc.depends_on.push_back(ResourceAddress{"x", "y"});
  ASSERT_EQ(config.resources.size(), 1u);
  EXPECT_EQ(config.resources[0].depends_on.size(), 1u);
  EXPECT_EQ(config.resources[0].location.ToString(), "f.yaml:1:1");
  ctx.Add("any_type", "a", Value::object(), node);
  EXPECT_TRUE(ctx.has_errors());
  EXPECT_EQ(config.resources.size(), 1u);
  ctx.BeginSection("sec", node["a"]);
  ctx.Error(node["missing"], "oops");
  EXPECT_EQ(diags.back().ToString(), "f.yaml:1:4: oops");
}

}  // namespace
}  // namespace pave
