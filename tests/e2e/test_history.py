"""End-to-end tests of the state's history and of import (issue 15): `pave history --diff`
shows what changed between two versions attribute by attribute, `pave history ADDRESS` one
resource over time, and `pave import ADDRESS ID` takes a resource made outside pave (with the
AWS CLI) under management, after which the plan is empty once the file matches it. Against moto
on a free loopback port."""

import json
import unittest

from e2e_support import Moto, Workdir, aws, pave_bin, run_pave

V1 = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata: {name: hist, region: eu-west-1, tags: {team: %s}}
buckets:
%s"""


def platform(team, buckets):
    return V1 % (team, "".join("  - {name: %s}\n" % b for b in buckets))


IMPORTED = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata: {name: imp, region: eu-west-1}
resources:
  - type: aws_s3_bucket
    name: legacy
    properties: {bucket: imp-legacy-bucket, versioning: false, block_public_access: false, require_tls: false}
  - type: aws_vpc
    name: legacy
    properties: {cidr_block: 10.9.0.0/16, enable_dns_hostnames: false, restrict_default_security_group: false}
"""


class HistoryAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.moto.reset()

    def pave_json(self, work, *args):
        return json.loads(run_pave(list(args) + ["--json"], work, self.moto.url).stdout)

    def test_diff_between_versions_and_one_resource_over_time(self):
        work = Workdir(platform("a", ["assets"]))
        self.addCleanup(work.remove)
        run_pave(["apply", "-y"], work, self.moto.url)
        work.write(platform("b", ["assets", "logs"]))
        run_pave(["apply", "-y"], work, self.moto.url)
        serials = [v["serial"] for v in self.pave_json(work, "history")]
        self.assertEqual(len(serials), 3, serials)  # the empty state made at the first apply, then two
        first, second = serials[1:]

        diff = self.pave_json(work, "history", "--diff", str(first), str(second))
        changes = {c["address"]: c for c in diff["changes"]}
        self.assertEqual(changes["aws_s3_bucket.logs"]["change"], "added")
        tags = [a for a in changes["aws_s3_bucket.assets"]["attributes"] if a["name"] == "tags"]
        self.assertEqual(changes["aws_s3_bucket.assets"]["change"], "changed")
        self.assertEqual(len(tags), 1, changes["aws_s3_bucket.assets"])
        self.assertEqual(tags[0]["before"]["team"], "a")
        self.assertEqual(tags[0]["after"]["team"], "b")

        text = run_pave(["history", "--diff", str(first)], work, self.moto.url).stdout
        self.assertIn("+ aws_s3_bucket.logs (added)", text)
        self.assertIn("~ aws_s3_bucket.assets (changed)", text)

        over_time = self.pave_json(work, "history", "aws_s3_bucket.assets")
        self.assertEqual([(e["serial"], e["change"]) for e in over_time], [(first, "added"), (second, "changed")])
        self.assertEqual(over_time[1]["operation"], "apply")

        missing = run_pave(["history", "--diff", "999"], work, self.moto.url, check=False)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("no version 999", missing.stderr)

    def test_rollback_to_an_older_version_undoes_what_came_after(self):
        work = Workdir(platform("a", ["assets"]))
        self.addCleanup(work.remove)
        run_pave(["apply", "-y"], work, self.moto.url)
        v1 = self.pave_json(work, "history")[-1]["serial"]
        work.write(platform("b", ["assets", "logs"]))
        run_pave(["apply", "-y"], work, self.moto.url)
        self.assertIn("hist-logs-eu-west-1", self.bucket_names())

        refused = run_pave(["rollback", "--to", str(v1), "-y"], work, self.moto.url, check=False)
        self.assertEqual(refused.returncode, 1, "deleting a bucket needs --allow-data-loss")
        self.assertIn("hist-logs-eu-west-1", self.bucket_names())
        out = run_pave(["rollback", "--to", str(v1), "-y", "--allow-data-loss"], work, self.moto.url)
        self.assertIn("aws_s3_bucket.logs", out.stdout)
        self.assertNotIn("hist-logs-eu-west-1", self.bucket_names())
        tags = aws(self.moto.url, "s3api", "get-bucket-tagging", "--bucket", "hist-assets-eu-west-1")["TagSet"]
        self.assertIn({"Key": "team", "Value": "a"}, tags)
        history = self.pave_json(work, "history")
        self.assertEqual(history[-1]["operation"], "rollback")

        # The file of version 1 now plans nothing; the current file (version 2's) would redo it.
        work.write(platform("a", ["assets"]))
        plan = run_pave(["plan", "--detailed-exitcode"], work, self.moto.url, check=False)
        self.assertEqual(plan.returncode, 0, plan.stdout + plan.stderr)
        missing = run_pave(["rollback", "--to", "999", "-y"], work, self.moto.url, check=False)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("999", missing.stderr)

    def bucket_names(self):
        return [b["Name"] for b in aws(self.moto.url, "s3api", "list-buckets").get("Buckets", [])]

    def test_import_of_resources_made_outside_pave_then_the_plan_is_empty(self):
        aws(self.moto.url, "s3api", "create-bucket", "--bucket", "imp-legacy-bucket", "--create-bucket-configuration",
            "LocationConstraint=eu-west-1")
        vpc_id = aws(self.moto.url, "ec2", "create-vpc", "--cidr-block", "10.9.0.0/16")["Vpc"]["VpcId"]
        work = Workdir(IMPORTED)
        self.addCleanup(work.remove)
        out = run_pave(["import", "aws_s3_bucket.legacy", "imp-legacy-bucket"], work, self.moto.url).stdout
        self.assertIn("Imported aws_s3_bucket.legacy", out)
        # What the next apply would change: the file asks for default encryption, which the
        # bucket made with the AWS CLI lacks on moto; made to match, nothing is left.
        self.assertIn("sse_algorithm", out)
        self.assertNotIn("aws_vpc.legacy", out, "only the imported resource's change is shown")
        aws(self.moto.url, "s3api", "put-bucket-encryption", "--bucket", "imp-legacy-bucket",
            "--server-side-encryption-configuration",
            '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}')
        run_pave(["import", "aws_vpc.legacy", vpc_id], work, self.moto.url)
        shown = self.pave_json(work, "state", "show", "aws_vpc.legacy")
        self.assertEqual(shown["attributes"]["id"], vpc_id)

        plan = run_pave(["plan", "--detailed-exitcode"], work, self.moto.url, check=False)
        self.assertEqual(plan.returncode, 0, plan.stdout + plan.stderr)
        self.assertEqual(len(aws(self.moto.url, "ec2", "describe-vpcs", "--filters",
                                 "Name=cidr-block,Values=10.9.0.0/16")["Vpcs"]), 1, "nothing made twice")
        history = self.pave_json(work, "history")
        self.assertEqual([h["operation"] for h in history], ["import", "import"])

        again = run_pave(["import", "aws_vpc.legacy", vpc_id], work, self.moto.url, check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("already in the state", again.stderr)
        gone = run_pave(["import", "aws_vpc.other", "vpc-0000"], work, self.moto.url, check=False)
        self.assertEqual(gone.returncode, 1)
        self.assertIn("not declared in the platform file", gone.stderr)


if __name__ == "__main__":
    unittest.main()
