#!/usr/bin/env bash
# Installs the Debian packages pave needs to build and test, when any is missing.
# Called by `make`; safe to run again (does nothing when everything is there).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libcurl4-openssl-dev libssl-dev zlib1g-dev
  nlohmann-json3-dev libyaml-cpp-dev libyaml-dev libcli11-dev libfmt-dev libpugixml-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-botocore curl time
  graphviz git openssh-client
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "pave: installing build dependencies: ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
