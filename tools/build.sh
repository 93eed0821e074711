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
    m=test/models/gpt2_tiny out=build/gpt2_tiny.out
    echo "== mly-compile: $m/model.json (a 2-layer GPT-2 from torch.export) to every target"
    rm -rf "$out"
    build/bin/mly-compile "$m/model.json" --weights "$m/weights.safetensors" \
      -o "$out" --verify=rewrites --report="$out.report.json" --dot="$out.dot" \
      --cpu-cache-dir=build/cache
    echo "   $out: $(cd "$out" && ls | tr '\n' ' ')"
    # Every backend this machine has, from the compiled folder.
    backends="cpu msl-sim"
    build/bin/mly-run --help | grep -q hip-sim && backends="$backends hip-sim"
    build/bin/mly-run --backend vulkan --list-devices >/dev/null 2>&1 &&
      backends="$backends vulkan"
    status=0
    : >"$out.errors"
    for b in $backends; do
      echo "== mly-run $out --backend $b: against PyTorch's own outputs"
      if build/bin/mly-run "$out" --backend "$b" --cache-dir build/cache \
           --inputs "$m/inputs.safetensors" --expect "$m/outputs.safetensors" \
           --rtol 1e-3 --atol 1e-3 >"$out.$b.log" 2>&1; then
        echo "$b ok $(sed -n 's/.*max_abs_err=\([^ ]*\).*/\1/p' "$out.$b.log" | head -n1)" >>"$out.errors"
      else
        echo "$b FAILED $(sed -n 's/.*max_abs_err=\([^ ]*\).*/\1/p' "$out.$b.log" | head -n1)" >>"$out.errors"
        status=1
      fi
      cat "$out.$b.log"
    done
    python3 - "$out.report.json" "$out.errors" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("== summary: gpt2_tiny")
f = r["fusion"]
kinds = ", ".join(f"{n} {k}" for k, n in f["kinds"].items() if n)
print(f"kernels     {f['kernels_after']} from {f['ops_before']} mly compute ops "
      f"({kinds}); modelled bytes {f['bytes_before']} -> {f['bytes_after']}")
for t, k in r["kernels"].items():
    if "launches" in k:
        print(f"  {t:<9} {k['file']:<16} {len(k['launches'])} launches, {k['bytes']} bytes")
    else:
        print(f"  {t:<9} {k['file']:<16} (cpu JIT object cached)")
b = r["bounds"]
outs = "; ".join(f"output {o['output']} in [{o['range'][0]}, {o['range'][1]}]"
                 for o in b["outputs"])
print(f"bounds      {b['method']}: {b['values'] - b['values_unbounded']} of "
      f"{b['values']} values proven finite; {outs}")
p = r["precision"]
half = [d["kernel"] for d in p["decisions"] if d["precision"] != "f32"]
print(f"precision   {p['used']}: {len(half)} kernel(s) proven safe in f16"
      + (f" ({', '.join(half)})" if half else ""))
v = r["verification"]
rw = v.get("rewrites", {})
if rw.get("status") == "ran":
    print(f"verified    {rw['rewrites']} rewrites in {len(rw['kinds'])} kinds: "
          f"{rw['kinds_proven']} proven, {rw['kinds_refuted']} refuted, "
          f"{rw['kinds_unknown']} unknown (Z3)")
vb = v.get("bounds", {})
if vb.get("status") in ("ran", "refuted"):
    print(f"            bounds against Z3's exact extrema: {vb['results_exact']} exact, "
          f"{vb['results_violated']} violated, {vb['results_unknown']} unknown, "
          f"{vb['functions_skipped']} function(s) over the size limit")
mem = r["memory"]
print(f"memory      arena {mem['arena_bytes']} bytes (naive {mem['naive_bytes']})")
for line in open(sys.argv[2]):
    be, ok, err = (line.split() + ["", ""])[:3]
    print(f"backend     {be:<9} {ok:<7} max abs error {err or '-'}")
print("time        " + ", ".join(f"{p['name']} {p['ms']:.0f} ms" for p in r["phases"]))
PY
    exit $status
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
