"""End-to-end test of the `organization:` section (issue 13) against moto, read back with the
AWS CLI: the organization, units, accounts (one given by id, made first with the AWS CLI, is
adopted, not recreated), SCPs attached where declared; a second plan is empty; destroy removes
everything but the accounts (and the organization that still holds them), which it reports.

`pave credentials --account audit --role readonly` prints export lines of the assumed role.
`pave aws-config --write` (HOME a temp dir, the file holding another profile that must survive)
then `aws --profile audit-readonly sts get-caller-identity` answers with the audit account. The
`people:` section is added to the file for this step but not applied: until the engine routes
`ResourceConfig::account`, every account's roles would be made in the management account."""

import json
import os
import subprocess
import tempfile
import unittest

from e2e_support import REGION, Moto, Workdir, aws, aws_env, pave_bin, run_pave
from test_network import changed, plan_json

PEOPLE = """people:
  roles:
    - {name: admin, policy: arn:aws:iam::aws:policy/AdministratorAccess, mfa: true}
    - {name: readonly, policy: arn:aws:iam::aws:policy/ReadOnlyAccess}
  groups:
    - {name: admins, roles: [admin]}
"""

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
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

        self.check_aws_config(accounts, org["MasterAccountId"])

        destroyed = self.pave("destroy", "-y")
        self.assertIn("left in place in the organization", destroyed.stderr + destroyed.stdout)
        after = {a["Name"] for a in self.aws("organizations", "list-accounts")["Accounts"]}
        self.assertTrue({"audit", "app", "data", "legacy"} <= after)
        self.assertEqual(self.aws("organizations", "describe-organization")["Organization"]["Id"], org["Id"])
        policies = self.aws("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY")["Policies"]
        self.assertEqual([p["Name"] for p in policies if p["Name"] != "FullAWSAccess"], [])

    def check_aws_config(self, accounts, management):
        with open(self.work.file) as f:
            text = f.read()
        self.work.write(text + PEOPLE)
        home = tempfile.mkdtemp(prefix="pave-home-")
        config = os.path.join(home, ".aws", "config")
        os.makedirs(os.path.dirname(config))
        with open(config, "w") as f:
            f.write("[default]\naws_access_key_id = testing\naws_secret_access_key = testing\n\n"
                    "[profile other]\nregion = us-west-2\n")
        env = aws_env(self.moto.url)
        env.update({"HOME": home, "USER": "alice"})
        del env["AWS_CONFIG_FILE"]
        printed = subprocess.run([pave_bin(), "aws-config", "-f", self.work.file], env=env, cwd=self.work.path,
                                 capture_output=True, text=True, timeout=120)
        self.assertEqual(printed.returncode, 0, printed.stderr)
        self.assertIn("[profile audit-readonly]", printed.stdout)
        with open(config) as f:
            self.assertNotIn("audit-readonly", f.read())  # printed, not written
        wrote = subprocess.run([pave_bin(), "aws-config", "--write", "-f", self.work.file], env=env,
                               cwd=self.work.path, capture_output=True, text=True, timeout=120)
        self.assertEqual(wrote.returncode, 0, wrote.stderr)
        with open(config) as f:
            written = f.read()
        self.assertIn("[profile other]\nregion = us-west-2", written)
        self.assertIn("role_arn = arn:aws:iam::%s:role/readonly" % accounts["audit"], written)
        self.assertIn("[profile legacy-admin]", written)
        self.assertIn("[profile management-admin]\nsource_profile = default\nrole_arn = arn:aws:iam::%s:role/admin\n"
                      "mfa_serial = arn:aws:iam::%s:mfa/alice" % (management, management), written)
        # Written twice: merged, not duplicated.
        subprocess.run([pave_bin(), "aws-config", "--write", "-f", self.work.file], env=env, cwd=self.work.path,
                       capture_output=True, text=True, timeout=120, check=True)
        with open(config) as f:
            self.assertEqual(f.read().count("[profile audit-readonly]"), 1)
        cli_env = dict(env, AWS_CONFIG_FILE=config)
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            cli_env.pop(k, None)
        who = subprocess.run(["aws", "--endpoint-url", self.moto.url, "--region", REGION, "--output", "json",
                              "--profile", "audit-readonly", "sts", "get-caller-identity"],
                             env=cli_env, capture_output=True, text=True, timeout=60)
        self.assertEqual(who.returncode, 0, who.stderr)
        self.assertEqual(json.loads(who.stdout)["Account"], accounts["audit"])
        # pave credentials --account: the role assumed, export lines for a shell.
        creds = run_pave(["credentials", "--account", "audit", "--role", "readonly"], self.work, self.moto.url)
        exports = dict(line[len("export "):].split("=", 1) for line in creds.stdout.splitlines()
                       if line.startswith("export "))
        self.assertEqual(set(exports), {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"})
        as_role = dict(aws_env(self.moto.url), **exports)
        who = subprocess.run(["aws", "--endpoint-url", self.moto.url, "--region", REGION, "--output", "json",
                              "sts", "get-caller-identity"], env=as_role, capture_output=True, text=True, timeout=60)
        self.assertEqual(who.returncode, 0, who.stderr)
        self.assertEqual(json.loads(who.stdout)["Account"], accounts["audit"])
        self.assertIn("role/readonly", json.loads(who.stdout)["Arn"])
        needs_mfa = run_pave(["credentials", "--account", "audit", "--role", "admin"], self.work, self.moto.url,
                             check=False)
        self.assertNotEqual(needs_mfa.returncode, 0)
        self.assertIn("needs MFA", needs_mfa.stderr)
        self.work.write(text)


if __name__ == "__main__":
    unittest.main()
