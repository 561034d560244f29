"""End-to-end test of issue 13's platform file in one run against moto: the organization (units
naming their policies, three new accounts and one existing member given by id alone), the
roles for people in every account, the group allowed to assume them, and the network made in
the `shared` account. Read back with the AWS CLI using credentials from `aws sts assume-role`
into each member account: the roles exist in every account with the management account as
principal, the MFA condition where `mfa: true` and the session limit; nothing of the network in
the management account. The second plan is empty; `pave aws-config --write` profiles work with
the AWS CLI; destroy removes everything but the accounts, which it reports.

moto is started with MOTO_IAM_LOAD_MANAGED_POLICIES so the AWS managed policies the roles name
(AdministratorAccess, PowerUserAccess, ReadOnlyAccess) exist in every account, as on AWS."""

import json
import os
import subprocess
import tempfile
import unittest

from e2e_support import MOTO_MISSING_DELEGATED_ADMIN_SERVICES, REGION, Moto, Workdir, aws, aws_env, aws_in, pave_bin, run_pave
from test_network import changed, plan_json

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
metadata: {{name: acme, region: eu-west-1}}
organization:
  accessRole: OrganizationAccountAccessRole
  accounts:
    - {{name: security, email: aws+security@example.org, unit: security}}
    - {{name: shared,   email: aws+shared@example.org,   unit: infrastructure}}
    - {{name: apps-prd, email: aws+apps-prd@example.org, unit: workloads}}
    - {{name: legacy,   id: "{legacy}", unit: workloads}}
  units:
    - {{name: security,       policies: [deny-leave-organization, protect-security-services]}}
    - {{name: infrastructure, policies: [deny-leave-organization]}}
    - {{name: workloads,      policies: [deny-leave-organization, allowed-regions]}}
  policies:
    - {{name: allowed-regions, regions: [eu-west-1, eu-central-1]}}
people:
  roles:
    - {{name: admin,    managedPolicy: AdministratorAccess, mfa: true}}
    - {{name: devops,   managedPolicy: PowerUserAccess,     mfa: true, maxSessionHours: 1}}
    - {{name: readonly, managedPolicy: ReadOnlyAccess}}
  groups:
    - {{name: platform-team, roles: [admin, devops]}}
network:
  account: shared
  cidr: 10.20.0.0/16
  zones: 2
  nat: none
  flowLogs: false
baseline: false
"""

MEMBERS = ("security", "shared", "apps-prd", "legacy")

HARDENING_PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
metadata: {name: acme, region: eu-west-1}
organization:
  accounts:
    - {name: security, email: aws+security@example.org}
    - {name: apps, email: aws+apps@example.org}
baseline:
  cloudtrail: {retentionDays: 90}
  config: {rules: [IAM_PASSWORD_POLICY]}
  securityHub: false        # moto 5.2.1: no Security Hub ListOrganizationAdminAccounts
  accessAnalyzer: false     # moto 5.2.1: no Access Analyzer
  alarms: false
  guardduty: {autoEnable: false}   # moto 5.2.1: no GuardDuty UpdateOrganizationConfiguration
  passwordPolicy: {minLength: 16}
  ebsEncryption: true
  s3PublicAccessBlock: true
  securityAccount: security
  regions: [eu-central-1]
"""

SSO_PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
metadata: {name: acme, region: eu-west-1}
organization:
  accounts:
    - {name: security, email: aws+security@example.org}
    - {name: apps, email: aws+apps@example.org}
people:
  sso: true
  roles:
    - {name: admin,    managedPolicy: AdministratorAccess, maxSessionHours: 4}
    - {name: readonly, managedPolicy: ReadOnlyAccess}
  groups:
    - {name: platform-team, roles: [admin, readonly]}
    - {name: auditors, roles: [readonly]}
