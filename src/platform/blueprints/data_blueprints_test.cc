// The secrets: and buckets: sections, expanded alone and through ParsePlatform (which
// resolves the value sources into the secret attributes).
#include <gtest/gtest.h>

#include "platform/blueprints/expansion_test_util.h"

#include "platform/blueprints/buckets.h"
#include "platform/blueprints/secrets.h"
#include "platform/platform_file.h"
#include "providers/aws/kms/kms_types.h"
#include "providers/aws/s3/bucket.h"
#include "providers/aws/secretsmanager/secret.h"
#include "providers/aws/ssm/parameter.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

class DataBlueprintsTest : public ::testing::Test {
 protected:
  void Expand(const std::string& yaml, PlatformMetadata metadata = {.name = "shop", .region = "eu-west-1"}) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load(yaml);
    BlueprintContext ctx("p.yaml", std::move(metadata), &config_, &diags_);
    for (Blueprint* b : {static_cast<Blueprint*>(&secrets_), static_cast<Blueprint*>(&buckets_)}) {
      std::string section(b->section());
      if (!root_[section]) continue;
      ctx.BeginSection(section, root_[section]);
      b->Expand(root_[section], ctx);
    }
    exports_secrets_arn_ = ctx.Import("secrets.kms_key_arn") ? *ctx.Import("secrets.kms_key_arn") : Value();
  }

  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    return FindResource(config_, type, name);
  }

  std::string Errors() const { return DiagnosticsText(diags_); }

  SecretsBlueprint secrets_;
  BucketsBlueprint buckets_;
  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
  Value exports_secrets_arn_;
};

TEST_F(DataBlueprintsTest, SecretsBecomeParametersAndSecretsUnderOnePlatformKey) {
  Expand(R"(
secrets:
  - {name: github-token, from: env:GITHUB_TOKEN}
  - {name: tls-key, from: file:certs/tls.key, store: secretsmanager, description: tls}
)");
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* key = Find("aws_kms_key", "platform");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->properties["enable_key_rotation"], true);
  EXPECT_EQ(key->properties["deletion_window_in_days"], 30);
  const ResourceConfig* alias = Find("aws_kms_alias", "platform");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->properties["name"], "alias/shop");
  const ResourceConfig* param = Find("aws_ssm_parameter", "github-token");
  ASSERT_NE(param, nullptr);
  EXPECT_EQ(param->properties["name"], "/shop/github-token");
  EXPECT_EQ(param->properties["type"], "SecureString");
  EXPECT_EQ(param->properties["value"], "${env:GITHUB_TOKEN}");
  EXPECT_EQ(param->properties["key_id"], "${aws_kms_key.platform.arn}");
  const ResourceConfig* secret = Find("aws_secretsmanager_secret", "tls-key");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->properties["name"], "shop/tls-key");
  EXPECT_EQ(secret->properties["value"], "${file:certs/tls.key}");
  EXPECT_EQ(secret->properties["kms_key_id"], "${aws_kms_key.platform.arn}");
  EXPECT_EQ(exports_secrets_arn_, "${aws_kms_key.platform.arn}");
}

TEST_F(DataBlueprintsTest, BadSecretEntriesAreReportedAtTheirLine) {
  Expand(R"(
secrets:
  - {name: a, from: vault:x}
  - {name: 9lives, from: env:X}
  - {name: b, from: env:NOT-A-NAME}
  - {name: c, from: env:C, store: vault}
  - {name: d}
  - {name: e, from: env:E, colour: red}
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find("p.yaml:3:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown value source \"vault:x\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("invalid name \"9lives\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("not an environment variable name"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown store \"vault\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("entry has no \"from\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown key \"colour\""), std::string::npos) << errors;
  EXPECT_EQ(Find("aws_ssm_parameter", "a"), nullptr);
}

TEST_F(DataBlueprintsTest, BucketsArePrivateEncryptedWithThePlatformKeyAndNamedUniquely) {
  Expand(R"(
secrets:
  - {name: token, from: env:TOKEN}
buckets:
  - {name: assets}
  - {name: logs, versioning: false, encryption: s3, tags: {tier: logs}}
)",
         {.name = "Shop", .region = "eu-west-1", .account_id = "111122223333", .tags = {{"team", "web"}}});
  ASSERT_TRUE(diags_.empty()) << Errors();
  const ResourceConfig* assets = Find("aws_s3_bucket", "assets");
  ASSERT_NE(assets, nullptr);
  EXPECT_EQ(assets->properties["bucket"], "shop-assets-111122223333-eu-west-1");
  EXPECT_EQ(assets->properties["versioning"], true);
  EXPECT_EQ(assets->properties["sse_algorithm"], "aws:kms");
  EXPECT_EQ(assets->properties["kms_key_arn"], "${aws_kms_key.platform.arn}");
  EXPECT_EQ(assets->properties["block_public_access"], true);
  EXPECT_EQ(assets->properties["require_tls"], true);
  EXPECT_EQ(assets->properties["tags"], Value({{"team", "web"}}));
  const ResourceConfig* logs = Find("aws_s3_bucket", "logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->properties["versioning"], false);
  EXPECT_EQ(logs->properties["sse_algorithm"], "AES256");
  EXPECT_FALSE(logs->properties.contains("kms_key_arn"));
  EXPECT_EQ(logs->properties["tags"], Value({{"team", "web"}, {"tier", "logs"}}));
  int keys = 0;
  for (const ResourceConfig& rc : config_.resources) keys += rc.address.type == "aws_kms_key";
  EXPECT_EQ(keys, 1);  // shared with the secrets section
}

