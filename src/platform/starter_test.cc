#include "platform/starter.h"

#include <gtest/gtest.h>

#include "platform/platform_file.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

TEST(StarterPlatformYaml, ValidatesWithTheBuiltinTypes) {
  MemEnv env;
  ProviderRegistry registry;
  RegisterBuiltinTypes(&registry, &env);
  std::string text = StarterPlatformYaml("my-platform", "eu-north-1");
  std::vector<Diagnostic> diags;
  auto loaded = ParsePlatform(text, "platform.yaml", &env, registry, {}, &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(loaded->metadata.name, "my-platform");
  EXPECT_EQ(loaded->metadata.region, "eu-north-1");
  EXPECT_FALSE(loaded->config.resources.empty());
}

TEST(StarterPlatformYaml, ExplainsEverySection) {
  std::string text = StarterPlatformYaml("p", "us-east-1");
  for (const char* word : {"apiVersion", "metadata:", "account", "tags", "# network:",
                           "resources:", "dependsOn", "${env:NAME}", "${file:path}", "$${"}) {
    EXPECT_NE(text.find(word), std::string::npos) << word;
  }
}

}  // namespace
}  // namespace pave
