#!/usr/bin/env bash
# Builds `bench` in release and runs the given subcommands (default: all it knows), one JSON line each.
# Usage: scripts/bench.sh [SUBCOMMAND...]      e.g. scripts/bench.sh mqtt
# Installs what the benchmarks need (mosquitto, mosquitto-clients) through apt when missing.
set -euo pipefail

cd "$(dirname "$0")/.."

ALL_SUBCOMMANDS=(mqtt)
NEEDED_PACKAGES=(mosquitto mosquitto-clients)

install_missing_packages() {
    local missing=()
    for package in "${NEEDED_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if ((${#missing[@]} > 0)); then
        echo "bench.sh: installing ${missing[*]}" >&2
        local sudo=""
        if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
}

subcommands=("$@")
if ((${#subcommands[@]} == 0)); then subcommands=("${ALL_SUBCOMMANDS[@]}"); fi
for subcommand in "${subcommands[@]}"; do
    known=false
    for candidate in "${ALL_SUBCOMMANDS[@]}"; do [[ $subcommand == "$candidate" ]] && known=true; done
    if [[ $known == false ]]; then
        echo "bench.sh: unknown subcommand '$subcommand' (known: ${ALL_SUBCOMMANDS[*]})" >&2
        exit 2
    fi
done

install_missing_packages
# Build output goes to stderr so that stdout carries only the JSON lines.
swift build -c release --product bench >&2
binary="$(swift build -c release --show-bin-path)/bench"
for subcommand in "${subcommands[@]}"; do
    "$binary" "$subcommand"
done
