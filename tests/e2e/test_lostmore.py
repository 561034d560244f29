"""Exactly once for the AWS types no section of the examples makes, declared one by one under
`resources:` (IAM group and its inline policy, a Secrets Manager secret, a WAFv2 web ACL, a
Config aggregator), through tests/e2e/faultproxy.py in front of moto: 30% of their changing
calls answered-and-dropped, and, separately, the call after the first create of each kind
failed with a 400 no client retries. Each case ends with an empty plan and the AWS CLI's count
of each type equal to the state's. Seed: PAVE_E2E_SEED (default 7)."""

import collections
import os
import unittest

from e2e_support import FaultProxy, Moto, Workdir, aws, run_pave

SEED = int(os.environ.get("PAVE_E2E_SEED", "7"))
CHANGES = "Create,Put,Tag"

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: lostmore
  region: eu-west-1
resources:
  - type: aws_iam_group
    name: admins
    properties: {name: lostmore-admins}
  - type: aws_iam_group_policy
    name: admins_assume
    properties:
      group: ${aws_iam_group.admins.name}
      name: assume
      policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}'
  - type: aws_secretsmanager_secret
    name: token
    properties: {name: lostmore/token, value: "${file:token.txt}", recovery_window_in_days: 7}
  - type: aws_wafv2_web_acl
    name: edge
    properties:
      name: lostmore-edge
      scope: REGIONAL
      default_action: {Allow: {}}
      visibility_config: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: lostmore}
  - type: aws_config_configuration_aggregator
    name: accounts
    properties:
      name: lostmore-accounts
      account_aggregation_sources: [{AccountIds: ["123456789012"], AllAwsRegions: true}]
"""


class ExactlyOnceMoreTypes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.moto.reset()
        self.work = Workdir(PLATFORM)
        self.addCleanup(self.work.remove)
        with open(os.path.join(self.work.path, "token.txt"), "w") as f:
            f.write("lost-more-token")

    def start_proxy(self, **kwargs):
        proxy = FaultProxy(self.moto.url, rate=0.0, seed=SEED, faults="", **kwargs)
        self.addCleanup(proxy.stop)
        return proxy

    def apply(self, endpoint, parallelism=None):
        args = (["--parallelism", str(parallelism)] if parallelism else []) + ["apply", "-y"]
        proc = run_pave(args, self.work, endpoint, check=False)
        self.assertNotIn("terminate called", proc.stderr)
        return proc

    def assert_cloud_is_the_state(self, stats):
        plan = run_pave(["plan", "--detailed-exitcode"], self.work, self.moto.url, check=False)
        self.assertEqual(plan.returncode, 0, plan.stdout[-3000:] + plan.stderr[-2000:])
        listed = run_pave(["state", "list"], self.work, self.moto.url)
        in_state = collections.Counter(line.split(".")[0] for line in listed.stdout.split() if line.startswith("aws_"))
        a = lambda *args: aws(self.moto.url, *args)  # noqa: E731
        in_cloud = {
            "aws_iam_group": len([g for g in a("iam", "list-groups")["Groups"] if g["GroupName"].startswith("lostmore-")]),
            "aws_iam_group_policy": len(a("iam", "list-group-policies", "--group-name", "lostmore-admins")["PolicyNames"]),
            "aws_secretsmanager_secret": len([s for s in a("secretsmanager", "list-secrets")["SecretList"]
                                              if s["Name"].startswith("lostmore/")]),
            "aws_wafv2_web_acl": len(a("wafv2", "list-web-acls", "--scope", "REGIONAL")["WebACLs"]),
            "aws_config_configuration_aggregator": len(a("configservice", "describe-configuration-aggregators")
                                                       ["ConfigurationAggregators"]),
        }
        for kind, n in in_cloud.items():
            self.assertEqual(n, 1, "%s: %d in the cloud (%s)" % (kind, n, stats))
            self.assertEqual(n, in_state.get(kind, 0), "%s: %d in the cloud, %d in the state (%s)"
                             % (kind, n, in_state.get(kind, 0), stats))

    def test_lost_answers_make_nothing_twice(self):
        proxy = self.start_proxy(lost_rate=0.3, lost_ops=CHANGES)
        for applies in (1, 2):
            proc = self.apply(proxy.url)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, "not converged in 2 applies:\n" + proc.stderr[-4000:])
        stats = proxy.stats()
        self.assertGreater(stats["lost"], 0, stats)
        self.assert_cloud_is_the_state(stats["lost_by_op"])
        print("\nmore types, lost answers: %d %s; applies: %d" % (stats["lost"], stats["lost_by_op"], applies))

    def test_a_failed_step_after_each_create_is_repaired(self):
        proxy = self.start_proxy(after_rate=1.0, after_once=True, after_ops=CHANGES)
        failed = 0
        for _ in range(10):
            proc = self.apply(proxy.url, parallelism=1)
            if proc.returncode == 0:
                break
            failed += 1
        self.assertEqual(proc.returncode, 0, "not converged in 10 applies:\n" + proc.stderr[-4000:])
        stats = proxy.stats()
        kinds = {k.split(" -> ")[0] for k in stats["after_by_op"]}
        self.assertEqual({"CreateGroup", "PutGroupPolicy", "CreateSecret", "CreateWebACL",
                          "PutConfigurationAggregator"} - kinds, set(), stats["after_by_op"])
        self.assert_cloud_is_the_state(stats["after_by_op"])
        print("\nmore types, failed steps after creates: %d %s; failed applies: %d"
              % (stats["after"], sorted(stats["after_by_op"]), failed))


if __name__ == "__main__":
    unittest.main()
