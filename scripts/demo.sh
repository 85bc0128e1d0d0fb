#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds (release), trains a first model from a simulated
# dataset (firmware-sim export -> hub train: features, MLP, int8, signed, registered), installs it on one edge, then
# starts a local broker, the hub, that edge and the simulated sensor fleet, all on embedded defaults, and shows the
# fleet and the edge's predictions as the hub sees them.
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

# Only the storage paths and the broker port differ from the embedded defaults; the environment sets them.
export HUB_STORAGE_PATH=$run/hub.sqlite HUB_KEYS_DIR=$run/keys
export EDGE_DEVICE_ID=sim-0000 EDGE_STATE_DIR=$run/edge-sim-0000

echo "training a first model on a simulated dataset (logs in $run/train.log)..."
"$bin/firmware-sim" export --scenario firmware-sim/scenarios/training.yaml --seconds "${TRAIN_SECONDS:-120}" \
  --out "$run/dataset" >"$run/train.log" 2>&1
"$bin/hub" keys init >>"$run/train.log" 2>&1
# The edge trusts the hub's update key, so `hub rollout start --model bearing --version N` works in the demo.
export EDGE_UPDATE_TRUSTED_KEY=$run/keys/update-signing.pub
"$bin/hub" train --data "$run/dataset/dataset.efds" --name bearing --quiet | tee -a "$run/train.log" | head -n 4
"$bin/hub" models export bearing 1 --out "$run/bearing.edgemodel" >>"$run/train.log" 2>&1
"$bin/edge" models install "$run/bearing.edgemodel"
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

export HUB_MQTT_PORT=$port EDGE_MQTT_PORT=$port
"$bin/hub" serve >"$run/hub.log" 2>&1 &
pids+=($!)
"$bin/edge" run >"$run/edge.log" 2>&1 &
pids+=($!)
"$bin/firmware-sim" run --devices "${SIM_DEVICES:-20}" --broker-port "$port" >"$run/firmware-sim.log" 2>&1 &
pids+=($!)

deadline=$(( SECONDS + ${DEMO_SECONDS:-31536000} ))
sleep 2
while [ $SECONDS -lt $deadline ]; do
  echo
  echo "== hub devices ($(date +%T)); sensor frames: mosquitto_sub -p $port -t 'sensors/#' -v"
  "$bin/hub" devices || true
  echo "-- sim-0000, latest telemetry:"
  "$bin/hub" telemetry sim-0000 --last 3 || true
  echo "-- firmware-sim: $(grep -ho "sim.frames=[0-9]* sim.frames_per_s=[0-9]*" "$run/firmware-sim.log" | tail -n 1)"
  sleep 5
done
