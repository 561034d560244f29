#include "platform/blueprints/baseline.h"

#include <algorithm>
#include <set>
#include <utility>

#include "engine/state.h"
#include "platform/blueprints/buckets.h"
#include "platform/blueprints/cluster_iam.h"
#include "platform/yaml_checks.h"

namespace pave {
namespace {

const std::vector<std::string> kKeys = {"cloudtrail",  "config", "guardduty", "securityHub", "accessAnalyzer",
                                        "passwordPolicy", "ebsEncryption", "s3PublicAccessBlock", "alarms",
                                        "accountAlias", "securityAccount", "regions"};
const std::vector<std::string> kRetentionDays = {"1",   "3",   "5",   "7",   "14",  "30",   "60",   "90",
                                                 "120", "150", "180", "365", "400", "545", "731", "1096",
                                                 "1827", "2192", "2557", "2922", "3288", "3653"};

// A CIS benchmark metric filter on the trail's log group: name, metric, pattern.
struct CisFilter {
  std::string name;
  std::string metric;
  std::string pattern;
};

const std::vector<CisFilter>& CisFilters() {
  static const std::vector<CisFilter> filters = {
      {"root-usage", "RootAccountUsage",
       R"({ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" })"},
      {"unauthorized-api-calls", "UnauthorizedAPICalls",
       R"({ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") })"},
      {"console-signin-without-mfa", "ConsoleSigninWithoutMFA",
       R"({ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") })"},
      {"iam-policy-changes", "IAMPolicyChanges",
       R"({ ($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy) })"},
      {"cloudtrail-changes", "CloudTrailConfigChanges",
       R"({ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) })"},
      {"console-signin-failures", "ConsoleSigninFailures",
       R"({ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") })"},
      {"kms-key-deletion", "KmsKeyDisabledOrScheduledForDeletion",
       R"({ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) })"},
      {"s3-bucket-policy-changes", "S3BucketPolicyChanges",
       R"({ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) })"},
      {"config-changes", "AwsConfigChanges",
       R"({ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) })"},
      {"security-group-changes", "SecurityGroupChanges",
       R"({ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) })"},
      {"nacl-changes", "NetworkAclChanges",
       R"({ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) })"},
      {"network-gateway-changes", "NetworkGatewayChanges",
       R"({ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) })"},
      {"route-table-changes", "RouteTableChanges",
       R"({ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) })"},
      {"vpc-changes", "VpcChanges",
       R"({ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) })"},
  };
  return filters;
}

std::string Ref(const std::string& address, const std::string& attribute) {
  return "${" + address + "." + attribute + "}";
}

// One part of the section: absent/true/null = on with defaults, false = off, a map = options.
struct Part {
  bool on = true;
  YAML::Node options;  // the map, or undefined
};

class BaselineExpander {
 public:
  BaselineExpander(const YAML::Node& node, BlueprintContext& ctx) : node_(node), ctx_(ctx) {}

