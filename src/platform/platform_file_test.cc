#include "platform/platform_file.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

// A type with the attribute kinds the built-ins lack: a list, a secret input, a default.
class ServerType : public ResourceType {
 public:
  ServerType() {
    schema_.type = "test_server";
    schema_.attributes = {
        {.name = "ports", .type = AttrType::kList},
        {.name = "size", .type = AttrType::kString, .default_value = Value("small")},
        {.name = "version", .type = AttrType::kString},
        {.name = "password", .type = AttrType::kString, .secret = true},
        {.name = "address", .type = AttrType::kString, .computed = true},
    };
  }
  const ResourceSchema& schema() const override { return schema_; }
  Result<Value> Create(const OperationContext&, const Value&) override { return Value(); }
  Result<std::vector<std::optional<Value>>> Read(const std::vector<ReadRequest>&) override {
    return std::vector<std::optional<Value>>();
  }
  Result<Value> Update(const OperationContext&, const Value&, const Value&) override {
    return Value();
  }
  Status Delete(const OperationContext&, const Value&) override { return Status::Ok(); }

 private:
  ResourceSchema schema_;
};

class PlatformFileTest : public ::testing::Test {
 protected:
  PlatformFileTest() {
    RegisterBuiltinTypes(&registry_, &env_);
    registry_.Register(std::make_unique<ServerType>());
  }

  Result<LoadedPlatform> Parse(const std::string& text, const std::string& file = "p.yaml") {
    diags_.clear();
    return ParsePlatform(text, file, &env_, registry_, {}, &diags_);
  }

  std::vector<std::string> Messages(Severity severity = Severity::kError) const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags_) {
      if (d.severity == severity) out.push_back(d.ToString());
    }
    return out;
  }

  MemEnv env_;
  ProviderRegistry registry_;
  std::vector<Diagnostic> diags_;
};

constexpr const char* kHeader =
    "apiVersion: pave.dev/v1\n"
    "kind: Platform\n"
    "metadata:\n"
    "  name: shop\n"
    "  region: eu-west-1\n";

TEST_F(PlatformFileTest, ValidFileLoadsIntoTheExpectedConfig) {
  std::string text = std::string(kHeader) +
                     "  account: \"012345678901\"\n"
                     "  tags:\n"
                     "    team: web\n"
                     "    cost-center: 1234\n"
                     "resources:\n"
                     "  - type: random_id\n"
                     "    name: suffix\n"
                     "    properties:\n"
                     "      byte_length: 4\n"
                     "      keepers: {rotate: 2026}\n"
                     "  - type: local_file\n"
                     "    name: readme\n"
                     "    properties:\n"
                     "      path: out/readme-${random_id.suffix.hex}.txt\n"
                     "      content: |\n"
                     "        hello\n"
                     "    dependsOn: [random_password.admin]\n"
                     "  - type: random_password\n"
                     "    name: admin\n"
                     "    properties: {length: 20}\n"
                     "  - type: test_server\n"
                     "    name: web\n"
                     "    properties:\n"
                     "      version: 1.30\n"
                     "      ports: [80, 443]\n"
                     "      size: ~\n";
  auto loaded = Parse(text);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(diags_.empty());
  EXPECT_EQ(loaded->file, "p.yaml");
  EXPECT_EQ(loaded->metadata.name, "shop");
  EXPECT_EQ(loaded->metadata.region, "eu-west-1");
  EXPECT_EQ(loaded->metadata.account_id, "012345678901");
  EXPECT_EQ(loaded->metadata.tags, Value({{"team", "web"}, {"cost-center", "1234"}}));
  const Config& c = loaded->config;
  EXPECT_EQ(c.platform, "shop");
  ASSERT_EQ(c.resources.size(), 4u);

  EXPECT_EQ(c.resources[0].address, (ResourceAddress{"random_id", "suffix"}));
  EXPECT_EQ(c.resources[0].properties, Value({{"byte_length", 4}, {"keepers", {{"rotate", 2026}}}}));
  EXPECT_EQ(c.resources[0].location.ToString(), "p.yaml:11:5");

  EXPECT_EQ(c.resources[1].address, (ResourceAddress{"local_file", "readme"}));
  EXPECT_EQ(c.resources[1].properties,
            Value({{"path", "out/readme-${random_id.suffix.hex}.txt"},
                   {"content", "hello\n"},
                   {"file_permission", "0644"}}));  // the schema default
  EXPECT_EQ(c.resources[1].depends_on,
            std::vector<ResourceAddress>{(ResourceAddress{"random_password", "admin"})});
  EXPECT_EQ(c.resources[1].location.ToString(), "p.yaml:16:5");

  EXPECT_EQ(c.resources[2].properties, Value({{"length", 20}, {"special", true}}));
  // A plain scalar for a string attribute keeps its text; null means "not set" (default).
  EXPECT_EQ(c.resources[3].properties,
            Value({{"version", "1.30"}, {"ports", {80, 443}}, {"size", "small"}}));
}

