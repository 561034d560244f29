#!/usr/bin/env bash
# Network benchmarks against moto on a free loopback port:
#   1. API calls and wall time to refresh N subnets: batched vs one read per resource;
#   2. wall time of `pave apply` / `pave destroy` of examples/platform.yaml.
# Usage: bench/refresh_bench.sh BUILD_DIR [N]   (BUILD_DIR holds bench/network_refresh_bench
# and src/cli/pave). Figures go into docs/performance.md (Network).
set -euo pipefail
build=${1:?usage: refresh_bench.sh BUILD_DIR [N]}
n=${2:-1000}
root=$(cd "$(dirname "$0")/.." && pwd)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m moto.server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true; rm -rf "$work"' EXIT
work=$(mktemp -d)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.1; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
       AWS_REGION=eu-west-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null NO_COLOR=1

"$build/bench/network_refresh_bench" "$n"
curl -sf -X POST "http://127.0.0.1:$port/moto-api/reset" >/dev/null

cp "$root/examples/platform.yaml" "$work/platform.yaml"
pave="$build/src/cli/pave"
echo
echo "| example network (moto) | seconds |"
echo "|---|---|"
for step in apply destroy; do
  start=$(date +%s.%N)
  "$pave" "$step" -y -f "$work/platform.yaml" >/dev/null
  end=$(date +%s.%N)
  printf '| pave %s | %.2f |\n' "$step" "$(echo "$end - $start" | bc)"
done
