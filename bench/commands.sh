#!/usr/bin/env bash
# Whole-command benchmark: what a user waits for, process start to exit.
#
#   bench/commands.sh BUILD_DIR [SIZES...]        (default sizes: 1000 10000 50000 100000)
#
# Offline part, for each size N: bench/gen_platform.py N writes a platform file of N random_id
# resources with chains and fan-outs; `pave validate` and `pave plan --no-refresh` (empty
# state: every resource is a create) run RUNS times (default 5) each, and the table shows the
# median wall time, the spread (min-max) and the largest peak RSS (/usr/bin/time -f '%e %M').
#
# AWS part (with PAVE_BENCH_AWS=1, or =only to skip the offline part; needs moto): one `pave aws call ec2 DescribeVpcs`
# process, and `pave plan` (with refresh) of examples/platform.yaml once it is applied.
# Figures go into docs/performance.md ("Whole command").
set -euo pipefail
build=${1:?usage: commands.sh BUILD_DIR [SIZES...]}
shift
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 50000 100000)
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
pave=$(cd "$build" && pwd)/src/cli/pave
work=$(mktemp -d)
moto=""
eks=""
cleanup() {
  [[ -n $moto ]] && kill "$moto" 2>/dev/null || true
  [[ -n $eks ]] && kill "$eks" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Runs "$@" RUNS times in $PWD; prints "median min max maxrss_mb median_cpu" (seconds, MB;
# cpu = user + system, which says more than wall time on a loaded machine), or "failed"
# with the command's last error line.
measure() {
  local rows=() rss=0 line e u s m
  for _ in $(seq "$runs"); do
    if ! /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$@" >"$work/out" 2>"$work/err"; then
      echo "failed: $(grep -v '^Command exited' "$work/err" | tail -1 | cut -c1-100)"
      return
    fi
    read -r e u s m < <(tail -1 "$work/time")
    rows+=("$e $(echo "$u + $s" | bc)")
    ((m > rss)) && rss=$m
  done
  local wall cpu
  wall=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f1 | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f %.3f %.3f", v[int((NR + 1) / 2)], v[1], v[NR] }')
  cpu=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f2 | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }')
  echo "$wall $((rss / 1024)) $cpu"
}

row() {  # label n result
  local label=$1 n=$2
  shift 2
  if [[ $1 == failed* ]]; then
    echo "| $label | $n | $* | | | |"
  else
    echo "| $label | $n | $1 s | $2-$3 s | $5 s | $4 MB |"
  fi
}

echo "| command | resources | median wall | spread | median CPU | peak RSS |"
echo "|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  [[ ${PAVE_BENCH_AWS:-0} == only ]] && break
  dir="$work/p$n"
  mkdir -p "$dir"
  python3 "$root/bench/gen_platform.py" "$n" >"$dir/platform.yaml"
  cd "$dir"
  row "pave validate" "$n" $(measure "$pave" validate -f platform.yaml)
  rm -rf .pave
  row "pave plan --no-refresh" "$n" $(measure "$pave" plan --no-refresh -f platform.yaml)
  rm -rf .pave
  cd "$root"
done

[[ ${PAVE_BENCH_AWS:-0} != 0 ]] || exit 0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=1 \
  python3 -m moto.server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.1; done
# moto has no EKS add-on API: EKS goes to the e2e stand-in, as in scripts/demo.sh.
eks_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$root/tests/e2e/eks_standin.py" "$eks_port" eu-west-1 "http://127.0.0.1:$port" >/dev/null 2>&1 &
eks=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$eks_port/_calls" >/dev/null && break; sleep 0.1; done
export AWS_ENDPOINT_URL_EKS="http://127.0.0.1:$eks_port"
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
       AWS_REGION=eu-west-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null NO_COLOR=1 \
       GITHUB_TOKEN=bench-token
row "pave aws call ec2 DescribeVpcs" 1 $(measure "$pave" aws call ec2 DescribeVpcs)
mkdir -p "$work/example"
cp "$root/examples/platform.yaml" "$work/example/platform.yaml"
cd "$work/example"
"$pave" aws call route53 CreateHostedZone \
  --input '{"Name": "example.org", "CallerReference": "bench-parent-zone"}' >/dev/null
"$pave" apply -y -f platform.yaml >/dev/null 2>"$work/apply.err" || tail -1 "$work/apply.err"
count=$("$pave" state list -f platform.yaml 2>/dev/null | wc -l || true)
row "pave plan (refresh, examples/platform.yaml)" "${count:-?}" $(measure "$pave" plan -f platform.yaml)
"$pave" destroy -y -f platform.yaml >/dev/null 2>&1 || true
