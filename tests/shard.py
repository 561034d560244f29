"""Runs one shard of a unittest module, so that CTest can spread a long suite over its jobs.

    python3 shard.py MODULE K N

loads every test of MODULE (in unittest's order: by class, then by method name), keeps those
whose position i has i % N == K, and runs them verbosely. Every test of the module runs in
exactly one of the N shards, so a test added to the module is never left out; each shard runs
its classes' setUpClass (the e2e suites start their own emulator there). Exit status as
`python3 -m unittest`: 0 when every kept test passed.
"""

import os
import sys
import unittest


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


def main(argv):
    if len(argv) != 4 or not argv[2].isdigit() or not argv[3].isdigit() or int(argv[2]) >= int(argv[3]):
        print("usage: shard.py MODULE K N   (0 <= K < N)", file=sys.stderr)
        return 2
    module, k, n = argv[1], int(argv[2]), int(argv[3])
    sys.path.insert(0, os.getcwd())  # the suite's directory (CTest's WORKING_DIRECTORY)
    tests = list(flatten(unittest.defaultTestLoader.loadTestsFromName(module)))
    # A module that fails to import comes back as one _FailedTest: run it in shard 0 to report it.
    kept = [t for i, t in enumerate(tests) if i % n == k]
    print("shard %d of %d of %s: %d of %d tests" % (k + 1, n, module, len(kept), len(tests)), file=sys.stderr)
    if not kept:
        print("shard.py: shard %d of %s has no test: lower N (%d tests)" % (k, module, len(tests)), file=sys.stderr)
        return 1
    result = unittest.TextTestRunner(verbosity=2).run(unittest.TestSuite(kept))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
