// The baseline: section, expanded alone.
#include "platform/blueprints/baseline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "platform/blueprints/network.h"
#include "platform/blueprints/organization.h"
#include "platform/platform_file.h"
#include "providers/aws/register.h"
#include "providers/builtin/builtin_types.h"
#include "testing/mem_env.h"

namespace pave {
namespace {

class BaselineBlueprintTest : public ::testing::Test {
 protected:
  void Expand(const std::string& yaml) {
    config_ = Config{};
    diags_.clear();
    root_ = YAML::Load(yaml);
    BlueprintContext ctx("p.yaml", {.name = "shop", .region = "eu-west-1"}, &config_, &diags_);
    ctx.BeginSection("baseline", root_["baseline"]);
    baseline_.Expand(root_["baseline"], ctx);
  }

  std::string Diags() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += d.ToString() + "\n";
    return out;
  }

  const ResourceConfig* Find(const std::string& type, const std::string& name) const {
    for (const ResourceConfig& r : config_.resources) {
      if (r.address == ResourceAddress{type, name}) return &r;
    }
    return nullptr;
  }

  BaselineBlueprint baseline_;
  YAML::Node root_;
  Config config_;
  std::vector<Diagnostic> diags_;
};

TEST_F(BaselineBlueprintTest, TrueMakesEveryPart) {
  Expand("baseline: true\n");
  EXPECT_TRUE(diags_.empty()) << Diags();
  for (const auto& [type, name] : std::vector<std::pair<std::string, std::string>>{
           {"aws_s3_bucket", "baseline"},
           {"aws_cloudtrail_trail", "baseline"},
           {"aws_cloudwatch_log_group", "baseline-trail"},
           {"aws_iam_role", "baseline-trail"},
           {"aws_kms_key", "baseline-trail"},
           {"aws_caller_identity", "baseline"},
           {"aws_config_configuration_recorder", "baseline"},
           {"aws_config_configuration_recorder_status", "baseline"},
           {"aws_config_delivery_channel", "baseline"},
           {"aws_config_config_rule", "baseline-root-account-mfa-enabled"},
           {"aws_guardduty_detector", "baseline"},
           {"aws_securityhub_account", "baseline"},
           {"aws_accessanalyzer_analyzer", "baseline"},
           {"aws_iam_account_password_policy", "baseline"},
           {"aws_ebs_encryption_by_default", "baseline"},
           {"aws_s3_account_public_access_block", "baseline"},
           {"aws_sns_topic", "baseline-alarms"},
           {"aws_cloudwatch_log_metric_filter", "baseline-root-usage"},
           {"aws_cloudwatch_metric_alarm", "baseline-root-usage"}}) {
    EXPECT_NE(Find(type, name), nullptr) << type << "." << name;
  }
  const ResourceConfig* trail = Find("aws_cloudtrail_trail", "baseline");
  ASSERT_NE(trail, nullptr);
  EXPECT_EQ(trail->properties["is_multi_region_trail"], true);
  EXPECT_EQ(trail->properties["enable_log_file_validation"], true);
  // Log files encrypted with the platform's key, whose policy lets CloudTrail encrypt for this
  // account's trails only (CIS 3.5).
  EXPECT_EQ(trail->properties["kms_key_id"], "${aws_kms_key.baseline-trail.arn}");
  Value key_policy = Value::parse(Find("aws_kms_key", "baseline-trail")->properties["policy"].get<std::string>());
  std::map<std::string, Value> by_sid;
  for (const Value& st : key_policy["Statement"]) by_sid[st["Sid"]] = st;
  EXPECT_EQ(by_sid["CloudTrailEncrypts"]["Condition"]["StringLike"]["kms:EncryptionContext:aws:cloudtrail:arn"],
            "arn:aws:cloudtrail:*:${aws_caller_identity.baseline.account_id}:trail/*");
  EXPECT_EQ(by_sid["AccountsReadLogs"]["Condition"]["StringEquals"]["kms:CallerAccount"],
            Value::array({"${aws_caller_identity.baseline.account_id}"}));
  EXPECT_EQ(Find("aws_s3_bucket", "baseline")->properties["bucket"], "shop-audit-eu-west-1");
  EXPECT_EQ(Find("aws_iam_account_password_policy", "baseline")->properties["minimum_password_length"], 14);
  EXPECT_EQ(Find("aws_sns_topic_subscription", "baseline-alarms-email"), nullptr);  // no email given
  const ResourceConfig* bucket = Find("aws_s3_bucket", "baseline");
  EXPECT_EQ(bucket->properties["log_delivery"], Value::array({"cloudtrail", "config"}));
  EXPECT_EQ(bucket->properties["log_sources"], Value::array()) << "one account: its own logs only";
  EXPECT_FALSE(trail->properties.contains("is_organization_trail")) << "no organization: the account's trail";
  EXPECT_EQ(bucket->properties["expiration_days"], 365);
  const ResourceConfig* read = Find("aws_iam_role_policy_attachment", "baseline-config");
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(read->properties["policy_arn"], "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole");
}

TEST_F(BaselineBlueprintTest, PartsOffAndOptions) {
  Expand(R"(
baseline:
  cloudtrail: {retentionDays: 90}
  config: {rules: [CLOUD_TRAIL_ENABLED]}
  guardduty: false
  securityHub: false
  accessAnalyzer: false
  passwordPolicy: {minLength: 16, maxAgeDays: 60, reuse: 5}
  ebsEncryption: false
  s3PublicAccessBlock: false
  alarms: {email: sec@example.org}
)");
  ASSERT_TRUE(diags_.empty()) << Diags();
  EXPECT_EQ(Find("aws_guardduty_detector", "baseline"), nullptr);
  EXPECT_EQ(Find("aws_ebs_encryption_by_default", "baseline"), nullptr);
  EXPECT_EQ(Find("aws_s3_account_public_access_block", "baseline"), nullptr);
  EXPECT_EQ(Find("aws_cloudwatch_log_group", "baseline-trail")->properties["retention_in_days"], 90);
  EXPECT_NE(Find("aws_config_config_rule", "baseline-cloud-trail-enabled"), nullptr);
  EXPECT_EQ(Find("aws_config_config_rule", "baseline-root-account-mfa-enabled"), nullptr);
  EXPECT_EQ(Find("aws_iam_account_password_policy", "baseline")->properties["password_reuse_prevention"], 5);
  ASSERT_NE(Find("aws_sns_topic_subscription", "baseline-alarms-email"), nullptr);
  EXPECT_EQ(Find("aws_sns_topic_subscription", "baseline-alarms-email")->properties["endpoint"], "sec@example.org");
  // The bucket keeps what the trail wrote as long as its log group does.
  EXPECT_EQ(Find("aws_s3_bucket", "baseline")->properties["expiration_days"], 90);
}

TEST_F(BaselineBlueprintTest, SecurityHubStandardsAreAwsDefaultsOrExactlyThoseNamed) {
  Expand("baseline: {securityHub: {standards: default}}\n");
  ASSERT_TRUE(diags_.empty()) << Diags();
  EXPECT_EQ(Find("aws_securityhub_account", "baseline")->properties["enable_default_standards"], true);
  EXPECT_EQ(Find("aws_accessanalyzer_analyzer", "baseline")->properties["name"], "shop");
  Expand("baseline: {securityHub: {standards: [foundational, cis]}}\n");
  ASSERT_TRUE(diags_.empty()) << Diags();
  EXPECT_EQ(Find("aws_securityhub_account", "baseline")->properties["enable_default_standards"], false);
  const ResourceConfig* fsbp =
      Find("aws_securityhub_standards_subscription", "baseline-aws-foundational-security-best-practices");
  ASSERT_NE(fsbp, nullptr);
  EXPECT_EQ(fsbp->properties["standards_arn"],
            "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0");
  const ResourceConfig* cis = Find("aws_securityhub_standards_subscription", "baseline-cis-aws-foundations-benchmark");
  ASSERT_NE(cis, nullptr);
  EXPECT_EQ(cis->properties["standards_arn"],
            "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/1.4.0");
  EXPECT_EQ(cis->depends_on, (std::vector<ResourceAddress>{{"aws_securityhub_account", "baseline"}}));
}

TEST_F(BaselineBlueprintTest, SecurityHubWithoutStandards) {
  Expand("baseline: {securityHub: {standards: []}}\n");
  ASSERT_TRUE(diags_.empty()) << Diags();
  EXPECT_EQ(Find("aws_securityhub_account", "baseline")->properties["enable_default_standards"], false);
}

TEST_F(BaselineBlueprintTest, AnUnknownSecurityHubStandardIsRefusedWithItsPlace) {
  Expand("baseline:\n  securityHub: {standards: [foundational, pcidss]}\n");
  ASSERT_EQ(diags_.size(), 1u) << Diags();
  EXPECT_NE(Diags().find(":2:"), std::string::npos) << Diags();
  EXPECT_NE(Diags().find("unknown standard \"pcidss\""), std::string::npos) << Diags();
}

TEST_F(BaselineBlueprintTest, AnAccountAliasOnlyWhenNamed) {
  Expand("baseline: true\n");
  EXPECT_EQ(Find("aws_iam_account_alias", "baseline"), nullptr);  // aliases are unique across AWS: no default
  Expand("baseline: {accountAlias: acme-shop}\n");
  ASSERT_NE(Find("aws_iam_account_alias", "baseline"), nullptr);
  EXPECT_EQ(Find("aws_iam_account_alias", "baseline")->properties["account_alias"], "acme-shop");
}

TEST_F(BaselineBlueprintTest, TheBucketAdmitsOnlyThePartsThatAreOn) {
  Expand("baseline: {config: false}\n");
  EXPECT_EQ(Find("aws_s3_bucket", "baseline")->properties["log_delivery"], Value::array({"cloudtrail"}));
  EXPECT_EQ(Find("aws_iam_role_policy_attachment", "baseline-config"), nullptr);
}

TEST_F(BaselineBlueprintTest, FalseWarnsAndMakesNothing) {
  Expand("name: x\nbaseline: false\n");
  EXPECT_TRUE(config_.resources.empty());
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_EQ(diags_[0].severity, Severity::kWarning);
  EXPECT_NE(diags_[0].ToString().find("p.yaml:2"), std::string::npos) << Diags();
}

TEST_F(BaselineBlueprintTest, MistakesAreErrorsWithTheirPlace) {
  Expand("baseline:\n  guarduty: false\n  cloudtrail: {retentionDays: 100}\n  passwordPolicy: {minLen: 3}\n");
  std::string d = Diags();
  EXPECT_NE(d.find("p.yaml:2"), std::string::npos) << d;
  EXPECT_NE(d.find("unknown key \"guarduty\""), std::string::npos) << d;
  EXPECT_NE(d.find("did you mean \"guardduty\""), std::string::npos) << d;
  EXPECT_NE(d.find("does not offer 100 days"), std::string::npos) << d;
  EXPECT_NE(d.find("unknown key \"minLen\""), std::string::npos) << d;
  Expand("baseline: {alarms: yes}\n");
  EXPECT_NE(Diags().find("baseline.alarms"), std::string::npos) << Diags();
}

// On by default: a file that builds on AWS and does not mention `baseline` gets it, placed at
// metadata; `baseline: false` gets none, with a warning; a file with only local resources
// (no AWS) gets none.
TEST(BaselineDefaultTest, OnForAwsPlatformsUnlessTheFileSaysFalse) {
  MemEnv env;
  ProviderRegistry registry;
  RegisterBuiltinTypes(&registry, &env);
  RegisterAwsTypes(&registry, nullptr, &env);
  NetworkBlueprint network;
  BaselineBlueprint baseline;
  auto load = [&](const std::string& body, std::vector<Diagnostic>* diags) {
    return ParsePlatform("apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n" + body,
                         "p.yaml", &env, registry, {&network, &baseline}, diags);
  };
  auto count = [](const LoadedPlatform& p, const std::string& type) {
    return std::count_if(p.config.resources.begin(), p.config.resources.end(),
                         [&](const ResourceConfig& rc) { return rc.address.type == type; });
  };
  std::vector<Diagnostic> diags;
  auto on = load("network: {cidr: 10.0.0.0/16}\n", &diags);
  ASSERT_TRUE(on.ok()) << on.status().ToString();
  EXPECT_EQ(count(*on, "aws_cloudtrail_trail"), 1);
  EXPECT_EQ(count(*on, "aws_guardduty_detector"), 1);
  EXPECT_EQ(count(*on, "aws_cloudwatch_metric_alarm"), 14);
  for (const ResourceConfig& rc : on->config.resources) {
    if (rc.address.type == "aws_guardduty_detector") {
      EXPECT_EQ(rc.location.line, 3) << "at metadata";
    }
  }
  EXPECT_TRUE(diags.empty());

  diags.clear();
  auto off = load("network: {cidr: 10.0.0.0/16}\nbaseline: false\n", &diags);
  ASSERT_TRUE(off.ok()) << off.status().ToString();
  EXPECT_EQ(count(*off, "aws_cloudtrail_trail"), 0);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].severity, Severity::kWarning);
  EXPECT_NE(diags[0].message.find("no security baseline"), std::string::npos);

  diags.clear();
  auto local = load("resources:\n  - {type: random_id, name: a, properties: {byte_length: 4}}\n", &diags);
  ASSERT_TRUE(local.ok()) << local.status().ToString();
  EXPECT_EQ(local->config.resources.size(), 1u) << "no AWS, no baseline";

  diags.clear();
  auto tuned = load("network: {cidr: 10.0.0.0/16}\nbaseline: {accessAnalyzer: false}\n", &diags);
  ASSERT_TRUE(tuned.ok()) << tuned.status().ToString();
  EXPECT_EQ(count(*tuned, "aws_accessanalyzer_analyzer"), 0);
  EXPECT_EQ(count(*tuned, "aws_guardduty_detector"), 1);
}

