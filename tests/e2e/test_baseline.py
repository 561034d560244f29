"""End-to-end test of the security baseline's resource types (issue 14) and the `waf:` section,
against moto, read back with the AWS CLI: first the types declared one by one under
`resources:`, then the `baseline:` section that declares them (BaselineSectionAgainstMoto).
Second plan empty; destroy with --allow-data-loss removes everything (account settings reset)."""

import json
import os
import unittest

from e2e_support import REGION, Moto, Workdir, aws, pave_bin, run_pave

ACCOUNT = "123456789012"  # moto's
GROUP_ARN = "arn:aws:logs:eu-west-1:%s:log-group:secshop-trail:*" % ACCOUNT

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
baseline: false  # this platform declares the baseline's types one by one, under resources:
metadata:
  name: secshop
  region: eu-west-1
buckets:
  - {name: security, versioning: true, encryption: s3}
waf:
  - {name: ingress, scope: regional, managedRules: [common, known-bad-inputs, ip-reputation], rateLimit: 2000}
resources:
  - {type: aws_cloudwatch_log_group, name: trail, properties: {name: secshop-trail, retention_in_days: 365}}
  - type: aws_cloudtrail_trail
    name: main
    properties:
      name: secshop
      s3_bucket_name: "${aws_s3_bucket.security.bucket}"
      is_multi_region_trail: true
      include_global_service_events: true
      enable_log_file_validation: true
      cloud_watch_logs_group_arn: "%(group)s"
      cloud_watch_logs_role_arn: "arn:aws:iam::%(account)s:role/secshop-trail"
  - type: aws_config_configuration_recorder
    name: main
    properties: {name: default, role_arn: "arn:aws:iam::%(account)s:role/secshop-config", all_supported: true,
                 include_global_resource_types: true}
  - type: aws_config_delivery_channel
    name: main
    properties: {name: default, s3_bucket_name: "${aws_s3_bucket.security.bucket}"}
  - type: aws_config_configuration_recorder_status
    name: main
    properties: {name: "${aws_config_configuration_recorder.main.name}"}
    dependsOn: [aws_config_delivery_channel.main]
  - {type: aws_config_config_rule, name: root-mfa, properties: {name: root-account-mfa-enabled, source_identifier: ROOT_ACCOUNT_MFA_ENABLED}}
  - {type: aws_guardduty_detector, name: main, properties: {enable: true}}
  - type: aws_iam_account_password_policy
    name: main
    properties: {minimum_password_length: 14, max_password_age: 90, password_reuse_prevention: 24}
  - {type: aws_ebs_encryption_by_default, name: main, properties: {}}
  - {type: aws_s3_account_public_access_block, name: main, properties: {}}
  - {type: aws_sns_topic, name: alarms, properties: {name: secshop-security-alarms}}
  - type: aws_sns_topic_subscription
    name: email
    properties: {topic_arn: "${aws_sns_topic.alarms.arn}", protocol: email, endpoint: security@example.org}
  - type: aws_cloudwatch_log_metric_filter
    name: root-usage
    properties:
      log_group_name: "${aws_cloudwatch_log_group.trail.name}"
      name: root-usage
      pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }'
      metric_transformations: [{metricName: RootAccountUsage, metricNamespace: CISBenchmark, metricValue: "1"}]
  - type: aws_cloudwatch_metric_alarm
    name: root-usage
    properties: {name: secshop-root-usage, metric_name: RootAccountUsage, namespace: CISBenchmark, statistic: Sum,
                 period: 300, evaluation_periods: 1, threshold: 1, comparison_operator: GreaterThanOrEqualToThreshold,
                 alarm_actions: ["${aws_sns_topic.alarms.arn}"]}
    dependsOn: [aws_cloudwatch_log_metric_filter.root-usage]
