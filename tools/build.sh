#!/usr/bin/env bash
# The README's two set-up commands, for a fresh Debian 12 machine:
#   bash tools/build.sh demo   install, build, run the main job
#   bash tools/build.sh test   install, build (plain and ASan+UBSan), run
#                              every test, smoke-run the fuzzers; ends with
#                              "N passed, M failed"
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)

build() { # build <dir> [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DMLY_WERROR=ON "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j "$jobs"
}

# lit's summary -> counts; prints nothing, sets passed/failed/skipped.
count() { # count <lit output file>
  local f=$1 n
  for k in Passed "Expectedly Failed"; do
    n=$(sed -n "s/^ *$k *: *\([0-9]*\).*/\1/p" "$f"); passed=$((passed + ${n:-0}))
  done
  for k in Failed "Unexpectedly Passed" Unresolved "Timed Out"; do
    n=$(sed -n "s/^ *$k *: *\([0-9]*\).*/\1/p" "$f"); failed=$((failed + ${n:-0}))
  done
  n=$(sed -n "s/^ *Unsupported *: *\([0-9]*\).*/\1/p" "$f"); skipped=$((skipped + ${n:-0}))
}

case "${1:-}" in
  demo)
    bash tools/install-deps.sh
    build build
    m=test/models/gpt2_tiny
    echo "== mly-import: $m/model.json (a 2-layer GPT-2 from torch.export) -> aten dialect"
    build/bin/mly-import "$m/model.json" -o build/gpt2_tiny.mlir
    echo "   $(grep -c '"aten\.' build/gpt2_tiny.mlir) aten ops written to build/gpt2_tiny.mlir; the first lines:"
    head -n 12 build/gpt2_tiny.mlir | cut -c1-160
    echo "== mly-opt: verify and run builtin.module(mly-cse,mly-dce,canonicalize)"
    build/bin/mly-opt build/gpt2_tiny.mlir \
      --pass-pipeline='builtin.module(mly-cse,mly-dce,canonicalize)' -o build/gpt2_tiny.opt.mlir
    echo "   $(grep -c '"aten\.' build/gpt2_tiny.opt.mlir) aten ops after the pipeline"
    echo "== mly-run --backend interp: the reference interpreter against PyTorch's own outputs"
    build/bin/mly-run build/gpt2_tiny.opt.mlir --backend interp \
      --weights "$m/weights.safetensors" --inputs "$m/inputs.safetensors" \
      --expect "$m/outputs.safetensors" --rtol 1e-4 --atol 1e-5
    ;;
  test)
    bash tools/install-deps.sh
    passed=0 failed=0 skipped=0 status=0
    lit=/usr/lib/llvm-22/bin/lit
    build build
    "$lit" -v build/test | tee build/lit.log || status=1
    count build/lit.log
    # The same suite against an ASan+UBSan build (leaks included).
    build build-asan -DMLY_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    ASAN_OPTIONS=detect_leaks=1 "$lit" -v build-asan/test | tee build-asan/lit.log || status=1
    count build-asan/lit.log
    # Fuzz smoke: each libFuzzer target a minute on its seed corpus.
    bash tools/fuzz.sh 60 || { status=1; failed=$((failed + 1)); }
    echo "$passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ] || status=1
    exit $status
    ;;
  *)
    echo "usage: bash tools/build.sh demo|test" >&2
    exit 2
    ;;
esac