  void Expand() {
    for (const auto& kv : node_) {
      std::string key = kv.first.Scalar();
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        ctx_.Error(kv.first, "baseline: unknown key \"" + key + "\"", SuggestionHint(key, kKeys));
      }
    }
    // With an organization: its accounts, the account pave runs in first ("" name and id).
    accounts_ = Value::array({{{"name", ""}, {"account", ""}}});
    const Value* members = ctx_.Import("organization.members");
    if (members) {
      for (const Value& m : *members) accounts_.push_back(m);
    }
    organization_ = members != nullptr;
    security_ = SecurityAccount();
    Part trail = Read("cloudtrail", {"retentionDays"});
    Part config = Read("config", {"rules"});
    int days = RetentionDays(trail.options);
    Value delivery = Value::array();
    if (trail.on) delivery.push_back("cloudtrail");
    if (config.on) delivery.push_back("config");
    Bucket(delivery, days);
    if (trail.on) Trail(days);
    Part guardduty_part = Read("guardduty", {"autoEnable"});
    Part hub = Read("securityHub", {"standards"});
    Regional regional{.config = config.on,
                      .rules = config.on ? RuleIds(config.options) : std::vector<std::string>{},
                      .guardduty = guardduty_part.on,
                      .auto_enable = Flag(guardduty_part.options, "guardduty", "autoEnable", true),
                      .hub = hub.on,
                      .standards = hub.on ? SecurityHubStandards(hub.options) : Standards{},
                      .access_analyzer = Read("accessAnalyzer", {}).on,
                      .ebs = Read("ebsEncryption", {}).on};
    // The regional parts in the platform's region, then in each other region of `regions`
    // (names there end in "-<region>"); the organization's aggregator sees them all.
    for (const std::string& region : Regions()) {
      region_ = region;
      InRegion(regional);
    }
    region_.clear();
    if (config.on) Aggregator();
    Part password = Read("passwordPolicy", {"minLength", "maxAgeDays", "reuse"});
    const Value password_policy = password.on ? PasswordPolicy(password.options) : Value();
    const bool public_access = Read("s3PublicAccessBlock", {}).on;
    // Account hardening of IAM and S3 (global, once an account) in the account pave runs in
    // and, with an organization, in every member account (through its access role:
    // docs/accounts.md).
    for (const Value& a : accounts_) {
      std::string suffix = Suffix(a["name"].get<std::string>());
      std::string account = a["account"].get<std::string>();
      if (password.on) InAccount("aws_iam_account_password_policy", suffix, password_policy, account);
      if (public_access) InAccount("aws_s3_account_public_access_block", suffix, Value::object(), account);
    }
    if (YAML::Node alias = MapValue(node_, "accountAlias"); alias.IsDefined() && !alias.IsNull()) {
      if (!alias.IsScalar() || alias.Scalar().empty()) {
        ctx_.Error(alias, "baseline.accountAlias must be a name (the account's sign-in alias)");
      } else {
        ctx_.Add("aws_iam_account_alias", "baseline", {{"account_alias", alias.Scalar()}}, alias);
      }
    }
    Part alarms = Read("alarms", {"email"});
    if (alarms.on) Alarms(alarms.options, trail.on);
  }

 private:
  // What the regional parts are made of, read once from the section.
  struct Standards {
    bool defaults = true;
    std::vector<std::string> arns;  // "{region}" stands for the region the hub is in
  };
  struct Regional {
    bool config = true;
    std::vector<std::string> rules;
    bool guardduty = true, auto_enable = true;
    bool hub = true;
    Standards standards;
    bool access_analyzer = true, ebs = true;
  };

  // The parts that live in a region (region_): Config's recorder and rules, GuardDuty,
  // Security Hub, Access Analyzer and EBS encryption by default, in every account, with the
  // security account administering GuardDuty and Security Hub there.
  void InRegion(const Regional& parts) {
    if (parts.config) {
      for (const Value& a : accounts_) ConfigIn(a["name"].get<std::string>(), a["account"].get<std::string>());
      Rules(parts.rules);
    }
    for (const Value& a : accounts_) {
      std::string suffix = Suffix(a["name"].get<std::string>());
      std::string account = a["account"].get<std::string>();
      if (parts.guardduty) InAccount("aws_guardduty_detector", suffix, {{"enable", true}}, account);
      if (parts.hub) SecurityHubIn(suffix, account, parts.standards);
      if (parts.ebs) InAccount("aws_ebs_encryption_by_default", suffix, Value::object(), account);
    }
    if (parts.access_analyzer) AccessAnalyzer();
    if (parts.guardduty && !security_.empty()) GuardDutyAdmin(parts.auto_enable);
    if (parts.hub && !security_.empty()) SecurityHubAdmin(parts.standards.defaults);
  }

  // baseline.regions: the platform's region ("") first, then the others named, once each.
  std::vector<std::string> Regions() {
    std::vector<std::string> out = {""};
    YAML::Node n = MapValue(node_, "regions");
    if (!n.IsDefined() || n.IsNull()) return out;
    if (!n.IsSequence()) {
      ctx_.Error(n, "baseline.regions must be a list of AWS regions", "e.g. regions: [eu-west-1, eu-central-1]");
      return out;
    }
    for (const YAML::Node& item : n) {
      std::string region = item.IsScalar() ? item.Scalar() : "";
      if (!IsRegionName(region)) {
        ctx_.Error(item, "baseline.regions: \"" + region + "\" is not an AWS region name", "e.g. eu-central-1");
        continue;
      }
      if (region == ctx_.metadata().region) continue;  // the platform's own: always in
      if (std::find(out.begin(), out.end(), region) == out.end()) out.push_back(region);
    }
    return out;
  }

  // The region the regional part being added lives in.
  std::string Region() const { return region_.empty() ? ctx_.metadata().region : region_; }
  std::string RegionSuffix() const { return region_.empty() ? "" : "-" + region_; }

  Part Read(const std::string& key, const std::vector<std::string>& options) {
    YAML::Node n = MapValue(node_, key);
    Part part;
    bool flag = true;
    if (!n.IsDefined() || n.IsNull()) return part;
    if (n.IsScalar()) {
      if (!StrictBool(n, &flag)) ctx_.Error(n, StrictBoolError(n, "baseline." + key));
      part.on = flag;
      return part;
    }
    if (!n.IsMap()) {
      ctx_.Error(n, "baseline." + key + " must be true, false or a map");
      return part;
    }
    for (const auto& kv : n) {
      std::string k = kv.first.Scalar();
      if (std::find(options.begin(), options.end(), k) == options.end()) {
        ctx_.Error(kv.first, "baseline." + key + ": unknown key \"" + k + "\"",
                   options.empty() ? "it takes no options: write true or false" : SuggestionHint(k, options));
      }
    }
    part.options = n;
    return part;
  }

  // Security Hub's standards: `standards` not written or `default`: AWS's default standards
  // (Foundational Security Best Practices and CIS 1.2) with the hub; a list: exactly those,
  // each a subscription (foundational, cis (1.4.0), cis-1.2, pci, nist); [] for none.
  Standards SecurityHubStandards(const YAML::Node& options) {
    static const std::vector<std::pair<std::string, std::string>> kStandards = {
        {"foundational", "arn:aws:securityhub:{region}::standards/aws-foundational-security-best-practices/v/1.0.0"},
        {"cis", "arn:aws:securityhub:{region}::standards/cis-aws-foundations-benchmark/v/1.4.0"},
        {"cis-1.2", "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0"},
        {"pci", "arn:aws:securityhub:{region}::standards/pci-dss/v/3.2.1"},
        {"nist", "arn:aws:securityhub:{region}::standards/nist-800-53/v/5.0.0"}};
    Standards out;
    YAML::Node n = MapValue(options, "standards");
    if (!n.IsDefined() || n.IsNull() || (n.IsScalar() && n.Scalar() == "default")) return out;
    if (!n.IsSequence()) {
      ctx_.Error(n, "baseline.securityHub.standards must be default or a list",
                 "e.g. standards: [foundational, cis]; [] for none");
      return out;
    }
    out.defaults = false;
    std::vector<std::string> names;
    for (const auto& [name, arn] : kStandards) names.push_back(name);
    std::set<std::string> seen;
    for (const YAML::Node& item : n) {
      std::string name = item.IsScalar() ? item.Scalar() : "";
      auto it = std::find_if(kStandards.begin(), kStandards.end(), [&](const auto& s) { return s.first == name; });
      if (it == kStandards.end()) {
        ctx_.Error(item, "baseline.securityHub.standards: unknown standard \"" + name + "\"", SuggestionHint(name, names));
        continue;
      }
      if (!seen.insert(name).second) continue;
      out.arns.push_back(it->second);
    }
    return out;
  }

  // The hub of `account` (suffix) and its chosen standards, one subscription each.
  void SecurityHubIn(const std::string& suffix, const std::string& account, const Standards& standards) {
    InAccount("aws_securityhub_account", suffix, {{"enable_default_standards", standards.defaults}}, account);
    for (std::string arn : standards.arns) {
      if (size_t at = arn.find("{region}"); at != std::string::npos) arn.replace(at, 8, Region());
      std::string name = arn.substr(arn.find("standards/") != std::string::npos ? arn.find("standards/") + 10
                                                                                 : arn.find("ruleset/") + 8);
      name = name.substr(0, name.find('/'));
      InAccount("aws_securityhub_standards_subscription", suffix + "-" + name, {{"standards_arn", arn}}, account)
          .depends_on.push_back({"aws_securityhub_account", Name(suffix)});
    }
  }

  // `key: true|false` in a part's options, `fallback` when not written.
  bool Flag(const YAML::Node& options, const std::string& part, const std::string& key, bool fallback) {
    YAML::Node n = MapValue(options, key);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    bool flag = fallback;
    if (!StrictBool(n, &flag)) ctx_.Error(n, StrictBoolError(n, "baseline." + part + "." + key));
    return flag;
  }

  // IAM Access Analyzer: of the organization when there is one (in the security account,
  // registered as its delegated administrator, or else in the management account), of the
  // account otherwise.
  void AccessAnalyzer() {
    if (!organization_) {
      InAccount("aws_accessanalyzer_analyzer", "", {{"name", ctx_.metadata().name}, {"type", "ACCOUNT"}}, "");
      return;
    }
    ServiceAccess("access-analyzer");
    if (!security_.empty() && region_.empty()) {  // (one delegation for every region)
      ctx_.Add("aws_organizations_delegated_administrator", "baseline-access-analyzer",
               {{"account_id", security_}, {"service_principal", "access-analyzer.amazonaws.com"}}, node_)
          .depends_on.push_back({"aws_organizations_service_access", "baseline-access-analyzer"});
    }
    ResourceConfig& analyzer = InAccount("aws_accessanalyzer_analyzer", "",
                                         {{"name", ctx_.metadata().name}, {"type", "ORGANIZATION"}}, security_);
    analyzer.depends_on.push_back({"aws_organizations_service_access", "baseline-access-analyzer"});
    if (!security_.empty()) {
      analyzer.depends_on.push_back({"aws_organizations_delegated_administrator", "baseline-access-analyzer"});
    }
  }

  int Int(const YAML::Node& options, const std::string& key, int fallback, int min, int max) {
    YAML::Node n = MapValue(options, key);
    if (!n.IsDefined() || n.IsNull()) return fallback;
    int v = min - 1;
    try {
      v = n.as<int>();
    } catch (const YAML::Exception&) {
    }
    if (v < min || v > max) {
      ctx_.Error(n, "baseline: " + key + " must be a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max));
      return fallback;
    }
    return v;
  }

  // The security bucket: its policy admits the delivery of the parts that are on, and objects
  // expire after the trail's retention (its log group keeps them as long).
  // With an organization it is the log archive of every account (in the security account when
  // there is one): its policy admits the organization trail and each account's Config.
  void Bucket(const Value& log_delivery, int expiration_days) {
    bucket_ = DerivedBucketName(ctx_.metadata(), "audit");
    Value sources = Value::array();
    if (organization_ && !log_delivery.empty()) {
      for (const Value& a : accounts_) {
        std::string id = a["account"].get<std::string>();
        sources.push_back(id.empty() ? Ref("aws_organizations_organization.main", "master_account_id") : id);
      }
      sources.push_back(Ref("aws_organizations_organization.main", "id"));
    }
    ctx_.Add("aws_s3_bucket", "baseline",
             {{"bucket", bucket_},
              {"versioning", true},
              {"block_public_access", true},
              {"require_tls", true},
              {"sse_algorithm", "AES256"},
              {"log_delivery", log_delivery},
              {"log_sources", sources},
              {"expiration_days", expiration_days}},
             node_)
        .account = security_;
    ctx_.Export("baseline.bucket", bucket_);
    ctx_.Output("baseline.bucket", bucket_, "the security log bucket (CloudTrail, Config)");
  }

  void Role(const std::string& name, const std::string& service) {  // in the account pave runs in
    ctx_.Add("aws_iam_role", name,
             {{"name", ctx_.metadata().name + "-" + name}, {"assume_role_policy", ServiceTrustPolicy(service)}},
             node_);
  }

  // cloudtrail.retentionDays (365 when not written), one of the periods CloudWatch Logs offers.
  int RetentionDays(const YAML::Node& options) {
    int days = Int(options, "retentionDays", 365, 1, 3653);
    if (std::find(kRetentionDays.begin(), kRetentionDays.end(), std::to_string(days)) == kRetentionDays.end()) {
      ctx_.Error(MapValue(options, "retentionDays"), "baseline.cloudtrail.retentionDays: CloudWatch Logs does not "
                                                     "offer " + std::to_string(days) + " days",
                 SuggestionHint(std::to_string(days), kRetentionDays));
      days = 365;
    }
    return days;
  }

  // An organization trail (every account) when there is an organization, made in its
  // management account once CloudTrail has trusted access; else the account's own trail.
  void Trail(int days) {
    std::string name = ctx_.metadata().name;
    if (organization_) ServiceAccess("cloudtrail");
    ctx_.Add("aws_cloudwatch_log_group", "baseline-trail", {{"name", name + "-trail"}, {"retention_in_days", days}},
             node_);
    Role("baseline-trail", "cloudtrail.amazonaws.com");
    Value policy = {{"Version", "2012-10-17"},
                    {"Statement",
                     {{{"Effect", "Allow"},
                       {"Action", {"logs:CreateLogStream", "logs:PutLogEvents"}},
                       {"Resource", Ref("aws_cloudwatch_log_group.baseline-trail", "arn") + ":*"}}}}};
    ctx_.Add("aws_iam_role_policy", "baseline-trail",
             {{"role", Ref("aws_iam_role.baseline-trail", "name")}, {"name", "cloudtrail-to-logs"},
              {"policy", policy.dump()}},
             node_);
    TrailKey(name);
    ResourceConfig& trail =
        ctx_.Add("aws_cloudtrail_trail", "baseline",
                 {{"name", name},
                  {"s3_bucket_name", Ref("aws_s3_bucket.baseline", "bucket")},
                  {"is_multi_region_trail", true},
                  {"include_global_service_events", true},
                  {"enable_log_file_validation", true},
                  {"kms_key_id", Ref("aws_kms_key.baseline-trail", "arn")},
                  {"cloud_watch_logs_group_arn", Ref("aws_cloudwatch_log_group.baseline-trail", "arn") + ":*"},
                  {"cloud_watch_logs_role_arn", Ref("aws_iam_role.baseline-trail", "arn")}},
                 node_);
    trail.depends_on.push_back({"aws_iam_role_policy", "baseline-trail"});
    if (organization_) {
      trail.properties["is_organization_trail"] = true;
      trail.depends_on.push_back({"aws_organizations_service_access", "baseline-cloudtrail"});
    }
  }

  // The KMS key the trail encrypts its log files with (CIS 3.5): its policy lets CloudTrail
  // encrypt for this account's trails and lets this account (and the security account) read.
  void TrailKey(const std::string& name) {
    ctx_.Add("aws_caller_identity", "baseline", Value::object(), node_);
    const std::string account = Ref("aws_caller_identity.baseline", "account_id");
    const std::string trails = "arn:aws:cloudtrail:*:" + account + ":trail/*";
    Value readers = Value::array({account});
    if (!security_.empty()) readers.push_back(security_);
    Value policy = {
        {"Version", "2012-10-17"},
        {"Statement",
         {{{"Sid", "AccountAdministers"},
           {"Effect", "Allow"},
           {"Principal", {{"AWS", "arn:aws:iam::" + account + ":root"}}},
           {"Action", "kms:*"},
           {"Resource", "*"}},
          {{"Sid", "CloudTrailEncrypts"},
           {"Effect", "Allow"},
           {"Principal", {{"Service", "cloudtrail.amazonaws.com"}}},
           {"Action", "kms:GenerateDataKey*"},
           {"Resource", "*"},
           {"Condition", {{"StringLike", {{"kms:EncryptionContext:aws:cloudtrail:arn", trails}}}}}},
          {{"Sid", "CloudTrailDescribes"},
           {"Effect", "Allow"},
           {"Principal", {{"Service", "cloudtrail.amazonaws.com"}}},
           {"Action", "kms:DescribeKey"},
           {"Resource", "*"}},
          {{"Sid", "AccountsReadLogs"},
           {"Effect", "Allow"},
           {"Principal", {{"AWS", "*"}}},
           {"Action", {"kms:Decrypt", "kms:ReEncryptFrom"}},
           {"Resource", "*"},
           {"Condition",
            {{"StringEquals", {{"kms:CallerAccount", readers}}},
             {"StringLike", {{"kms:EncryptionContext:aws:cloudtrail:arn", trails}}}}}}}}};
    ctx_.Add("aws_kms_key", "baseline-trail",
             {{"description", "CloudTrail log files of " + name}, {"policy", policy.dump()}}, node_);
  }

  std::vector<std::string> RuleIds(const YAML::Node& options) {
    YAML::Node n = MapValue(options, "rules");
    if (!n.IsDefined() || n.IsNull() || (n.IsScalar() && n.Scalar() == "recommended")) {
      return RecommendedConfigRules();
    }
    std::vector<std::string> out;
    if (!n.IsSequence()) {
      ctx_.Error(n, "baseline.config.rules must be recommended or a list of AWS managed rule identifiers",
                 "e.g. [ROOT_ACCOUNT_MFA_ENABLED, CLOUD_TRAIL_ENABLED]");
      return out;
    }
    for (const YAML::Node& item : n) {
      std::string id = item.IsScalar() ? item.Scalar() : "";
      bool ok = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      });
      if (!ok) {
        ctx_.Error(item, "baseline.config.rules: \"" + id + "\" is not an AWS managed rule identifier",
                   SuggestionHint(id, RecommendedConfigRules()));
        continue;
      }
      out.push_back(id);
    }
    return out;
  }

  // The recorder and its delivery channel to the security bucket in one account ("": the one
  // pave runs in), with the role Config records and delivers as.
  // In another region than the platform's, the role (IAM is global) is the one made there, and
  // global resource types (IAM) are recorded only in the platform's region.
  void ConfigIn(const std::string& account_name, const std::string& account) {
    const std::string suffix = Suffix(account_name), config = "baseline-config" + suffix;
    const std::string recorder = "aws_config_configuration_recorder." + Name(suffix);
    if (region_.empty()) {
      InAccount("aws_iam_role", "-config" + suffix,
                {{"name", ctx_.metadata().name + "-baseline-config"},
                 {"assume_role_policy", ServiceTrustPolicy("config.amazonaws.com")}},
                account);
      // What the recorder reads: AWS's managed policy for Config, kept current by AWS.
      InAccount("aws_iam_role_policy_attachment", "-config" + suffix,
                {{"role", Ref("aws_iam_role." + config, "name")},
                 {"policy_arn", "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"}},
                account);
      // Delivery to the bucket (its policy admits Config too: aws_s3_bucket log_delivery).
      Value policy = {{"Version", "2012-10-17"},
                      {"Statement",
                       {{{"Effect", "Allow"},
                         {"Action", {"s3:PutObject", "s3:GetBucketAcl"}},
                         {"Resource", {Ref("aws_s3_bucket.baseline", "arn"), Ref("aws_s3_bucket.baseline", "arn") + "/*"}}}}}};
      InAccount("aws_iam_role_policy", "-config" + suffix,
                {{"role", Ref("aws_iam_role." + config, "name")}, {"name", "config-delivery"}, {"policy", policy.dump()}},
                account);
    }
    InAccount("aws_config_configuration_recorder", suffix,
              {{"name", "default"},
               {"role_arn", Ref("aws_iam_role." + config, "arn")},
               {"all_supported", true},
               {"include_global_resource_types", region_.empty()}},
              account)
        .depends_on.push_back({"aws_iam_role_policy_attachment", config});
    InAccount("aws_config_delivery_channel", suffix,
              {{"name", "default"}, {"s3_bucket_name", Ref("aws_s3_bucket.baseline", "bucket")}}, account)
        .depends_on.push_back({"aws_config_configuration_recorder", Name(suffix)});
    InAccount("aws_config_configuration_recorder_status", suffix, {{"name", Ref(recorder, "name")}}, account)
        .depends_on.push_back({"aws_config_delivery_channel", Name(suffix)});
  }

  // The managed rules, in the account pave runs in.
  void Rules(const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
      std::string rule = id;
      std::transform(rule.begin(), rule.end(), rule.begin(), [](char c) { return c == '_' ? '-' : char(c | 0x20); });
      InAccount("aws_config_config_rule", "-" + rule, {{"name", rule}, {"source_identifier", id}}, "")
          .depends_on.push_back({"aws_config_configuration_recorder", Name("")});
    }
  }

  // With an organization: one aggregator of every account and region, in the security account
  // (registered as Config's delegated administrator) or else in the management account.
  void Aggregator() {
    if (!organization_) return;
    ServiceAccess("config");
    InAccount("aws_iam_role", "-config-aggregator",
              {{"name", ctx_.metadata().name + "-config-aggregator"},
               {"assume_role_policy", ServiceTrustPolicy("config.amazonaws.com")}},
              security_);
    InAccount("aws_iam_role_policy_attachment", "-config-aggregator",
              {{"role", Ref("aws_iam_role.baseline-config-aggregator", "name")},
               {"policy_arn", "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"}},
              security_);
    if (!security_.empty()) {
      ctx_.Add("aws_organizations_delegated_administrator", "baseline-config",
               {{"account_id", security_}, {"service_principal", "config.amazonaws.com"}}, node_)
          .depends_on.push_back({"aws_organizations_service_access", "baseline-config"});
    }
    // (Added last: a reference into the resources stays valid only until the next Add.)
    ResourceConfig& aggregator = InAccount(
        "aws_config_configuration_aggregator", "",
        {{"name", ctx_.metadata().name},
         {"organization_aggregation_source",
          {{"RoleArn", Ref("aws_iam_role.baseline-config-aggregator", "arn")}, {"AllAwsRegions", true}}}},
        security_);
    aggregator.depends_on.push_back({"aws_iam_role_policy_attachment", "baseline-config-aggregator"});
    aggregator.depends_on.push_back({"aws_organizations_service_access", "baseline-config"});
    if (!security_.empty()) {
      aggregator.depends_on.push_back({"aws_organizations_delegated_administrator", "baseline-config"});
    }
  }

  // Trusted access of `service` (cloudtrail, config, guardduty) to the organization, once.
  void ServiceAccess(const std::string& service) {
    if (!services_.insert(service).second) return;
    ctx_.Add("aws_organizations_service_access", "baseline-" + service,
             {{"service_principal", service + ".amazonaws.com"}}, node_);
  }

  Value PasswordPolicy(const YAML::Node& options) {
    return {{"minimum_password_length", Int(options, "minLength", 14, 8, 128)},
            {"max_password_age", Int(options, "maxAgeDays", 90, 1, 1095)},
            {"password_reuse_prevention", Int(options, "reuse", 24, 1, 24)}};
  }

  // securityAccount: NAME (an account of the organization section): the log archive (the
  // security bucket) and the delegated administrator of GuardDuty and Config for the whole
  // organization. Its account id (or reference), "" when not written.
  std::string SecurityAccount() {
    YAML::Node at = MapValue(node_, "securityAccount");
    if (!at.IsDefined() || at.IsNull()) return "";
    if (!at.IsScalar() || at.Scalar().empty()) {
      ctx_.Error(at, "baseline.securityAccount must name an account of the organization section");
      return "";
    }
    if (!organization_) {
      ctx_.Error(at, "baseline.securityAccount needs the organization: section",
                 "name one of its accounts, e.g. securityAccount: security");
      return "";
    }
    return ctx_.AccountByName(at, at.Scalar());
  }

  // The security account administers GuardDuty for the organization (trusted access, then its
  // delegated administrator), from the account pave runs in; with `autoEnable` (the default)
  // it has GuardDuty turned on in every member, those that join later included.
  void GuardDutyAdmin(bool auto_enable) {
    YAML::Node at = MapValue(node_, "securityAccount");
    ServiceAdmin("aws_guardduty_organization_admin_account", "guardduty", {"aws_guardduty_detector", Name("")});
    if (!auto_enable) return;
    std::string detector = "aws_guardduty_detector." + Name(Suffix(at.Scalar()));
    ResourceConfig& config =
        InAccount("aws_guardduty_organization_configuration", "",
                  {{"detector_id", Ref(detector, "id")}, {"auto_enable_organization_members", "ALL"}}, security_);
    config.depends_on.push_back({"aws_guardduty_organization_admin_account", Name("")});
    // After pave's own detectors in the members: GuardDuty then takes them as they are,
    // rather than making detectors that pave's creates would collide with.
    for (const Value& a : accounts_) {
      config.depends_on.push_back({"aws_guardduty_detector", Name(Suffix(a["name"].get<std::string>()))});
    }
  }

  // The same for Security Hub: its delegated administrator, which has it (and the chosen
  // default standards) turned on in accounts that join the organization.
  void SecurityHubAdmin(bool defaults) {
    YAML::Node at = MapValue(node_, "securityAccount");
    ServiceAdmin("aws_securityhub_organization_admin_account", "securityhub", {"aws_securityhub_account", Name("")});
    ResourceConfig& config = InAccount("aws_securityhub_organization_configuration", "",
                                       {{"auto_enable", true}, {"auto_enable_standards", defaults ? "DEFAULT" : "NONE"}},
                                       security_);
    config.depends_on.push_back({"aws_securityhub_organization_admin_account", Name("")});
    config.depends_on.push_back({"aws_securityhub_account", Name(Suffix(at.Scalar()))});
    // Auto-enable reaches accounts that join later; those here already become members of the
    // administrator one by one, once their own hub is on.
    for (const Value& a : accounts_) {
      const std::string name = a["name"].get<std::string>(), id = a["account"].get<std::string>();
      if (id == security_) continue;
      const std::string suffix = "-member" + (name.empty() ? std::string("-management") : Suffix(name));
      ResourceConfig& member = InAccount(
          "aws_securityhub_member", suffix,
          {{"account_id", id.empty() ? Ref("aws_organizations_organization.main", "master_account_id") : id}},
          security_);
      member.depends_on.push_back({"aws_securityhub_account", Name(Suffix(name))});
      member.depends_on.push_back({"aws_securityhub_organization_admin_account", Name("")});
    }
  }

  // `type`.baseline: the security account as `service`'s delegated administrator, after its
  // trusted access and `after` (the service on in the management account).
  void ServiceAdmin(const std::string& type, const std::string& service, ResourceAddress after) {
    ServiceAccess(service);
    ResourceConfig& admin = InAccount(type, "", {{"admin_account_id", security_}}, "");
    admin.depends_on.push_back({"aws_organizations_service_access", "baseline-" + service});
    admin.depends_on.push_back(std::move(after));
  }

  static std::string Suffix(const std::string& account_name) {
    return account_name.empty() ? "" : "-" + account_name;
  }

  // "baseline<suffix>", then "-<region>" outside the platform's region.
  std::string Name(const std::string& suffix) const { return "baseline" + suffix + RegionSuffix(); }

  // <type>.<Name(suffix)> in `account` ("": the account pave runs in) and region_.
  ResourceConfig& InAccount(const std::string& type, const std::string& suffix, Value properties,
                            const std::string& account) {
    ResourceConfig& r = ctx_.Add(type, Name(suffix), std::move(properties), node_);
    r.account = JoinPlacement(account, region_);
    return r;
  }

  void Alarms(const YAML::Node& options, bool trail_on) {
    std::string name = ctx_.metadata().name;
    ctx_.Add("aws_sns_topic", "baseline-alarms", {{"name", name + "-security-alarms"}}, node_);
    YAML::Node email = MapValue(options, "email");
    if (email.IsDefined() && !email.IsNull()) {
      std::string address = email.IsScalar() ? email.Scalar() : "";
      if (address.find('@') == std::string::npos) {
        ctx_.Error(email, "baseline.alarms.email must be an email address");
      } else {
        ctx_.Add("aws_sns_topic_subscription", "baseline-alarms-email",
                 {{"topic_arn", Ref("aws_sns_topic.baseline-alarms", "arn")}, {"protocol", "email"},
                  {"endpoint", address}},
                 node_);
      }
    }
    if (!trail_on) return;
    for (const CisFilter& f : CisFilters()) Alarm(f, name);
  }

  void Alarm(const CisFilter& f, const std::string& name) {
    ctx_.Add("aws_cloudwatch_log_metric_filter", "baseline-" + f.name,
             {{"log_group_name", Ref("aws_cloudwatch_log_group.baseline-trail", "name")},
              {"name", f.name},
              {"pattern", f.pattern},
              {"metric_transformations",
               {{{"metricName", f.metric}, {"metricNamespace", "CISBenchmark"}, {"metricValue", "1"}}}}},
             node_);
    ctx_.Add("aws_cloudwatch_metric_alarm", "baseline-" + f.name,
             {{"name", name + "-" + f.name},
              {"metric_name", f.metric},
              {"namespace", "CISBenchmark"},
              {"statistic", "Sum"},
              {"period", 300},
              {"evaluation_periods", 1},
              {"threshold", 1},
              {"comparison_operator", "GreaterThanOrEqualToThreshold"},
              {"alarm_actions", {Ref("aws_sns_topic.baseline-alarms", "arn")}}},
             node_)
        .depends_on.push_back({"aws_cloudwatch_log_metric_filter", "baseline-" + f.name});
  }

  const YAML::Node& node_;
  BlueprintContext& ctx_;
  std::string bucket_;
  Value accounts_;             // {name, account} of each account; the first is pave's own
  bool organization_ = false;  // the platform has an organization section
  std::string security_;       // the security account's id (or reference); "": none
  std::string region_;         // the region regional parts are added in; "": the platform's
  std::set<std::string> services_;  // trusted access added (ServiceAccess)
};

}  // namespace

