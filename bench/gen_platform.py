#!/usr/bin/env python3
"""Writes a platform file of N independent `random_id` resources (no cloud needed), for
timing `pave apply` / `pave plan` as a whole process:

    python3 bench/gen_platform.py 10000 > /tmp/big/platform.yaml
    cd /tmp/big && /usr/bin/time -v pave apply -y

Every resource is independent, so the apply runs at full parallelism and the journal (one
begin and one finish per resource) is what it mostly waits for."""

import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    out = ["apiVersion: pave.dev/v1", "kind: Platform", "metadata:", "  name: bench",
           "  region: eu-west-1", "resources:"]
    for i in range(n):
        out += [f"  - type: random_id", f"    name: r{i:05d}", "    properties:",
                "      byte_length: 8"]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
