#!/usr/bin/env bash
# Starts a local mosquitto on a free loopback port with the project's shared settings (scripts/mosquitto-base.conf).
# Prints "PORT PID" on stdout; the broker's log goes to $DIR/broker.log. Stop it with: kill PID
#   usage: scripts/broker.sh [DIR]     (DIR defaults to a new temp directory)
set -euo pipefail
dir=${1:-$(mktemp -d -t edgefleet-broker-XXXXXX)}
mkdir -p "$dir"
chmod 755 "$dir"
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[ -x "$mosquitto" ] || { echo "broker.sh: mosquitto is not installed (apt-get install mosquitto)" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 50); do
  port=$(( (RANDOM % 20000) + 30000 ))
  port_free "$port" && break
done

{
  cat "$(dirname "$0")/mosquitto-base.conf"
  echo "log_type notice"
  echo "listener $port 127.0.0.1"
} > "$dir/mosquitto.conf"

"$mosquitto" -c "$dir/mosquitto.conf" >"$dir/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if ! port_free "$port"; then echo "$port $pid"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
echo "broker.sh: mosquitto did not start; log:" >&2
cat "$dir/broker.log" >&2
exit 1
