"""End-to-end tests of pave's data sections (issue 5): `secrets:` (SSM SecureString and Secrets
Manager under the platform's KMS key) and `buckets:` (versioned, encrypted, private, TLS-only S3
buckets), applied against moto and read back with the AWS CLI.

The canary test puts a random secret in the environment and in a file, and checks that neither
ever appears in `.pave/` (state, journal, history) or in any output of pave (plan, apply, --json,
--debug, errors), while the AWS CLI reads the right values back with decryption.

Run by CTest with PAVE_BIN set; the class starts moto on a free loopback port and stops it by PID.
The helpers (free_port, start, stop, base_env, Platform) are the ones test_eks.py defines."""

import json
import os
import secrets
import sys
import unittest

from test_eks import Platform, base_env, free_port, start, stop

PLATFORM = """secrets:
  - {{name: github-token, from: env:DATA_CANARY}}
  - {{name: tls-key, from: file:tls.key, store: secretsmanager}}
buckets:
  - {{name: assets, versioning: true}}
  - {{name: logs, versioning: {logs_versioning}, encryption: s3}}
"""


class DataAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.port = free_port()
        cls.moto = start([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(cls.port)], cls.port)

    @classmethod
    def tearDownClass(cls):
        stop(cls.moto)

    def assert_nowhere(self, canaries, outputs, platform):
        for text in outputs:
            for c in canaries:
                self.assertNotIn(c, text, "a secret value appeared in pave's output")
        state_dir = os.path.join(platform.dir, ".pave")
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
        env = base_env(self.port)
        env["DATA_CANARY"] = canary
        p = Platform("datashop", env)
        with open(os.path.join(p.dir, "tls.key"), "w") as f:
            f.write(file_canary + "\n")
        p.write(PLATFORM.format(logs_versioning="false"))
        outputs = []

        plan = p.pave("plan", "--json", "--detailed-exitcode", ok=(2,))
        outputs += [plan.stdout, plan.stderr]
        applied = p.pave("--debug", "apply", "-y")
        outputs += [applied.stdout, applied.stderr]

        # The platform key: rotation on, named by its alias.
        aliases = p.aws("kms", "list-aliases")["Aliases"]
        key_id = next(a["TargetKeyId"] for a in aliases if a["AliasName"] == "alias/datashop")
        key = p.aws("kms", "describe-key", "--key-id", key_id)["KeyMetadata"]
        self.assertEqual(key["KeyState"], "Enabled")
        self.assertTrue(p.aws("kms", "get-key-rotation-status", "--key-id", key_id)["KeyRotationEnabled"])

        # The parameter: a SecureString under the platform key, with the environment's value.
        param = p.aws("ssm", "get-parameter", "--name", "/datashop/github-token", "--with-decryption")["Parameter"]
        self.assertEqual(param["Value"], canary)
        self.assertEqual(param["Type"], "SecureString")
        described = p.aws("ssm", "describe-parameters", "--parameter-filters",
                          "Key=Name,Option=Equals,Values=/datashop/github-token")["Parameters"][0]
        self.assertIn(described["KeyId"], (key["Arn"], key_id))

        # The secret: under the platform key, with the file's value.
        secret = p.aws("secretsmanager", "describe-secret", "--secret-id", "datashop/tls-key")
        self.assertIn(secret["KmsKeyId"], (key["Arn"], key_id))
        value = p.aws("secretsmanager", "get-secret-value", "--secret-id", "datashop/tls-key")["SecretString"]
        self.assertEqual(value, file_canary)

        # The buckets: versioning, encryption, public-access block, TLS-only policy.
        assets = "datashop-assets-eu-west-1"
        self.assertEqual(p.aws("s3api", "get-bucket-versioning", "--bucket", assets).get("Status"), "Enabled")
        rule = p.aws("s3api", "get-bucket-encryption", "--bucket", assets)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "aws:kms")
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"], key["Arn"])
        block = p.aws("s3api", "get-public-access-block", "--bucket", assets)["PublicAccessBlockConfiguration"]
        self.assertEqual(block, {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                                 "RestrictPublicBuckets": True})
        policy = json.loads(p.aws("s3api", "get-bucket-policy", "--bucket", assets)["Policy"])
        deny = [s for s in policy["Statement"] if s["Effect"] == "Deny"]
        self.assertEqual(deny[0]["Condition"]["Bool"]["aws:SecureTransport"], "false")
        logs = "datashop-logs-eu-west-1"
        rule = p.aws("s3api", "get-bucket-encryption", "--bucket", logs)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "AES256")
        self.assertNotEqual(p.aws("s3api", "get-bucket-versioning", "--bucket", logs).get("Status"), "Enabled")
        tags = {t["Key"]: t["Value"] for t in p.aws("s3api", "get-bucket-tagging", "--bucket", assets)["TagSet"]}
        self.assertEqual(tags["pave:address"], "aws_s3_bucket.assets")

        # A second plan is empty.
        second = p.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)

        # A new value in the environment plans an update of the parameter, without showing it.
        new_canary = "canary-" + secrets.token_hex(12)
        p.env["DATA_CANARY"] = new_canary
        changed = p.pave("plan", "--json", "--detailed-exitcode", ok=(2,))
        outputs += [changed.stdout, changed.stderr]
        changes = {c["address"]: c["action"] for c in json.loads(changed.stdout)["changes"]}
        self.assertEqual(changes.get("aws_ssm_parameter.github-token"), "update", changes)
        self.assertEqual(len([a for a in changes.values() if a != "no-op"]), 1, changes)
        human = p.pave("plan", ok=(0, 2))
        outputs += [human.stdout, human.stderr]
        applied = p.pave("apply", "-y")
        outputs += [applied.stdout, applied.stderr]
        param = p.aws("ssm", "get-parameter", "--name", "/datashop/github-token", "--with-decryption")["Parameter"]
        self.assertEqual(param["Value"], new_canary)
        self.assertGreaterEqual(param["Version"], 2)

        # A setting changed in the file updates the bucket in place.
        p.write(PLATFORM.format(logs_versioning="true"))
        p.pave("apply", "-y")
        self.assertEqual(p.aws("s3api", "get-bucket-versioning", "--bucket", logs).get("Status"), "Enabled")

        # A missing variable is an error naming it, not a value.
        del p.env["DATA_CANARY"]
        missing = p.pave("plan", ok=(1,))
        outputs += [missing.stdout, missing.stderr]
        self.assertIn("DATA_CANARY", missing.stdout + missing.stderr)
        p.env["DATA_CANARY"] = new_canary

        # Destroy: keys and secrets are scheduled for deletion with their waiting periods;
        # buckets are removed.
        destroyed = p.pave("destroy", "-y", "--allow-data-loss")
        outputs += [destroyed.stdout, destroyed.stderr]
        key = p.aws("kms", "describe-key", "--key-id", key_id)["KeyMetadata"]
        self.assertEqual(key["KeyState"], "PendingDeletion")
        self.assertIn("DeletionDate", key)
        listed = p.aws("secretsmanager", "list-secrets", "--include-planned-deletion")["SecretList"]
        tls = next(s for s in listed if s["Name"] == "datashop/tls-key")
        self.assertIn("DeletedDate", tls)
        names = [b["Name"] for b in p.aws("s3api", "list-buckets")["Buckets"]]
        self.assertNotIn(assets, names)
        self.assertNotIn(logs, names)
        gone = subprocess_run_ok(p, ["ssm", "get-parameter", "--name", "/datashop/github-token"])
        self.assertFalse(gone)

        self.assert_nowhere([canary, new_canary, file_canary], outputs, p)


def subprocess_run_ok(platform, args):
    """True when the AWS CLI command succeeds."""
    try:
        platform.aws(*args)
        return True
    except AssertionError:
        return False


if __name__ == "__main__":
    unittest.main()