TEST_F(DataBlueprintsTest, BucketsAloneMakeThePlatformKeyThemselves) {
  Expand("buckets:\n  - {name: assets}\n");
  ASSERT_TRUE(diags_.empty()) << Errors();
  EXPECT_NE(Find("aws_kms_key", "platform"), nullptr);
  EXPECT_EQ(Find("aws_s3_bucket", "assets")->properties["bucket"], "shop-assets-eu-west-1");
}

TEST_F(DataBlueprintsTest, BucketNamesBreakingS3RulesAreErrors) {
  Expand(R"(
buckets:
  - {name: a-very-long-bucket-name-for-a-platform-xyz}
  - {name: ok, bucket: Not_Valid}
  - {name: fine, encryption: dsse}
)");
  std::string errors = Errors();
  EXPECT_NE(errors.find("invalid name"), std::string::npos) << errors;
  EXPECT_NE(errors.find("may hold only lower-case letters"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown encryption \"dsse\""), std::string::npos) << errors;
  EXPECT_EQ(config_.resources.size(), 0u);
}

TEST(BucketNameTest, Rules) {
  EXPECT_EQ(BucketNameProblem("shop-assets-eu-west-1"), "");
  EXPECT_NE(BucketNameProblem("ab"), "");
  EXPECT_NE(BucketNameProblem(std::string(64, 'a')), "");
  EXPECT_NE(BucketNameProblem("-abc"), "");
  EXPECT_NE(BucketNameProblem("a..b"), "");
  EXPECT_EQ(DerivedBucketName({.name = "Shop", .region = "us-east-1"}, "Logs"), "shop-logs-us-east-1");
}

// Through the loader: the value source is resolved into the secret attribute, and a missing
// variable is an error that names the variable, never a value.
class DataPlatformFileTest : public ::testing::Test {
 protected:
  DataPlatformFileTest() {
    aws_provider::AwsTypeDeps deps{.client = nullptr, .env = &env_};
    aws_provider::RegisterKmsTypes(&registry_, deps);
    aws_provider::RegisterSsmTypes(&registry_, deps);
    aws_provider::RegisterSecretsManagerTypes(&registry_, deps);
    aws_provider::RegisterS3Types(&registry_, deps);
  }

  Result<LoadedPlatform> Parse(const std::string& sections) {
    std::string text = "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n" + sections;
    diags_.clear();
    return ParsePlatform(text, "/w/platform.yaml", &env_, registry_, {&secrets_, &buckets_}, &diags_);
  }

  MemEnv env_;
  ProviderRegistry registry_;
  SecretsBlueprint secrets_;
  BucketsBlueprint buckets_;
  std::vector<Diagnostic> diags_;
};

TEST_F(DataPlatformFileTest, TheValueComesFromTheEnvironment) {
  env_.SetEnv("GITHUB_TOKEN", "canary-value-1");
  auto loaded = Parse("secrets:\n  - {name: github-token, from: env:GITHUB_TOKEN}\nbuckets:\n  - {name: assets}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const ResourceConfig& rc : loaded->config.resources) {
    if (rc.address.type == "aws_ssm_parameter") {
      EXPECT_EQ(rc.properties["value"], "canary-value-1");
    }
    if (rc.address.type == "aws_kms_key") {
      EXPECT_EQ(rc.properties["key_usage"], "ENCRYPT_DECRYPT");  // defaults filled
    }
  }
  EXPECT_EQ(loaded->config.resources.size(), 4u);
}

TEST_F(DataPlatformFileTest, AMissingVariableIsAnErrorAtTheEntry) {
  auto loaded = Parse("secrets:\n  - {name: github-token, from: env:GITHUB_TOKEN}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("GITHUB_TOKEN"), std::string::npos) << loaded.status().message();
  EXPECT_NE(loaded.status().message().find("platform.yaml:5"), std::string::npos) << loaded.status().message();
}

}  // namespace
}  // namespace pave
