#!/usr/bin/env bash
# Step 1 of the GPU benchmark (here, with mly built): compiles every case
# of bench/gpu/cases (graphs exported by cases.py on the GPU machine)
# through mly-import, the optimize pipeline, mly-plan-memory and
# mly-to-gpu, then to HIP (wave size 32, for NVIDIA through the
# hip-to-CUDA header) with its launch manifest:
#   bench/gpu/out/<case>/{host.mlir,kernels.hip,kernels.manifest.json}
# Usage: bash bench/gpu/prepare.sh [BUILD (build)] [CASE...]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
[ $# -gt 0 ] && shift
cases=${*:-$(ls bench/gpu/cases)}
for c in $cases; do
  out=bench/gpu/out/$c
  mkdir -p "$out"
  start=$(date +%s.%N)
  "$build/bin/mly-import" "bench/gpu/cases/$c/model.json" |
    "$build/bin/mly-opt" --mly-pipeline=optimize --mly-plan-memory \
      --mly-to-gpu -o "$out/host.mlir"
  "$build/bin/mly-translate" --mlir-to-hip --target-option=wave-size=32 \
    "$out/host.mlir" -o "$out/kernels.hip"
  end=$(date +%s.%N)
  echo "$c: $(grep -c '__global__' "$out/kernels.hip") kernels" \
    "($(grep -o 'mly.schedule = "[a-z]*"' "$out/host.mlir" | sort | uniq -c |
      awk '{printf "%s%s %s", sep, $1, $4; sep=", "}' | tr -d '"')) in" \
    "$(echo "$end - $start" | bc | cut -c1-5) s"
done
