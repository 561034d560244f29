#include "platform/starter.h"

#include <gtest/gtest.h>

#include "platform/blueprints/network.h"
#include "platform/platform_file.h"
#include "providers/aws/register.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

// The starter with its network section commented in: "# network:" and the "#   " lines
// under it lose their "# ".
std::string WithNetwork(std::string text) {
  size_t at = text.find("\n# network:\n");
  if (at == std::string::npos) return "";
  size_t pos = at + 1;
  text.erase(pos, 2);
  for (pos = text.find('\n', pos) + 1; text.compare(pos, 4, "#   ") == 0;
       pos = text.find('\n', pos) + 1) {
    text.erase(pos, 2);
  }
  return text;
}

class StarterTest : public ::testing::Test {
 protected:
  StarterTest() {
    RegisterBuiltinTypes(&registry_, &env_);
    RegisterAwsTypes(&registry_, nullptr, &env_);  // schemas only: nothing is called
  }

  Result<LoadedPlatform> Parse(const std::string& text) {
    diags_.clear();
    return ParsePlatform(text, "platform.yaml", &env_, registry_, {&network_}, &diags_);
  }

  MemEnv env_;
  ProviderRegistry registry_;
  NetworkBlueprint network_;
  std::vector<Diagnostic> diags_;
};

TEST_F(StarterTest, ValidatesAsWritten) {
  auto loaded = Parse(StarterPlatformYaml("my-platform", "eu-north-1"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(diags_.empty());
  EXPECT_EQ(loaded->metadata.name, "my-platform");
  EXPECT_EQ(loaded->metadata.region, "eu-north-1");
  EXPECT_EQ(loaded->metadata.tags, Value({{"owner", "platform-team"}}));
  std::vector<std::string> addresses;
  for (const ResourceConfig& rc : loaded->config.resources) {
    addresses.push_back(rc.address.ToString());
  }
  EXPECT_EQ(addresses, (std::vector<std::string>{"random_id.suffix", "random_password.admin",
                                                 "local_file.readme"}));
}

TEST_F(StarterTest, ValidatesWithTheNetworkSectionCommentedIn) {
  std::string text = WithNetwork(StarterPlatformYaml("my-platform", "eu-north-1"));
  ASSERT_NE(text.find("\nnetwork:\n  cidr: 10.0.0.0/16"), std::string::npos) << text;
  auto loaded = Parse(text);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(diags_.empty());
  bool has_vpc = false;
  for (const ResourceConfig& rc : loaded->config.resources) {
    has_vpc |= rc.address.ToString() == "aws_vpc.main";
  }
  EXPECT_TRUE(has_vpc);
  EXPECT_GT(loaded->config.resources.size(), 10u);
}

TEST_F(StarterTest, ExplainsEverySection) {
  std::string text = StarterPlatformYaml("p", "us-east-1");
  for (const char* word : {"apiVersion", "metadata:", "account", "tags", "# network:",
                           "resources:", "dependsOn", "${env:NAME}", "${file:path}", "$${"}) {
    EXPECT_NE(text.find(word), std::string::npos) << word;
  }
}

}  // namespace
}  // namespace pave
