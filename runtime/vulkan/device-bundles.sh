#!/usr/bin/env bash
# Prepares .vk/ for running models through the vulkan backend on a machine
# with a GPU but no MLIR (the project's device machine): each model lowered
# by mly-to-gpu and compiled by mly-run --backend vulkan (here, on
# lavapipe) into a bundle, mly-vulkan-replay and the libjansson it links.
# There, with the Vulkan loader installed (Debian's libvulkan1 unpacked):
#   LD_LIBRARY_PATH=.vk .vk/mly-vulkan-replay .vk/<model>.bundle.safetensors \
#     --weights test/models/<model>/weights.safetensors \
#     --inputs test/models/<model>/inputs.safetensors \
#     --expect test/models/<model>/outputs.safetensors --rtol 1e-3 --atol 1e-4
# usage: device-bundles.sh BUILD_DIR [MODEL...] (default gpt2_tiny qwen3_tiny)
set -euo pipefail
build=$(cd "$1" && pwd)
shift
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(gpt2_tiny qwen3_tiny)
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/.vk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
for m in "${models[@]}"; do
  d=$root/test/models/$m
  "$build/bin/mly-import" "$d/model.json" -o "$tmp/$m.mlir"
  "$build/bin/mly-opt" "$tmp/$m.mlir" --mly-pipeline=optimize --mly-to-gpu \
    -o "$tmp/$m.gpu.mlir"
  "$build/bin/mly-run" "$tmp/$m.gpu.mlir" --backend vulkan \
    --weights "$d/weights.safetensors" --inputs "$d/inputs.safetensors" \
    --expect "$d/outputs.safetensors" --rtol 1e-3 --atol 1e-4 \
    --vulkan-bundle "$out/$m.bundle.safetensors"
done
cp "$build/bin/mly-vulkan-replay" "$out/"
cp "$(ldd "$build/bin/mly-vulkan-replay" | awk '/libjansson/ {print $3}')" "$out/"
ls -l "$out"
