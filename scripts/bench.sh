#!/usr/bin/env bash
# Builds `bench` in release and runs the given subcommands (default: all it knows), one JSON line each.
# Usage: scripts/bench.sh [SUBCOMMAND...]      e.g. scripts/bench.sh mqtt inference
# Installs what is missing through apt (scripts/lib/deps.sh), as the other scripts do.
set -euo pipefail

cd "$(dirname "$0")/.."

ALL_SUBCOMMANDS=(mqtt sim features inference ingest fedavg train drift)
source scripts/lib/deps.sh

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

install_dependencies
# The Python peers (ONNX Runtime, Flower, numpy, scikit-learn) run from a git-ignored venv made once.
for subcommand in "${subcommands[@]}"; do
    if [[ $subcommand =~ ^(inference|fedavg|train|drift)$ && ! -x .venv-bench/bin/python ]]; then
        python3 -m venv .venv-bench >&2
        .venv-bench/bin/pip install --quiet onnxruntime onnx numpy scipy scikit-learn flwr==1.41.0 >&2
    fi
done
if [[ -x .venv-bench/bin/python ]]; then
    export BENCH_PYTHON="$PWD/.venv-bench/bin/python"
    # bench drift compares with scipy, which a venv made before it was needed may lack.
    if [[ " ${subcommands[*]} " == *" drift "* ]] && ! "$BENCH_PYTHON" -c "import scipy" 2>/dev/null; then
        .venv-bench/bin/pip install --quiet scipy >&2
    fi
    # bench train also compares with PyTorch CPU when it installs.
    if [[ " ${subcommands[*]} " == *" train "* ]] && ! "$BENCH_PYTHON" -c "import torch" 2>/dev/null; then
        .venv-bench/bin/pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu >&2 ||
            echo "bench.sh: PyTorch CPU did not install; bench train measures scikit-learn only" >&2
    fi
fi
# Build output goes to stderr so that stdout carries only the JSON lines.
swift build -c release --product bench >&2
binary="$(swift build -c release --show-bin-path)/bench"
for subcommand in "${subcommands[@]}"; do
    "$binary" "$subcommand"
done
