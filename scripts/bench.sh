#!/usr/bin/env bash
# make bench: runs the benchmarks of a Release build directory and prints their figures.
# The numbers that go into docs/performance.md come from these runs (see each section there
# for the exact invocation and the machine's load at the time).
set -euo pipefail
BUILD=${1:-build/bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

echo "== engine: plan at 1k/10k/100k resources (each size in its own process for peak RSS)"
for n in 1000 10000 100000; do
  "$BUILD/bench/engine_bench" --benchmark_filter="BM_PlanNoChanges/$n/" --benchmark_min_time=0.2
done
echo "== engine: apply versus the critical-path bound"
"$BUILD/bench/engine_bench" --benchmark_filter=BM_Apply

if [[ -x "$BUILD/bench/aws_client_bench" ]]; then
  echo "== aws client: per-call overhead without the network"
  "$BUILD/bench/aws_client_bench"
fi
if [[ -x "$ROOT/bench/aws_calls_vs_boto3.sh" ]]; then
  echo "== aws client: calls per second against moto, next to boto3"
  "$ROOT/bench/aws_calls_vs_boto3.sh" "$BUILD" || echo "(skipped: $?)"
fi
if [[ -x "$ROOT/bench/refresh_bench.sh" ]]; then
  echo "== network: refresh of 1,000 resources, batched versus one read per resource"
  "$ROOT/bench/refresh_bench.sh" "$BUILD" 1000 || echo "(skipped: $?)"
fi
if [[ -x "$ROOT/bench/commands.sh" ]]; then
  echo "== whole command: pave validate / plan --no-refresh at 1k..100k resources (bench/gen_platform.py)"
  "$ROOT/bench/commands.sh" "$BUILD" || echo "(skipped: $?)"
  echo "== whole command against moto: one aws call, refresh of the example platform"
  PAVE_BENCH_AWS=only "$ROOT/bench/commands.sh" "$BUILD" || echo "(skipped: $?)"
  echo "== API calls per resource: VPC create, KMS key and S3 bucket refresh"
  "$ROOT/bench/aws_call_counts.sh" "$BUILD" 10 || echo "(skipped: $?)"
fi
