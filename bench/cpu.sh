#!/usr/bin/env bash
# Benchmark (not a test): forward time of gpt2_tiny and of the 12-layer
# gpt_bench (width 256, seq 128, 4 heads, vocab 512; weights generated here
# from a fixed seed) on the interpreter, on the cpu backend (JIT at O2,
# warm, compile excluded) with 1 and 2 threads, and on PyTorch eager on the
# CPU (Debian's python3-torch, installed here if missing) with the same
# weights and torch.set_num_threads(1) and (2), in the same run. Each figure
# is the median of REPS warm runs (default 10; the interpreter on gpt_bench
# gets IREPS, default 1). "x torch" is our time over PyTorch's at the same
# thread count (below 1: faster). Outputs are checked against PyTorch's.
# Then, per model, the cpu arena of the intermediates against the naive sum
# of their sizes, and the cache: compile time on a miss against the time a
# hit takes to load the cached object.
#   bash bench/cpu.sh [build-dir]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build}/bin
reps=${REPS:-10}
ireps=${IREPS:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3 # Debian's, where python3-torch installs
peer="$top/bench/cpu_peer.py"
if ! "$py" -c 'import torch' 2>/dev/null; then
  apt-get install -y python3-torch >/dev/null
fi

field() { sed -n "s/.*$1=\([0-9.a-z]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-16s %10s %11s %8s  %s\n' model engine "median ms" "compile ms" "x torch" "output vs torch"
declare -A arena_line cache_line
bench_model() { # NAME MODEL_JSON WEIGHTS INPUTS TORCH_KIND INTERP_REPS
  local name=$1 json=$2 w=$3 in=$4 kind=$5 ir=$6 line t
  "$bin/mly-import" "$json" -o "$tmp/$name.mlir"
  "$bin/mly-opt" "$tmp/$name.mlir" --mly-pipeline=optimize --mly-to-linalg -o "$tmp/$name.linalg.mlir"
  for threads in 1 2; do
    line=$("$py" "$peer" torch "$kind" "$w" "$in" "$threads" "$reps" "$tmp/torch.st")
    t[$threads]=$(field median_ms <<<"$line")
    printf '%-10s %-16s %10s %11s %8s  %s\n' "$name" "torch ${threads}t" "${t[$threads]}" - 1.00 \
      "(PyTorch ${line##*torch=})"
  done
  row() { # ENGINE THREADS LINE
    local ms cms
    ms=$(field median_ms <<<"$3")
    cms=$(field compile_ms <<<"$3")
    printf '%-10s %-16s %10s %11s %8s  %s\n' "$name" "$1" "$ms" "$cms" \
      "$(ratio "$ms" "${t[$2]}")" "$("$py" "$peer" compare "$tmp/out.st" "$tmp/torch1.st")"
  }
  "$py" "$peer" torch "$kind" "$w" "$in" 1 1 "$tmp/torch1.st" >/dev/null
  row "interp 1t" 1 "$("$bin/mly-bench-run" "$tmp/$name.mlir" "$w" "$in" "$ir" "$tmp/out.st" --backend interp)"
  for threads in 1 2; do
    line=$("$bin/mly-bench-run" "$tmp/$name.linalg.mlir" "$w" "$in" "$reps" "$tmp/out.st" --threads "$threads")
    row "cpu ${threads}t" "$threads" "$line"
  done
  local a n
  a=$(field arena_bytes <<<"$line")
  n=$(field naive_bytes <<<"$line")
  arena_line[$name]=$(printf '%-10s arena %10s bytes, naive sum %10s bytes (%sx less)' "$name" "$a" "$n" "$(ratio "$n" "$a")")
  local miss hit
  miss=$("$bin/mly-bench-run" "$tmp/$name.linalg.mlir" "$w" "$in" 1 "$tmp/out.st" --cache-dir "$tmp/cache-$name")
  hit=$("$bin/mly-bench-run" "$tmp/$name.linalg.mlir" "$w" "$in" 1 "$tmp/out.st" --cache-dir "$tmp/cache-$name")
  cache_line[$name]=$(printf '%-10s cache %s: compile %8s ms; %s: load %8s ms (%sx faster)' "$name" \
    "$(field cache <<<"$miss")" "$(field compile_ms <<<"$miss")" \
    "$(field cache <<<"$hit")" "$(field compile_ms <<<"$hit")" \
    "$(ratio "$(field compile_ms <<<"$miss")" "$(field compile_ms <<<"$hit")")")
}

m=$top/test/models/gpt2_tiny
bench_model gpt2_tiny "$m/model.json" "$m/weights.safetensors" "$m/inputs.safetensors" gpt2 "$reps"
python3 "$peer" weights "$top/bench/models/gpt_bench/model.json" 1 "$tmp/gb_weights.st"
m=$top/bench/models/gpt_bench
bench_model gpt_bench "$m/model.json" "$tmp/gb_weights.st" "$m/inputs.safetensors" gpt_bench "$ireps"
echo
echo "cpu arena of the intermediates (one allocation per run, laid out by mly-plan-memory's placement):"
printf '%s\n' "${arena_line[gpt2_tiny]}" "${arena_line[gpt_bench]}"
echo "cpu compile cache (object files; a hit loads, no lowering or code generation):"
printf '%s\n' "${cache_line[gpt2_tiny]}" "${cache_line[gpt_bench]}"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
