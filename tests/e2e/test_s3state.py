"""Team state in S3 (`state: {backend: s3, ...}`): two working directories with the same
platform file share one state; two applies at once: exactly one runs, the other is told who
holds the lock and since when; kill -9 of an apply, then the next apply recovers without
duplicating anything; `pave state init` hardens the bucket; `pave state migrate` keeps serial
and lineage. What pave wrote is read back with the AWS CLI (s3api get-object).
"""

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from e2e_support import REGION, FaultProxy, Inventory, Moto, Workdir, aws, aws_env, pave_bin, platform_yaml, run_pave

PLATFORM = "e2eteam"
BUCKET = "e2e-team-state"
KEY = "prod/network.json"
KILLS = int(os.environ.get("PAVE_E2E_S3_KILLS", "6"))
SEED = int(os.environ.get("PAVE_E2E_SEED", "20261204"))


def with_state(text, bucket=BUCKET, key=KEY):
    return text + "state:\n  backend: s3\n  bucket: %s\n  key: %s\n" % (bucket, key)


class S3StateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.moto.reset()
        self.dirs = []

    def tearDown(self):
        for d in self.dirs:
            d.remove()

    def workdir(self, text):
        d = Workdir(text)
        self.dirs.append(d)
        return d

    def get_object(self, key):
        out = tempfile.NamedTemporaryFile(delete=False)
        out.close()
        try:
            aws(self.moto.url, "s3api", "get-object", "--bucket", BUCKET, "--key", key, out.name)
            with open(out.name) as f:
                return f.read()
        finally:
            os.unlink(out.name)

    def keys(self, prefix):
        listed = aws(self.moto.url, "s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", prefix)
        return [o["Key"] for o in listed.get("Contents", [])]

    def state_doc(self):
        return json.loads(self.get_object(KEY))

    def init(self, work):
        return run_pave(["state", "init"], work, self.moto.url)

    def make_bucket(self):
        """A plain bucket: the TLS-only policy of `pave state init` denies moto's plain HTTP."""
        aws(self.moto.url, "s3api", "create-bucket", "--bucket", BUCKET,
            "--create-bucket-configuration", "LocationConstraint=" + REGION)

    def start_apply(self, work):
        return subprocess.Popen([pave_bin(), "apply", "-y", "-f", work.file], cwd=work.path,
                                env=aws_env(self.moto.url), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def test_missing_bucket_says_to_run_state_init_then_init_hardens_it(self):
        work = self.workdir(with_state(platform_yaml(PLATFORM, zones=2)))
        proc = run_pave(["plan"], work, self.moto.url, check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("pave state init", proc.stdout + proc.stderr)
        self.init(work)
        versioning = aws(self.moto.url, "s3api", "get-bucket-versioning", "--bucket", BUCKET)
        self.assertEqual(versioning.get("Status"), "Enabled")
        enc = aws(self.moto.url, "s3api", "get-bucket-encryption", "--bucket", BUCKET)
        rule = enc["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "aws:kms")
        block = aws(self.moto.url, "s3api", "get-public-access-block", "--bucket", BUCKET)
        self.assertTrue(all(block["PublicAccessBlockConfiguration"].values()))
        policy = json.loads(aws(self.moto.url, "s3api", "get-bucket-policy", "--bucket", BUCKET)["Policy"])
        self.assertEqual(policy["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"], "false")
        life = aws(self.moto.url, "s3api", "get-bucket-lifecycle-configuration", "--bucket", BUCKET)
        self.assertIn("NoncurrentVersionExpiration", life["Rules"][0])
        self.init(work)  # again: the bucket exists, its settings are set again
        # moto enforces the TLS-only policy on its plain-HTTP endpoint: pave says access denied.
        proc = run_pave(["plan"], work, self.moto.url, check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("was denied", proc.stdout + proc.stderr)

    def test_second_working_directory_sees_the_applied_state(self):
        text = with_state(platform_yaml(PLATFORM, zones=2))
        a, b = self.workdir(text), self.workdir(text)
        self.make_bucket()
        run_pave(["apply", "-y"], a, self.moto.url)
        doc = self.state_doc()
        self.assertEqual(doc["serial"], 2)  # the first (empty) version, then the apply's
        self.assertEqual(self.keys(KEY + ".journal/"), [])
        # Each version, and beside the apply's the platform file that made it (pave rollback).
        self.assertEqual(self.keys(KEY + ".history/"),
                         [KEY + ".history/00000001.json", KEY + ".history/00000002.json",
                          KEY + ".history/00000002.sources.json"])
        self.assertEqual(self.keys(KEY + ".lock"), [])
        self.assertFalse(os.path.exists(os.path.join(a.path, ".pave", "state.json")))
        proc = run_pave(["plan", "--detailed-exitcode"], b, self.moto.url, check=False)
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:] + proc.stderr[-2000:])
        history = run_pave(["history", "--json"], b, self.moto.url)
        self.assertEqual([h["serial"] for h in json.loads(history.stdout)], [1, 2])

    def test_two_applies_at_once_exactly_one_runs(self):
        text = with_state(platform_yaml(PLATFORM, nat="per-zone", zones=2))
        a, b = self.workdir(text), self.workdir(text)
        self.make_bucket()
        pa = self.start_apply(a)
        time.sleep(0.05)
        pb = self.start_apply(b)
        outs = [p.communicate(timeout=300) for p in (pa, pb)]
        codes = [pa.returncode, pb.returncode]
        self.assertEqual(sorted(codes)[0], 0, outs)
        self.assertNotEqual(sorted(codes)[1], 0, "both applies ran: %r" % (outs,))
        loser = outs[codes.index(sorted(codes)[1])]
        message = loser[0] + loser[1]
        self.assertIn("state is locked by", message)
        self.assertIn("running apply since 20", message)
        inv = Inventory(self.moto.url, PLATFORM)
        self.assertEqual(len(inv.vpcs), 1)
        self.assertEqual(len(inv.nats), 2)
        self.assertEqual(self.state_doc()["serial"], 2)  # one apply saved: nothing lost

    def counts(self):
        inv = Inventory(self.moto.url, PLATFORM)
        return {"vpc": len(inv.vpcs), "subnet": len(inv.subnets), "nat": len(inv.nats),
                "eip": len(inv.eips), "igw": len(inv.igws), "route table": len(inv.route_tables)}

    WANT = {"vpc": 1, "subnet": 6, "nat": 2, "eip": 2, "igw": 1, "route table": 4}

    def test_kill_nine_then_unlock_then_next_apply_recovers_without_duplicates(self):
        work = self.workdir(with_state(platform_yaml(PLATFORM, nat="per-zone", zones=2)))
        self.make_bucket()
        proc = self.start_apply(work)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.keys(KEY + ".journal/"):
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        self.assertTrue(self.keys(KEY + ".journal/"), "the apply left no journal in S3")
        lock = json.loads(self.get_object(KEY + ".lock"))  # the killed apply's lock stays
        self.assertEqual(lock["operation"], "apply")
        # Its holder is gone (same host, no such pid): unlock works before the expiry.
        run_pave(["state", "unlock", lock["id"]], work, self.moto.url)
        self.assertEqual(self.keys(KEY + ".lock"), [])
        run_pave(["apply", "-y"], work, self.moto.url)
        self.assertEqual(self.counts(), self.WANT)
        self.assertEqual(self.keys(KEY + ".journal/"), [])
        plan = run_pave(["plan", "--detailed-exitcode"], work, self.moto.url, check=False)
        self.assertEqual(plan.returncode, 0, plan.stdout[-3000:])

    def test_kill_nine_at_random_moments_converges(self):
        """Rounds: a fresh account; applies killed at seeded random moments until one finishes
        by itself (each next apply takes the dead run's lock over, with a warning, and
        recovers its journal); then exactly one of each resource and an empty plan."""
        rng = random.Random(SEED)
        full, kills, takeovers, rounds, started = 3.0, 0, 0, 0, time.monotonic()
        while kills < KILLS and time.monotonic() - started < 300:
            rounds += 1
            self.moto.reset()
            self.make_bucket()
            work = self.workdir(with_state(platform_yaml(PLATFORM, nat="per-zone", zones=2)))
            in_round = 0
            while True:
                begun = time.monotonic()
                proc = self.start_apply(work)
                # A resumed apply can take longer than an undisturbed one (recovery looks again
                # for creates it does not see): after a dozen kills one is let finish.
                if in_round < 12:
                    time.sleep(rng.uniform(0.0, full))
                else:
                    proc.wait(timeout=300)
                if proc.poll() is not None:
                    out, err = proc.communicate()
                    self.assertEqual(proc.returncode, 0, out[-2000:] + err[-2000:])
                    takeovers += "took over the state lock" in out + err
                    full = min(full, time.monotonic() - begun)
                    break
                proc.send_signal(signal.SIGKILL)
                proc.communicate()
                kills += 1
                in_round += 1
            self.assertEqual(self.counts(), self.WANT, "round %d, %d kills" % (rounds, kills))
            self.assertEqual(self.keys(KEY + ".journal/"), [])
            plan = run_pave(["plan", "--detailed-exitcode"], work, self.moto.url, check=False)
            self.assertEqual(plan.returncode, 0, plan.stdout[-3000:])
        print("\nS3 state: %d kills in %d rounds, %d lock takeovers, %.0fs (seed %d)" % (
            kills, rounds, takeovers, time.monotonic() - started, SEED), file=sys.stderr)
        self.assertGreaterEqual(kills, KILLS)
        self.assertGreater(takeovers, 0)

    def test_faults_and_lost_answers_on_the_state_bucket(self):
        """Throttling, 500/503 and dropped connections on every call, and lost answers of
        the state bucket's PUTs (the object is written, the answer never comes): applies
        converge, nothing is made twice, the state matches the cloud."""
        work = self.workdir(with_state(platform_yaml(PLATFORM, nat="per-zone", zones=2)))
        self.make_bucket()
        proxy = FaultProxy(self.moto.url, rate=0.1, seed=SEED, lost_rate=0.2, lost_ops="REST:PUT")
        try:
            applies = 0
            for applies in range(1, 6):
                proc = run_pave(["apply", "-y"], work, proxy.url, check=False)
                if proc.returncode == 0:
                    break
            self.assertEqual(proc.returncode, 0, proc.stdout[-2000:] + proc.stderr[-2000:])
            stats = proxy.stats()
        finally:
            proxy.stop()
        self.assertEqual(self.counts(), self.WANT)
        plan = run_pave(["plan", "--detailed-exitcode"], work, self.moto.url, check=False)
        self.assertEqual(plan.returncode, 0, plan.stdout[-3000:])
        self.assertGreater(stats["lost"], 0, stats)
        print("\nS3 state under faults: %d applies, proxy %s" % (applies, stats), file=sys.stderr)

    def test_rollback_and_history_from_the_s3_state_in_another_directory(self):
        """Versions keep their platform file in the bucket: a second person's checkout rolls
        back to the first version, though their own file is the second one."""
        self.make_bucket()
        v1 = with_state("apiVersion: pave.dev/v1\nkind: Platform\nbaseline: false\nmetadata: {name: %s, region: %s}\n"
                        "buckets:\n  - {name: assets}\n" % (PLATFORM, REGION))
        first = self.workdir(v1)
        run_pave(["apply", "-y"], first, self.moto.url)
        serial = json.loads(run_pave(["history", "--json"], first, self.moto.url).stdout)[-1]["serial"]
        self.assertIn(KEY + ".history/%08d.sources.json" % serial, self.keys(KEY + ".history/"))
        second = self.workdir(with_state("apiVersion: pave.dev/v1\nkind: Platform\nbaseline: false\nmetadata: {name: %s, region: %s}\n"
                                         "buckets:\n  - {name: assets}\n  - {name: logs}\n" % (PLATFORM, REGION)))
        run_pave(["apply", "-y"], second, self.moto.url)
        buckets = lambda: [b["Name"] for b in aws(self.moto.url, "s3api", "list-buckets")["Buckets"]]
        self.assertIn("%s-logs-%s" % (PLATFORM, REGION), buckets())
        diff = json.loads(run_pave(["history", "--diff", str(serial), "--json"], first, self.moto.url).stdout)
        self.assertEqual([c["address"] for c in diff["changes"] if c["change"] == "added"], ["aws_s3_bucket.logs"])
        run_pave(["rollback", "--to", str(serial), "-y", "--allow-data-loss"], second, self.moto.url)
        self.assertNotIn("%s-logs-%s" % (PLATFORM, REGION), buckets())
        self.assertEqual(json.loads(run_pave(["history", "--json"], first, self.moto.url).stdout)[-1]["operation"],
                         "rollback")

    def test_migrate_local_to_s3_and_back_keeps_serial_and_lineage(self):
        work = self.workdir(platform_yaml(PLATFORM, zones=2))
        run_pave(["apply", "-y"], work, self.moto.url)
        base = platform_yaml(PLATFORM, zones=2, tags={"team": "infra"})
        work.write(base)
        run_pave(["apply", "-y"], work, self.moto.url)  # version 2
        with open(os.path.join(work.path, ".pave", "state.json")) as f:
            local = json.load(f)
        work.write(with_state(base))
        self.make_bucket()
        run_pave(["state", "migrate", "--to", "s3"], work, self.moto.url)
        doc = self.state_doc()
        self.assertGreaterEqual(local["serial"], 2)
        self.assertEqual((doc["serial"], doc["lineage"]), (local["serial"], local["lineage"]))
        versions = [k for k in self.keys(KEY + ".history/") if not k.endswith(".sources.json")]
        self.assertEqual(len(versions), local["serial"])
        sources = [k for k in self.keys(KEY + ".history/") if k.endswith(".sources.json")]
        self.assertEqual(len(sources), len(os.listdir(os.path.join(work.path, ".pave", "history"))) - len(versions),
                         "the platform files kept with the versions are copied too")
        self.assertTrue(os.path.exists(os.path.join(work.path, ".pave", "state.json")), "source kept")
        # Another directory with the same file now works on the migrated state.
        other = self.workdir(with_state(base))
        history = json.loads(run_pave(["history", "--json"], other, self.moto.url).stdout)
        self.assertEqual(history[-1]["serial"], local["serial"])
        # And back: a third directory copies the S3 state into its own .pave/.
        back = self.workdir(with_state(base))
        run_pave(["state", "migrate", "--to", "local"], back, self.moto.url)
        with open(os.path.join(back.path, ".pave", "state.json")) as f:
            copied = json.load(f)
        self.assertEqual((copied["serial"], copied["lineage"]), (local["serial"], local["lineage"]))
        back_versions = [f for f in os.listdir(os.path.join(back.path, ".pave", "history"))
                         if not f.endswith(".sources.json")]
        self.assertEqual(len(back_versions), local["serial"])
        self.assertEqual(len(os.listdir(os.path.join(back.path, ".pave", "history"))), len(back_versions) + len(sources))
        self.assertEqual(self.state_doc()["serial"], local["serial"], "the S3 source is left as it was")
        # A state of another lineage in the target is never overwritten.
        stranger = self.workdir(platform_yaml("e2eother", zones=2))
        run_pave(["apply", "-y"], stranger, self.moto.url)
        stranger.write(with_state(platform_yaml("e2eother", zones=2)))
        refused = run_pave(["state", "migrate", "--to", "s3"], stranger, self.moto.url, check=False)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("holds another state", refused.stdout + refused.stderr)
        self.assertEqual(self.state_doc()["lineage"], local["lineage"])


if __name__ == "__main__":
    unittest.main()
