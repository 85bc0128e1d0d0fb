#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds (release), starts a local broker, the hub, one
# edge and the simulated sensor fleet, all on embedded defaults, and shows the fleet as the hub sees it.
# Ctrl-C stops everything gracefully (SIGTERM to each process, broker last).
#   usage: scripts/demo.sh            (runs until Ctrl-C)
#          DEMO_SECONDS=30 scripts/demo.sh   (stops by itself)
#          SIM_DEVICES=50 scripts/demo.sh    (size of the simulated fleet, default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
install_dependencies

echo "building (release)..." >&2
swift build -c release --product hub >&2
swift build -c release --product edge >&2
swift build -c release --product firmware-sim >&2
bin=$(swift build -c release --show-bin-path)

run=./run/demo
rm -rf "$run"
mkdir -p "$run"
read -r port broker_pid < <(scripts/broker.sh "$run/broker")
echo "broker on 127.0.0.1:$port (pid $broker_pid, log $run/broker/broker.log)"

pids=()
stop() {
  trap - INT TERM EXIT
  echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  kill -TERM "$broker_pid" 2>/dev/null || true
  echo "logs in $run/"
}
trap stop INT TERM EXIT

# Only the broker port differs from the embedded defaults; the environment overrides it for every process.
export HUB_MQTT_PORT=$port EDGE_MQTT_PORT=$port
HUB_STORAGE_PATH=$run/hub.sqlite "$bin/hub" serve >"$run/hub.log" 2>&1 &
pids+=($!)
EDGE_DEVICE_ID=sim-0000 EDGE_STATE_DIR=$run/edge-sim-0000 "$bin/edge" run >"$run/edge.log" 2>&1 &
pids+=($!)
"$bin/firmware-sim" run --devices "${SIM_DEVICES:-20}" --broker-port "$port" >"$run/firmware-sim.log" 2>&1 &
pids+=($!)

deadline=$(( SECONDS + ${DEMO_SECONDS:-31536000} ))
sleep 2
while [ $SECONDS -lt $deadline ]; do
  echo
  echo "== hub devices ($(date +%T)); sensor frames: mosquitto_sub -p $port -t 'sensors/#' -v"
  HUB_STORAGE_PATH=$run/hub.sqlite "$bin/hub" devices || true
  echo "-- firmware-sim: $(grep -h "publishing" "$run/firmware-sim.log" | tail -n 1 | cut -c 27-)"
  sleep 5
done