""" % {"group": GROUP_ARN, "account": ACCOUNT}


class BaselineAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        # AWS's managed policies (AWS_ConfigRole for the Config role) exist on real AWS; moto
        # loads them on request.
        cls.moto = Moto(env={"MOTO_IAM_LOAD_MANAGED_POLICIES": "true"})

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.workdir = Workdir(PLATFORM)
        self.addCleanup(self.workdir.remove)

    def pave(self, *args, ok=(0,)):
        proc = run_pave(list(args), self.workdir, self.moto.url, check=False)
        if proc.returncode not in ok:
            raise AssertionError("pave %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(args), proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
        return proc

    def aws(self, *args, region=REGION):
        return aws(self.moto.url, *args, region=region)

    def s3control(self):
        # The AWS CLI and boto3 put s3control's "<account>." in front of any endpoint (its
        # endpoint rules), which a loopback address cannot answer: boto3 (an independent client)
        # with the prefix taken off the URL just before sending (moto does not check signatures).
        import boto3
        client = boto3.client("s3control", endpoint_url=self.moto.url, region_name="eu-west-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing")

        def unprefix(request, **_):
            request.url = request.url.replace("//%s." % ACCOUNT, "//", 1)

        client.meta.events.register("before-send.s3-control.*", unprefix)
        client.meta.events.register("before-send.s3control.*", unprefix)
        return client

    def check_applied(self):
        bucket = "secshop-security-eu-west-1"
        trail = self.aws("cloudtrail", "describe-trails", "--trail-name-list", "secshop")["trailList"][0]
        self.assertTrue(trail["IsMultiRegionTrail"])
        self.assertTrue(trail["IncludeGlobalServiceEvents"])
        self.assertTrue(trail["LogFileValidationEnabled"])
        self.assertEqual(trail["S3BucketName"], bucket)
        self.assertTrue(self.aws("cloudtrail", "get-trail-status", "--name", "secshop")["IsLogging"])
        self.assertEqual(self.aws("s3api", "get-bucket-versioning", "--bucket", bucket).get("Status"), "Enabled")

        recorder = self.aws("configservice", "describe-configuration-recorders")["ConfigurationRecorders"][0]
        self.assertTrue(recorder["recordingGroup"]["allSupported"])
        status = self.aws("configservice", "describe-configuration-recorder-status")["ConfigurationRecordersStatus"][0]
        self.assertTrue(status["recording"])
        channel = self.aws("configservice", "describe-delivery-channels")["DeliveryChannels"][0]
        self.assertEqual(channel["s3BucketName"], bucket)
        rules = self.aws("configservice", "describe-config-rules")["ConfigRules"]
        self.assertEqual([r["Source"]["SourceIdentifier"] for r in rules], ["ROOT_ACCOUNT_MFA_ENABLED"])

        detectors = self.aws("guardduty", "list-detectors")["DetectorIds"]
        self.assertEqual(len(detectors), 1)
        self.assertEqual(self.aws("guardduty", "get-detector", "--detector-id", detectors[0])["Status"], "ENABLED")

        policy = self.aws("iam", "get-account-password-policy")["PasswordPolicy"]
        self.assertEqual((policy["MinimumPasswordLength"], policy["MaxPasswordAge"], policy["PasswordReusePrevention"]),
                         (14, 90, 24))
        self.assertTrue(self.aws("ec2", "get-ebs-encryption-by-default")["EbsEncryptionByDefault"])
        block = self.s3control().get_public_access_block(AccountId=ACCOUNT)
        self.assertEqual(block["PublicAccessBlockConfiguration"],
                         {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                          "RestrictPublicBuckets": True})

        acls = self.aws("wafv2", "list-web-acls", "--scope", "REGIONAL")["WebACLs"]
        self.assertEqual([a["Name"] for a in acls], ["secshop-ingress"])
        acl = self.aws("wafv2", "get-web-acl", "--scope", "REGIONAL", "--name", "secshop-ingress",
                       "--id", acls[0]["Id"])["WebACL"]
        self.assertEqual([r["Name"] for r in acl["Rules"]],
                         ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
                          "AWSManagedRulesAmazonIpReputationList", "rate-limit"])
        self.assertEqual(acl["Rules"][3]["Statement"]["RateBasedStatement"]["Limit"], 2000)
        shown = json.loads(self.pave("outputs", "--json").stdout)
        self.assertIn(acls[0]["ARN"], json.dumps(shown))

        topics = [t["TopicArn"] for t in self.aws("sns", "list-topics")["Topics"]]
        self.assertEqual(topics, ["arn:aws:sns:eu-west-1:%s:secshop-security-alarms" % ACCOUNT])
        subs = self.aws("sns", "list-subscriptions-by-topic", "--topic-arn", topics[0])["Subscriptions"]
        self.assertEqual([(s["Protocol"], s["Endpoint"]) for s in subs], [("email", "security@example.org")])
        filters = self.aws("logs", "describe-metric-filters", "--log-group-name", "secshop-trail")["metricFilters"]
        self.assertEqual([f["filterName"] for f in filters], ["root-usage"])
        alarm = self.aws("cloudwatch", "describe-alarms", "--alarm-names", "secshop-root-usage")["MetricAlarms"][0]
        self.assertEqual(alarm["AlarmActions"], topics)

    def check_destroyed(self):
        self.assertEqual(self.aws("cloudtrail", "describe-trails")["trailList"], [])
        self.assertEqual(self.aws("guardduty", "list-detectors")["DetectorIds"], [])
        self.assertEqual(self.aws("configservice", "describe-configuration-recorders")["ConfigurationRecorders"], [])
        self.assertFalse(self.aws("ec2", "get-ebs-encryption-by-default")["EbsEncryptionByDefault"])
        self.assertEqual(self.aws("wafv2", "list-web-acls", "--scope", "REGIONAL")["WebACLs"], [])
        self.assertEqual(self.aws("sns", "list-topics")["Topics"], [])
        self.assertEqual(self.aws("cloudwatch", "describe-alarms")["MetricAlarms"], [])
        with self.assertRaises(Exception):
            self.s3control().get_public_access_block(AccountId=ACCOUNT)
        with self.assertRaises(AssertionError):
            self.aws("iam", "get-account-password-policy")

    def test_apply_read_back_second_plan_empty_destroy(self):
        self.pave("apply", "-y")
        self.check_applied()
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)
        self.pave("destroy", "-y", "--allow-data-loss")
        self.check_destroyed()



SECTION = """apiVersion: pave.dev/v1
kind: Platform
metadata:
  name: guarded
  region: eu-west-1
