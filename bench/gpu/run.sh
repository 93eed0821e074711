#!/usr/bin/env bash
# Step 2 of the GPU benchmark, on the GPU machine (nvcc, PyTorch): times
# every case's mly kernels through HIP-on-CUDA (bench/hip_cuda: nvcc and
# the hip-to-CUDA header; random inputs; CUDA events, median of 20 runs
# after 5 warm-ups, whole launch sequence and each kernel alone), the
# same kernels' SPIR-V through Vulkan (mly-vulkan-replay --random --time:
# GPU timestamps, median of 20 after 5 warm-ups; when prepare.sh made
# bundles and the machine has a Vulkan device), then PyTorch eager, torch.compile, SDPA and cuBLAS and the copy bandwidth in
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
# checks on the GPU against the interpreter's outputs (prepare.sh): the
# MMA schedule's kernels (ldmatrix and mma.sync; registers staging the
# next tile, and cp.async into 3 stages of dynamic shared memory) and the
# vector lanes' (merged accesses)
for name in mma mma-async vec; do
  chk=bench/gpu/out/.check/$name
  [ -f "$chk/kernels.hip" ] || continue
  nvcc -std=c++17 -O3 --fmad=false -arch="sm_$arch" -cubin -Werror all-warnings \
    -I bench/hip_cuda/include -x cu "$chk/kernels.hip" -o "$bin/check-$name.cubin"
  echo "== $name check (kernels against the interpreter)"
  "$bin/runner" "$bin/check-$name.cubin" "$chk/kernels.manifest.json" \
    "$chk/weights.safetensors" "$chk/inputs.safetensors" \
    "$chk/outputs.safetensors" --rtol "$(cat "$chk/tolerance")" \
    --atol "$(cat "$chk/tolerance")" || echo "$name check: FAILED"
done
cases=${*:-$(ls bench/gpu/out)}
# the Vulkan path: Debian's loader unpacked from bench/gpu/out/.vk (the
# device README's way), the NVIDIA driver's ICD, mly-vulkan-replay
vk=bench/gpu/out/.vk
if [ -x "$vk/mly-vulkan-replay" ]; then
  for f in "$vk"/*.deb; do dpkg -x "$f" / 2>/dev/null || true; done
  ldconfig 2>/dev/null || true
  icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  [ -f "$icd" ] && export VK_DRIVER_FILES=$icd
  egl=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  [ -f "$egl" ] && export __EGL_VENDOR_LIBRARY_FILENAMES=$egl
  LD_LIBRARY_PATH=$vk "$vk/mly-vulkan-replay" --list-devices ||
    { echo "vulkan: no device; the Vulkan column stays empty"; vk=; }
else
  vk=
fi
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
    # the causal masks prepare.sh wrote; every other weight random
    masks=bench/gpu/out/$c/masks.safetensors
    [ -f "$masks" ] || masks=-
    log=$("$bin/runner" "$bin/$c-$v.cubin" "bench/gpu/out/$c/$v/kernels.manifest.json" \
      "$masks" - - --iters 20 --warmup 5 --per-kernel 2>&1) || { echo "$c/$v: $log"; continue; }
    python3 bench/gpu/parse_log.py "$c" "$v" hip "$log" >>"$out/mly.jsonl"
    if [ -n "$vk" ] && [ -f "bench/gpu/out/$c/$v/vulkan.bundle" ]; then
      wm=()
      [ "$masks" = - ] || wm=(--weights "$masks")
      log=$(LD_LIBRARY_PATH=$vk "$vk/mly-vulkan-replay" \
        "bench/gpu/out/$c/$v/vulkan.bundle" "${wm[@]}" --random --time 20 --warmup 5 2>&1) ||
        { echo "$c/$v (vulkan): $log"; continue; }
      python3 bench/gpu/parse_log.py "$c" "$v" vulkan "$log" >>"$out/mly.jsonl"
    fi
  done
  echo "$c: timed"
done
only=()
[ $# -gt 0 ] && only=(--cases "$(echo "$cases" | tr ' ' ,)")
python3 bench/gpu/cases.py torch "${only[@]}" >"$out/torch.jsonl"
rm -rf "$bin"
python3 bench/gpu/table.py "$out/mly.jsonl" "$out/torch.jsonl"
