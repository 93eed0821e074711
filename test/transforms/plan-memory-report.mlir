// --mly-memory-report=FILE: one JSON line per module; per function the
// intermediates, their raw bytes, the naive arena (rounded sizes side by
// side), the planned arena, the live peak (no plan does better) and the
// bytes saved; per buffer its op, callee, location name, result, bytes,
// offset and live range [first op, last op].
// RUN: mly-opt %s --split-input-file --mly-plan-memory --mly-memory-report=%t.json -o /dev/null
// RUN: FileCheck %s --input-file=%t.json
// RUN: mly-opt %s --split-input-file --mly-plan-memory --mly-memory-report=- -o /dev/null 2>&1 | FileCheck %s

// A chain with named locations; the last value is returned.
// CHECK: {"pass": "mly-plan-memory", "alignment": 64, "functions": [{"name": "chain", "buffers": 2, "bytes": 200, "naive_bytes": 256, "arena_bytes": 256, "live_peak_bytes": 256, "saved_bytes": 0, "order": "largest_first", "plan": [{"op": "mly.neg", "loc": "n0", "result": 0, "bytes": 100, "offset": 0, "live": [0, 1]}, {"op": "mly.exp", "loc": "n1", "result": 0, "bytes": 100, "offset": 128, "live": [1, 2]}]}]}
func.func @chain(%x: tensor<25xf32>) -> tensor<25xf32> {
  %0 = "mly.neg"(%x) : (tensor<25xf32>) -> tensor<25xf32> loc("n0")
  %1 = "mly.exp"(%0) : (tensor<25xf32>) -> tensor<25xf32> loc("n1")
  %2 = "mly.abs"(%1) : (tensor<25xf32>) -> tensor<25xf32> loc("n2")
  return %2 : tensor<25xf32>
}

// -----
// A call: its callee is named, a fused location gives its first name; a
// value without a name has loc null. Kernels have no entry.
// CHECK-NEXT: {"pass": "mly-plan-memory", "alignment": 64, "functions": [{"name": "forward", "buffers": 3, "bytes": 72, "naive_bytes": 192, "arena_bytes": 128, "live_peak_bytes": 128, "saved_bytes": 64, "order": "largest_first", "plan": [{"op": "func.call", "callee": "fused_0_reduction", "loc": "view_1", "result": 0, "bytes": 32, "offset": 0, "live": [0, 2]}, {"op": "func.call", "callee": "fused_0_reduction", "loc": "view_1", "result": 1, "bytes": 8, "offset": 64, "live": [0, 1]}, {"op": "mly.neg", "loc": null, "result": 0, "bytes": 32, "offset": 64, "live": [2, 3]}]}]}
func.func private @fused_0_reduction(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>) attributes {mly.fused = "reduction"} {
  %n = "mly.neg"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %r = "mly.reduce"(%n) {kind = "sum", dims = array<i64: 1>, keepdim = false} : (tensor<2x4xf32>) -> tensor<2xf32>
  return %n, %r : tensor<2x4xf32>, tensor<2xf32>
}
func.func @forward(%x: tensor<2x4xf32>) -> (tensor<2xf32>, tensor<2x4xf32>) {
  %0:2 = call @fused_0_reduction(%x) : (tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>) loc(fused["x.py":1:2, "view_1", "mm"])
  %1 = "mly.neg"(%0#1) : (tensor<2xf32>) -> tensor<2xf32>
  %2 = "mly.neg"(%0#0) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %3 = "mly.abs"(%2) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %1, %3 : tensor<2xf32>, tensor<2x4xf32>
}
