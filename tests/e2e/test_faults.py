"""Faults between pave and AWS, injected by tests/e2e/faultproxy.py at seeded rates:

- throttling (per protocol), HTTP 500/503 and dropped connections: the apply and the destroy
  converge and match the file;
- lost answers: 25% of the create calls are forwarded (the resource is made) and their answer
  is dropped; pave must neither make a resource twice nor forget one: at most two applies, then
  exactly the declared resources exist (counted directly in moto) and the plan is empty;
- heavy throttling with default settings (30% throttling, 5% 5xx, 2% resets): one apply
  converges, for each of PAVE_E2E_FAULT_SEEDS seeds (2 in CI, about 100 s each under ASan; docs/reliability.md has 10).

One moto for all cases, reset between them."""

import os
import unittest

from e2e_support import FaultProxy, Inventory, Moto, Workdir, platform_yaml, run_pave

PLATFORM = "e2efaults"
RATE = float(os.environ.get("PAVE_E2E_FAULT_RATE", "0.15"))
SEED = int(os.environ.get("PAVE_E2E_SEED", "7"))
SEEDS = int(os.environ.get("PAVE_E2E_FAULT_SEEDS", "2"))
CREATES = "Create,Allocate,Associate,Run,Request,Attach,Authorize"
WANT = {"vpc": 1, "subnet": 6, "igw": 1, "route table": 4, "eip": 2, "nat": 2, "endpoint": 1, "flow log": 1,
        "security group": 1}


def counts(moto):
    inv = Inventory(moto.url, PLATFORM)  # read back directly, without faults
    return {"vpc": len(inv.vpcs), "subnet": len(inv.subnets), "igw": len(inv.igws),
            "route table": len(inv.route_tables), "eip": len(inv.eips), "nat": len(inv.nats),
            "endpoint": len(inv.endpoints), "flow log": len(inv.flow_logs),
            "security group": len(inv.security_groups)}


class FaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.moto.reset()
        self.proxy = None

    def start(self, nat, **proxy_args):
        self.proxy = FaultProxy(self.moto.url, **proxy_args)
        self.addCleanup(self.proxy.stop)
        self.work = Workdir(platform_yaml(PLATFORM, nat=nat, zones=2))
        self.addCleanup(self.work.remove)

    def assert_plan_empty(self):
        proc = run_pave(["plan", "--detailed-exitcode"], self.work, self.moto.url, check=False)
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:] + proc.stderr[-2000:])

    def test_apply_and_destroy_converge_through_faults(self):
        self.start("single", rate=RATE, seed=SEED, faults="throttle,500,503,reset")
        # pave may give up on a call whose retries all failed; a rerun resumes from state
        for _ in range(3):
            proc = run_pave(["apply", "-y"], self.work, self.proxy.url, check=False)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        stats = self.proxy.stats()
        self.assertGreater(stats["throttle"], 0, stats)
        self.assertGreater(stats["500"] + stats["503"], 0, stats)

        inv = Inventory(self.moto.url, PLATFORM)
        self.assertEqual(len(inv.vpcs), 1)
        self.assertEqual(len(inv.subnets), 6)
        self.assertEqual(len(inv.nats), 1)
        self.assertEqual(len(inv.route_tables), 4)
        self.assert_plan_empty()

        for _ in range(3):
            proc = run_pave(["destroy", "-y"], self.work, self.proxy.url, check=False)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        self.assertEqual(Inventory(self.moto.url, PLATFORM).total(), 0)

    def test_lost_answers_of_creates_make_nothing_twice(self):
        """A quarter of the creates make their resource and lose the answer."""
        self.start("per-zone", rate=0.0, seed=SEED, faults="", lost_rate=0.25, lost_ops=CREATES)
        applies = 0
        for _ in range(2):
            applies += 1
            proc = run_pave(["apply", "-y"], self.work, self.proxy.url, check=False)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, "not converged in 2 applies:\n" + proc.stderr[-4000:])
        stats = self.proxy.stats()
        self.assertGreater(stats["lost"], 3, stats)
        self.assertEqual(counts(self.moto), WANT, "duplicates or missing resources; lost answers: %s" % stats)
        self.assert_plan_empty()
        print("\nlost answers: %d %s, applies: %d" % (stats["lost"], stats["lost_by_op"], applies))

    def test_heavy_throttling_converges_in_one_apply(self):
        """30% throttling, 5% HTTP 5xx, 2% resets, default retry settings."""
        faults = ",".join(["throttle"] * 30 + ["500"] * 3 + ["503"] * 2 + ["reset"] * 2)
        notes = 0
        for seed in range(1, SEEDS + 1):
            with self.subTest(seed=seed):
                self.moto.reset()
                self.start("single", rate=0.37, seed=seed, faults=faults)
                proc = run_pave(["apply", "-y"], self.work, self.proxy.url, check=False, pave_retry_defaults=True)
                self.assertEqual(proc.returncode, 0, "seed %d:\n%s" % (seed, proc.stderr[-3000:]))
                want = dict(WANT, eip=1, nat=1)
                self.assertEqual(counts(self.moto), want, "seed %d" % seed)
                self.assert_plan_empty()
                notes += proc.stdout.count("throttled by AWS") + proc.stderr.count("throttled by AWS")
        # The waits are shown, not silent (the adaptive limiter and backoff wait seconds).
        self.assertGreater(notes, 0, "no \"throttled by AWS\" progress note under 30% throttling")


if __name__ == "__main__":
    unittest.main()
