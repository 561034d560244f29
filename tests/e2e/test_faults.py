"""Faults between pave and AWS: throttling (per protocol), HTTP 500/503 and dropped
connections injected by tests/e2e/faultproxy.py at a seeded rate. The apply still converges
and matches the file; so does the destroy."""

import os
import unittest

from e2e_support import FaultProxy, Inventory, Moto, Workdir, platform_yaml, run_pave

PLATFORM = "e2efaults"
RATE = float(os.environ.get("PAVE_E2E_FAULT_RATE", "0.15"))
SEED = int(os.environ.get("PAVE_E2E_SEED", "7"))


class FaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()
        cls.proxy = FaultProxy(cls.moto.url, RATE, SEED, faults="throttle,500,503,reset")
        cls.work = Workdir(platform_yaml(PLATFORM, nat="single", zones=2))

    @classmethod
    def tearDownClass(cls):
        cls.proxy.stop()
        cls.moto.stop()
        cls.work.remove()

    def test_apply_and_destroy_converge_through_faults(self):
        # pave may give up on a call whose retries all failed; a rerun resumes from state
        for _ in range(3):
            proc = run_pave(["apply", "-y"], self.work, self.proxy.url, check=False)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        stats = self.proxy.stats()
        self.assertGreater(stats["throttle"], 0, stats)
        self.assertGreater(stats["500"] + stats["503"], 0, stats)

        inv = Inventory(self.moto.url, PLATFORM)  # read back directly, without faults
        self.assertEqual(len(inv.vpcs), 1)
        self.assertEqual(len(inv.subnets), 6)
        self.assertEqual(len(inv.nats), 1)
        self.assertEqual(len(inv.route_tables), 4)
        proc = run_pave(["plan", "--detailed-exitcode"], self.work, self.moto.url, check=False)
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:])

        for _ in range(3):
            proc = run_pave(["destroy", "-y"], self.work, self.proxy.url, check=False)
            if proc.returncode == 0:
                break
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        self.assertEqual(Inventory(self.moto.url, PLATFORM).total(), 0)


if __name__ == "__main__":
    unittest.main()