// A platform with an organization section, loaded as `pave` loads it (every AWS type
// registered, so the engine's validation runs too).
class BaselineOrganizationTest : public ::testing::Test {
 protected:
  BaselineOrganizationTest() {
    RegisterBuiltinTypes(&registry, &env);
    RegisterAwsTypes(&registry, nullptr, &env);
  }
  Result<LoadedPlatform> Parse(const std::string& text) {
    diags.clear();
    return ParsePlatform(text, "p.yaml", &env, registry, {&organization, &baseline}, &diags);
  }

  MemEnv env;
  ProviderRegistry registry;
  OrganizationBlueprint organization;
  BaselineBlueprint baseline;
  std::vector<Diagnostic> diags;
};

// With an organization, the account hardening and GuardDuty are made in every member account
// too (the resource's account is the member's), the rest in the account pave runs in.
TEST_F(BaselineOrganizationTest, HardeningAndGuardDutyInEveryMemberAccount) {
  auto p = Parse(
      "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
      "organization:\n  accounts:\n    - {name: apps, email: a@example.org}\n"
      "    - {name: legacy, id: \"123456789012\"}\n"
      "baseline: {securityAccount: apps}\n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::map<std::string, std::string> account_of;
  for (const ResourceConfig& rc : p->config.resources) account_of[rc.address.ToString()] = rc.account;
  for (const char* type : {"aws_guardduty_detector", "aws_securityhub_account", "aws_iam_account_password_policy",
                           "aws_ebs_encryption_by_default", "aws_s3_account_public_access_block"}) {
    std::string t = type;
    ASSERT_TRUE(account_of.count(t + ".baseline")) << t;
    EXPECT_EQ(account_of[t + ".baseline"], "") << t;
    EXPECT_EQ(account_of[t + ".baseline-apps"], "${aws_organizations_account.apps.id}") << t;
    EXPECT_EQ(account_of[t + ".baseline-legacy"], "123456789012") << t;
  }
  EXPECT_EQ(account_of.count("aws_cloudtrail_trail.baseline-apps"), 0u) << "one trail, in the account pave runs in";
  EXPECT_EQ(account_of["aws_cloudtrail_trail.baseline"], "");
  const ResourceConfig* admin = nullptr;
  for (const ResourceConfig& rc : p->config.resources) {
    if (rc.address.ToString() == "aws_guardduty_organization_admin_account.baseline") admin = &rc;
  }
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->properties["admin_account_id"], "${aws_organizations_account.apps.id}");
  EXPECT_EQ(admin->account, "") << "delegated from the management account";
  EXPECT_TRUE(account_of.count("aws_organizations_service_access.baseline-guardduty"));

  // The security account is the log archive: the bucket is there, admitting every account of
  // the organization and the organization trail, which the management account makes.
  auto find = [&](const std::string& address) -> const ResourceConfig& {
    for (const ResourceConfig& rc : p->config.resources) {
      if (rc.address.ToString() == address) return rc;
    }
    ADD_FAILURE() << address << " missing";
    return p->config.resources.front();
  };
  const ResourceConfig& bucket = find("aws_s3_bucket.baseline");
  EXPECT_EQ(bucket.account, "${aws_organizations_account.apps.id}");
  EXPECT_EQ(bucket.properties["log_sources"],
            Value::array({"${aws_organizations_organization.main.master_account_id}",
                          "${aws_organizations_account.apps.id}", "123456789012",
                          "${aws_organizations_organization.main.id}"}));
  const ResourceConfig& trail = find("aws_cloudtrail_trail.baseline");
  EXPECT_EQ(trail.properties["is_organization_trail"], true);
  EXPECT_EQ(trail.properties["s3_bucket_name"], "${aws_s3_bucket.baseline.bucket}");
  EXPECT_TRUE(account_of.count("aws_organizations_service_access.baseline-cloudtrail"));
  // Config records in every account and delivers to the archive; the rules stay in the
  // management account; the aggregator is in the security account, Config's delegated admin.
  for (const char* suffix : {"", "-apps", "-legacy"}) {
    std::string s = suffix;
    EXPECT_TRUE(account_of.count("aws_config_configuration_recorder.baseline" + s)) << s;
    EXPECT_EQ(find("aws_config_delivery_channel.baseline" + s).properties["s3_bucket_name"],
              "${aws_s3_bucket.baseline.bucket}");
    EXPECT_EQ(account_of["aws_iam_role.baseline-config" + s], account_of["aws_config_configuration_recorder.baseline" + s]);
    EXPECT_EQ(account_of.count("aws_config_config_rule.baseline-iam-password-policy" + s), s.empty() ? 1u : 0u);
  }
  EXPECT_EQ(account_of["aws_config_configuration_recorder.baseline-legacy"], "123456789012");
  const ResourceConfig& aggregator = find("aws_config_configuration_aggregator.baseline");
  EXPECT_EQ(aggregator.account, "${aws_organizations_account.apps.id}");
  EXPECT_EQ(aggregator.properties["organization_aggregation_source"]["AllAwsRegions"], true);
  EXPECT_EQ(find("aws_organizations_delegated_administrator.baseline-config").properties["service_principal"],
            "config.amazonaws.com");
  EXPECT_EQ(account_of["aws_iam_role.baseline-config-aggregator"], "${aws_organizations_account.apps.id}");
  // GuardDuty and Security Hub: the security account administers them and has AWS turn them
  // on in every member account, those that join later included.
  const ResourceConfig& guardduty = find("aws_guardduty_organization_configuration.baseline");
  EXPECT_EQ(guardduty.account, "${aws_organizations_account.apps.id}");
  EXPECT_EQ(guardduty.properties["detector_id"], "${aws_guardduty_detector.baseline-apps.id}");
  EXPECT_EQ(guardduty.properties["auto_enable_organization_members"], "ALL");
  EXPECT_EQ(find("aws_securityhub_organization_admin_account.baseline").properties["admin_account_id"],
            "${aws_organizations_account.apps.id}");
  EXPECT_EQ(account_of["aws_securityhub_organization_admin_account.baseline"], "");
  const ResourceConfig& hub = find("aws_securityhub_organization_configuration.baseline");
  EXPECT_EQ(hub.account, "${aws_organizations_account.apps.id}");
  EXPECT_EQ(hub.properties["auto_enable_standards"], "DEFAULT");
  EXPECT_TRUE(account_of.count("aws_organizations_service_access.baseline-securityhub"));
  // The accounts already in the organization are added to the administrator's members (auto-
  // enable reaches only those that join later); the administrator is not its own member.
  const ResourceConfig& management = find("aws_securityhub_member.baseline-member-management");
  EXPECT_EQ(management.account, "${aws_organizations_account.apps.id}");
  EXPECT_EQ(management.properties["account_id"], "${aws_organizations_organization.main.master_account_id}");
  EXPECT_EQ(find("aws_securityhub_member.baseline-member-legacy").properties["account_id"], "123456789012");
  EXPECT_EQ(account_of.count("aws_securityhub_member.baseline-member-apps"), 0u);
  const std::vector<ResourceAddress>& after = find("aws_securityhub_member.baseline-member-legacy").depends_on;
  EXPECT_NE(std::find(after.begin(), after.end(), ResourceAddress{"aws_securityhub_account", "baseline-legacy"}),
            after.end());
  // GuardDuty's auto-enable comes after pave's own detectors in the members.
  const std::vector<ResourceAddress>& gd_after = guardduty.depends_on;
  EXPECT_NE(std::find(gd_after.begin(), gd_after.end(), ResourceAddress{"aws_guardduty_detector", "baseline-legacy"}),
            gd_after.end());
  // Access Analyzer: one analyzer of the organization, in its delegated administrator.
  const ResourceConfig& analyzer = find("aws_accessanalyzer_analyzer.baseline");
  EXPECT_EQ(analyzer.properties["type"], "ORGANIZATION");
  EXPECT_EQ(analyzer.account, "${aws_organizations_account.apps.id}");
  EXPECT_EQ(account_of.count("aws_accessanalyzer_analyzer.baseline-apps"), 0u);
  EXPECT_EQ(find("aws_organizations_delegated_administrator.baseline-access-analyzer").properties["service_principal"],
            "access-analyzer.amazonaws.com");

  // guardduty: {autoEnable: false} leaves the members' choice to them.
  auto manual = Parse("apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
                      "organization:\n  accounts:\n    - {name: apps, email: a@example.org}\n"
                      "baseline: {securityAccount: apps, guardduty: {autoEnable: false}}\n");
  ASSERT_TRUE(manual.ok()) << manual.status().ToString();
  size_t configurations = 0, admins = 0;
  for (const ResourceConfig& rc : manual->config.resources) {
    configurations += rc.address.type == "aws_guardduty_organization_configuration";
    admins += rc.address.type == "aws_guardduty_organization_admin_account";
  }
  EXPECT_EQ(configurations, 0u);
  EXPECT_EQ(admins, 1u);
  auto typo = Parse("apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
                    "organization:\n  accounts:\n    - {name: apps, email: a@example.org}\n"
                    "baseline: {securityAccount: apps, guardduty: {autoEnable: sometimes}}\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("baseline.guardduty.autoEnable"), std::string::npos) << typo.status().ToString();

  auto wrong = Parse("apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
                     "organization:\n  accounts:\n    - {name: apps, email: a@example.org}\n"
                     "baseline: {securityAccount: aps}\n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("unknown account \"aps\""), std::string::npos) << wrong.status().ToString();
  EXPECT_NE(wrong.status().message().find("did you mean \"apps\"?"), std::string::npos) << wrong.status().ToString();
}