TEST_F(PlatformFileTest, ResourcesMayBeAbsentOrEmpty) {
  auto loaded = Parse(kHeader);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->config.resources.empty());
  loaded = Parse(std::string(kHeader) + "resources: []\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  loaded = Parse(std::string(kHeader) + "resources:\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
}

TEST_F(PlatformFileTest, StatusSummarizesTheFirstErrorAndCountsTheRest) {
  auto loaded = Parse(std::string(kHeader) +
                      "resources:\n"
                      "  - {type: random_id, name: a, properties: {byte_length: x}}\n"
                      "  - {type: random_id, name: b, properties: {byte_length: y}}\n"
                      "  - {type: random_id, name: c, properties: {byte_length: z}}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(loaded.status().message(),
            "p.yaml:7:58: property \"byte_length\" in random_id.a must be an integer, found a "
            "string (and 2 more errors)");
  EXPECT_EQ(Messages().size(), 3u);
}

TEST_F(PlatformFileTest, LoadPlatformReadsThroughEnv) {
  ASSERT_TRUE(env_.CreateDirs("/p").ok());
  ASSERT_TRUE(env_.WriteFileAtomic("/p/platform.yaml", kHeader).ok());
  std::vector<Diagnostic> diags;
  auto loaded = LoadPlatform(&env_, "/p/platform.yaml", registry_, {}, &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->file, "/p/platform.yaml");
  EXPECT_EQ(loaded->metadata.name, "shop");

  auto missing = LoadPlatform(&env_, "/p/nope.yaml", registry_, {}, &diags);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].ToString(),
            "/p/nope.yaml: cannot read the platform file: cannot open /p/nope.yaml: No such "
            "file or directory");
}

TEST_F(PlatformFileTest, TheOfflineExampleLoads) {
  const char* source_dir = std::getenv("PAVE_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr) << "run through ctest, which sets PAVE_SOURCE_DIR";
  auto text = DefaultEnv()->ReadFile(std::string(source_dir) + "/examples/offline.yaml");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  env_.SetEnv("DEMO_GREETING", "hi");
  auto loaded = Parse(*text, "examples/offline.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(diags_.empty());
  EXPECT_EQ(loaded->config.resources.size(), 7u);
  EXPECT_EQ(loaded->config.outputs.size(), 2u);
  EXPECT_EQ(loaded->config.resources[5].properties["content"],
            "hi from build ${random_id.build.hex}\n");
}

TEST_F(PlatformFileTest, SecretsWrittenInTheFileGetAWarning) {
  auto loaded = Parse(std::string(kHeader) +
                      "resources:\n"
                      "  - type: test_server\n"
                      "    name: db\n"
                      "    properties:\n"
                      "      password: hunter2\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(Messages(Severity::kWarning),
            std::vector<std::string>{"p.yaml:10:17: secret property \"password\" of test_server.db "
                                     "is written in the file (read it with ${env:NAME} or "
                                     "${file:path})"});
  for (const Diagnostic& d : diags_) EXPECT_EQ(d.ToString().find("hunter2"), std::string::npos);
}

TEST_F(PlatformFileTest, OutputsInBothFormsReferToResources) {
  auto loaded = Parse(std::string(kHeader) +
                      "resources:\n"
                      "  - {type: test_server, name: db, properties: {version: \"16\"}}\n"
                      "outputs:\n"
                      "  db.address: ${test_server.db.address}\n"
                      "  db:\n"
                      "    value: {host: \"${test_server.db.address}\", id: \"${test_server.db.id}\"}\n"
                      "    description: where the database listens\n"
                      "  plain: [1, two]\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const auto& outputs = loaded->config.outputs;
  ASSERT_EQ(outputs.size(), 3u);
  EXPECT_EQ(outputs[0].name, "db.address");
  EXPECT_EQ(outputs[0].value, "${test_server.db.address}");
  EXPECT_EQ(outputs[1].name, "db");
  EXPECT_EQ(outputs[1].value["host"], "${test_server.db.address}");
  EXPECT_EQ(outputs[1].description, "where the database listens");
  EXPECT_EQ(outputs[2].value, (Value{1, "two"}));
}

TEST_F(PlatformFileTest, BadOutputsAreErrorsWhereTheyAreWritten) {
  auto loaded = Parse(std::string(kHeader) +
                      "resources:\n"
                      "  - {type: test_server, name: db}\n"
                      "outputs:\n"
                      "  secret: ${test_server.db.password}\n"
                      "  gone: ${test_server.dbx.address}\n"
                      "  typo: ${test_server.db.adress}\n"
                      "  fromenv: ${env:HOME}\n"
                      "  1bad: x\n"
                      "  empty:\n"
                      "  long: {value: x, descr: y}\n");
  ASSERT_FALSE(loaded.ok());
  std::vector<std::string> errors = Messages();
  ASSERT_EQ(errors.size(), 7u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], "p.yaml:9:11: ${test_server.db.password} in output \"secret\" is secret, "
                       "and outputs are printed (an output may name where a secret is kept, never "
                       "hold its value)");
  EXPECT_NE(errors[1].find("p.yaml:10:9: ${test_server.dbx.address} in output \"gone\" refers to "
                           "test_server.dbx, which is not declared (did you mean \"test_server.db\"?)"),
            std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("p.yaml:11:9:"), std::string::npos) << errors[2];
  EXPECT_NE(errors[2].find("did you mean \"address\"?"), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("p.yaml:12:12: ${env:HOME} in output \"fromenv\""), std::string::npos)
      << errors[3];
  EXPECT_NE(errors[4].find("p.yaml:13:3: invalid output name \"1bad\""), std::string::npos)
      << errors[4];
  EXPECT_NE(errors[5].find("p.yaml:14:3: output \"empty\" has no value"), std::string::npos)
      << errors[5];
  EXPECT_NE(errors[6].find("p.yaml:15:20: unknown key \"descr\""), std::string::npos) << errors[6];
}

}  // namespace
}  // namespace pave

