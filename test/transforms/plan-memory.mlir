// RUN: mly-opt %s --split-input-file --mly-plan-memory --mly-check-memory-plan | FileCheck %s
// Planning twice gives the same plan (a plan already there is replaced).
// RUN: mly-opt %s --split-input-file --mly-plan-memory --mly-plan-memory --mly-check-memory-plan | FileCheck %s

// A chain: each value dies at the op after it, so two 64-byte slots take
// turns (arena 128 bytes, not the naive 256); the last value is returned.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: attributes {mly.arena_naive = 256 : i64, mly.arena_size = 128 : i64}
// CHECK-NEXT: "mly.neg"(%arg0) {mly.arena_offset = 0 : i64}
// CHECK-NEXT: "mly.exp"(%0) {mly.arena_offset = 64 : i64}
// CHECK-NEXT: "mly.abs"(%1) {mly.arena_offset = 0 : i64}
// CHECK-NEXT: "mly.tanh"(%2) {mly.arena_offset = 64 : i64}
// CHECK-NEXT: %4 = "mly.neg"(%3) : (
func.func @chain(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = "mly.neg"(%x) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = "mly.exp"(%0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = "mly.abs"(%1) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = "mly.tanh"(%2) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %4 = "mly.neg"(%3) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %4 : tensor<2x8xf32>
}

// -----
// A diamond: %a is still live when %b and %c are made, so three slots; %d
// takes the slot of %a, dead by then.
// CHECK-LABEL: func.func @diamond
// CHECK-SAME: attributes {mly.arena_naive = 256 : i64, mly.arena_size = 192 : i64}
// CHECK-NEXT: "mly.neg"(%arg0) {mly.arena_offset = 0 : i64}
// CHECK-NEXT: "mly.exp"(%0) {mly.arena_offset = 64 : i64}
// CHECK-NEXT: "mly.abs"(%0) {mly.arena_offset = 128 : i64}
// CHECK-NEXT: "mly.add"(%1, %2) {mly.arena_offset = 0 : i64}
func.func @diamond(%x: tensor<16xf32>) -> tensor<16xf32> {
  %a = "mly.neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %b = "mly.exp"(%a) : (tensor<16xf32>) -> tensor<16xf32>
  %c = "mly.abs"(%a) : (tensor<16xf32>) -> tensor<16xf32>
  %d = "mly.add"(%b, %c) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %e = "mly.neg"(%d) : (tensor<16xf32>) -> tensor<16xf32>
  return %e : tensor<16xf32>
}

// -----
// Sizes differ: when %f is made, the 256-byte slot of %a and the 64-byte
// slot of %c are both free; best fit takes the smaller one (first fit
// would take offset 0).
// CHECK-LABEL: func.func @best_fit
// CHECK-SAME: attributes {mly.arena_naive = 704 : i64, mly.arena_size = 640 : i64}
// CHECK-NEXT: %0 = "mly.neg"(%arg0) {mly.arena_offset = 0 : i64}
// CHECK-NEXT: %1 = "mly.exp"(%arg0) {mly.arena_offset = 256 : i64}
// CHECK-NEXT: %2 = "mly.neg"(%arg1) {mly.arena_offset = 512 : i64}
// CHECK-NEXT: %3 = "mly.exp"(%arg1) {mly.arena_offset = 576 : i64}
// CHECK-NEXT: "mly.add"(%0, %0) : (
// CHECK-NEXT: "mly.add"(%2, %2) : (
// CHECK-NEXT: %6 = "mly.abs"(%arg1) {mly.arena_offset = 512 : i64}
func.func @best_fit(%x: tensor<64xf32>, %y: tensor<16xf32>) -> (tensor<64xf32>, tensor<16xf32>, tensor<16xf32>, tensor<64xf32>) {
  %a = "mly.neg"(%x) : (tensor<64xf32>) -> tensor<64xf32>
  %b = "mly.exp"(%x) : (tensor<64xf32>) -> tensor<64xf32>
  %c = "mly.neg"(%y) : (tensor<16xf32>) -> tensor<16xf32>
  %d = "mly.exp"(%y) : (tensor<16xf32>) -> tensor<16xf32>
  %sa = "mly.add"(%a, %a) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  %sc = "mly.add"(%c, %c) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %f = "mly.abs"(%y) : (tensor<16xf32>) -> tensor<16xf32>
  %g = "mly.add"(%f, %d) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %h = "mly.add"(%b, %b) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %sa, %sc, %g, %h : tensor<64xf32>, tensor<16xf32>, tensor<16xf32>, tensor<64xf32>
}

// -----
// Calls with several results get one offset per result, -1 for a result
// that is returned. Kernels (mly.fused) are not planned; their bodies run
// in the kernel's own memory.
// CHECK-LABEL: func.func private @fused_0_reduction
// CHECK-NOT: mly.arena
// CHECK: return
// CHECK-LABEL: func.func @multi
// CHECK-SAME: attributes {mly.arena_naive = 256 : i64, mly.arena_size = 256 : i64}
// CHECK-NEXT: call @fused_0_reduction(%arg0) {mly.arena_offsets = array<i64: -1, 0>}
// CHECK-NEXT: call @fused_0_reduction(%arg0) {mly.arena_offsets = array<i64: 64, 128>}
// CHECK-NEXT: "mly.add"(%0#1, %1#1) {mly.arena_offset = 192 : i64}
func.func private @fused_0_reduction(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>) attributes {mly.fused = "reduction"} {
  %n = "mly.neg"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %r = "mly.reduce"(%n) {kind = "sum", dims = array<i64: 1>, keepdim = false} : (tensor<2x4xf32>) -> tensor<2xf32>
  return %n, %r : tensor<2x4xf32>, tensor<2xf32>
}
func.func @multi(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>, tensor<2x4xf32>) {
  %0:2 = call @fused_0_reduction(%x) : (tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>)
  %1:2 = call @fused_0_reduction(%x) : (tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>)
  %2 = "mly.add"(%0#1, %1#1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %3 = "mly.add"(%1#0, %1#0) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %4 = "mly.neg"(%2) : (tensor<2xf32>) -> tensor<2xf32>
  return %0#0, %4, %3 : tensor<2x4xf32>, tensor<2xf32>, tensor<2x4xf32>
}

// -----
// A value used by a later op and by the return is an output, not an
// intermediate: nothing is planned, the arena is empty, and the offset
// left by an earlier plan goes away.
// CHECK-LABEL: func.func @returned
// CHECK-SAME: attributes {mly.arena_naive = 0 : i64, mly.arena_size = 0 : i64}
// CHECK-NOT: mly.arena_offset
// CHECK: return
func.func @returned(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %a = "mly.neg"(%x) {mly.arena_offset = 64 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %b = "mly.exp"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %a, %b : tensor<4xf32>, tensor<4xf32>
}

// -----
// Alignment: 100 bytes take a 128-byte slot and 12 bytes (or 5 booleans)
// a 64-byte one, so every offset is a multiple of 64.
// CHECK-LABEL: func.func @padding
// CHECK-SAME: attributes {mly.arena_naive = 256 : i64, mly.arena_size = 256 : i64}
// CHECK-NEXT: "mly.neg"(%arg0) {mly.arena_offset = 0 : i64}
// CHECK-NEXT: "mly.neg"(%arg1) {mly.arena_offset = 128 : i64}
// CHECK-NEXT: "mly.not"(%arg2) {mly.arena_offset = 192 : i64}
func.func @padding(%x: tensor<25xf32>, %y: tensor<3xf32>, %m: tensor<5xi1>) -> (tensor<3xf32>, tensor<25xf32>, tensor<5xi1>) {
  %a = "mly.neg"(%x) : (tensor<25xf32>) -> tensor<25xf32>
  %b = "mly.neg"(%y) : (tensor<3xf32>) -> tensor<3xf32>
  %n = "mly.not"(%m) : (tensor<5xi1>) -> tensor<5xi1>
  %c = "mly.add"(%b, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %d = "mly.add"(%a, %a) : (tensor<25xf32>, tensor<25xf32>) -> tensor<25xf32>
  %o = "mly.or"(%n, %n) : (tensor<5xi1>, tensor<5xi1>) -> tensor<5xi1>
  return %c, %d, %o : tensor<3xf32>, tensor<25xf32>, tensor<5xi1>
}

// -----
// A value nobody reads is still written: it lives at its own op only.
// CHECK-LABEL: func.func @unused
// CHECK-SAME: attributes {mly.arena_naive = 64 : i64, mly.arena_size = 64 : i64}
// CHECK-NEXT: "mly.exp"(%arg0) {mly.arena_offset = 0 : i64}
func.func @unused(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = "mly.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = "mly.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %b : tensor<4xf32>
}

// -----
// Constants (bound weights) are data the runtime binds apart from the
// arena: only the computed value is planned.
// CHECK-LABEL: func.func @constants
// CHECK-SAME: attributes {mly.arena_naive = 64 : i64, mly.arena_size = 64 : i64}
// CHECK-NEXT: "mly.constant"() {value = dense<2.000000e+00> : tensor<4xf32>} : ()
// CHECK-NEXT: "mly.mul"(%arg0, %0) {mly.arena_offset = 0 : i64}
func.func @constants(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = "mly.constant"() {value = dense<2.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %m = "mly.mul"(%x, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %n = "mly.neg"(%m) : (tensor<4xf32>) -> tensor<4xf32>
  return %n : tensor<4xf32>
}
