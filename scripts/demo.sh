#!/usr/bin/env bash
# make demo: start moto (a local AWS API emulator) on a free loopback port, apply
# examples/platform.yaml with pave, show the result, and leave it running to look around.
set -euo pipefail

PAVE=$(realpath "${1:-build/release/src/cli/pave}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/build/demo"

for pidfile in "$WORK/moto.pid" "$WORK/eks.pid"; do
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
  fi
done
rm -rf "$WORK"
mkdir -p "$WORK"
cp "$ROOT/examples/platform.yaml" "$WORK/platform.yaml"
# The security baseline is on by default; moto has no IAM Access Analyzer, so the demo's copy
# turns that one part off (on AWS leave it on).
printf '\n# The demo: moto (the local AWS emulator) has no IAM Access Analyzer.\nbaseline: {accessAnalyzer: false}\n' \
  >>"$WORK/platform.yaml"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {
  for _ in $(seq 1 150); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "demo: nothing answers at $1" >&2
  return 1
}

# moto with the AWS managed IAM policies loaded (the EKS roles attach them) and ACM issuing a
# DNS-validated certificate 5 seconds after it is requested, as AWS does once the validation
# record resolves.
PORT=$(free_port)
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=5 \
  python3 -m moto.server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
echo $! >"$WORK/moto.pid"
# moto has no EKS add-on or upgrade API: EKS calls go to pave's loopback stand-in
# (tests/e2e/eks_standin.py), which answers as the EKS API reference documents.
EKS_PORT=$(free_port)
python3 "$ROOT/tests/e2e/eks_standin.py" "$EKS_PORT" eu-west-1 "http://127.0.0.1:$PORT" >"$WORK/eks.log" 2>&1 &
echo $! >"$WORK/eks.pid"
wait_for "http://127.0.0.1:$PORT/moto-api/"
wait_for "http://127.0.0.1:$EKS_PORT/_calls"

# The standard AWS SDK settings: pave has no special case for the emulator.
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT"
export AWS_ENDPOINT_URL_EKS="http://127.0.0.1:$EKS_PORT"
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=eu-west-1
unset AWS_PROFILE AWS_SESSION_TOKEN
# The example's secrets section reads this variable at apply time (it never reaches .pave/).
export GITHUB_TOKEN="demo-token-$RANDOM$RANDOM"
cd "$WORK"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "moto (AWS API emulator) is listening on $AWS_ENDPOINT_URL; EKS stand-in on $AWS_ENDPOINT_URL_EKS"
step "the organization's zone example.org is hosted in this account (made with pave aws call)"
"$PAVE" aws call route53 CreateHostedZone \
  --input '{"Name": "example.org", "CallerReference": "demo-parent-zone"}' >/dev/null
echo "pave will delegate prod.example.org to the platform's own zone there"
step "pave validate"
"$PAVE" validate
step "pave check: the platform against AWS Well-Architected, before anything exists"
"$PAVE" check --fail-on high
step "pave cost: what it will cost a month (AWS list prices)"
"$PAVE" cost
step "pave plan"
"$PAVE" plan
step "pave apply -y"
/usr/bin/time -f "apply took %es, peak memory %MkB" "$PAVE" apply -y
step "pave plan again: nothing left to do"
"$PAVE" plan --detailed-exitcode
step "pave inventory"
"$PAVE" inventory
step "pave outputs"
"$PAVE" outputs
step "pave history"
"$PAVE" history

cat <<EOT

The platform is live in the emulator (pid $(cat moto.pid); EKS stand-in pid $(cat eks.pid)). Look around:
  cd $WORK
  export AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL AWS_ENDPOINT_URL_EKS=$AWS_ENDPOINT_URL_EKS
  export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=eu-west-1
  aws ec2 describe-vpcs --filters Name=tag:pave:platform,Values=\$(awk '/name:/{print \$2; exit}' platform.yaml)
  aws ec2 describe-subnets --query 'Subnets[].[CidrBlock,AvailabilityZone]' --output table
  $PAVE state list
  aws eks describe-cluster --name example --query cluster.status
  $PAVE kubeconfig
  $PAVE destroy --allow-data-loss   # remove it all again (keys and secrets: AWS's waiting period)
Stop the emulator with: make demo-stop
EOT
