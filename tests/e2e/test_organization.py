"""End-to-end test of the `organization:` section (issue 13) against moto, read back with the
AWS CLI: the organization, units, accounts (one given by id, made first with the AWS CLI, is
adopted, not recreated), SCPs attached where declared; a second plan is empty; destroy removes
everything but the accounts (and the organization that still holds them), which it reports.

Not covered yet: `people:` roles and groups, `pave aws-config` (not built in this round)."""

import json
import os
import unittest

from e2e_support import Moto, Workdir, aws, pave_bin, run_pave
from test_network import changed, plan_json

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
metadata:
  name: orgshop
  region: eu-west-1
organization:
  units: [security, workloads]
  accounts:
    - {{name: audit, email: audit@example.com, unit: security}}
    - {{name: app, email: app@example.com, unit: workloads}}
    - {{name: data, email: data@example.com, unit: workloads}}
    - {{name: legacy, email: legacy@example.com, id: "{legacy_id}"}}
  policies:
    - {{name: deny-leave-organization, attach: [root]}}
    - {{name: allowed-regions, regions: [eu-west-1], attach: [workloads]}}
    - {{name: custom, document: file:custom.json, attach: [audit]}}
"""

CUSTOM = {"Version": "2012-10-17",
          "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}


class OrganizationAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def pave(self, *args, ok=(0,)):
        proc = run_pave(list(args), self.work, self.moto.url, check=False)
        if proc.returncode not in ok:
            raise AssertionError("pave %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(args), proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
        return proc

    def aws(self, *args):
        return aws(self.moto.url, *args)

    def test_organization_apply_replan_destroy(self):
        # An organization and a member account that exist before pave: the account is adopted.
        self.aws("organizations", "create-organization", "--feature-set", "ALL")
        made = self.aws("organizations", "create-account", "--account-name", "legacy",
                        "--email", "legacy@example.com")
        legacy_id = made["CreateAccountStatus"]["AccountId"]
        self.work = Workdir(PLATFORM.format(legacy_id=legacy_id))
        self.addCleanup(self.work.remove)
        with open(os.path.join(self.work.path, "custom.json"), "w") as f:
            json.dump(CUSTOM, f, indent=2)

        self.pave("apply", "-y")

        org = self.aws("organizations", "describe-organization")["Organization"]
        root = self.aws("organizations", "list-roots")["Roots"][0]["Id"]
        units = {u["Name"]: u["Id"] for u in self.aws(
            "organizations", "list-organizational-units-for-parent", "--parent-id", root)["OrganizationalUnits"]}
        self.assertEqual(set(units), {"security", "workloads"})
        accounts = {a["Name"]: a["Id"] for a in self.aws("organizations", "list-accounts")["Accounts"]}
        self.assertEqual(len(accounts), 5, accounts)  # management + audit, app, data, legacy
        self.assertEqual(accounts["legacy"], legacy_id)
        in_workloads = {a["Name"] for a in self.aws(
            "organizations", "list-accounts-for-parent", "--parent-id", units["workloads"])["Accounts"]}
        self.assertEqual(in_workloads, {"app", "data"})

        def targets(policy_name):
            policies = self.aws("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY")["Policies"]
            pid = [p["Id"] for p in policies if p["Name"] == policy_name][0]
            return {t["TargetId"] for t in self.aws(
                "organizations", "list-targets-for-policy", "--policy-id", pid)["Targets"]}
        self.assertIn(root, targets("deny-leave-organization"))
        self.assertEqual(targets("allowed-regions"), {units["workloads"]})
        self.assertEqual(targets("custom"), {accounts["audit"]})

        outputs = self.pave("outputs", ok=(0,)).stdout
        self.assertIn(accounts["audit"], outputs)

        self.assertEqual(changed(plan_json(self.work, self.moto.url)), {})

        destroyed = self.pave("destroy", "-y")
        self.assertIn("left in place in the organization", destroyed.stderr + destroyed.stdout)
        after = {a["Name"] for a in self.aws("organizations", "list-accounts")["Accounts"]}
        self.assertTrue({"audit", "app", "data", "legacy"} <= after)
        self.assertEqual(self.aws("organizations", "describe-organization")["Organization"]["Id"], org["Id"])
        policies = self.aws("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY")["Policies"]
        self.assertEqual([p["Name"] for p in policies if p["Name"] != "FullAWSAccess"], [])


if __name__ == "__main__":
    unittest.main()