namespace pave {
namespace {

// ParsePlatform reads a file without mistakes through libyaml (yaml_tree.h) and anything
// else through yaml-cpp alone. A byte-order mark sends a file to the full loader, so the
// same text with and without it must load to the same config, locations and warnings.
TEST_F(PlatformFileTest, FastAndFullLoadersAgree) {
  std::string text = std::string(kHeader) +
                     "resources:\n"
                     "  - type: random_id\n"
                     "    name: a\n"
                     "    properties: {byte_length: 4, keepers: {k: [1, \"2\", x: y]}}\n"
                     "  -   name: b   # comment\n"
                     "      type: test_server\n"
                     "      properties:\n"
                     "        version: 1.30\n"
                     "        password: hunter2\n"
                     "        ports:\n"
                     "        - 80\n"
                     "        - 0x1BB\n"
                     "        size:\n"
                     "      dependsOn:\n"
                     "        - random_id.a\n"
                     "outputs:\n"
                     "  id: ${random_id.a.hex}\n";
  auto fast = Parse(text);
  ASSERT_TRUE(fast.ok()) << fast.status().ToString();
  auto full = Parse("\xEF\xBB\xBF" + text);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  ASSERT_EQ(fast->config.resources.size(), 2u);
  ASSERT_EQ(full->config.resources.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const ResourceConfig& a = fast->config.resources[i];
    const ResourceConfig& b = full->config.resources[i];
    EXPECT_EQ(a.address, b.address);
    EXPECT_EQ(a.properties, b.properties);
    EXPECT_EQ(a.depends_on, b.depends_on);
    EXPECT_EQ(a.location.ToString(), b.location.ToString());
  }
  EXPECT_EQ(fast->config.resources[1].location.ToString(), "p.yaml:10:7");
  EXPECT_EQ(fast->warnings, full->warnings);
  ASSERT_EQ(fast->warnings.size(), 1u);
  EXPECT_EQ(fast->warnings[0].rfind("p.yaml:14:19: secret property", 0), 0u) << fast->warnings[0];
}

// A mistake inside the resources section is reported by the full loader, word for word.
TEST_F(PlatformFileTest, MistakesInResourcesComeFromTheFullLoader) {
  auto loaded = Parse(std::string(kHeader) +
                      "resources:\n"
                      "  - type: random_idd\n"
                      "    name: a\n"
                      "  - type: random_id\n"
                      "    name: a\n"
                      "    name: b\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            "p.yaml:11:5: duplicate key \"name\" (first set at line 10)");
  loaded = Parse(std::string(kHeader) +
                 "resources:\n"
                 "  - type: random_idd\n"
                 "    name: a\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message().rfind("p.yaml:7:11: unknown resource type \"random_idd\"", 0),
            0u)
      << loaded.status().message();
}

}  // namespace
}  // namespace pave
