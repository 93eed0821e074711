// mly-check-memory-plan: each broken rule of a plan is an error at the op.
// RUN: mly-opt %s --split-input-file --verify-diagnostics --mly-check-memory-plan -o /dev/null

// A valid plan passes silently.
func.func @ok(%x: tensor<16xf32>) -> tensor<16xf32> attributes {mly.arena_naive = 128 : i64, mly.arena_size = 128 : i64} {
  %0 = "mly.neg"(%x) {mly.arena_offset = 0 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "mly.exp"(%0) {mly.arena_offset = 64 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "mly.abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}

// -----
// Two values live at the same op share bytes.
func.func @overlap(%x: tensor<16xf32>) -> tensor<16xf32> attributes {mly.arena_naive = 128 : i64, mly.arena_size = 128 : i64} {
  %0 = "mly.neg"(%x) {mly.arena_offset = 0 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  // expected-error @+1 {{'mly.exp' op mly-check-memory-plan: result #0 at [0, 64) overlaps result #0 of 'mly.neg' at [0, 64); both are live at op 1}}
  %1 = "mly.exp"(%0) {mly.arena_offset = 0 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "mly.abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}

// -----
// Results of one multi-result op are all live at it.
func.func private @k(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) attributes {mly.fused = "elementwise"} {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}
func.func @overlap_results(%x: tensor<4xf32>) -> tensor<4xf32> attributes {mly.arena_naive = 128 : i64, mly.arena_size = 128 : i64} {
  // expected-error @+1 {{'func.call' op mly-check-memory-plan: result #1 at [0, 16) overlaps result #0 of 'func.call' at [0, 16); both are live at op 0}}
  %0:2 = call @k(%x) {mly.arena_offsets = array<i64: 0, 0>} : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  %1 = "mly.add"(%0#0, %0#1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----
// Misaligned, outside the arena, and missing offsets.
func.func @offsets(%x: tensor<16xf32>) -> tensor<16xf32> attributes {mly.arena_naive = 192 : i64, mly.arena_size = 128 : i64} {
  // expected-error @+1 {{result #0 has offset 32, not a multiple of 64}}
  %0 = "mly.neg"(%x) {mly.arena_offset = 32 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  // expected-error @+1 {{result #0 at [128, 192) is outside the arena of 128 bytes}}
  %1 = "mly.exp"(%0) {mly.arena_offset = 128 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  // expected-error @+1 {{result #0 has no arena offset}}
  %2 = "mly.abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  %3 = "mly.tanh"(%2) : (tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}

// -----
// A returned value has no place in the arena.
func.func @returned(%x: tensor<16xf32>) -> tensor<16xf32> attributes {mly.arena_naive = 0 : i64, mly.arena_size = 0 : i64} {
  // expected-error @+1 {{result #0 is no intermediate (returned or no tensor) but has arena offset 0}}
  %0 = "mly.neg"(%x) {mly.arena_offset = 0 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----
// mly.arena_offsets must have one entry per result.
func.func private @k(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) attributes {mly.fused = "elementwise"} {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}
func.func @short(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) attributes {mly.arena_naive = 0 : i64, mly.arena_size = 0 : i64} {
  // expected-error @+1 {{mly.arena_offsets must be an array<i64> of one offset per result (2)}}
  %0:2 = call @k(%x) {mly.arena_offsets = array<i64: -1>} : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----
// The naive size is the rounded sizes side by side; the arena is no larger.
// expected-error @+2 {{mly.arena_naive is 64, but the intermediates take 128 bytes}}
// expected-error @+1 {{the arena of 192 bytes is larger than the 128 bytes of all intermediates side by side}}
func.func @sizes(%x: tensor<16xf32>) -> tensor<16xf32> attributes {mly.arena_naive = 64 : i64, mly.arena_size = 192 : i64} {
  %0 = "mly.neg"(%x) {mly.arena_offset = 0 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "mly.exp"(%0) {mly.arena_offset = 64 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "mly.abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}

// -----
// No plan at all.
// expected-error @+1 {{'func.func' op mly-check-memory-plan: no integer mly.arena_size and mly.arena_naive (run mly-plan-memory first)}}
func.func @unplanned(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "mly.neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----
// A plan made stale by a rewrite fails: here %1 was moved after %2 was
// planned into its slot.
func.func @stale(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) attributes {mly.arena_naive = 128 : i64, mly.arena_size = 64 : i64} {
  %0 = "mly.neg"(%x) {mly.arena_offset = 0 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  // expected-error @+1 {{result #0 at [0, 64) overlaps result #0 of 'mly.neg' at [0, 64); both are live at op 1}}
  %1 = "mly.exp"(%x) {mly.arena_offset = 0 : i64} : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "mly.add"(%0, %1) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %2, %2 : tensor<16xf32>, tensor<16xf32>
}
