# Shared by the bench scripts (sourced): median_ms CMD... runs CMD $reps
# times and prints the median wall time in milliseconds.
median_ms() {
  local times=() t0 t1
  for _ in $(seq "$reps"); do
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((reps + 1) / 2))p"
}