// baseline.regions: the regional parts (Config recorder and rules, GuardDuty, Security Hub,
// Access Analyzer, EBS encryption) in every account of every region named, each resource
// placed "ACCOUNT@REGION"; the global ones (trail, bucket, IAM, aggregator, trusted access)
// once. The platform's own region keeps its names.
TEST_F(BaselineOrganizationTest, RegionalPartsInEveryRegionGlobalOnesOnce) {
  auto p = Parse(
      "apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
      "organization:\n  accounts:\n    - {name: apps, email: a@example.org}\n"
      "    - {name: legacy, id: \"123456789012\"}\n"
      "baseline:\n  securityAccount: apps\n  regions: [eu-central-1, eu-west-1, eu-central-1]\n"
      "  securityHub: {standards: [foundational]}\n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::map<std::string, const ResourceConfig*> by;
  for (const ResourceConfig& rc : p->config.resources) by[rc.address.ToString()] = &rc;
  auto account = [&](const std::string& address) {
    auto it = by.find(address);
    return it == by.end() ? std::string("(missing)") : it->second->account;
  };
  const std::string apps = "${aws_organizations_account.apps.id}";
  for (const char* type : {"aws_guardduty_detector", "aws_securityhub_account", "aws_ebs_encryption_by_default",
                           "aws_config_configuration_recorder", "aws_config_delivery_channel"}) {
    std::string t = type;
    EXPECT_EQ(account(t + ".baseline"), "") << t;
    EXPECT_EQ(account(t + ".baseline-eu-central-1"), "@eu-central-1") << t;
    EXPECT_EQ(account(t + ".baseline-apps-eu-central-1"), apps + "@eu-central-1") << t;
    EXPECT_EQ(account(t + ".baseline-legacy-eu-central-1"), "123456789012@eu-central-1") << t;
  }
  // Nothing is named for the platform's own region, and the global parts are there once.
  for (const auto& [address, rc] : by) {
    EXPECT_EQ(address.find("eu-west-1"), std::string::npos) << address;
    if (address.ends_with("-eu-central-1")) {
      for (const char* global : {"aws_iam_", "aws_s3_", "aws_cloudtrail_", "aws_kms_", "aws_organizations_",
                                 "aws_config_configuration_aggregator", "aws_sns_", "aws_cloudwatch_"}) {
        EXPECT_FALSE(address.starts_with(global)) << address << " is global: once";
      }
    }
  }
  // Outside the platform's region the recorder uses the role made there and leaves IAM (global)
  // to the platform's region.
  const ResourceConfig& recorder = *by.at("aws_config_configuration_recorder.baseline-apps-eu-central-1");
  EXPECT_EQ(recorder.properties["role_arn"], "${aws_iam_role.baseline-config-apps.arn}");
  EXPECT_EQ(recorder.properties["include_global_resource_types"], false);
  EXPECT_EQ(by.at("aws_config_configuration_recorder.baseline-apps")->properties["include_global_resource_types"], true);
  EXPECT_EQ(account("aws_config_config_rule.baseline-iam-password-policy-eu-central-1"), "@eu-central-1");
  // Security Hub's standards name the region they are in.
  EXPECT_EQ(by.at("aws_securityhub_standards_subscription.baseline-apps-aws-foundational-security-best-practices-eu-central-1")
                ->properties["standards_arn"],
            "arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0");
  EXPECT_EQ(by.at("aws_securityhub_standards_subscription.baseline-apps-aws-foundational-security-best-practices")
                ->properties["standards_arn"],
            "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0");
  // The delegation of GuardDuty and Security Hub is regional: made in each region from the
  // management account, with the security account's detector of that region.
  EXPECT_EQ(account("aws_guardduty_organization_admin_account.baseline-eu-central-1"), "@eu-central-1");
  EXPECT_EQ(account("aws_securityhub_organization_admin_account.baseline-eu-central-1"), "@eu-central-1");
  const ResourceConfig& members = *by.at("aws_guardduty_organization_configuration.baseline-eu-central-1");
  EXPECT_EQ(members.account, apps + "@eu-central-1");
  EXPECT_EQ(members.properties["detector_id"], "${aws_guardduty_detector.baseline-apps-eu-central-1.id}");
  EXPECT_EQ(account("aws_accessanalyzer_analyzer.baseline-eu-central-1"), apps + "@eu-central-1");
  EXPECT_EQ(by.count("aws_organizations_service_access.baseline-guardduty"), 1u);
  EXPECT_EQ(account("aws_config_configuration_aggregator.baseline"), apps);

  for (const auto& [yaml, message] : std::vector<std::pair<std::string, std::string>>{
           {"regions: [eu-central-1, Mars]", "baseline.regions: \"Mars\" is not an AWS region name"},
           {"regions: eu-central-1", "baseline.regions must be a list of AWS regions"}}) {
    auto bad = Parse("apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: shop, region: eu-west-1}\n"
                     "baseline: {" + yaml + "}\n");
    ASSERT_FALSE(bad.ok()) << yaml;
    EXPECT_NE(bad.status().message().find(message), std::string::npos) << bad.status().ToString();
  }
}

}  // namespace
}  // namespace pave
