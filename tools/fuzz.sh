#!/usr/bin/env bash
# Builds the libFuzzer targets (test/fuzz) with clang-22 and runs each on a
# seed corpus drawn from the repository's models and lit inputs.
#   bash tools/fuzz.sh [seconds per fuzzer (60)] [fuzzer names...]
# Prints, per fuzzer, executions, coverage (cov: edges, ft: features) and
# the corpus size; a crash, leak, timeout or out-of-memory fails the run and
# leaves the input under <build>/fuzz-artifacts/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
secs=${1:-60}
shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(safetensors import opt host bundle)
dir=${MLY_FUZZ_BUILD:-build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)

CC=clang-22 CXX=clang++-22 cmake -S . -B "$dir" -DMLY_WERROR=ON -DMLY_FUZZ=ON \
  >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
cmake --build "$dir" -j "$jobs" --target $(printf 'fuzz-%s ' "${names[@]}")

seeds() { # seeds <name> <corpus dir>
  local out=$2
  mkdir -p "$out"
  case $1 in
    safetensors) find test -name '*.safetensors' -size -2M ;;
    import) find test -name '*.json' -path '*models*' -size -2M
            find test/conversions -name '*.json' -size -2M ;;
    opt) find test -name '*.mlir' -size -64k ;;
    host) grep -rl --include='*.mlir' 'gpu.launch_func' test ;;
    bundle) find test/fuzz/seeds -name '*.bundle.safetensors' ;;
  esac | while read -r f; do
    cp "$f" "$out/$(echo "$f" | tr '/' '_')"
  done
}

status=0
mkdir -p "$dir/fuzz-artifacts"
for n in "${names[@]}"; do
  corpus="$dir/fuzz-corpus/$n"
  seeds "$n" "$corpus"
  log="$dir/fuzz-$n.log"
  if ASAN_OPTIONS=detect_leaks=1 "$dir/bin/fuzz-$n" "$corpus" \
      -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$dir/fuzz-artifacts/$n-" \
      >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  # A run that fails on a seed prints no coverage line: no match is no error.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$({ grep -o 'cov: [0-9]*' "$log" || true; } | tail -1 | cut -d' ' -f2)
  ft=$({ grep -o 'ft: [0-9]*' "$log" || true; } | tail -1 | cut -d' ' -f2)
  files=$(ls "$corpus" | wc -l)
  echo "fuzz-$n: $result, ${execs:-0} executions in ${secs}s, cov ${cov:-?}," \
    "ft ${ft:-?}, corpus $files files (log: $log)"
  [ "$result" = ok ] ||
    { grep -E 'ERROR|error:|SUMMARY|Test unit written' "$log" || true; } | head -5
done
exit $status
