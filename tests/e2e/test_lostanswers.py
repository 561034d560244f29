"""Lost answers across every resource type of the full example (examples/platform.yaml:
network, EKS with add-ons and IAM roles for service accounts, DNS zone and delegation,
certificate, KMS keys, secrets, bucket, PostgreSQL).

tests/e2e/faultproxy.py forwards 25% of the calls that make or change something (Create*,
Allocate*, Associate*, Attach*, Authorize*, Put*, Tag*, Change*, Request*, Run*) to moto and
drops their answers: the change is made, pave never hears of it. At most two applies must
converge to an empty plan, and what exists in moto must be exactly what the state records —
counted per type with the AWS CLI, so a duplicate or an orphan fails the test. EKS goes to the
loopback stand-in (eks_standin.py), as in `make demo`. Seed: PAVE_E2E_SEED (default 7)."""

import collections
import json
import os
import shutil
import subprocess
import sys
import unittest

from e2e_support import FaultProxy, Moto, aws, aws_env, free_port, pave_bin, wait_http

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "platform.yaml")
SEED = int(os.environ.get("PAVE_E2E_SEED", "7"))
CHANGES = "Create,Allocate,Associate,Attach,Authorize,Put,Tag,Change,Request,Run"


def tag_of(tags, key):
    for t in tags or []:
        if t.get("Key") == key:
            return t.get("Value")
    return None


