#!/usr/bin/env bash
# Installs what the tests need, builds with zero warnings and runs every test. Tests that need MQTT start their own
# mosquitto on a free loopback port, and use temporary SQLite files.
#   usage: scripts/test.sh [extra swift test arguments, e.g. --filter MQTTTransportTests]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
install_dependencies

log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "building (debug, with tests)..." >&2
if ! swift build --build-tests >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
tail -n 1 "$log" >&2
check_no_warnings "$log"
# One test at a time: many suites start brokers, daemons and child processes and wait on them with deadlines; run
# together on a 2-core machine they starve each other into timeouts. Serially the suite takes about 2 minutes.
swift test --skip-build --disable-xctest --no-parallel "$@"