baseline:
  accessAnalyzer: false   # moto 5.2.1 has no accessanalyzer backend (it answers 500)
  accountAlias: guarded-shop
  alarms: {email: security@example.org}
  regions: [eu-central-1]
"""
OTHER_REGION = "eu-central-1"

OFF = """apiVersion: pave.dev/v1
kind: Platform
metadata:
  name: guarded
  region: eu-west-1
baseline: false
"""


WAF_IN_FRONT = """apiVersion: pave.dev/v1
kind: Platform
metadata:
  name: walled
  region: eu-west-1
baseline: false
waf:
  - name: ingress
    managedRules: [common]
    associate: [%s]
"""


class BaselineSectionAgainstMoto(BaselineAgainstMoto):
    """The `baseline:` section itself (no `resources:`): applied, read back, second plan empty,
    destroyed with --allow-data-loss; `baseline: false` plans none of it and validate warns."""

    def setUp(self):
        self.workdir = Workdir(SECTION)
        self.addCleanup(self.workdir.remove)

    def test_apply_read_back_second_plan_empty_destroy(self):
        self.pave("apply", "-y")
        bucket = "guarded-audit-eu-west-1"
        trail = self.aws("cloudtrail", "describe-trails", "--trail-name-list", "guarded")["trailList"][0]
        self.assertTrue(trail["IsMultiRegionTrail"])
        self.assertTrue(trail["IncludeGlobalServiceEvents"])
        self.assertTrue(trail["LogFileValidationEnabled"])
        self.assertEqual(trail["S3BucketName"], bucket)
        self.assertTrue(trail["CloudWatchLogsLogGroupArn"].endswith(":log-group:guarded-trail:*"),
                        trail["CloudWatchLogsLogGroupArn"])
        self.assertIn(":role/guarded-baseline-trail", trail["CloudWatchLogsRoleArn"])
        # Log files encrypted with the platform's own key (CIS 3.5), an account trail here.
        key = self.aws("kms", "describe-key", "--key-id", trail["KmsKeyId"])["KeyMetadata"]
        self.assertEqual((key["Arn"], key["Description"]), (trail["KmsKeyId"], "CloudTrail log files of guarded"))
        self.assertFalse(trail.get("IsOrganizationTrail"))
        self.assertTrue(self.aws("cloudtrail", "get-trail-status", "--name", "guarded")["IsLogging"])
        self.assertEqual(self.aws("s3api", "get-bucket-versioning", "--bucket", bucket).get("Status"), "Enabled")
        pab = self.aws("s3api", "get-public-access-block", "--bucket", bucket)["PublicAccessBlockConfiguration"]
        self.assertTrue(all(pab.values()), pab)
        # The bucket admits CloudTrail and Config delivery from this account only, over TLS, and
        # expires what they wrote after the trail's retention.
        statements = json.loads(self.aws("s3api", "get-bucket-policy", "--bucket", bucket)["Policy"])["Statement"]
        by_sid = {st.get("Sid"): st for st in statements}
        self.assertEqual(sorted(by_sid), ["DenyInsecureTransport", "PaveCloudtrailAclCheck", "PaveCloudtrailWrite",
                                          "PaveConfigAclCheck", "PaveConfigWrite"])
        for sid, service, resource in [
                ("PaveCloudtrailWrite", "cloudtrail", "arn:aws:s3:::%s/AWSLogs/%s/*" % (bucket, ACCOUNT)),
                ("PaveConfigWrite", "config", "arn:aws:s3:::%s/AWSLogs/%s/Config/*" % (bucket, ACCOUNT))]:
            self.assertEqual(by_sid[sid]["Principal"], {"Service": service + ".amazonaws.com"})
            self.assertEqual(by_sid[sid]["Resource"], resource)
            self.assertEqual(by_sid[sid]["Condition"]["StringEquals"]["aws:SourceAccount"], ACCOUNT)
        rules = self.aws("s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket)["Rules"]
        self.assertEqual([(r["ID"], r["Expiration"]["Days"]) for r in rules], [("pave-expiration", 365)])
        groups = self.aws("logs", "describe-log-groups", "--log-group-name-prefix", "guarded-trail")["logGroups"]
        self.assertEqual([(g["logGroupName"], g.get("retentionInDays")) for g in groups], [("guarded-trail", 365)])

        recorder = self.aws("configservice", "describe-configuration-recorders")["ConfigurationRecorders"][0]
        self.assertTrue(recorder["recordingGroup"]["allSupported"])
        self.assertIn(":role/guarded-baseline-config", recorder["roleARN"])
        attached = self.aws("iam", "list-attached-role-policies", "--role-name", "guarded-baseline-config")
        self.assertEqual([p["PolicyArn"] for p in attached["AttachedPolicies"]],
                         ["arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"])
        status = self.aws("configservice", "describe-configuration-recorder-status")["ConfigurationRecordersStatus"][0]
        self.assertTrue(status["recording"])
        channel = self.aws("configservice", "describe-delivery-channels")["DeliveryChannels"][0]
        self.assertEqual(channel["s3BucketName"], bucket)
        rules = self.aws("configservice", "describe-config-rules")["ConfigRules"]
        self.assertEqual(sorted(r["Source"]["SourceIdentifier"] for r in rules),
                         sorted(["ROOT_ACCOUNT_MFA_ENABLED", "IAM_PASSWORD_POLICY", "CLOUD_TRAIL_ENABLED",
                                 "GUARDDUTY_ENABLED_CENTRALIZED", "S3_BUCKET_PUBLIC_READ_PROHIBITED",
                                 "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "RDS_STORAGE_ENCRYPTED", "ENCRYPTED_VOLUMES",
                                 "EC2_EBS_ENCRYPTION_BY_DEFAULT"]))

        detectors = self.aws("guardduty", "list-detectors")["DetectorIds"]
        self.assertEqual(len(detectors), 1)
        self.assertEqual(self.aws("guardduty", "get-detector", "--detector-id", detectors[0])["Status"], "ENABLED")
        self.assertEqual(self.aws("iam", "list-account-aliases")["AccountAliases"], ["guarded-shop"])
        hub = self.aws("securityhub", "describe-hub")
        self.assertEqual(hub["HubArn"], "arn:aws:securityhub:eu-west-1:%s:hub/default" % ACCOUNT)
        policy = self.aws("iam", "get-account-password-policy")["PasswordPolicy"]
        self.assertEqual((policy["MinimumPasswordLength"], policy["MaxPasswordAge"], policy["PasswordReusePrevention"]),
                         (14, 90, 24))
        self.assertTrue(self.aws("ec2", "get-ebs-encryption-by-default")["EbsEncryptionByDefault"])
        # regions: the regional parts in eu-central-1 too; IAM's global types recorded once.
        self.assertTrue(recorder["recordingGroup"]["includeGlobalResourceTypes"])
        west = self.aws("configservice", "describe-configuration-recorders", region=OTHER_REGION)
        self.assertEqual(len(west["ConfigurationRecorders"]), 1, west)
        self.assertEqual(west["ConfigurationRecorders"][0]["roleARN"], recorder["roleARN"])
        self.assertFalse(west["ConfigurationRecorders"][0]["recordingGroup"]["includeGlobalResourceTypes"])
        self.assertTrue(self.aws("configservice", "describe-configuration-recorder-status",
                                 region=OTHER_REGION)["ConfigurationRecordersStatus"][0]["recording"])
        self.assertEqual(self.aws("configservice", "describe-delivery-channels",
                                  region=OTHER_REGION)["DeliveryChannels"][0]["s3BucketName"], bucket)
        self.assertEqual(len(self.aws("configservice", "describe-config-rules", region=OTHER_REGION)["ConfigRules"]), 9)
        west_detectors = self.aws("guardduty", "list-detectors", region=OTHER_REGION)["DetectorIds"]
        self.assertEqual(len(west_detectors), 1)
        self.assertNotEqual(west_detectors, detectors)
        self.assertEqual(self.aws("securityhub", "describe-hub", region=OTHER_REGION)["HubArn"],
                         "arn:aws:securityhub:%s:%s:hub/default" % (OTHER_REGION, ACCOUNT))
        self.assertTrue(self.aws("ec2", "get-ebs-encryption-by-default", region=OTHER_REGION)["EbsEncryptionByDefault"])
        with open(os.path.join(self.workdir.path, ".pave", "state.json")) as f:
            state = json.load(f)
        placed = {r["address"]: r.get("account", "") for r in state["resources"]}
        self.assertEqual(placed["aws_guardduty_detector.baseline-eu-central-1"], "@eu-central-1")
        self.assertEqual(placed["aws_guardduty_detector.baseline"], "")
        self.assertNotIn("aws_iam_account_password_policy.baseline-eu-central-1", placed)
        block = self.s3control().get_public_access_block(AccountId=ACCOUNT)
        self.assertTrue(all(block["PublicAccessBlockConfiguration"].values()), block)

        topics = [t["TopicArn"] for t in self.aws("sns", "list-topics")["Topics"]]
        self.assertEqual(topics, ["arn:aws:sns:eu-west-1:%s:guarded-security-alarms" % ACCOUNT])
        subs = self.aws("sns", "list-subscriptions-by-topic", "--topic-arn", topics[0])["Subscriptions"]
        self.assertEqual([(s["Protocol"], s["Endpoint"]) for s in subs], [("email", "security@example.org")])
        filters = self.aws("logs", "describe-metric-filters", "--log-group-name", "guarded-trail")["metricFilters"]
        names = sorted(["cloudtrail-changes", "console-signin-without-mfa", "iam-policy-changes", "root-usage",
                        "unauthorized-api-calls", "console-signin-failures", "kms-key-deletion",
                        "s3-bucket-policy-changes", "config-changes", "security-group-changes", "nacl-changes",
                        "network-gateway-changes", "route-table-changes", "vpc-changes"])
        self.assertEqual(sorted(f["filterName"] for f in filters), names)
        alarms = self.aws("cloudwatch", "describe-alarms")["MetricAlarms"]
        self.assertEqual(sorted(a["AlarmName"] for a in alarms), ["guarded-" + n for n in names])
        for alarm in alarms:
            self.assertEqual(alarm["AlarmActions"], topics)

        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)
        refused = self.pave("destroy", "-y", ok=(0, 1, 2))
        self.assertNotEqual(refused.returncode, 0, "destroy without --allow-data-loss removed the audit bucket")
        self.pave("destroy", "-y", "--allow-data-loss")
        self.check_destroyed()
        self.assertNotIn(bucket, [b["Name"] for b in self.aws("s3api", "list-buckets")["Buckets"]])
        with self.assertRaises(AssertionError):  # Security Hub turned off again
            self.aws("securityhub", "describe-hub")
        self.assertEqual(self.aws("guardduty", "list-detectors", region=OTHER_REGION)["DetectorIds"], [])
        self.assertEqual(self.aws("configservice", "describe-configuration-recorders",
                                  region=OTHER_REGION)["ConfigurationRecorders"], [])
        self.assertFalse(self.aws("ec2", "get-ebs-encryption-by-default", region=OTHER_REGION)["EbsEncryptionByDefault"])

    def test_a_service_the_endpoint_lacks_is_named_and_can_be_turned_off(self):
        # moto 5.2.1 has no Access Analyzer: it answers an HTML page, no AWS error, no request id.
        # (Its own name: moto 5.2.1 keeps a deleted bucket's tags, which a later bucket of the
        # same name would read as another state's.)
        section = SECTION.replace("name: guarded", "name: unoffered")
        self.workdir.write(section.replace("  accessAnalyzer: false", "  accessAnalyzer: true "))
        failed = self.pave("apply", "-y", ok=(1,))
        self.assertIn("does this endpoint offer accessanalyzer CreateAnalyzer?", failed.stderr)
        self.assertIn("aws_accessanalyzer_analyzer.baseline", failed.stderr)
        # Such an answer is asked for three times at most (not the patience a real 5xx gets):
        # everything else of the baseline was made meanwhile and is recorded.
        self.assertEqual(self.aws("cloudtrail", "describe-trails", "--trail-name-list", "unoffered")["trailList"][0]
                         ["Name"], "unoffered")
        self.workdir.write(section)  # the part turned off in the file
        self.pave("apply", "-y")
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)
        self.pave("destroy", "-y", "--allow-data-loss")
        self.check_destroyed()

    def test_waf_stands_in_front_of_a_load_balancer(self):
        vpc = self.aws("ec2", "create-vpc", "--cidr-block", "10.9.0.0/16")["Vpc"]["VpcId"]
        subnets = [self.aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.9.%d.0/24" % i,
                            "--availability-zone", "eu-west-1" + zone)["Subnet"]["SubnetId"]
                   for i, zone in ((1, "a"), (2, "b"))]
        lb = self.aws("elbv2", "create-load-balancer", "--name", "k8s-shop-web",
                      "--subnets", *subnets)["LoadBalancers"][0]["LoadBalancerArn"]
        self.workdir.write(WAF_IN_FRONT % lb)
        self.pave("apply", "-y")
        acl = self.aws("wafv2", "get-web-acl-for-resource", "--resource-arn", lb)["WebACL"]
        self.assertEqual(acl["Name"], "walled-ingress")
        outputs = json.loads(self.pave("outputs", "--json").stdout)
        self.assertEqual(outputs["waf.ingress.arn"], acl["ARN"])
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)
        # Taken out of the file: exactly the association goes, the ACL stays.
        self.workdir.write((WAF_IN_FRONT % lb).replace("    associate: [%s]\n" % lb, ""))
        plan = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertIn("aws_wafv2_web_acl_association.ingress-k8s-shop-web", plan.stdout)
        self.assertIn("1 to delete", plan.stdout)
        self.pave("apply", "-y")
        self.assertIsNone(self.aws("wafv2", "get-web-acl-for-resource", "--resource-arn", lb).get("WebACL"))
        self.assertEqual([a["Name"] for a in self.aws("wafv2", "list-web-acls", "--scope", "REGIONAL")["WebACLs"]],
                         ["walled-ingress"])
        self.pave("destroy", "-y")
        self.assertEqual(self.aws("wafv2", "list-web-acls", "--scope", "REGIONAL")["WebACLs"], [])

    def test_a_resource_entry_lives_in_the_region_it_names(self):
        text = ("apiVersion: pave.dev/v1\nkind: Platform\nmetadata: {name: regional, region: eu-west-1}\n"
                "baseline: false\nresources:\n"
                "  - {type: aws_cloudwatch_log_group, name: edge, region: us-east-1, properties: {name: /edge}}\n")
        self.workdir.write(text)
        self.pave("apply", "-y")
        names = lambda region: [g["logGroupName"] for g in self.aws("logs", "describe-log-groups",
                                                                     region=region)["logGroups"]]
        self.assertEqual(names("us-east-1"), ["/edge"])
        self.assertEqual(names("eu-west-1"), [])
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)
        shown = self.pave("state", "show", "aws_cloudwatch_log_group.edge").stdout
        self.assertIn("region us-east-1", shown)
        # Another region is another resource: replaced, made there and deleted here.
        self.workdir.write(text.replace("us-east-1", "eu-central-1"))
        plan = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertIn("1 to replace", plan.stdout)
        self.pave("apply", "-y")
        self.assertEqual(names("us-east-1"), [])
        self.assertEqual(names("eu-central-1"), ["/edge"])
        self.pave("destroy", "-y")
        self.assertEqual(names("eu-central-1"), [])

    def test_false_plans_nothing_and_validate_warns(self):
        self.workdir.write(OFF)
        validated = self.pave("validate")
        self.assertIn("baseline: false", validated.stdout + validated.stderr)
        self.assertIn("platform.yaml:6", validated.stdout + validated.stderr)
        plan = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(plan.returncode, 0, plan.stdout)


if __name__ == "__main__":
    unittest.main()