class FullExample:
    """The full example against moto and the EKS stand-in, in a directory of its own: what the
    exactly-once suites share (also tests/e2e/test_crash.py). Not a test case itself."""

    @classmethod
    def setUpClass(cls):
        cls.moto = Moto(env={"MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "MOTO_ACM_VALIDATION_WAIT": "2"})
        cls.eks = None
        cls.start_eks()
        cls.dir = os.path.join(os.environ.get("TMPDIR", "/tmp"), "pave-lost-%d" % os.getpid())
        shutil.rmtree(cls.dir, ignore_errors=True)
        os.makedirs(cls.dir)
        shutil.copy(EXAMPLE, os.path.join(cls.dir, "platform.yaml"))
        # The baseline (on by default) has suites of its own (LostAnswersBaseline and
        # FailedStepAfterCreateBaseline below); these test the example's other sections.
        with open(os.path.join(cls.dir, "platform.yaml"), "a") as f:
            f.write("baseline: false\n")

    @classmethod
    def start_eks(cls):
        """A fresh stand-in (it has no reset): the old one, if any, is stopped."""
        if cls.eks:
            cls.eks.kill()
            cls.eks.wait()
        port = free_port()
        cls.eks = subprocess.Popen([sys.executable, os.path.join(HERE, "eks_standin.py"), str(port), "eu-west-1",
                                    cls.moto.url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.eks_url = "http://127.0.0.1:%d" % port
        wait_http(cls.eks_url + "/_calls")

    @classmethod
    def tearDownClass(cls):
        cls.eks.kill()
        cls.eks.wait()
        cls.moto.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    eks_proxy = None  # a fault proxy in front of the stand-in, used with the one in front of moto

    def env(self, endpoint):
        env = aws_env(endpoint)
        env["AWS_ENDPOINT_URL_EKS"] = self.eks_proxy.url if self.eks_proxy and endpoint != self.moto.url else self.eks_url
        env["GITHUB_TOKEN"] = "lost-answers-token"
        return env

    def pave(self, args, endpoint):
        return subprocess.run([pave_bin()] + args, cwd=self.dir, env=self.env(endpoint), capture_output=True,
                              text=True, timeout=600)

    def make_parent_zone(self):
        """The zone the example delegates its own from, as an operator would have it."""
        direct = self.pave(["aws", "call", "route53", "CreateHostedZone", "--input",
                            json.dumps({"Name": "example.org", "CallerReference": "parent"})], self.moto.url)
        self.assertEqual(direct.returncode, 0, direct.stderr)

    def state_counts(self):
        listed = self.pave(["state", "list"], self.moto.url)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        return collections.Counter(line.split(".")[0] for line in listed.stdout.split() if line.startswith("aws_"))

    def cloud_counts(self, platform):
        a = lambda *args: aws(self.moto.url, *args)  # noqa: E731
        f = ["--filters", "Name=tag:pave:platform,Values=" + platform]
        ours = lambda items: [i for i in items if tag_of(i.get("Tags"), "pave:platform") == platform]  # noqa: E731
        c = {
            "aws_vpc": len(a("ec2", "describe-vpcs", *f)["Vpcs"]),
            "aws_subnet": len(a("ec2", "describe-subnets", *f)["Subnets"]),
            "aws_route_table": len(a("ec2", "describe-route-tables", *f)["RouteTables"]),
            "aws_internet_gateway": len(a("ec2", "describe-internet-gateways", *f)["InternetGateways"]),
            "aws_eip": len(a("ec2", "describe-addresses", *f)["Addresses"]),
            "aws_security_group": len(a("ec2", "describe-security-groups", *f)["SecurityGroups"]),
            "aws_nat_gateway": len([n for n in ours(a("ec2", "describe-nat-gateways")["NatGateways"])
                                    if n["State"] not in ("deleted", "deleting")]),
            "aws_vpc_endpoint": len(ours(a("ec2", "describe-vpc-endpoints")["VpcEndpoints"])),
            "aws_flow_log": len(ours(a("ec2", "describe-flow-logs")["FlowLogs"])),
            "aws_iam_openid_connect_provider": len(a("iam", "list-open-id-connect-providers")
                                                   ["OpenIDConnectProviderList"]),
            "aws_route53_zone": len([z for z in a("route53", "list-hosted-zones")["HostedZones"]
                                     if z["Name"] != "example.org."]),
            "aws_acm_certificate": len(a("acm", "list-certificates")["CertificateSummaryList"]),
            "aws_db_instance": len(a("rds", "describe-db-instances")["DBInstances"]),
            "aws_db_subnet_group": len(a("rds", "describe-db-subnet-groups")["DBSubnetGroups"]),
            "aws_s3_bucket": len(a("s3api", "list-buckets")["Buckets"]),
            "aws_ssm_parameter": len(a("ssm", "describe-parameters")["Parameters"]),
        }
        eks = lambda *args: aws(self.eks_url, "eks", *args)  # noqa: E731
        clusters = eks("list-clusters")["clusters"]
        c["aws_eks_cluster"] = len(clusters)
        c["aws_eks_node_group"] = sum(len(eks("list-nodegroups", "--cluster-name", n)["nodegroups"]) for n in clusters)
        c["aws_eks_addon"] = sum(len(eks("list-addons", "--cluster-name", n)["addons"]) for n in clusters)
        keys = []
        for k in a("kms", "list-keys")["Keys"]:
            meta = a("kms", "describe-key", "--key-id", k["KeyId"])["KeyMetadata"]
            tags = a("kms", "list-resource-tags", "--key-id", k["KeyId"]).get("Tags", [])
            if meta["KeyState"] == "Enabled" and any(t["TagKey"] == "pave:platform" and t["TagValue"] == platform
                                                     for t in tags):
                keys.append(k)
        c["aws_kms_key"] = len(keys)
        c["aws_iam_role"] = len([r for r in a("iam", "list-roles")["Roles"] if r["RoleName"].startswith(platform + "-")])
        return c


class LostAnswersFullExample(FullExample, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proxy = FaultProxy(cls.moto.url, rate=0.0, seed=SEED, faults="", lost_rate=0.25, lost_ops=CHANGES)
        # EKS creates are REST POSTs: lost at the same rate through a proxy of their own
        cls.eks_proxy = FaultProxy(cls.eks_url, rate=0.0, seed=SEED, faults="", lost_rate=0.25, lost_ops="REST:POST")

    @classmethod
    def tearDownClass(cls):
        cls.proxy.stop()
        cls.eks_proxy.stop()
        super().tearDownClass()

    def converge(self):
        """At most two applies through the proxy, then an empty plan straight to moto; returns
        (applies, the proxy's stats)."""
        for applies in (1, 2):
            proc = self.pave(["apply", "-y"], self.proxy.url)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, "not converged in 2 applies:\n" + proc.stderr[-4000:])
        stats = self.proxy.stats()
        self.assertGreater(stats["lost"], 5, stats)
        plan = self.pave(["plan", "--detailed-exitcode"], self.moto.url)
        self.assertEqual(plan.returncode, 0, plan.stdout[-3000:] + plan.stderr[-2000:])
        return applies, stats

    def test_every_type_converges_without_duplicates_or_orphans(self):
        self.make_parent_zone()
        applies, stats = self.converge()

        platform = "example"
        in_state = self.state_counts()
        in_cloud = self.cloud_counts(platform)
        for kind, n in in_cloud.items():
            self.assertEqual(n, in_state.get(kind, 0), "%s: %d in the cloud, %d in the state (lost answers: %s)"
                             % (kind, n, in_state.get(kind, 0), stats["lost_by_op"]))
        eks = self.eks_proxy.stats()
        print("\nlost answers: %d %s, EKS %d %s; applies: %d; types counted: %d"
              % (stats["lost"], stats["lost_by_op"], eks["lost"], eks["lost_by_op"], applies, len(in_cloud)),
              file=sys.stderr)


class FailedSteps:
    """What the failed-step cases share: applies one call at a time through the proxy until one
    succeeds, each kind of create in CREATES hit, and then an empty plan."""

    CREATES = set()

    def apply_through_failed_steps(self):
        failed_applies = 0
        for _ in range(10):
            proc = self.pave(["--parallelism", "1", "apply", "-y"], self.proxy.url)
            self.assertNotIn("terminate called", proc.stderr)
            if proc.returncode == 0:
                break
            failed_applies += 1
        self.assertEqual(proc.returncode, 0, "not converged in 10 applies:\n" + proc.stderr[-4000:])
        stats = self.proxy.stats()
        kinds = {k.split(" -> ")[0] for k in stats["after_by_op"]}  # "CreateVpc", "REST:POST /detector"
        hit = kinds | {k.split(" ")[0] for k in kinds}
        self.assertEqual(self.CREATES - hit, set(), "creates whose next step was not failed: %s" % stats["after_by_op"])
        plan = self.pave(["plan", "--detailed-exitcode"], self.moto.url)
        self.assertEqual(plan.returncode, 0, plan.stdout[-3000:] + plan.stderr[-2000:])
        return failed_applies, stats, hit


class FailedStepAfterCreate(FailedSteps, LostAnswersFullExample):
    """The step after a create fails, for every type of the full example: the proxy answers the
    call that follows the first create of each kind (one call at a time, so it is that
    resource's next step: tags, attributes, wait, read-back) with a 400 no client retries. The
    made resource must be recorded (tainted, or complete when only a wait or the read-back was
    left) so that later applies repair it, and nothing may be left in the cloud that the state
    does not hold."""

    # The create of every AWS type of the full example whose next step goes through the proxy
    # (EKS goes to the stand-in; REST creates are counted by path).
    CREATES = {"CreateVpc", "CreateSubnet", "CreateInternetGateway", "AttachInternetGateway", "AllocateAddress",
               "CreateNatGateway", "CreateRouteTable", "CreateRoute", "AssociateRouteTable", "CreateSecurityGroup",
               "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "CreateFlowLogs",
               "CreateVpcEndpoint", "CreateLogGroup", "CreateRole", "PutRolePolicy", "AttachRolePolicy",
               "CreateOpenIDConnectProvider", "CreateKey", "CreateAlias", "PutParameter", "CreateDBSubnetGroup",
               "CreateDBInstance", "RequestCertificate"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proxy.stop()
        cls.proxy = FaultProxy(cls.moto.url, rate=0.0, seed=SEED, faults="", after_rate=1.0, after_once=True,
                               after_ops="Create,Allocate,Associate,Attach,Authorize,Request,Put,REST:PUT,REST:POST")
        cls.eks_proxy.stop()
        cls.eks_proxy = FaultProxy(cls.eks_url, rate=0.0, seed=SEED, faults="", after_rate=1.0, after_once=True,
                                   after_ops="REST:POST")

    def test_every_type_converges_without_duplicates_or_orphans(self):
        self.make_parent_zone()
        failed_applies, stats, hit = self.apply_through_failed_steps()
        eks_kinds = sorted(k.split(" -> ")[0] for k in self.eks_proxy.stats()["after_by_op"])
        for part in ("/clusters", "/node-groups", "/addons"):
            self.assertTrue(any(k.endswith(part) for k in eks_kinds), "EKS creates failed after: %s" % eks_kinds)

        in_state = self.state_counts()
        in_cloud = self.cloud_counts("example")
        for kind, n in in_cloud.items():
            self.assertEqual(n, in_state.get(kind, 0), "%s: %d in the cloud, %d in the state (failed steps: %s)"
                             % (kind, n, in_state.get(kind, 0), stats["after_by_op"]))
        print("\nfailed steps after creates: %d, after %d kinds of create %s, and EKS %s; failed applies: %d"
              % (stats["after"], len(hit), sorted(stats["after_by_op"]), eks_kinds, failed_applies), file=sys.stderr)


BASELINE = """apiVersion: pave.dev/v1
kind: Platform
metadata:
  name: lostsec
  region: eu-west-1
baseline:
  accessAnalyzer: false   # moto 5.2.1 has no accessanalyzer backend
  accountAlias: lostsec-main
  alarms: {email: security@example.org}
"""


class LostAnswersBaseline(LostAnswersFullExample):
    """The baseline section's types (trail, Config, GuardDuty, Security Hub, account settings,
    SNS, metric filters and alarms, the audit bucket, IAM), 30% of their changing calls
    answered-and-dropped, also Enable*/Start*/Subscribe*/Update*: two applies at most, an empty
    plan, and exactly one of each in moto."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proxy.stop()
        cls.proxy = FaultProxy(cls.moto.url, rate=0.0, seed=SEED, faults="", lost_rate=0.3,
                               lost_ops=CHANGES + ",Enable,Start,Subscribe,Update")
        with open(os.path.join(cls.dir, "platform.yaml"), "w") as f:
            f.write(BASELINE)

    def test_every_type_converges_without_duplicates_or_orphans(self):
        applies, stats = self.converge()
        in_state = self.state_counts()
        in_cloud = self.baseline_cloud_counts()
        for kind, n in in_cloud.items():
            self.assertEqual(n, in_state.get(kind, 0), "%s: %d in the cloud, %d in the state (lost answers: %s)"
                             % (kind, n, in_state.get(kind, 0), stats["lost_by_op"]))
        self.assertEqual(in_state["aws_securityhub_account"], 1)
        aws(self.moto.url, "securityhub", "describe-hub")  # on
        print("\nbaseline lost answers: %d %s; applies: %d" % (stats["lost"], stats["lost_by_op"], applies),
              file=sys.stderr)


    def baseline_cloud_counts(self):
        a = lambda *args: aws(self.moto.url, *args)  # noqa: E731
        return {
            "aws_cloudtrail_trail": len(a("cloudtrail", "describe-trails")["trailList"]),
            "aws_guardduty_detector": len(a("guardduty", "list-detectors")["DetectorIds"]),
            "aws_config_configuration_recorder": len(a("configservice", "describe-configuration-recorders")
                                                     ["ConfigurationRecorders"]),
            "aws_config_delivery_channel": len(a("configservice", "describe-delivery-channels")["DeliveryChannels"]),
            "aws_config_config_rule": len(a("configservice", "describe-config-rules")["ConfigRules"]),
            "aws_sns_topic": len(a("sns", "list-topics")["Topics"]),
            "aws_cloudwatch_metric_alarm": len(a("cloudwatch", "describe-alarms")["MetricAlarms"]),
            # PutMetricFilter creates or replaces by name (AWS API reference); moto 5.2.1 appends
            # a second filter of the same name when the call is resent, so names are counted.
            "aws_cloudwatch_log_metric_filter": len({(f["logGroupName"], f["filterName"]) for f in
                                                     a("logs", "describe-metric-filters")["metricFilters"]}),
            "aws_cloudwatch_log_group": len(a("logs", "describe-log-groups")["logGroups"]),
            "aws_iam_role": len([r for r in a("iam", "list-roles")["Roles"] if r["RoleName"].startswith("lostsec-")]),
            "aws_s3_bucket": len(a("s3api", "list-buckets")["Buckets"]),
            "aws_iam_account_alias": len(a("iam", "list-account-aliases")["AccountAliases"]),
        }


class FailedStepAfterCreateBaseline(FailedSteps, LostAnswersBaseline):
    """The step after the first create of each kind fails (as FailedStepAfterCreate) for the
    baseline section's types."""

    CREATES = {"CreateTrail", "REST:POST /detector", "PutConfigurationRecorder", "PutDeliveryChannel",
               "PutConfigRule", "CreateTopic", "Subscribe", "PutMetricAlarm", "PutMetricFilter", "CreateLogGroup",
               "CreateRole", "REST:POST /accounts", "REST:PUT /lostsec-audit-eu-west-1",
               "REST:PUT /v20180820/configuration/publicAccessBlock", "EnableEbsEncryptionByDefault",
               "CreateAccountAlias", "UpdateAccountPasswordPolicy"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proxy.stop()
        cls.proxy = FaultProxy(cls.moto.url, rate=0.0, seed=SEED, faults="", after_rate=1.0, after_once=True,
                               after_ops="Create,Put,Enable,Start,Subscribe,Attach,Update,REST:PUT,REST:POST")

    def test_every_type_converges_without_duplicates_or_orphans(self):
        failed_applies, stats, hit = self.apply_through_failed_steps()
        in_state = self.state_counts()
        for kind, n in self.baseline_cloud_counts().items():
            self.assertEqual(n, in_state.get(kind, 0), "%s: %d in the cloud, %d in the state (failed steps: %s)"
                             % (kind, n, in_state.get(kind, 0), stats["after_by_op"]))
        print("\nbaseline: failed steps after creates: %d, after %d kinds of create; failed applies: %d"
              % (stats["after"], len(hit), failed_applies), file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