baseline: false
"""


class PeopleAcrossAccounts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        cls.moto = Moto(env={"MOTO_IAM_LOAD_MANAGED_POLICIES": "true"},
                        delegated_admin_services=MOTO_MISSING_DELEGATED_ADMIN_SERVICES)

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.moto.reset()

    def aws(self, *args, region=REGION):
        return aws(self.moto.url, *args, region=region)

    def as_account(self, account, *args, region=REGION):
        return aws_in(self.moto.url, account, *args, region=region)

    def roles(self, reader):
        """{name: (trust policy, max session seconds, attached policy names)} of the people roles."""
        out = {}
        for name in ("admin", "devops", "readonly"):
            listed = reader("iam", "list-roles")["Roles"]
            if name not in [r["RoleName"] for r in listed]:
                continue
            role = reader("iam", "get-role", "--role-name", name)["Role"]
            trust = role["AssumeRolePolicyDocument"]
            if isinstance(trust, str):
                trust = json.loads(trust)
            attached = [p["PolicyName"] for p in
                        reader("iam", "list-attached-role-policies", "--role-name", name)["AttachedPolicies"]]
            out[name] = (trust, role.get("MaxSessionDuration"), attached)
        return out

    def vpcs(self, reader):
        return [v["CidrBlock"] for v in
                reader("ec2", "describe-vpcs", "--filters", "Name=tag:pave:platform,Values=acme")["Vpcs"]]

    def test_the_whole_organization_in_one_file_and_one_run(self):
        self.aws("organizations", "create-organization", "--feature-set", "ALL")
        legacy = self.aws("organizations", "create-account", "--account-name", "legacy",
                          "--email", "legacy@example.org")["CreateAccountStatus"]["AccountId"]
        self.work = Workdir(PLATFORM.format(legacy=legacy))
        self.addCleanup(self.work.remove)

        run_pave(["apply", "-y"], self.work, self.moto.url, timeout=600)

        management = self.aws("organizations", "describe-organization")["Organization"]["MasterAccountId"]
        accounts = {a["Name"]: a["Id"] for a in self.aws("organizations", "list-accounts")["Accounts"]}
        self.assertEqual(len(accounts), 5, accounts)  # management + 3 made + legacy adopted
        self.assertEqual(accounts["legacy"], legacy)
        root = self.aws("organizations", "list-roots")["Roots"][0]["Id"]
        units = {u["Name"]: u["Id"] for u in self.aws(
            "organizations", "list-organizational-units-for-parent", "--parent-id", root)["OrganizationalUnits"]}
        self.assertEqual(set(units), {"security", "infrastructure", "workloads"})
        in_workloads = {a["Name"] for a in self.aws(
            "organizations", "list-accounts-for-parent", "--parent-id", units["workloads"])["Accounts"]}
        self.assertEqual(in_workloads, {"apps-prd", "legacy"}, "legacy was moved into its unit")
        policies = {p["Name"]: p["Id"] for p in self.aws(
            "organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY")["Policies"]}
        targets = {name: {t["TargetId"] for t in self.aws(
            "organizations", "list-targets-for-policy", "--policy-id", pid)["Targets"]}
            for name, pid in policies.items() if name != "FullAWSAccess"}
        self.assertEqual(targets, {
            "deny-leave-organization": set(units.values()),
            "protect-security-services": {units["security"]},
            "allowed-regions": {units["workloads"]},
        })

        # Roles for people in every account, trusting the management account.
        principal = "arn:aws:iam::%s:root" % management
        for name in MEMBERS:
            found = self.roles(lambda *a, n=name: self.as_account(accounts[n], *a))
            self.assertEqual(set(found), {"admin", "devops", "readonly"}, name)
            for role, (trust, max_session, attached) in found.items():
                statement = trust["Statement"][0]
                self.assertEqual(statement["Principal"]["AWS"], principal, (name, role))
                mfa = statement.get("Condition", {}).get("Bool", {}).get("aws:MultiFactorAuthPresent")
                self.assertEqual(mfa, None if role == "readonly" else "true", (name, role))
            self.assertEqual(found["devops"][1], 3600)
            self.assertEqual(found["admin"][2], ["AdministratorAccess"])
            self.assertEqual(found["devops"][2], ["PowerUserAccess"])
        in_management = self.roles(self.aws)
        self.assertEqual(set(in_management), {"admin", "devops", "readonly"})
        group_policy = self.aws("iam", "get-group-policy", "--group-name", "platform-team",
                                "--policy-name", "assume-roles")["PolicyDocument"]
        if isinstance(group_policy, str):
            group_policy = json.loads(group_policy)
        allowed = set(group_policy["Statement"][0]["Resource"])
        for name in MEMBERS:
            self.assertIn("arn:aws:iam::%s:role/devops" % accounts[name], allowed)
        self.assertNotIn("arn:aws:iam::%s:role/readonly" % accounts["shared"], allowed)

        # The network in the shared account, and only there.
        self.assertEqual(self.vpcs(lambda *a: self.as_account(accounts["shared"], *a)), ["10.20.0.0/16"])
        self.assertEqual(self.vpcs(self.aws), [], "the network section made nothing in the management account")
        self.assertEqual(self.vpcs(lambda *a: self.as_account(accounts["apps-prd"], *a)), [])

        outputs = json.loads(run_pave(["outputs", "--json"], self.work, self.moto.url).stdout)
        self.assertEqual(outputs["organization.accounts.shared"], accounts["shared"])
        inventory = run_pave(["inventory"], self.work, self.moto.url).stdout
        self.assertTrue(any(line.startswith(accounts["shared"]) and "aws_vpc.main" in line
                            for line in inventory.splitlines()), inventory)

        self.assertEqual(changed(plan_json(self.work, self.moto.url)), {})

        self.check_profiles(accounts)

        destroyed = run_pave(["destroy", "-y"], self.work, self.moto.url, timeout=600)
        said = destroyed.stdout + destroyed.stderr
        for name in ("security", "shared", "apps-prd", "legacy"):
            self.assertIn("account %s (%s) left in place" % (name, accounts[name]), said)
        after = {a["Name"] for a in self.aws("organizations", "list-accounts")["Accounts"]}
        self.assertTrue(set(MEMBERS) <= after)
        for name in MEMBERS:
            self.assertEqual(self.roles(lambda *a, n=name: self.as_account(accounts[n], *a)), {}, name)
        self.assertEqual(self.vpcs(lambda *a: self.as_account(accounts["shared"], *a)), [])
        self.assertEqual(self.roles(self.aws), {})

    def check_profiles(self, accounts):
        """`pave aws-config --write`, then the AWS CLI with a devops profile (MFA code on stdin)."""
        home = tempfile.mkdtemp(prefix="pave-home-")
        self.addCleanup(lambda: subprocess.run(["rm", "-rf", home]))
        config = os.path.join(home, ".aws", "config")
        os.makedirs(os.path.dirname(config))
        with open(config, "w") as f:
            f.write("[default]\naws_access_key_id = testing\naws_secret_access_key = testing\nregion = %s\n" % REGION)
        env = dict(aws_env(self.moto.url), HOME=home, USER="alice")
        del env["AWS_CONFIG_FILE"]
        wrote = subprocess.run([pave_bin(), "aws-config", "--write", "--mfa-serial",
                                "arn:aws:iam::%s:mfa/alice-phone" % accounts["security"], "-f", self.work.file],
                               env=env, cwd=self.work.path, capture_output=True, text=True, timeout=120)
        self.assertEqual(wrote.returncode, 0, wrote.stderr)
        with open(config) as f:
            written = f.read()
        self.assertIn("[profile apps-prd-devops]", written)
        self.assertIn("mfa_serial = arn:aws:iam::%s:mfa/alice-phone" % accounts["security"], written)
        cli_env = dict(env, AWS_CONFIG_FILE=config)
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
            cli_env.pop(k, None)
        for name in ("apps-prd", "legacy"):
            who = subprocess.run(["aws", "--endpoint-url", self.moto.url, "--output", "json",
                                  "--profile", name + "-devops", "sts", "get-caller-identity"],
                                 env=cli_env, input="123456\n",
                                 capture_output=True, text=True, timeout=60)
            self.assertEqual(who.returncode, 0, who.stderr)
            self.assertEqual(json.loads(who.stdout)["Account"], accounts[name])
            self.assertIn("role/devops", json.loads(who.stdout)["Arn"])

    def test_people_sso_makes_permission_sets_groups_and_assignments(self):
        """people.sso: the roles are permission sets with their managed policy, the groups are
        identity store groups, each given its roles in every account; no IAM role is made."""
        self.aws("organizations", "create-organization", "--feature-set", "ALL")
        self.work = Workdir(SSO_PLATFORM)
        self.addCleanup(self.work.remove)
        run_pave(["apply", "-y"], self.work, self.moto.url, timeout=600)

        instance = self.aws("sso-admin", "list-instances")["Instances"][0]
        arn, store = instance["InstanceArn"], instance["IdentityStoreId"]
        sets = {}
        for ps in self.aws("sso-admin", "list-permission-sets", "--instance-arn", arn)["PermissionSets"]:
            described = self.aws("sso-admin", "describe-permission-set", "--instance-arn", arn,
                                 "--permission-set-arn", ps)["PermissionSet"]
            policies = [p["Name"] for p in self.aws("sso-admin", "list-managed-policies-in-permission-set",
                                                      "--instance-arn", arn, "--permission-set-arn", ps)
                        ["AttachedManagedPolicies"]]
            sets[described["Name"]] = (ps, described.get("SessionDuration"), policies)
        self.assertEqual(set(sets), {"admin", "readonly"})
        self.assertEqual(sets["admin"][1:], ("PT4H", ["AdministratorAccess"]))
        self.assertEqual(sets["readonly"][2], ["ReadOnlyAccess"])
        groups = {g["DisplayName"]: g["GroupId"] for g in
                  self.aws("identitystore", "list-groups", "--identity-store-id", store)["Groups"]}
        self.assertEqual(set(groups), {"platform-team", "auditors"})

        management = self.aws("organizations", "describe-organization")["Organization"]["MasterAccountId"]
        accounts = {a["Name"]: a["Id"] for a in self.aws("organizations", "list-accounts")["Accounts"]}
        targets = {"management": management, "security": accounts["security"], "apps": accounts["apps"]}

        def assigned(account, role):
            return {a["PrincipalId"] for a in self.aws(
                "sso-admin", "list-account-assignments", "--instance-arn", arn, "--account-id", account,
                "--permission-set-arn", sets[role][0])["AccountAssignments"] if a["PrincipalType"] == "GROUP"}
        for name, account in targets.items():
            self.assertEqual(assigned(account, "admin"), {groups["platform-team"]}, name)
            self.assertEqual(assigned(account, "readonly"), {groups["platform-team"], groups["auditors"]}, name)
        self.assertEqual(self.roles(self.aws), {}, "no IAM people roles under people.sso")

        self.assertEqual(changed(plan_json(self.work, self.moto.url)), {})

        printed = run_pave(["aws-config"], self.work, self.moto.url).stdout
        self.assertIn("[sso-session pave-acme]\nsso_start_url = https://%s.awsapps.com/start\nsso_region = eu-west-1"
                      % store, printed)
        self.assertIn("[profile apps-admin]\nsso_session = pave-acme\nsso_account_id = %s\nsso_role_name = admin"
                      % accounts["apps"], printed)
        refused = run_pave(["credentials", "--account", "apps", "--role", "admin"], self.work, self.moto.url,
                           check=False)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("aws sso login --profile apps-admin", refused.stderr)

        # A group removed from the file: its group and assignments go, nothing else changes.
        self.work.write(SSO_PLATFORM.replace("    - {name: auditors, roles: [readonly]}\n", ""))
        run_pave(["apply", "-y"], self.work, self.moto.url, timeout=600)
        groups_after = {g["DisplayName"] for g in
                        self.aws("identitystore", "list-groups", "--identity-store-id", store)["Groups"]}
        self.assertEqual(groups_after, {"platform-team"})
        for name, account in targets.items():
            self.assertEqual(assigned(account, "readonly"), {groups["platform-team"]}, name)

        run_pave(["destroy", "-y"], self.work, self.moto.url, timeout=600)
        self.assertEqual(self.aws("sso-admin", "list-permission-sets", "--instance-arn", arn)["PermissionSets"], [])
        self.assertEqual(self.aws("identitystore", "list-groups", "--identity-store-id", store)["Groups"], [])
        self.assertEqual(len(self.aws("sso-admin", "list-instances")["Instances"]), 1, "the instance is left")

    def test_baseline_hardens_every_account_of_the_organization(self):
        """The baseline's account hardening, GuardDuty and Config in the management account and in
        every member account (through the access role), read back in each; the security account
        holds the log archive (the organization trail's and every account's Config delivery) and
        the Config aggregator; turning a part off is an ordinary plan that resets it everywhere."""
        self.aws("organizations", "create-organization", "--feature-set", "ALL")
        text = HARDENING_PLATFORM
        self.work = Workdir(text)
        self.addCleanup(self.work.remove)
        run_pave(["apply", "-y"], self.work, self.moto.url, timeout=600)
        accounts = {a["Name"]: a["Id"] for a in self.aws("organizations", "list-accounts")["Accounts"]}
        readers = {"management": self.aws}
        for name in ("security", "apps"):
            readers[name] = lambda *a, n=name, **kw: self.as_account(accounts[n], *a, **kw)
        for name, reader in readers.items():
            policy = reader("iam", "get-account-password-policy")["PasswordPolicy"]
            self.assertEqual((policy["MinimumPasswordLength"], policy["PasswordReusePrevention"]), (16, 24), name)
            for region in (REGION, "eu-central-1"):  # baseline.regions: the regional parts in both
                where = "%s in %s" % (name, region)
                self.assertTrue(reader("ec2", "get-ebs-encryption-by-default", region=region)["EbsEncryptionByDefault"],
                                where)
                self.assertEqual(len(reader("guardduty", "list-detectors", region=region)["DetectorIds"]), 1, where)
                recorders = reader("configservice", "describe-configuration-recorders",
                                   region=region)["ConfigurationRecorders"]
                self.assertEqual([r["recordingGroup"]["includeGlobalResourceTypes"] for r in recorders],
                                 [region == REGION], where)
        # The security account administers GuardDuty for the organization, in each region.
        for region in (REGION, "eu-central-1"):
            admins = self.aws("guardduty", "list-organization-admin-accounts", region=region)["AdminAccounts"]
            self.assertEqual({a["AdminAccountId"] for a in admins}, {accounts["security"]}, region)
        trusted = self.aws("organizations", "list-aws-service-access-for-organization")["EnabledServicePrincipals"]
        self.assertLessEqual({"guardduty.amazonaws.com", "cloudtrail.amazonaws.com", "config.amazonaws.com"},
                             {t["ServicePrincipal"] for t in trusted})
        self.assert_log_archive(accounts, readers)
        self.assertEqual(changed(plan_json(self.work, self.moto.url)), {})

        self.work.write(text.replace("ebsEncryption: true", "ebsEncryption: false"))
        plan = changed(plan_json(self.work, self.moto.url))
        self.assertEqual(plan, {"aws_ebs_encryption_by_default.baseline%s" % s: "delete"
                                for s in ("", "-security", "-apps", "-eu-central-1", "-security-eu-central-1",
                                          "-apps-eu-central-1")})
        run_pave(["apply", "-y"], self.work, self.moto.url, timeout=600)
        for name, reader in readers.items():
            for region in (REGION, "eu-central-1"):
                self.assertFalse(reader("ec2", "get-ebs-encryption-by-default", region=region)["EbsEncryptionByDefault"],
                                 "%s in %s" % (name, region))

    def assert_log_archive(self, accounts, readers):
        org = self.aws("organizations", "describe-organization")["Organization"]
        bucket = run_pave(["outputs", "--json"], self.work, self.moto.url).stdout
        bucket = json.loads(bucket)["baseline.bucket"]
        # The bucket is the security account's, and its policy admits the organization trail and
        # the Config delivery of each account.
        self.assertIn(bucket, [b["Name"] for b in readers["security"]("s3api", "list-buckets")["Buckets"]])
        self.assertNotIn(bucket, [b["Name"] for b in self.aws("s3api", "list-buckets")["Buckets"]])
        policy = json.loads(readers["security"]("s3api", "get-bucket-policy", "--bucket", bucket)["Policy"])
        by_sid = {st["Sid"]: st for st in policy["Statement"] if "Sid" in st}
        write = by_sid["PaveCloudtrailWrite"]
        self.assertIn("arn:aws:s3:::%s/AWSLogs/%s/*" % (bucket, org["Id"]), write["Resource"])
        every = {org["MasterAccountId"], accounts["security"], accounts["apps"]}
        self.assertEqual(set(write["Condition"]["StringEquals"]["aws:SourceAccount"]), every)
        self.assertEqual(set(by_sid["PaveConfigWrite"]["Condition"]["StringEquals"]["aws:SourceAccount"]), every)
        # One organization trail, in the management account, to that bucket.
        trails = self.aws("cloudtrail", "describe-trails")["trailList"]
        self.assertEqual([(t["Name"], t["S3BucketName"], t.get("IsOrganizationTrail")) for t in trails],
                         [("acme", bucket, True)])
        for name in ("security", "apps"):
            self.assertEqual(readers[name]("cloudtrail", "describe-trails")["trailList"], [], name)
        # Its log files are encrypted with the platform's key, which CloudTrail may use.
        key = self.aws("kms", "describe-key", "--key-id", trails[0]["KmsKeyId"])["KeyMetadata"]
        self.assertEqual(key["Arn"], trails[0]["KmsKeyId"])
        key_policy = json.loads(self.aws("kms", "get-key-policy", "--key-id", key["KeyId"],
                                         "--policy-name", "default")["Policy"])
        encrypts = [st for st in key_policy["Statement"] if st.get("Sid") == "CloudTrailEncrypts"]
        self.assertEqual(encrypts[0]["Principal"], {"Service": "cloudtrail.amazonaws.com"})
        self.assertIn(":%s:trail/" % org["MasterAccountId"],
                      encrypts[0]["Condition"]["StringLike"]["kms:EncryptionContext:aws:cloudtrail:arn"])
        # Config records in every account and delivers to the archive.
        for name, reader in readers.items():
            channels = reader("configservice", "describe-delivery-channels")["DeliveryChannels"]
            self.assertEqual([c["s3BucketName"] for c in channels], [bucket], name)
            status = reader("configservice", "describe-configuration-recorder-status")
            self.assertEqual([r["recording"] for r in status["ConfigurationRecordersStatus"]], [True], name)
        # The aggregator of the whole organization, in the security account (Config's delegated
        # administrator).
        aggregators = readers["security"]("configservice", "describe-configuration-aggregators")
        sources = [a["OrganizationAggregationSource"] for a in aggregators["ConfigurationAggregators"]]
        self.assertEqual([s.get("AllAwsRegions") for s in sources], [True])
        self.assertIn(":role/acme-config-aggregator", sources[0]["RoleArn"])
        self.assertEqual(self.aws("configservice", "describe-configuration-aggregators")["ConfigurationAggregators"], [])
        admins = self.aws("organizations", "list-delegated-administrators",
                          "--service-principal", "config.amazonaws.com")["DelegatedAdministrators"]
        self.assertEqual([a["Id"] for a in admins], [accounts["security"]])


if __name__ == "__main__":
    unittest.main()
