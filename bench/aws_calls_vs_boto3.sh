#!/usr/bin/env bash
# Sustained calls per second of the same read call from pave's AWS client and from boto3,
# against one moto server on loopback, in the same run.
#
#   bench/aws_calls_vs_boto3.sh BUILD_DIR [COUNT]
#
# BUILD_DIR is a build with -DPAVE_BUILD_BENCH=ON (aws_calls_driver, and src/cli/pave when it
# is built). Measured:
#   1. in-process, one thread: N calls of sts GetCallerIdentity and ec2 DescribeVpcs through one
#      client (pave: aws_calls_driver; boto3: one client in a Python loop);
#   2. the same with 4 threads;
#   3. per process: `pave aws call sts GetCallerIdentity` versus `aws sts get-caller-identity`
#      run 20 times each (start-up, model load, credentials, one call).
set -euo pipefail

build=${1:?usage: aws_calls_vs_boto3.sh BUILD_DIR [COUNT]}
count=${2:-2000}
driver=$build/bench/aws_calls_driver
pave=$build/src/cli/pave
[[ -x $driver ]] || { echo "no $driver: configure with -DPAVE_BUILD_BENCH=ON" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
python3 -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null; wait "$moto_pid" 2>/dev/null; rm -f "$log"' EXIT
endpoint=http://127.0.0.1:$port
for _ in $(seq 100); do
  curl -fs "$endpoint/moto-api/" >/dev/null 2>&1 && break
  sleep 0.2
done

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL=$endpoint AWS_EC2_METADATA_DISABLED=true
aws ec2 create-vpc --cidr-block 10.0.0.0/16 >/dev/null

boto3_rate() {  # service operation threads
  python3 - "$endpoint" "$1" "$2" "$count" "$3" <<'PY'
import sys, time, threading, boto3
endpoint, service, op, count, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
client = boto3.client(service, endpoint_url=endpoint, region_name="us-east-1")
call = getattr(client, op)
call()  # warm: model load, connection
cpu = time.process_time()
def work(t):
    for _ in range(t, count, threads):
        call()
start = time.perf_counter()
pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
for p in pool: p.start()
for p in pool: p.join()
s = time.perf_counter() - start
cpu_us = (time.process_time() - cpu) * 1e6 / count
print(f"calls={count} seconds={s:.3f} calls_per_second={count / s:.1f} client_cpu_us_per_call={cpu_us:.0f}")
PY
}

echo "moto $(python3 -c 'import moto; print(moto.__version__)'), boto3 $(python3 -c 'import boto3; print(boto3.__version__)'), $count calls each"
for threads in 1 4; do
  echo "== $threads thread(s)"
  echo "pave  sts GetCallerIdentity: $("$driver" "$endpoint" sts GetCallerIdentity '{}' "$count" "$threads")"
  echo "boto3 sts get_caller_identity: $(boto3_rate sts get_caller_identity "$threads")"
  echo "pave  ec2 DescribeVpcs: $("$driver" "$endpoint" ec2 DescribeVpcs '{}' "$count" "$threads")"
  echo "boto3 ec2 describe_vpcs: $(boto3_rate ec2 describe_vpcs "$threads")"
done

echo "== one process per call (20 runs)"
time_runs() {
  local start end
  start=$(date +%s.%N)
  for _ in $(seq 20); do "$@" >/dev/null; done
  end=$(date +%s.%N)
  python3 -c "print(f'{($end - $start) / 20 * 1000:.0f} ms per run')"
}
if [[ -x $pave ]]; then
  echo "pave aws call sts GetCallerIdentity: $(time_runs "$pave" aws call sts GetCallerIdentity)"
  echo "pave aws call ec2 DescribeVpcs:      $(time_runs "$pave" aws call ec2 DescribeVpcs)"
else
  echo "pave binary not built ($pave): skipped"
fi
echo "aws sts get-caller-identity:         $(time_runs aws sts get-caller-identity)"
echo "aws ec2 describe-vpcs:               $(time_runs aws ec2 describe-vpcs)"
