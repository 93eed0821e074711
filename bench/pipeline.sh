#!/usr/bin/env bash
# Benchmark (not a test): mly-opt --mly-pipeline=optimize on GPT-style aten
# graphs of about 1k, 10k and 100k ops, time per op, next to mlir-opt
# --canonicalize --cse on the same file (aten loaded from its IRDL) as the
# peer, in the same run. Median of REPS runs (default 3), wall clock.
#   bash bench/pipeline.sh [build-dir]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build}/bin
reps=${REPS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mlir_opt=/usr/lib/llvm-22/bin/mlir-opt

source "$top/bench/lib.sh"

printf '%-8s %8s %12s %12s %14s %10s\n' "target" "ops" "optimize ms" "us/op" "mlir-opt ms" "ratio"
first=""
for n in 1000 10000 100000; do
  python3 "$top/bench/gpt_graph.py" "$n" "$tmp/g.mlir"
  ops=$(grep -c '"aten\.' "$tmp/g.mlir")
  a=$(median_ms "$bin/mly-opt" "$tmp/g.mlir" --mly-pipeline=optimize -o "$tmp/out.mlir")
  b=$(median_ms "$mlir_opt" --irdl-file="$top/dialects/aten.irdl.mlir" --canonicalize --cse "$tmp/g.mlir" -o "$tmp/peer.mlir")
  per=$(echo "scale=2; 1000 * $a / $ops" | bc)
  printf '%-8s %8s %12s %12s %14s %9.2fx\n' "$n" "$ops" "$a" "$per" "$b" "$(echo "$a / ($b + 0.001)" | bc -l)"
  [ -n "$first" ] || first=$per
  last=$per
done
echo "time per op, 100k graph over 1k graph: $(echo "scale=2; $last / $first" | bc)x (no quadratic pass: want <= 2)"
