#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) in build/fuzz and runs each
# for FUZZ_SECONDS (default 20) from the seed corpus in fuzz/corpus/<target>. New inputs go
# to build/fuzz/corpus/<target>, crashes to build/fuzz/artifacts/<target>/.
#   scripts/fuzz.sh                 every target
#   FUZZ_SECONDS=60 scripts/fuzz.sh json rest_xml
# Exits non-zero when any target found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-20}
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(ec2 query json rest_json rest_xml platform_file)
fi

if ! command -v clang++ >/dev/null || ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, long) { return 0; }' |
    clang++ -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
  echo "pave: fuzz: clang++ with libFuzzer is missing (scripts/install-deps.sh installs clang)" >&2
  exit 2
fi

cmake -S . -B build/fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAVE_FUZZ=ON -DPAVE_BUILD_TESTS=OFF \
  -DPAVE_SANITIZE="address;undefined" >/dev/null
cmake --build build/fuzz -j2 --target "${targets[@]/#/fuzz_}"

failed=0
for t in "${targets[@]}"; do
  mkdir -p "build/fuzz/corpus/$t" "build/fuzz/artifacts/$t"
  log="build/fuzz/$t.log"
  set +e
  "build/fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="build/fuzz/artifacts/$t/" -print_final_stats=1 \
    "build/fuzz/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  crashes=$(find "build/fuzz/artifacts/$t" -type f | wc -l)
  echo "fuzz $t: $runs executions in ${seconds}s, exit $rc, $crashes crash file(s)"
  if ((rc != 0)); then
    failed=1
    grep -m5 -E 'ERROR|SUMMARY|terminate|what\(\)' "$log" || true
  fi
done
exit $failed
