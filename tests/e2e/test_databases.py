"""End-to-end tests of the `databases:` section (RDS PostgreSQL): applied against moto and
read back with the AWS CLI.

One platform: a network with private and database subnets (no cluster, so port 5432 is open
only to the private subnets' CIDRs) and one PostgreSQL database. Checked: engine, version,
class, storage, encryption under the platform key, multi-AZ, backups, deletion protection,
subnet group and security group rule; the master password is made by RDS and kept in Secrets
Manager (ManageMasterUserPassword), and never appears in `.pave/` or in any output of pave; a
second plan is empty; `kill -9` at random moments of the apply, then apply again, converges
on one database with nothing left over; a class/storage change and a major version upgrade are in-place
updates; destroy is refused without
--allow-data-loss and, with it, leaves a final snapshot.

moto makes instances "available" at once and does not simulate "modifying"; the poller's
waits are covered by the unit tests (src/providers/aws/rds/rds_types_test.cc)."""

import json
import os
import random
import re
import signal
import subprocess
import time
import unittest

from e2e_support import Moto, Workdir, aws, aws_env, pave_bin, run_pave
from test_network import changed, plan_json

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: rdsshop
  region: eu-west-1
network:
  cidr: 10.20.0.0/16
  zones: 2
  nat: none
  tiers: [private, database]
databases:
  postgres:
    - {{name: orders, version: "16", class: {cls}, storageGB: {gb}, multiAZ: true}}
