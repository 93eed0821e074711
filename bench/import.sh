#!/usr/bin/env bash
# Benchmark (not a test): import time of gpt2_tiny and of a synthetic
# 100k-node export, and the reference interpreter's time on gpt2_tiny.
# Each figure is the median of REPS runs (default 5), wall clock, on this
# machine; mlir-opt parsing the same imported module is the peer figure.
#   bash bench/import.sh [build-dir]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build}/bin
reps=${REPS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
m=$top/test/models/gpt2_tiny

source "$top/bench/lib.sh"

python3 "$top/bench/synth_export.py" 100000 "$tmp/synth.json"
"$bin/mly-import" "$m/model.json" -o "$tmp/gpt2.mlir"
"$bin/mly-import" "$tmp/synth.json" -o "$tmp/synth.mlir"
mlir_opt=/usr/lib/llvm-22/bin/mlir-opt
peer() { "$mlir_opt" --allow-unregistered-dialect --mlir-print-op-generic "$1"; }

printf '%-40s %10s %s\n' "case" "median ms" "peer (mlir-opt parse+print of the result), ratio"
row() { # row NAME MS PEER_MS
  printf '%-40s %10s %8s ms  %.2fx\n' "$1" "$2" "$3" "$(echo "$2 / ($3 + 0.0001)" | bc -l)"
}
a=$(median_ms "$bin/mly-import" "$m/model.json" -o "$tmp/x.mlir")
b=$(median_ms peer "$tmp/gpt2.mlir")
row "mly-import gpt2_tiny model.json" "$a" "$b"
a=$(median_ms "$bin/mly-import" "$m/model.core.json" -o "$tmp/x.mlir")
row "mly-import gpt2_tiny model.core.json" "$a" "$b"
a=$(median_ms "$bin/mly-import" "$tmp/synth.json" -o "$tmp/x.mlir")
b=$(median_ms peer "$tmp/synth.mlir")
row "mly-import synthetic 100000 nodes" "$a" "$b"
a=$(median_ms "$bin/mly-run" "$tmp/gpt2.mlir" --weights "$m/weights.safetensors" \
  --inputs "$m/inputs.safetensors" --expect "$m/outputs.safetensors")
printf '%-40s %10s\n' "mly-run --backend interp gpt2_tiny" "$a"
