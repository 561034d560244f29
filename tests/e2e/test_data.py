"""End-to-end tests of pave's data sections (issue 5): `secrets:` (SSM SecureString and Secrets
Manager under the platform's KMS key) and `buckets:` (versioned, encrypted, private, TLS-only S3
buckets), applied against moto and read back with the AWS CLI.

The canary test puts a random secret in the environment and in a file, and checks that neither
ever appears in `.pave/` (state, journal, history) or in any output of pave (plan, apply, --json,
--debug, errors), while the AWS CLI reads the right values back with decryption.

Run by CTest with PAVE_BIN set; moto runs on a free loopback port and is stopped by its PID
(e2e_support.Moto). Secret values reach pave through this process's environment, which
e2e_support.aws_env passes on."""

import json
import os
import re
import secrets
import unittest

from e2e_support import Moto, Workdir, aws, pave_bin, run_pave
from test_network import changed, plan_json

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: datashop
  region: eu-west-1
secrets:
  - {{name: github-token, from: env:DATA_CANARY}}
  - {{name: tls-key, from: file:tls.key, store: secretsmanager}}
buckets:
  - {{name: assets, versioning: true}}
  - {{name: logs, versioning: {logs_versioning}, encryption: s3}}
"""


class DataAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.workdir = None
        self.addCleanup(os.environ.pop, "DATA_CANARY", None)

    def tearDown(self):
        if self.workdir:
            self.workdir.remove()

    def pave(self, *args, ok=(0,)):
        proc = run_pave(list(args), self.workdir, self.moto.url, check=False)
        if proc.returncode not in ok:
            raise AssertionError("pave %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(args), proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
        return proc

    def aws(self, *args):
        return aws(self.moto.url, *args)

    def assert_nowhere(self, canaries, outputs, platform):
        for text in outputs:
            for c in canaries:
                self.assertNotIn(c, text, "a secret value appeared in pave's output")
        state_dir = os.path.join(platform.path, ".pave")
        self.assertTrue(os.path.isdir(state_dir))
        for root, _, files in os.walk(state_dir):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    data = f.read()
                for c in canaries:
                    self.assertNotIn(c.encode(), data, f"a secret value appeared in {name}")

    def test_secrets_and_buckets(self):
        canary = "canary-" + secrets.token_hex(12)
        file_canary = "file-canary-" + secrets.token_hex(12)
        os.environ["DATA_CANARY"] = canary
        self.workdir = p = Workdir(PLATFORM.format(logs_versioning="false"))
        with open(os.path.join(p.path, "tls.key"), "w") as f:
            f.write(file_canary + "\n")
        outputs = []

        plan = self.pave("plan", "--json")
        outputs += [plan.stdout, plan.stderr]
        self.assertIn("aws_ssm_parameter.github-token", changed(plan_json(self.workdir, self.moto.url)))
        applied = self.pave("--debug", "apply", "-y")
        outputs += [applied.stdout, applied.stderr]
        # --debug logs every request (so the canary check above covers the request log too).
        self.assertRegex(applied.stderr, r"aws: ssm PutParameter POST \S+ -> 200 in \d+ ms")

        # The platform key: rotation on, named by its alias.
        aliases = self.aws("kms", "list-aliases")["Aliases"]
        key_id = next(a["TargetKeyId"] for a in aliases if a["AliasName"] == "alias/datashop")
        key = self.aws("kms", "describe-key", "--key-id", key_id)["KeyMetadata"]
        self.assertEqual(key["KeyState"], "Enabled")
        self.assertTrue(self.aws("kms", "get-key-rotation-status", "--key-id", key_id)["KeyRotationEnabled"])

        # The parameter: a SecureString under the platform key, with the environment's value.
        param = self.aws("ssm", "get-parameter", "--name", "/datashop/github-token", "--with-decryption")["Parameter"]
        self.assertEqual(param["Value"], canary)
        self.assertEqual(param["Type"], "SecureString")
        described = self.aws("ssm", "describe-parameters", "--parameter-filters",
                          "Key=Name,Option=Equals,Values=/datashop/github-token")["Parameters"][0]
        self.assertIn(described["KeyId"], (key["Arn"], key_id))

        # The secret: under the platform key, with the file's value.
        secret = self.aws("secretsmanager", "describe-secret", "--secret-id", "datashop/tls-key")
        self.assertIn(secret["KmsKeyId"], (key["Arn"], key_id))
        value = self.aws("secretsmanager", "get-secret-value", "--secret-id", "datashop/tls-key")["SecretString"]
        self.assertEqual(value, file_canary)

        # The buckets: versioning, encryption, public-access block, TLS-only policy.
        assets = "datashop-assets-eu-west-1"
        self.assertEqual(self.aws("s3api", "get-bucket-versioning", "--bucket", assets).get("Status"), "Enabled")
        rule = self.aws("s3api", "get-bucket-encryption", "--bucket", assets)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "aws:kms")
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"], key["Arn"])
        block = self.aws("s3api", "get-public-access-block", "--bucket", assets)["PublicAccessBlockConfiguration"]
        self.assertEqual(block, {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                                 "RestrictPublicBuckets": True})
        policy = json.loads(self.aws("s3api", "get-bucket-policy", "--bucket", assets)["Policy"])
        deny = [s for s in policy["Statement"] if s["Effect"] == "Deny"]
        self.assertEqual(deny[0]["Condition"]["Bool"]["aws:SecureTransport"], "false")
        logs = "datashop-logs-eu-west-1"
        rule = self.aws("s3api", "get-bucket-encryption", "--bucket", logs)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "AES256")
        self.assertNotEqual(self.aws("s3api", "get-bucket-versioning", "--bucket", logs).get("Status"), "Enabled")
        tags = {t["Key"]: t["Value"] for t in self.aws("s3api", "get-bucket-tagging", "--bucket", assets)["TagSet"]}
        self.assertEqual(tags["pave:address"], "aws_s3_bucket.assets")

        # A second plan is empty.
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)

        # A new value in the environment plans an update of the parameter, without showing it.
        new_canary = "canary-" + secrets.token_hex(12)
        os.environ["DATA_CANARY"] = new_canary
        as_json = self.pave("plan", "--json")
        outputs += [as_json.stdout, as_json.stderr]
        changes = changed(plan_json(self.workdir, self.moto.url))
        self.assertEqual(changes, {"aws_ssm_parameter.github-token": "update"})
        self.assertEqual(self.pave("plan", "--detailed-exitcode", ok=(2,)).returncode, 2)
        human = self.pave("plan", ok=(0, 2))
        outputs += [human.stdout, human.stderr]
        applied = self.pave("apply", "-y")
        outputs += [applied.stdout, applied.stderr]
        param = self.aws("ssm", "get-parameter", "--name", "/datashop/github-token", "--with-decryption")["Parameter"]
        self.assertEqual(param["Value"], new_canary)
        self.assertGreaterEqual(param["Version"], 2)

        # A setting changed in the file updates the bucket in place.
        p.write(PLATFORM.format(logs_versioning="true"))
        self.pave("apply", "-y")
        self.assertEqual(self.aws("s3api", "get-bucket-versioning", "--bucket", logs).get("Status"), "Enabled")

        # A missing variable is an error naming it, not a value.
        del os.environ["DATA_CANARY"]
        missing = self.pave("plan", ok=(1,))
        outputs += [missing.stdout, missing.stderr]
        self.assertIn("DATA_CANARY", missing.stdout + missing.stderr)
        os.environ["DATA_CANARY"] = new_canary

        # Destroy: keys and secrets are scheduled for deletion with their waiting periods;
        # buckets are removed.
        destroyed = self.pave("destroy", "-y", "--allow-data-loss")
        outputs += [destroyed.stdout, destroyed.stderr]
        key = self.aws("kms", "describe-key", "--key-id", key_id)["KeyMetadata"]
        self.assertEqual(key["KeyState"], "PendingDeletion")
        self.assertIn("DeletionDate", key)
        # ...and destroy says so in its closing block, with the day (issue 12, item 4).
        kept = destroyed.stderr[destroyed.stderr.find("Kept (recoverable):"):]
        self.assertTrue(kept.startswith("Kept (recoverable):\n"), destroyed.stderr[-2000:])
        self.assertRegex(kept, r"\n  aws_kms_key\.\S+: key " + re.escape(key_id) +
                         r" scheduled for deletion in \d+ days \(on \d{4}-\d{2}-\d{2}\)\n")
        self.assertRegex(kept, r"\n  aws_secretsmanager_secret\.\S+: secret datashop/tls-key scheduled for "
                               r"deletion in \d+ days \(on ")
        listed = self.aws("secretsmanager", "list-secrets", "--include-planned-deletion")["SecretList"]
        tls = next(s for s in listed if s["Name"] == "datashop/tls-key")
        self.assertIn("DeletedDate", tls)
        names = [b["Name"] for b in self.aws("s3api", "list-buckets")["Buckets"]]
        self.assertNotIn(assets, names)
        self.assertNotIn(logs, names)
        with self.assertRaises(AssertionError):
            self.aws("ssm", "get-parameter", "--name", "/datashop/github-token")

        self.assert_nowhere([canary, new_canary, file_canary], outputs, p)


if __name__ == "__main__":
    unittest.main()
