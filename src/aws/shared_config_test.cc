#include "aws/shared_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(IniTest, SectionsKeysCommentsAndNesting) {
  auto ini = ParseIni(
      "# comment\n"
      "; another\n"
      "[default]\n"
      "Region = eu-west-1\r\n"
      "output: json\n"
      "empty =\n"
      "\n"
      "[services local]\n"
      "ec2 =\n"
      "  endpoint_url = http://127.0.0.1:5000\n"
      "secrets_manager =\n"
      "\tendpoint_url=http://127.0.0.1:5001\n"
      "[default]\n"
      "region = us-east-2\n"
      "multi = first\n"
      "  second\n",
      "cfg");
  ASSERT_TRUE(ini.ok()) << ini.status().ToString();
  ASSERT_EQ(ini->sections.size(), 2u);
  const IniSection& def = ini->sections[0];
  EXPECT_EQ(def.name, "default");
  EXPECT_EQ(def.line, 3);
  EXPECT_EQ(def.Get("region"), "us-east-2");  // the repeated section merged, later wins
  EXPECT_EQ(def.Get("output"), "json");
  EXPECT_TRUE(def.Has("empty"));
  EXPECT_EQ(def.Get("empty"), "");
  EXPECT_EQ(def.Get("multi"), "first\nsecond");
  const IniSection& svc = ini->sections[1];
  EXPECT_EQ(svc.nested.at("ec2").at("endpoint_url"), "http://127.0.0.1:5000");
  EXPECT_EQ(svc.nested.at("secrets_manager").at("endpoint_url"), "http://127.0.0.1:5001");
}

TEST(IniTest, ErrorsNameFileAndLineButNotTheLine) {
  struct Case {
    const char* text;
    const char* where;
    const char* what;
  } cases[] = {
      {"aws_secret_access_key = CANARYSECRET\n", "creds:1:", "before any [section]"},
      {"[default]\nCANARYSECRET\n", "creds:2:", "expected '[section]' or 'key = value'"},
      {"[default\n", "creds:1:", "closing ']'"},
      {"[ ]\n", "creds:1:", "empty section name"},
      {"[default]\n= CANARYSECRET\n", "creds:2:", "missing key"},
  };
  for (const auto& c : cases) {
    auto ini = ParseIni(c.text, "creds");
    ASSERT_FALSE(ini.ok()) << c.text;
    EXPECT_EQ(ini.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(ini.status().message(), HasSubstr(c.where));
    EXPECT_THAT(ini.status().message(), HasSubstr(c.what));
    EXPECT_THAT(ini.status().message(), Not(HasSubstr("CANARYSECRET")));
  }
}

TEST(SharedConfigTest, ProfilesSessionsServicesAndMerging) {
  auto cfg = SharedConfig::FromText(
      "[default]\nregion = eu-west-1\n"
      "[profile prod]\nregion = us-east-1\naws_access_key_id = FROMCONFIG\n"
      "[profile  spaced ]\nregion = x\n"
      "[sso-session corp]\nsso_region = eu-north-1\n"
      "[services local]\nec2 =\n  endpoint_url = http://e\n"
      "[notaprofile]\nregion = ignored\n",
      "config",
      "[prod]\naws_access_key_id = FROMCREDS\n[keys-only]\naws_access_key_id = K\n",
      "credentials");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->Get("default", "region"), "eu-west-1");
  EXPECT_EQ(cfg->Get("prod", "region"), "us-east-1");
  EXPECT_EQ(cfg->Get("prod", "aws_access_key_id"), "FROMCREDS");
  EXPECT_EQ(cfg->ConfigProfile("prod")->Get("aws_access_key_id"), "FROMCONFIG");
  EXPECT_EQ(cfg->Get("spaced", "region"), "x");
  EXPECT_TRUE(cfg->HasProfile("keys-only"));
  EXPECT_FALSE(cfg->HasProfile("notaprofile"));
  EXPECT_FALSE(cfg->HasProfile("missing"));
  EXPECT_EQ(cfg->SsoSession("corp")->Get("sso_region"), "eu-north-1");
  EXPECT_EQ(cfg->Services("local")->nested.at("ec2").at("endpoint_url"), "http://e");
  EXPECT_EQ(cfg->SsoSession("nope"), nullptr);
  EXPECT_THAT(cfg->ProfileNames(), ElementsAre("default", "keys-only", "prod", "spaced"));
}

TEST(SharedConfigTest, ProfileDefaultSectionAlsoNamesTheDefaultProfile) {
  auto cfg = SharedConfig::FromText("[profile default]\nregion = ap-south-1\n", "c", "", "k");
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->Get("default", "region"), "ap-south-1");
}

TEST(SharedConfigTest, LoadsFromHomeAndEnvironmentPaths) {
  testing::TempDir home;
  home.WriteFile(".aws/config", "[default]\nregion = eu-west-3\n");
  home.WriteFile(".aws/credentials", "[default]\naws_access_key_id = AKIAHOME\n");
  std::string other = home.WriteFile("elsewhere/creds", "[default]\naws_access_key_id = AKIAENV\n");
  testing::OverlayEnv env;
  env.SetVar("HOME", home.path());
  auto cfg = SharedConfig::Load(&env);
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->Get("default", "region"), "eu-west-3");
  EXPECT_EQ(cfg->Get("default", "aws_access_key_id"), "AKIAHOME");
  EXPECT_EQ(cfg->config_path(), home.path() + "/.aws/config");

  env.SetVar("AWS_SHARED_CREDENTIALS_FILE", other);
  env.SetVar("AWS_CONFIG_FILE", "~/missing/config");
  cfg = SharedConfig::Load(&env);
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->Get("default", "aws_access_key_id"), "AKIAENV");
  EXPECT_EQ(cfg->Get("default", "region"), "");  // a missing file is empty, not an error
}

TEST(SharedConfigTest, MalformedFileFailsToLoadWithItsPath) {
  testing::TempDir home;
  home.WriteFile(".aws/config", "[default]\nregion = x\n[broken\n");
  testing::OverlayEnv env;
  env.SetVar("HOME", home.path());
  auto cfg = SharedConfig::Load(&env);
  ASSERT_FALSE(cfg.ok());
  EXPECT_THAT(cfg.status().message(), HasSubstr(home.path() + "/.aws/config:3:"));
}

TEST(SharedConfigTest, NoHomeMeansNoFiles) {
  testing::OverlayEnv env;
  auto cfg = SharedConfig::Load(&env);
  ASSERT_TRUE(cfg.ok());
  EXPECT_TRUE(cfg->ProfileNames().empty());
}

}  // namespace
}  // namespace pave::aws
