#!/usr/bin/env python3
"""Writes a platform file of N random_id resources with chains and fan-outs to stdout.

Usage: bench/gen_platform.py N [NAME]

The graph has the shape of bench/engine_bench.cc: every 100th resource is a hub; every 10th
is the head of a chain and refers to its hub's hex; every other one refers to the previous
link of its chain and interpolates its hub ("hub is ${random_id.rN.b64}"). So there are
chains of 10 and fan-outs of 99, whole and interpolated references, and a map (keepers) per
resource. Only built-in types: `pave validate` and `pave plan --no-refresh` run offline.
"""
import sys


def resource(i):
    hub = i - i % 100
    keepers = {"index": f'"{i}"'}
    if i % 100 != 0:
        if i % 10 == 0:
            keepers["parent"] = f'"${{random_id.r{hub}.hex}}"'
        else:
            keepers["parent"] = f'"${{random_id.r{i - 1}.hex}}"'
            keepers["hub"] = f'"hub is ${{random_id.r{hub}.b64}}"'
    lines = [f"  - type: random_id", f"    name: r{i}", "    properties:",
             f"      byte_length: {4 + i % 8}", "      keepers:"]
    lines += [f"        {k}: {v}" for k, v in keepers.items()]
    return "\n".join(lines)


def main():
    n = int(sys.argv[1])
    name = sys.argv[2] if len(sys.argv) > 2 else "bench"
    out = sys.stdout
    out.write(f"apiVersion: pave.dev/v1\nkind: Platform\nmetadata:\n  name: {name}\n"
              f"  region: eu-west-1\nresources:\n")
    for i in range(n):
        out.write(resource(i))
        out.write("\n")


if __name__ == "__main__":
    main()
