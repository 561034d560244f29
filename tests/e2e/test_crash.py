"""Crash safety: `kill -9` the apply at seeded random moments, apply again, and check that
exactly one of everything exists — nothing duplicated, nothing orphaned.

Rounds: start from an empty moto; start `pave apply`, kill it after a random delay within the
time a whole apply takes; repeat until an apply finishes on its own; then check the counts.
Rounds go on until at least PAVE_E2E_KILLS (default 30) kills happened, within a time bound.
The same with SIGINT (Ctrl-C), PAVE_E2E_INTERRUPTS (default 8) times: pave stops by itself.

CrashFullExample does the same to the full example (examples/platform.yaml: network, EKS
through the stand-in, DNS, certificate, keys, bucket, PostgreSQL): PAVE_E2E_FULL_KILLS
(default 4) kills and PAVE_E2E_FULL_INTERRUPTS (default 2) Ctrl-Cs, each round ending with
one plain `pave apply -y` (no unlock), an empty plan, and the AWS CLI's count of every type
equal to the state's (no duplicate, no orphan). docs/reliability.md has a run of 50 and 20.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import unittest

from e2e_support import Inventory, Moto, Workdir, aws_env, boto3_reader, pave_bin, platform_yaml, run_pave
from test_lostanswers import FullExample

PLATFORM = "e2ecrash"
KILLS = int(os.environ.get("PAVE_E2E_KILLS", "30"))
INTERRUPTS = int(os.environ.get("PAVE_E2E_INTERRUPTS", "8"))
SEED = int(os.environ.get("PAVE_E2E_SEED", "20261123"))
TIME_BOUND = float(os.environ.get("PAVE_E2E_CRASH_SECONDS", "420"))
FULL_KILLS = int(os.environ.get("PAVE_E2E_FULL_KILLS", "4"))
FULL_INTERRUPTS = int(os.environ.get("PAVE_E2E_FULL_INTERRUPTS", "2"))
MAX_PER_ROUND = 12  # signals in one round before an apply is let finish


class CrashTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def fresh(self):
        self.moto.reset()
        work = Workdir(platform_yaml(PLATFORM, nat="per-zone", zones=2))
        shutil.rmtree(os.path.join(work.path, ".pave"), ignore_errors=True)
        return work

    def check_counts(self, round_no, reader=boto3_reader):
        inv = Inventory(self.moto.url, PLATFORM, reader) if reader else Inventory(self.moto.url, PLATFORM)
        counts = {"vpc": len(inv.vpcs), "subnet": len(inv.subnets), "igw": len(inv.igws),
                  "route table": len(inv.route_tables), "eip": len(inv.eips), "nat": len(inv.nats),
                  "endpoint": len(inv.endpoints), "flow log": len(inv.flow_logs),
                  "security group": len(inv.security_groups)}
        want = {"vpc": 1, "subnet": 6, "igw": 1, "route table": 4, "eip": 2, "nat": 2, "endpoint": 1,
                "flow log": 1, "security group": 1}
        self.assertEqual(counts, want, "round %d" % round_no)
        # every resource pave made is the one its state knows: a second plan is empty
        proc = run_pave(["plan", "--detailed-exitcode"], self.work, self.moto.url, check=False)
        self.assertEqual(proc.returncode, 0, "round %d\n%s%s" % (round_no, proc.stdout[-3000:], proc.stderr[-2000:]))

    def timed_apply(self):
        start = time.monotonic()
        run_pave(["apply", "-y"], self.work, self.moto.url)
        return time.monotonic() - start

    def start_apply(self):
        return subprocess.Popen([pave_bin(), "apply", "-y", "-f", self.work.file], cwd=self.work.path,
                                env=aws_env(self.moto.url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def interrupt_rounds(self, sig, wanted, seed):
        """Rounds of: a fresh account, applies interrupted by `sig` at random moments until one
        finishes by itself, one plain `pave apply -y`, exact counts and an empty plan."""
        rng = random.Random(seed)
        self.work = self.fresh()
        full = self.timed_apply()  # how long one undisturbed apply takes here
        self.check_counts(0, reader=None)  # the AWS CLI once; boto3 after each round
        hits, rounds, started = 0, 0, time.monotonic()
        while hits < wanted and time.monotonic() - started < TIME_BOUND:
            rounds += 1
            self.work.remove()
            self.work = self.fresh()
            in_round = 0
            while True:
                start = time.monotonic()
                proc = self.start_apply()
                if in_round >= MAX_PER_ROUND:
                    # A resumed apply can take longer than an undisturbed one (recovery looks
                    # again for creates it does not see): let this one finish, so a round ends.
                    proc.wait(timeout=300)
                    break
                time.sleep(rng.uniform(0.0, full))
                if proc.poll() is not None:
                    # finished before the signal: this round is complete; an undisturbed apply
                    # takes at most this long, so later signals fall inside one
                    full = min(full, time.monotonic() - start)
                    break
                os.kill(proc.pid, sig)
                proc.wait(timeout=120)  # SIGINT: pave records what finished and stops by itself
                hits += 1  # the next apply starts at once: the lock died with the process
                in_round += 1
            run_pave(["apply", "-y"], self.work, self.moto.url)  # converges whatever the last exit
            self.check_counts(rounds)
        self.work.remove()
        print("\n%s: %d in %d rounds, %.0fs (seed %d)" % (signal.Signals(sig).name, hits, rounds,
                                                         time.monotonic() - started, seed), file=sys.stderr)
        self.assertGreaterEqual(hits, wanted, "only %d in %.0fs (%d rounds)" % (hits, TIME_BOUND, rounds))

    def test_kill_nine_at_random_moments_then_resume(self):
        self.interrupt_rounds(signal.SIGKILL, KILLS, SEED)

    def test_ctrl_c_at_random_moments_then_resume(self):
        self.interrupt_rounds(signal.SIGINT, INTERRUPTS, SEED + 1)

class CrashFullExample(FullExample, unittest.TestCase):
    def fresh(self):
        self.moto.reset()
        self.start_eks()
        shutil.rmtree(os.path.join(self.dir, ".pave"), ignore_errors=True)
        self.make_parent_zone()

    def start_apply(self):
        return subprocess.Popen([pave_bin(), "apply", "-y"], cwd=self.dir, env=self.env(self.moto.url),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def converge_and_count(self, round_no):
        proc = self.pave(["apply", "-y"], self.moto.url)  # plain: no unlock, no flag
        self.assertEqual(proc.returncode, 0, "round %d:\n%s" % (round_no, proc.stderr[-4000:]))
        plan = self.pave(["plan", "--detailed-exitcode"], self.moto.url)
        self.assertEqual(plan.returncode, 0, "round %d\n%s%s" % (round_no, plan.stdout[-3000:], plan.stderr[-2000:]))
        in_state = self.state_counts()
        for kind, n in self.cloud_counts("example").items():
            self.assertEqual(n, in_state.get(kind, 0), "round %d: %s: %d in the cloud, %d in the state"
                             % (round_no, kind, n, in_state.get(kind, 0)))

    def interrupt_rounds(self, sig, wanted, seed):
        rng = random.Random(seed)
        self.fresh()
        start = time.monotonic()
        self.converge_and_count(0)
        full = time.monotonic() - start  # one undisturbed apply
        hits, rounds, started = 0, 0, time.monotonic()
        while hits < wanted and time.monotonic() - started < TIME_BOUND:
            rounds += 1
            self.fresh()
            for _ in range(MAX_PER_ROUND):
                start = time.monotonic()
                proc = self.start_apply()
                time.sleep(rng.uniform(0.0, full))
                if proc.poll() is not None:
                    full = min(full, time.monotonic() - start)
                    break
                os.kill(proc.pid, sig)
                proc.wait(timeout=120)
                hits += 1
                if hits >= wanted:
                    break
            self.converge_and_count(rounds)
        print("\nfull example, %s: %d in %d rounds, %.0fs (seed %d)" % (
            signal.Signals(sig).name, hits, rounds, time.monotonic() - started, seed), file=sys.stderr)
        self.assertGreaterEqual(hits, wanted, "only %d in %.0fs (%d rounds)" % (hits, TIME_BOUND, rounds))

    def test_kill_nine_during_the_full_example(self):
        self.interrupt_rounds(signal.SIGKILL, FULL_KILLS, SEED + 2)

    def test_ctrl_c_during_the_full_example(self):
        self.interrupt_rounds(signal.SIGINT, FULL_INTERRUPTS, SEED + 3)


if __name__ == "__main__":
    unittest.main()
