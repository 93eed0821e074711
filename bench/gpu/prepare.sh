#!/usr/bin/env bash
# Step 1 of the GPU benchmark (here, with mly built): compiles every case
# of bench/gpu/cases (graphs exported by cases.py on the GPU machine)
# through mly-import, the optimize pipeline, mly-plan-memory and
# mly-to-gpu, then to HIP (wave size 32: NVIDIA through the hip-to-CUDA
# header) with its launch manifest, once per schedule variant (the
# autotuner's grid) and, when bench/gpu/tuning.json has the device named
# by MLY_GPU_DEVICE, once with those tuned parameters ("tuned"):
#   bench/gpu/out/<case>/<variant>/{host.mlir,kernels.hip,kernels.manifest.json}
# Usage: bash bench/gpu/prepare.sh [BUILD (build)] [CASE...]
# MLY_GPU_VARIANTS="default t128k16 ..." keeps only those variants (and
# "tuned"), for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
[ $# -gt 0 ] && shift
cases=${*:-$(ls bench/gpu/cases)}
# variant name -> --mly-gpu-options (each changes one schedule's knobs)
variants=(
  "default:block-size=256"
  "t64k8:tile=64,ktile=8"
  "t64k16:tile=64,ktile=16"
  "t128k8:tile=128,ktile=8"
  "t128k16:tile=128,ktile=16,wgmem=48"
  "t96k16:tile=96,ktile=16"
  "b64:block-size=64"
  "b128:block-size=128"
  "b512:block-size=512"
  "b1024:block-size=1024"
  "q0:qblock=0,atile=0"
  "q32:qblock=32,atile=0"
  "q128:qblock=128,atile=0"
  "a0:atile=0"
  "mma:mma=1,wgmem=48"
  "mma64:mma=1,ktile=64,wgmem=48"
  "mmao2:mma=1,wgmem=48,occupancy=2"
  "mmas3:mma=1,wgmem=96,stages=3"
  "mmas3o2:mma=1,wgmem=96,stages=3,occupancy=2"
  "mmas4o2:mma=1,wgmem=112,stages=4,occupancy=2"
  "mma64s3:mma=1,ktile=64,wgmem=120,stages=3"
  "mma64o2:mma=1,ktile=64,wgmem=48,occupancy=2"
  "mma64d:mma=1,ktile=64,wgmem=96"
  "mma64do2:mma=1,ktile=64,wgmem=96,occupancy=2"
  "e2:elems=2"
  "e4:elems=4"
  "e8:elems=8"
  "v1:vec=1"
  "v2:vec=2"
  "v8:vec=8"
)
# mly-vulkan-replay, its libjansson and Debian's Vulkan loader travel
# with bench/gpu/out (bench/gpu/out/.vk) to the GPU machine
vk=
if [ -x "$build/bin/mly-vulkan-replay" ] && [ -z "${MLY_GPU_NO_VULKAN:-}" ]; then
  vk=bench/gpu/out/.vk
  mkdir -p "$vk"
  cp "$build/bin/mly-vulkan-replay" "$vk/"
  cp "$(ldd "$build/bin/mly-vulkan-replay" | awk '/libjansson/ {print $3}')" "$vk/"
  # the loader, and the GL dispatch libraries NVIDIA's Vulkan driver loads
  # (the device README's list)
  for p in libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2; do
    ls "$vk/${p}_"*.deb >/dev/null 2>&1 || (cd "$vk" && apt-get download "$p" >/dev/null 2>&1)
  done
fi
# checks on the GPU (run.sh runs them first): the kernels of
# test/targets/mma.test (tensor cores, to 1e-3; registers staging the
# next tile, and asynchronous copies into 3 stages) and of
# test/conversions/mly_to_gpu/vec.mlir (vector lanes, exact), their
# inputs, the interpreter's outputs
gen=test/runtime/msl_sim/Inputs/gen.py
for chk in "mma:mma:mma_inputs:mma=1,wgmem=48:1e-3" \
  "mma-async:mma:mma_inputs:mma=1,wgmem=96,stages=3:1e-3" \
  "vec:vec:vec_inputs:vec=0:0"; do
  IFS=: read -r check name inputs opts tol <<<"$chk"
  dir=bench/gpu/out/.check/$check
  mkdir -p "$dir"
  python3 "$gen" "$inputs" "$dir/inputs.safetensors"
  python3 "$gen" no_weights "$dir/weights.safetensors"
  echo "$tol" >"$dir/tolerance"
  "$build/bin/mly-run" "test/conversions/mly_to_gpu/$name.mlir" --backend interp \
    --inputs "$dir/inputs.safetensors" --outputs "$dir/outputs.safetensors" >/dev/null
  "$build/bin/mly-opt" "test/conversions/mly_to_gpu/$name.mlir" \
    --mly-gpu-options="$opts" --mly-to-gpu -o "$dir/host.mlir"
  "$build/bin/mly-translate" --mlir-to-hip --target-option=wave-size=32 \
    "$dir/host.mlir" -o "$dir/kernels.hip"
done
tuning=()
if [ -n "${MLY_GPU_DEVICE:-}" ] && [ -f bench/gpu/tuning.json ]; then
  variants+=("tuned:block-size=256")
  tuning=(--mly-gpu-tuning=bench/gpu/tuning.json "--mly-gpu-device=$MLY_GPU_DEVICE")
fi
for c in $cases; do
  mkdir -p "bench/gpu/out/$c"
  # the models' causal masks (torch.tril buffers named "mask") hold what
  # the models hold; run.sh fills every other weight with random values
  python3 bench/gpu/masks.py "bench/gpu/cases/$c/model.json" \
    "bench/gpu/out/$c/masks.safetensors"
  "$build/bin/mly-import" "bench/gpu/cases/$c/model.json" |
    "$build/bin/mly-opt" --mly-pipeline=optimize --mly-plan-memory \
      -o "bench/gpu/out/$c/opt.mlir"
  unset seen
  declare -A seen=()
  for v in "${variants[@]}"; do
    name=${v%%:*} opts=${v#*:}
    # MLY_GPU_VARIANTS="default b512 ...": only those (and tuned)
    if [ -n "${MLY_GPU_VARIANTS:-}" ] && [ "$name" != tuned ] &&
      [[ " $MLY_GPU_VARIANTS " != *" $name "* ]]; then
      continue
    fi
    # the whole model: its kernels are tuned by signature from the single
    # cases and from an earlier run of its own variants; keep it small
    if [ -n "${MLY_GPU_MODEL_VARIANTS_ONLY:-}" ] && [ "$c" = gpt2_small_f32 ] &&
      [ "$name" != default ] && [ "$name" != tuned ]; then
      continue
    fi
    out=bench/gpu/out/$c/$name
    mkdir -p "$out"
    extra=()
    [ "$name" = tuned ] && extra=("${tuning[@]}")
    "$build/bin/mly-opt" "bench/gpu/out/$c/opt.mlir" --mly-gpu-options="$opts" \
      "${extra[@]}" --mly-to-gpu -o "$out/host.mlir"
    "$build/bin/mly-translate" --mlir-to-hip --target-option=wave-size=32 \
      "$out/host.mlir" -o "$out/kernels.hip"
    # a variant whose kernels are those of an earlier one times nothing new
    # (its knobs do not touch this case's schedules): drop it
    sum=$(md5sum <"$out/kernels.hip")
    if [ -n "${seen[$sum]:-}" ] && [ "$name" != tuned ]; then
      rm -rf "$out"
      continue
    fi
    seen[$sum]=$name
    # the SPIR-V path: a bundle for mly-vulkan-replay (compiled on lavapipe;
    # the spirv target refuses what it cannot lower yet: no bundle then)
    [ -z "$vk" ] || "$build/bin/mly-run" "$out/host.mlir" --backend vulkan \
      --compile-only --vulkan-bundle "$out/vulkan.bundle" 2>"$out/vulkan.log" ||
      echo "$c/$name: no Vulkan bundle: $(grep -m1 -o 'error: .*' "$out/vulkan.log")"
  done
  echo "$c: $(grep -c '__global__' "bench/gpu/out/$c/default/kernels.hip") kernels" \
    "($(grep -o 'mly.schedule = "[a-z-]*"' "bench/gpu/out/$c/default/host.mlir" |
      sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $4; sep=", "}' |
      tr -d '"')), $(ls "bench/gpu/out/$c" | grep -vc opt.mlir) distinct variants"
done
