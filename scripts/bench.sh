#!/usr/bin/env bash
# Builds `bench` in release and runs the given subcommands (default: all it knows), one JSON line each.
# Usage: scripts/bench.sh [SUBCOMMAND...]      e.g. scripts/bench.sh mqtt inference
# Installs what is missing through apt (scripts/lib/deps.sh), as the other scripts do.
set -euo pipefail

cd "$(dirname "$0")/.."

ALL_SUBCOMMANDS=(mqtt sim features inference ingest train)
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
# `bench inference` measures ONNX Runtime beside the project's engine, from a git-ignored venv made once.
for subcommand in "${subcommands[@]}"; do
    if [[ $subcommand == inference && ! -x .venv-bench/bin/python ]]; then
        python3 -m venv .venv-bench >&2
        .venv-bench/bin/pip install --quiet onnxruntime onnx numpy >&2
    fi
done
# `bench train` compares with scikit-learn (and PyTorch CPU when it installs) through BENCH_PYTHON.
for subcommand in "${subcommands[@]}"; do
    if [[ $subcommand == train ]] && ! python3 -c "import sklearn" 2>/dev/null; then
        [[ -x .venv-bench/bin/python ]] || python3 -m venv .venv-bench >&2
        .venv-bench/bin/pip install --quiet scikit-learn numpy >&2
        .venv-bench/bin/pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu >&2 ||
            echo "bench.sh: PyTorch CPU did not install; bench train measures scikit-learn only" >&2
        export BENCH_PYTHON=.venv-bench/bin/python
    fi
done
# Build output goes to stderr so that stdout carries only the JSON lines.
swift build -c release --product bench >&2
binary="$(swift build -c release --show-bin-path)/bench"
for subcommand in "${subcommands[@]}"; do
    "$binary" "$subcommand"
done
