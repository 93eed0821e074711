#!/usr/bin/env bash
# Step 2 of the GPU benchmark, on the GPU machine (nvcc, PyTorch): times
# every case's mly kernels through HIP-on-CUDA (bench/hip_cuda: nvcc and
# the hip-to-CUDA header; random inputs; CUDA events, median of 20 runs
# after 5 warm-ups, whole launch sequence and each kernel alone), then
# PyTorch eager, torch.compile, SDPA and cuBLAS and the copy bandwidth in
# the same session (cases.py torch), and prints the table (table.py).
# Writes $OUT_DIR (default bench/gpu/results-raw): mly.jsonl, torch.jsonl.
# Usage: bash bench/gpu/run.sh [CASE...]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT_DIR:-bench/gpu/results-raw}
mkdir -p "$out"
export PYTHONUNBUFFERED=1
arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -1 | tr -d .)
bin=$(mktemp -d)
nvcc -std=c++17 -O2 -o "$bin/runner" bench/hip_cuda/runner.cu -lcuda
cases=${*:-$(ls bench/gpu/out)}
# every cubin, in parallel
for c in $cases; do
  for v in bench/gpu/out/$c/*/; do
    echo "$c $(basename "$v")"
  done
done | xargs -P "$(nproc)" -n 2 sh -c \
  'nvcc -std=c++17 -O3 -arch=sm_'"$arch"' -cubin -I bench/hip_cuda/include \
     -x cu bench/gpu/out/$0/$1/kernels.hip -o '"$bin"'/$0-$1.cubin'
: >"$out/mly.jsonl"
for c in $cases; do
  for v in bench/gpu/out/$c/*/; do
    v=$(basename "$v")
    log=$("$bin/runner" "$bin/$c-$v.cubin" "bench/gpu/out/$c/$v/kernels.manifest.json" \
      - - - --iters 20 --warmup 5 --per-kernel 2>&1) || { echo "$c/$v: $log"; continue; }
    python3 - "$c" "$v" "$log" >>"$out/mly.jsonl" <<'PY'
import json, re, sys
case, variant, log = sys.argv[1], sys.argv[2], sys.argv[3]
m = re.search(r"median ([0-9.]+) us, min ([0-9.]+) us", log)
kernels = {k: float(t) for k, t in re.findall(r"kernel (\S+): median ([0-9.]+) us", log)}
print(json.dumps({"case": case, "variant": variant, "median_us": float(m.group(1)),
                  "min_us": float(m.group(2)), "kernels": kernels}))
PY
  done
  echo "$c: timed"
done
only=()
[ $# -gt 0 ] && only=(--cases "$(echo "$cases" | tr ' ' ,)")
python3 bench/gpu/cases.py torch "${only[@]}" >"$out/torch.jsonl"
rm -rf "$bin"
python3 bench/gpu/table.py "$out/mly.jsonl" "$out/torch.jsonl"
