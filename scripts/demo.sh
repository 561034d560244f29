#!/usr/bin/env bash
# make demo: start moto (a local AWS API emulator) on a free loopback port, apply
# examples/platform.yaml with pave, show the result, and leave it running to look around.
set -euo pipefail

PAVE=$(realpath "${1:-build/release/src/cli/pave}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/build/demo"

if [[ -f "$WORK/moto.pid" ]] && kill -0 "$(cat "$WORK/moto.pid")" 2>/dev/null; then
  kill "$(cat "$WORK/moto.pid")" 2>/dev/null || true
fi
rm -rf "$WORK"
mkdir -p "$WORK"
cp "$ROOT/examples/platform.yaml" "$WORK/platform.yaml"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m moto.server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
echo $! >"$WORK/moto.pid"
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/moto-api/" && break
  sleep 0.1
done

# The standard AWS SDK settings: pave has no special case for the emulator.
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT"
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=eu-west-1
unset AWS_PROFILE AWS_SESSION_TOKEN
cd "$WORK"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "moto (AWS API emulator) is listening on $AWS_ENDPOINT_URL"
step "pave validate"
"$PAVE" validate
step "pave plan"
"$PAVE" plan
step "pave apply -y"
/usr/bin/time -f "apply took %es, peak memory %MkB" "$PAVE" apply -y
step "pave plan again: nothing left to do"
"$PAVE" plan --detailed-exitcode
step "pave inventory"
"$PAVE" inventory
step "pave history"
"$PAVE" history

cat <<EOT

The platform is live in the emulator (pid $(cat moto.pid)). Look around:
  cd $WORK
  export AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=eu-west-1
  aws ec2 describe-vpcs --filters Name=tag:pave:platform,Values=\$(awk '/name:/{print \$2; exit}' platform.yaml)
  aws ec2 describe-subnets --query 'Subnets[].[CidrBlock,AvailabilityZone]' --output table
  $PAVE state list
  $PAVE destroy            # remove it all again
Stop the emulator with: make demo-stop
EOT
