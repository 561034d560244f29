"""End-to-end test of state lineage (issue 12): two checkouts of one platform file (same
metadata.name, same addresses) must not take over each other's resources. Every resource pave
makes carries pave:lineage (the lineage of the state in its .pave/); a second directory's apply
refuses a resource of another lineage with an error naming both lineages and the address, and
changes nothing of it. Read back with the AWS CLI against moto on a free loopback port."""

import json
import os
import unittest

from e2e_support import Moto, Workdir, aws, pave_bin, run_pave

PLATFORM = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: dup
  region: eu-west-1
buckets:
  - {name: assets}
"""
BUCKET = "dup-assets-eu-west-1"


def lineage_of(workdir):
    """The lineage of the directory's state (or of its journal, before a first save)."""
    state = os.path.join(workdir.path, ".pave", "state.json")
    if os.path.exists(state):
        with open(state) as f:
            return json.load(f)["lineage"]
    with open(os.path.join(workdir.path, ".pave", "journal"), "rb") as f:
        return json.loads(f.readline()[18:])["lineage"]  # "<length> <checksum> " then the body


def state_addresses(workdir):
    state = os.path.join(workdir.path, ".pave", "state.json")
    if not os.path.exists(state):
        return []
    with open(state) as f:
        return [r.get("address") for r in json.load(f).get("resources", [])]


class LineageAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.first = Workdir(PLATFORM)
        self.second = Workdir(PLATFORM)
        self.addCleanup(self.first.remove)
        self.addCleanup(self.second.remove)

    def aws(self, *args):
        return aws(self.moto.url, *args)

    def bucket_settings(self):
        tags = {t["Key"]: t["Value"] for t in self.aws("s3api", "get-bucket-tagging", "--bucket", BUCKET)["TagSet"]}
        rule = self.aws("s3api", "get-bucket-encryption", "--bucket", BUCKET)["ServerSideEncryptionConfiguration"]
        return tags, rule

    def test_second_checkout_refuses_the_first_ones_bucket(self):
        run_pave(["apply", "-y"], self.first, self.moto.url)
        first_lineage = lineage_of(self.first)
        tags, encryption = self.bucket_settings()
        self.assertEqual(tags["pave:lineage"], first_lineage)
        self.assertEqual(tags["pave:address"], "aws_s3_bucket.assets")

        refused = run_pave(["apply", "-y"], self.second, self.moto.url, check=False)
        self.assertNotEqual(refused.returncode, 0, refused.stdout)
        second_lineage = lineage_of(self.second)
        self.assertNotEqual(first_lineage, second_lineage)
        err = refused.stderr
        self.assertIn("bucket " + BUCKET, err)
        self.assertIn(first_lineage, err)
        self.assertIn(second_lineage, err)
        self.assertIn("aws_s3_bucket.assets", err)

        # Nothing of the first's changed: same tags (token, lineage), same KMS key.
        self.assertEqual(self.bucket_settings(), (tags, encryption))
        # The second state does not list the bucket, so its destroy cannot delete it.
        self.assertNotIn("aws_s3_bucket.assets", state_addresses(self.second))
        run_pave(["destroy", "-y", "--allow-data-loss"], self.second, self.moto.url)  # its own KMS key
        self.assertEqual(self.bucket_settings(), (tags, encryption))

        # The first still owns and manages it: a plan there shows no changes.
        plan = run_pave(["plan", "--detailed-exitcode"], self.first, self.moto.url, check=False)
        self.assertEqual(plan.returncode, 0, plan.stdout + plan.stderr)


if __name__ == "__main__":
    unittest.main()
