#!/usr/bin/env bash
# API calls per resource against moto, counted by tests/e2e/faultproxy.py (no faults) between
# pave and moto, and the wall time of each step:
#   1. `pave apply` of one aws_vpc (the create path);
#   2. `pave plan` (refresh) of N aws_kms_key and N aws_s3_bucket, each type alone.
# Usage: bench/aws_call_counts.sh BUILD_DIR [N]   (default N 10). Figures: docs/performance.md.
set -euo pipefail
build=${1:?usage: aws_call_counts.sh BUILD_DIR [N]}
n=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
pave=$(cd "$build" && pwd)/src/cli/pave
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
moto_port=$(free_port)
MOTO_IAM_LOAD_MANAGED_POLICIES=true python3 -m moto.server -H 127.0.0.1 -p "$moto_port" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$moto_port/moto-api/" >/dev/null && break; sleep 0.1; done
proxy_port=$(free_port)
python3 "$root/tests/e2e/faultproxy.py" --upstream "http://127.0.0.1:$moto_port" --port "$proxy_port" \
  --rate 0 >"$work/proxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$proxy_port/__faultproxy/stats" >/dev/null && break; sleep 0.1; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$proxy_port" AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
       AWS_REGION=eu-west-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null NO_COLOR=1
calls() { curl -sf "http://127.0.0.1:$proxy_port/__faultproxy/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["forwarded"])'; }

# Runs pave "$@" in $work/$dir; prints "calls seconds".
counted() {
  local before start end
  before=$(calls)
  start=$(date +%s.%N)
  "$pave" "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$(($(calls) - before)) $(echo "$end - $start" | bc)"
}

header="apiVersion: pave.dev/v1
kind: Platform
metadata: {name: calls, region: eu-west-1}
resources:"
mkdir -p "$work/vpc" "$work/kms" "$work/s3"
printf '%s\n  - {type: aws_vpc, name: main, properties: {cidr_block: 10.0.0.0/16}}\n' "$header" >"$work/vpc/platform.yaml"
{ echo "$header"; for i in $(seq "$n"); do echo "  - {type: aws_kms_key, name: k$i, properties: {description: key $i, deletion_window_in_days: 7}}"; done; } >"$work/kms/platform.yaml"
{ echo "$header"; for i in $(seq "$n"); do echo "  - {type: aws_s3_bucket, name: b$i, properties: {bucket: pave-calls-bucket-$i}}"; done; } >"$work/s3/platform.yaml"

echo "| step | resources | API calls | calls per resource | seconds |"
echo "|---|---|---|---|---|"
cd "$work/vpc"
read -r c s < <(counted apply -y -f platform.yaml)
echo "| apply: create aws_vpc (with plan and refresh around it) | 1 | $c | $c | $s |"
read -r c s < <(counted plan -f platform.yaml)
echo "| plan: refresh aws_vpc | 1 | $c | $c | $s |"
for kind in kms s3; do
  cd "$work/$kind"
  "$pave" apply -y -f platform.yaml >/dev/null
  read -r c s < <(counted plan -f platform.yaml)
  echo "| plan: refresh $n of $kind | $n | $c | $(echo "scale=1; $c / $n" | bc) | $s |"
done
