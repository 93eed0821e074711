#!/usr/bin/env bash
# The README's two set-up commands, for a fresh Debian 12 machine:
#   bash tools/build.sh demo   install, build, run the main job
#   bash tools/build.sh test   install, build (plain and ASan+UBSan), run
#                              every test; ends with "N passed, M failed"
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
    echo "== mly-opt: the mlp example in the aten dialect, through mly-cse, mly-dce and canonicalize"
    build/bin/mly-opt examples/mlp.aten.mlir \
      --pass-pipeline='builtin.module(mly-cse,mly-dce,canonicalize)'
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
    echo "$passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ] || status=1
    exit $status
    ;;
  *)
    echo "usage: bash tools/build.sh demo|test" >&2
    exit 2
    ;;
esac
