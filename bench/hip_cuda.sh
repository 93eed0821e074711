#!/usr/bin/env bash
# HIP on an NVIDIA GPU, the way HIP's NVIDIA platform runs it: the HIP
# source mly emits (mly-translate --mlir-to-hip, wave-size=32 for NVIDIA's
# 32-lane warps) compiled by nvcc against bench/hip_cuda/include's
# hip-to-CUDA header, then run by bench/hip_cuda/runner.cu, which reads
# the launch manifest and the model's safetensors, launches every kernel
# in order and compares the outputs with PyTorch's.
#
# Two steps, on two machines:
#   bash bench/hip_cuda.sh prepare [BUILD] [MODEL...]   here (needs mly's
#       tools in BUILD/bin, default build/): writes
#       bench/hip_cuda/out/<model>/{kernels.hip,kernels.manifest.json}
#   bash bench/hip_cuda.sh run [MODEL...]               on the GPU machine
#       (needs nvcc): compiles and runs them; exits non-zero when a model
#       does not match.
# MODEL defaults to gpt2_tiny and qwen3_tiny (test/models/<model>).
set -euo pipefail
cd "$(dirname "$0")/.."
here=bench/hip_cuda
step=${1:-}
shift || true

case "$step" in
prepare)
  build=${1:-build}
  [ $# -gt 0 ] && shift
  models=${*:-gpt2_tiny qwen3_tiny}
  for m in $models; do
    out=$here/out/$m
    mkdir -p "$out"
    "$build/bin/mly-import" "test/models/$m/model.json" |
      "$build/bin/mly-opt" --mly-pipeline=optimize --mly-plan-memory \
        --mly-to-gpu -o "$out/host.mlir"
    "$build/bin/mly-translate" --mlir-to-hip --target-option=wave-size=32 \
      "$out/host.mlir" -o "$out/kernels.hip"
    echo "$m: $(grep -c '__global__' "$out/kernels.hip") kernels in $out"
  done
  ;;
run)
  models=${*:-gpt2_tiny qwen3_tiny}
  nvcc --version | tail -1
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader |
    head -1 | tr -d .)
  bin=$(mktemp -d)
  nvcc -std=c++17 -O2 -o "$bin/runner" "$here/runner.cu" -lcuda
  rc=0
  for m in $models; do
    out=$here/out/$m
    echo "== $m"
    # --fmad=false: arith's mulf and addf round each on their own.
    nvcc -std=c++17 -O3 --fmad=false -arch="sm_$arch" -cubin \
      -Werror all-warnings -I "$here/include" -x cu "$out/kernels.hip" \
      -o "$bin/$m.cubin"
    "$bin/runner" "$bin/$m.cubin" "$out/kernels.manifest.json" \
      "test/models/$m/weights.safetensors" \
      "test/models/$m/inputs.safetensors" \
      "test/models/$m/outputs.safetensors" --rtol 1e-3 --atol 1e-4 ||
      rc=1
  done
  rm -rf "$bin"
  exit $rc
  ;;
*)
  echo "usage: bash bench/hip_cuda.sh prepare [BUILD] [MODEL...] |" \
    "run [MODEL...]" >&2
  exit 2
  ;;
esac
