#!/usr/bin/env bash
# Side-by-side whole-command benchmark of two pave binaries, in one run (issue 11):
#
#   bench/compare.sh BEFORE_PAVE AFTER_PAVE [SIZES...]     (default sizes: 1000 10000)
#
# For each size N (bench/gen_platform.py N) and each command — `validate`, `plan
# --no-refresh` and `apply -y` (all offline: random_id resources, a fresh .pave each run) —
# the two binaries run alternately RUNS times (default 5), so both meet the same machine
# load. Each row: median wall, spread (min-max), median CPU (user + system) and largest peak
# RSS for each binary, and the 1-minute load average when the row started (other work on
# the machine stretches wall time, far less CPU time). COMMANDS="validate plan" limits the
# commands.
set -euo pipefail
before=$(realpath "${1:?usage: compare.sh BEFORE_PAVE AFTER_PAVE [SIZES...]}")
after=$(realpath "${2:?usage: compare.sh BEFORE_PAVE AFTER_PAVE [SIZES...]}")
shift 2
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
runs=${RUNS:-5}
commands=${COMMANDS:-validate plan apply}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints "median min max" of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

# One run of "$@" in $PWD with a fresh .pave; appends "wall cpu rss_kb" to file $1.
once() {
  local out=$1
  shift
  rm -rf .pave
  if ! /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$@" >/dev/null 2>"$work/err"; then
    echo "failed: $(tail -1 "$work/err" | cut -c1-100)" >&2
    exit 1
  fi
  read -r e u s m < <(tail -1 "$work/time")
  echo "$e $(echo "$u + $s" | bc) $m" >>"$out"
}

cell() {  # file -> "wall (min-max), cpu, rss"
  read -r wm wl wh < <(cut -d' ' -f1 "$1" | stats)
  read -r cm _ _ < <(cut -d' ' -f2 "$1" | stats)
  local rss
  rss=$(cut -d' ' -f3 "$1" | sort -n | tail -1)
  echo "$wm s ($wl-$wh), $cm s, $((rss / 1024)) MB"
}

echo "| command | resources | load | before: wall (spread), CPU, RSS | after: wall (spread), CPU, RSS |"
echo "|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  dir="$work/p$n"
  mkdir -p "$dir"
  python3 "$root/bench/gen_platform.py" "$n" >"$dir/platform.yaml"
  cd "$dir"
  for c in $commands; do
    case $c in
      validate) args=(validate -f platform.yaml) ;;
      plan) args=(plan --no-refresh -f platform.yaml) ;;
      apply) args=(apply -y -f platform.yaml) ;;
      *) echo "unknown command $c" >&2; exit 2 ;;
    esac
    load=$(cut -d' ' -f1 /proc/loadavg)
    rm -f "$work/b" "$work/a"
    for _ in $(seq "$runs"); do
      once "$work/b" "$before" "${args[@]}"
      once "$work/a" "$after" "${args[@]}"
    done
    echo "| \`pave ${args[*]:0:${#args[@]}-2}\` | $n | $load | $(cell "$work/b") | $(cell "$work/a") |"
  done
  cd "$root"
done
