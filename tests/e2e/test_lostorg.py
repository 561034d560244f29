"""Exactly once for the `organization:` section's types (organization, units, accounts, SCPs and
their attachments), through tests/e2e/faultproxy.py in front of moto:

- lost answers: 30% of the changing calls (Create*, Attach*, Enable*, Tag*...) are forwarded
  and their answers dropped; at most two applies, then an empty plan;
- the step after a create fails: after the first call of each kind of create the next call is
  answered with a 400 no client retries (pave runs one call at a time); applies repeat until
  one succeeds, then an empty plan.

Each case ends with the AWS CLI's count of every type equal to the state's: no duplicate
account, unit, policy or attachment, and none forgotten. Seed: PAVE_E2E_SEED (default 7)."""

import collections
import os
import unittest

from e2e_support import FaultProxy, Moto, Workdir, aws, run_pave

SEED = int(os.environ.get("PAVE_E2E_SEED", "7"))
CHANGES = "Create,Attach,Enable,Tag,Move,Put,Update"

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: orgloss
  region: eu-west-1
organization:
  units: [security, workloads]
  accounts:
    - {name: audit, email: audit@example.com, unit: security}
    - {name: app, email: app@example.com, unit: workloads}
    - {name: data, email: data@example.com, unit: workloads}
  policies:
    - {name: deny-leave-organization, attach: [root]}
    - {name: allowed-regions, regions: [eu-west-1], attach: [workloads, security]}
"""


class ExactlyOnceOrganization(unittest.TestCase):
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
        root = a("organizations", "list-roots")["Roots"][0]["Id"]
        units = a("organizations", "list-organizational-units-for-parent", "--parent-id", root)["OrganizationalUnits"]
        management = a("organizations", "describe-organization")["Organization"]["MasterAccountId"]
        accounts = [x for x in a("organizations", "list-accounts")["Accounts"] if x["Id"] != management]
        policies = [p for p in a("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY")["Policies"]
                    if p["Name"] != "FullAWSAccess"]
        attachments = sum(len(a("organizations", "list-targets-for-policy", "--policy-id", p["Id"])["Targets"])
                          for p in policies)
        in_cloud = {"aws_organizations_organization": 1,
                    "aws_organizations_organizational_unit": len(units),
                    "aws_organizations_account": len(accounts),
                    "aws_organizations_policy": len(policies),
                    "aws_organizations_policy_attachment": attachments}
        for kind, n in in_cloud.items():
            self.assertEqual(n, in_state.get(kind, 0), "%s: %d in the cloud, %d in the state (%s)"
                             % (kind, n, in_state.get(kind, 0), stats))
        self.assertEqual(sorted(x["Name"] for x in accounts), ["app", "audit", "data"])

    def test_lost_answers_make_nothing_twice(self):
        proxy = self.start_proxy(lost_rate=0.3, lost_ops=CHANGES)
        for applies in (1, 2):
            proc = self.apply(proxy.url)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, "not converged in 2 applies:\n" + proc.stderr[-4000:])
        stats = proxy.stats()
        self.assertGreater(stats["lost"], 2, stats)
        self.assert_cloud_is_the_state(stats["lost_by_op"])
        print("\norganization lost answers: %d %s; applies: %d" % (stats["lost"], stats["lost_by_op"], applies))

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
        self.assertEqual({"CreateOrganization", "CreateOrganizationalUnit", "CreateAccount", "CreatePolicy",
                          "AttachPolicy"} - kinds, set(), stats["after_by_op"])
        self.assert_cloud_is_the_state(stats["after_by_op"])
        print("\norganization failed steps after creates: %d %s; failed applies: %d"
              % (stats["after"], sorted(stats["after_by_op"]), failed))


if __name__ == "__main__":
    unittest.main()