const std::vector<std::string>& RecommendedConfigRules() {
  static const std::vector<std::string> rules = {
      "ROOT_ACCOUNT_MFA_ENABLED",     "IAM_PASSWORD_POLICY",        "CLOUD_TRAIL_ENABLED",
      "GUARDDUTY_ENABLED_CENTRALIZED", "S3_BUCKET_PUBLIC_READ_PROHIBITED", "S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
      "RDS_STORAGE_ENCRYPTED",        "ENCRYPTED_VOLUMES",          "EC2_EBS_ENCRYPTION_BY_DEFAULT"};
  return rules;
}

void BaselineBlueprint::Expand(const YAML::Node& node, BlueprintContext& ctx) {
  bool flag = true;
  if (node.IsScalar() && !node.IsNull()) {
    if (!StrictBool(node, &flag)) return ctx.Error(node, StrictBoolError(node, "baseline"));
    if (!flag) {
      return ctx.Warn(node, "baseline: false: no security baseline (CloudTrail, Config, GuardDuty, account hardening)",
                      "docs/security.md lists what it would make");
    }
  } else if (!node.IsNull() && !node.IsMap()) {
    return ctx.Error(node, "baseline must be true, false or a map of its parts", "e.g. baseline: {alarms: {email: ...}}");
  }
  BaselineExpander(node, ctx).Expand();
}

}  // namespace pave