"""


class DatabasesAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.moto.reset()
        self.workdir = Workdir(PLATFORM.format(cls="db.t4g.medium", gb=20))
        self.addCleanup(self.workdir.remove)
        self.outputs = []

    def pave(self, *args, ok=(0,)):
        proc = run_pave(list(args), self.workdir, self.moto.url, check=False)
        self.outputs += [proc.stdout, proc.stderr]
        if proc.returncode not in ok:
            raise AssertionError("pave %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(args), proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
        return proc

    def aws(self, *args):
        return aws(self.moto.url, *args)

    def db(self):
        return self.aws("rds", "describe-db-instances", "--db-instance-identifier", "rdsshop-orders")["DBInstances"][0]

    def assert_nowhere(self, needle):
        for text in self.outputs:
            self.assertNotIn(needle, text, "the database password appeared in pave's output")
        for root, _, files in os.walk(os.path.join(self.workdir.path, ".pave")):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    self.assertNotIn(needle.encode(), f.read(), f"the database password appeared in {name}")

    def test_postgres_lifecycle(self):
        self.pave("--debug", "apply", "-y")

        db = self.db()
        self.assertEqual(db["Engine"], "postgres")
        self.assertTrue(db["EngineVersion"] == "16" or db["EngineVersion"].startswith("16."), db["EngineVersion"])
        self.assertEqual(db["DBInstanceClass"], "db.t4g.medium")
        self.assertEqual(db["AllocatedStorage"], 20)
        self.assertTrue(db["MultiAZ"])
        self.assertTrue(db["DeletionProtection"])
        self.assertEqual(db["BackupRetentionPeriod"], 7)
        self.assertFalse(db.get("PubliclyAccessible", False))
        self.assertEqual(db["DBInstanceStatus"], "available")

        # Encrypted under the platform's key (alias/<platform>), and so is the password secret.
        aliases = self.aws("kms", "list-aliases")["Aliases"]
        key_id = next(a["TargetKeyId"] for a in aliases if a["AliasName"] == "alias/rdsshop")
        key_arn = self.aws("kms", "describe-key", "--key-id", key_id)["KeyMetadata"]["Arn"]
        self.assertTrue(db["StorageEncrypted"])
        self.assertEqual(db["KmsKeyId"], key_arn)
        self.assertEqual(db["MasterUserSecret"]["KmsKeyId"], key_arn)

        # In the database subnets, through the platform's subnet group.
        vpcs = self.aws("ec2", "describe-vpcs", "--filters", "Name=tag:pave:platform,Values=rdsshop")["Vpcs"]
        vpc_id = vpcs[0]["VpcId"]
        subnets = self.aws("ec2", "describe-subnets", "--filters", f"Name=vpc-id,Values={vpc_id}")["Subnets"]
        database_subnets = {s["SubnetId"] for s in subnets if s["CidrBlock"] in ("10.20.128.0/21", "10.20.136.0/21")}
        self.assertEqual(len(database_subnets), 2)
        self.assertEqual(db["DBSubnetGroup"]["DBSubnetGroupName"], "rdsshop-databases")
        group = self.aws("rds", "describe-db-subnet-groups", "--db-subnet-group-name", "rdsshop-databases")
        group = group["DBSubnetGroups"][0]
        self.assertEqual({s["SubnetIdentifier"] for s in group["Subnets"]}, database_subnets)
        self.assertEqual(group["VpcId"], vpc_id)

        # One security group, open on 5432 to the private subnets only.
        self.assertEqual(len(db["VpcSecurityGroups"]), 1)
        sg_id = db["VpcSecurityGroups"][0]["VpcSecurityGroupId"]
        sg = self.aws("ec2", "describe-security-groups", "--group-ids", sg_id)["SecurityGroups"][0]
        self.assertEqual(sg["GroupName"], "rdsshop-databases")
        self.assertEqual(sg["VpcId"], vpc_id)
        ingress = sg["IpPermissions"]
        self.assertEqual({(p["IpProtocol"], p["FromPort"], p["ToPort"]) for p in ingress}, {("tcp", 5432, 5432)})
        cidrs = {r["CidrIp"] for p in ingress for r in p.get("IpRanges", [])}
        self.assertEqual(cidrs, {"10.20.64.0/21", "10.20.72.0/21"})
        self.assertEqual([g for p in ingress for g in p.get("UserIdGroupPairs", [])], [])
        self.assertEqual(sg["IpPermissionsEgress"], [], "a database needs no egress")

        # The password: generated by RDS, kept in Secrets Manager, never seen by pave.
        secret_arn = db["MasterUserSecret"]["SecretArn"]
        # (moto writes a fixed {"username": "admin", "password": ...} there whatever the user;
        # real RDS writes the instance's master user.)
        self.assertEqual(db["MasterUsername"], "pave")
        secret = json.loads(self.aws("secretsmanager", "get-secret-value", "--secret-id", secret_arn)["SecretString"])
        password = secret["password"]
        self.assertGreaterEqual(len(password), 8)

        # Outputs: endpoint, port and the secret's ARN, never the value.
        shown = json.loads(self.pave("outputs", "--json").stdout)
        self.assertEqual(shown["databases.orders.password_secret"], secret_arn)
        self.assertEqual(shown["databases.orders.endpoint"], db["Endpoint"]["Address"])
        self.assertEqual(shown["databases.orders.port"], 5432)
        self.assertEqual(shown["databases.orders.username"], "pave")
        self.assertEqual(self.pave("outputs", "databases.orders.port").stdout.strip(), "5432")

        # A second plan is empty.
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)

        # A bigger class and more storage: an in-place update, the same instance.
        created = db["InstanceCreateTime"]
        self.workdir.write(PLATFORM.format(cls="db.t4g.large", gb=30))
        self.assertEqual(changed(plan_json(self.workdir, self.moto.url)), {"aws_db_instance.orders": "update"})
        self.pave("apply", "-y")
        db = self.db()
        self.assertEqual(db["DBInstanceClass"], "db.t4g.large")
        self.assertEqual(db["AllocatedStorage"], 30)
        self.assertEqual(db["InstanceCreateTime"], created, "updated in place, not replaced")
        self.assertEqual(db["MasterUserSecret"]["SecretArn"], secret_arn)
        again = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(again.returncode, 0, again.stdout)

        # A major version upgrade is in place too.
        self.workdir.write(PLATFORM.format(cls="db.t4g.large", gb=30).replace('version: "16"', 'version: "17"'))
        self.assertEqual(changed(plan_json(self.workdir, self.moto.url)), {"aws_db_instance.orders": "update"})
        self.pave("apply", "-y")
        db = self.db()
        self.assertTrue(db["EngineVersion"] == "17" or db["EngineVersion"].startswith("17."), db["EngineVersion"])
        self.assertEqual(db["InstanceCreateTime"], created, "upgraded in place, not replaced")

        # Destroy without --allow-data-loss is refused, and nothing is touched.
        refused = self.pave("destroy", "-y", ok=(1,))
        self.assertIn("--allow-data-loss", refused.stdout + refused.stderr)
        self.assertIn("aws_db_instance.orders", refused.stdout + refused.stderr)
        self.assertTrue(self.db()["DeletionProtection"])

        # With it: protection is lifted, the database goes, a final snapshot stays.
        self.pave("destroy", "-y", "--allow-data-loss")
        with self.assertRaises(AssertionError):
            self.db()
        snapshots = self.aws("rds", "describe-db-snapshots")["DBSnapshots"]
        final = [s for s in snapshots if s["DBSnapshotIdentifier"].startswith("rdsshop-orders-final-")]
        self.assertEqual(len(final), 1, snapshots)
        self.assertEqual(final[0]["DBInstanceIdentifier"], "rdsshop-orders")
        self.assertEqual(final[0]["Status"], "available")
        with self.assertRaises(AssertionError):
            self.aws("rds", "describe-db-subnet-groups", "--db-subnet-group-name", "rdsshop-databases")

        self.assert_nowhere(password)

    def start_over(self):
        """An empty account and no state. (Not destroy: moto keeps each instance's automated
        snapshot, named by the minute, so re-creating the instance within that minute fails.)"""
        self.moto.reset()
        self.workdir.remove()
        self.workdir = Workdir(PLATFORM.format(cls="db.t4g.medium", gb=20))
        self.addCleanup(self.workdir.remove)

    def test_kill_nine_during_apply_then_resume(self):
        """The DB identifier and subnet group name are fixed, so a retried create finds what a
        killed run made (by its pave:* tags) and adopts it instead of failing on it."""
        rng = random.Random(20261123)
        start = time.monotonic()
        self.pave("apply", "-y")
        full = time.monotonic() - start
        self.start_over()
        kills, rounds = 0, 0
        while kills < 3 and rounds < 12:
            rounds += 1
            begun = time.monotonic()
            proc = subprocess.Popen([pave_bin(), "apply", "-y", "-f", self.workdir.file], cwd=self.workdir.path,
                                    env=aws_env(self.moto.url), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, full))
            if proc.poll() is not None:
                # finished before the kill: start the next round from nothing, and aim the
                # next kill inside the time an undisturbed apply takes here
                full = min(full, time.monotonic() - begun)
                self.start_over()
                continue
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1  # the next apply starts at once: the lock died with the process
        self.pave("apply", "-y")
        self.assertGreater(kills, 0)
        dbs = self.aws("rds", "describe-db-instances")["DBInstances"]
        self.assertEqual([d["DBInstanceIdentifier"] for d in dbs], ["rdsshop-orders"])
        self.assertEqual(dbs[0]["DBInstanceStatus"], "available")
        groups = self.aws("rds", "describe-db-subnet-groups")["DBSubnetGroups"]
        self.assertEqual([g["DBSubnetGroupName"] for g in groups], ["rdsshop-databases"])
        sgs = self.aws("ec2", "describe-security-groups", "--filters", "Name=group-name,Values=rdsshop-databases")
        self.assertEqual(len(sgs["SecurityGroups"]), 1)
        self.assertEqual(dbs[0]["VpcSecurityGroups"][0]["VpcSecurityGroupId"], sgs["SecurityGroups"][0]["GroupId"])
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)


if __name__ == "__main__":
    unittest.main()
