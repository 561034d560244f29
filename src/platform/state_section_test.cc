// The `state:` section: the S3 backend with its defaults, and errors with their locations.
#include "platform/state_section.h"

#include <gtest/gtest.h>

#include "testing/mem_env.h"

namespace pave {
namespace {

Result<StateBackendConfig> Read(const std::string& text) {
  MemEnv env;
  EXPECT_TRUE(env.CreateDirs("/w", 0700).ok());
  EXPECT_TRUE(env.WriteFileAtomic("/w/platform.yaml", text).ok());
  return ReadStateSection(&env, "/w/platform.yaml");
}

constexpr const char* kHead =
    "apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: p\n  region: eu-west-1\n";

TEST(StateSectionTest, NoSectionOrNoFileIsLocal) {
  auto config = Read(kHead);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->backend, StateBackendConfig::Backend::kLocal);
  MemEnv env;
  auto missing = ReadStateSection(&env, "/nowhere/platform.yaml");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->backend, StateBackendConfig::Backend::kLocal);
}

TEST(StateSectionTest, S3TakesTheRegionOfTheMetadataByDefault) {
  auto config = Read(std::string(kHead) +
                     "state:\n  backend: s3\n  bucket: acme-state\n"
                     "  key: prod/p.json\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->backend, StateBackendConfig::Backend::kS3);
  EXPECT_EQ(config->bucket, "acme-state");
  EXPECT_EQ(config->key, "prod/p.json");
  EXPECT_EQ(config->region, "eu-west-1");
  auto other = Read(std::string(kHead) +
                    "state:\n  backend: s3\n  bucket: acme-state\n"
                    "  key: p.json\n  region: us-east-2\n");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->region, "us-east-2");
}

TEST(StateSectionTest, MissingBucketIsAnErrorAtTheSection) {
  auto config = Read(std::string(kHead) + "state:\n  backend: s3\n  key: p.json\n");
  ASSERT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find("platform.yaml:7:"), std::string::npos)
      << config.status().message();
  EXPECT_NE(config.status().message().find("state.bucket is missing"), std::string::npos);
}

TEST(StateSectionTest, UnknownBackendAndKeysAreNamedWithAHint) {
  auto config = Read(std::string(kHead) + "state:\n  backend: s4\n");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("unknown state backend \"s4\""), std::string::npos);
  auto typo = Read(std::string(kHead) +
                   "state:\n  backend: s3\n  bucket: abc\n  key: k\n"
                   "  regoin: x\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("regoin"), std::string::npos);
}

TEST(StateSectionTest, BadBucketNameIsRefused) {
  auto config = Read(std::string(kHead) +
                     "state:\n  backend: s3\n  bucket: Acme_State\n"
                     "  key: k\n");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("not a valid S3 bucket name"), std::string::npos);
  EXPECT_TRUE(IsValidBucketName("acme-state.1"));
  EXPECT_FALSE(IsValidBucketName("ab"));
  EXPECT_FALSE(IsValidBucketName("-abc"));
}

constexpr const char* kOrg =
    "organization:\n  accessRole: PaveAdmin\n  accounts:\n"
    "    - {name: shared, email: s@example.com}\n"
    "    - {name: logs, email: l@example.com, id: \"210987654321\"}\n";

TEST(StateSectionTest, AccountNamesAnOrganizationAccountAndCarriesItsId) {
  auto config = Read(std::string(kHead) + kOrg +
                     "state:\n  backend: s3\n  bucket: acme-state\n  key: k\n"
                     "  account: logs\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->account, "logs");
  EXPECT_EQ(config->access_role, "PaveAdmin");
  EXPECT_EQ(config->account_ids.at("logs"), "210987654321");
  EXPECT_EQ(config->account_ids.at("shared"), "");
  for (const char* ok : {"management", "shared", "123456789012"}) {
    auto other = Read(std::string(kHead) + kOrg +
                      "state:\n  backend: s3\n  bucket: acme-state\n  key: k\n  account: " +
                      ok + "\n");
    EXPECT_TRUE(other.ok()) << ok << ": " << other.status().ToString();
  }
}

TEST(StateSectionTest, UnknownAccountIsAnErrorAtItsLineWithTheClosestName) {
  auto config = Read(std::string(kHead) + kOrg +
                     "state:\n  backend: s3\n  bucket: acme-state\n  key: k\n"
                     "  account: shraed\n");
  ASSERT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  const std::string message = config.status().message();
  EXPECT_NE(message.find("platform.yaml:15:12"), std::string::npos) << message;
  EXPECT_NE(message.find("state.account \"shraed\""), std::string::npos) << message;
  EXPECT_NE(message.find("shared"), std::string::npos) << message;
}

TEST(StateSectionTest, AccountIsForTheS3Backend) {
  auto config = Read(std::string(kHead) + "state:\n  account: management\n");
  ASSERT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find("state.account are for `backend: s3`"),
            std::string::npos)
      << config.status().message();
}

}  // namespace
}  // namespace pave
