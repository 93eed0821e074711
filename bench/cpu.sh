#!/usr/bin/env bash
# Benchmark (not a test): forward time of gpt2_tiny and of the 12-layer
# gpt_bench (width 256, seq 128, 4 heads, vocab 512; weights generated here
# from a fixed seed) on the interpreter, on the cpu backend (JIT, warm,
# compile excluded; LLVM at O2 and O3; one thread: the backend does not
# thread yet) and on PyTorch eager on the CPU (Debian's python3-torch,
# installed here if missing) with the same weights and thread count, in the
# same run. Each figure is the median of REPS warm runs (default 10; the
# interpreter on gpt_bench gets IREPS, default 1). Outputs are checked
# against PyTorch's.
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

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
ratio() { echo "scale=2; $1 / $2" | bc; }

printf '%-10s %-22s %11s %11s %9s  %s\n' model engine "median ms" "compile ms" "vs torch" "output vs torch"
bench_model() { # NAME MODEL_JSON WEIGHTS INPUTS TORCH_KIND INTERP_REPS
  local name=$1 json=$2 w=$3 in=$4 kind=$5 ir=$6 line t
  "$bin/mly-import" "$json" -o "$tmp/$name.mlir"
  "$bin/mly-opt" "$tmp/$name.mlir" --mly-pipeline=optimize --mly-to-linalg -o "$tmp/$name.linalg.mlir"
  for threads in 1 2; do
    line=$("$py" "$peer" torch "$kind" "$w" "$in" "$threads" "$reps" "$tmp/torch.st")
    t[$threads]=$(field median_ms <<<"$line")
    printf '%-10s %-22s %11s %11s %9s  %s\n' "$name" "torch ${line##*torch=} ${threads}t" "${t[$threads]}" - 1.00 -
  done
  row() { # ENGINE THREADS LINE
    local ms cms
    ms=$(field median_ms <<<"$3")
    cms=$(field compile_ms <<<"$3")
    printf '%-10s %-22s %11s %11s %8sx  %s\n' "$name" "$1" "$ms" "$cms" \
      "$(ratio "$ms" "${t[$2]}")" "$("$py" "$peer" compare "$tmp/out.st" "$tmp/torch1.st")"
  }
  "$py" "$peer" torch "$kind" "$w" "$in" 1 1 "$tmp/torch1.st" >/dev/null
  row "interp" 1 "$("$bin/mly-bench-run" "$tmp/$name.mlir" "$w" "$in" "$ir" "$tmp/out.st" --backend interp)"
  for opt in 2 3; do
    row "cpu O$opt 1t" 1 "$("$bin/mly-bench-run" "$tmp/$name.linalg.mlir" "$w" "$in" "$reps" "$tmp/out.st" --opt "$opt")"
  done
}

m=$top/test/models/gpt2_tiny
bench_model gpt2_tiny "$m/model.json" "$m/weights.safetensors" "$m/inputs.safetensors" gpt2 "$reps"
python3 "$peer" weights "$top/bench/models/gpt_bench/model.json" 1 "$tmp/gb_weights.st"
m=$top/bench/models/gpt_bench
bench_model gpt_bench "$m/model.json" "$tmp/gb_weights.st" "$m/inputs.safetensors" gpt_bench "$ireps"
