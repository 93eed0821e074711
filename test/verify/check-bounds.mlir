// RUN: mly-opt %s --split-input-file --mly-check-bounds --mly-smt-timeout-ms=10000 --mly-verify-report=%t.json | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.json

// relu(x0 - x1) over x in [-1, 2]^2: exact [0, 3]; the IBP and CROWN
// ranges contain it.
// CHECK-LABEL: func.func @relu_diff
// CHECK-SAME: -> (tensor<1xf32> {mly.exact_range = array<f64: 0.000000e+00, 3.000000e+00>})
// REPORT: {"pass": "mly-check-bounds", "functions": [{"name": "relu_diff", "results": [{"result": 0, "status": "exact", "exact": [0, 3], "ibp": [0, 3], "crown": [0, 3], "exact_width": 3, "ibp_width": 3, "crown_width": 3}]}], "smt": {"queries": 2, "sat": 2, "unsat": 0, "unknown": 0,
func.func @relu_diff(%x: tensor<2xf32> {mly.range = array<f64: -1.0, 2.0>}) -> tensor<1xf32> {
  %a = "mly.slice"(%x) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<2xf32>) -> tensor<1xf32>
  %b = "mly.slice"(%x) {start_indices = array<i64: 1>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xf32>) -> tensor<1xf32>
  %d = "mly.sub"(%a, %b) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %z = "mly.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %r = "mly.max"(%d, %z) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %r : tensor<1xf32>
}

// -----

// x - x summed over x in [-1, 1]^2: exact [0, 0]; mly-bounds sees the
// same operand too (its range is the least subnormal around 0).
// CHECK-LABEL: func.func @cancel
// CHECK-SAME: mly.exact_range = array<f64: 0.000000e+00, 0.000000e+00>
// REPORT: {"pass": "mly-check-bounds", "functions": [{"name": "cancel", "results": [{"result": 0, "status": "exact", "exact": [0, 0], "ibp": [-1.40129846e-45, 1.40129846e-45], "crown": [-1.40129846e-45, 1.40129846e-45],
func.func @cancel(%x: tensor<2xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<f32> {
  %d = "mly.sub"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %s = "mly.reduce"(%d) {kind = "sum", dims = array<i64: 0>, keepdim = false} : (tensor<2xf32>) -> tensor<f32>
  return %s : tensor<f32>
}

// -----

// exp is an uninterpreted function to Z3: no exact extrema, `unknown`.
// CHECK-LABEL: func.func @transcendental
// CHECK-SAME: mly.exact_range = "unknown"
// REPORT: {"pass": "mly-check-bounds", "functions": [{"name": "transcendental", "results": [{"result": 0, "status": "unknown", "why": "mly.exp",
func.func @transcendental(%x: tensor<2xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<2xf32> {
  %e = "mly.exp"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %e : tensor<2xf32>
}

// -----

// More input scalars than the limit (64): skipped.
// CHECK-LABEL: func.func @large
// CHECK-NOT: mly.exact_range
// REPORT: {"pass": "mly-check-bounds", "functions": [{"name": "large", "skipped": "65 input scalars, over the limit 64"}], "smt": {"queries": 0,
func.func @large(%x: tensor<65xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<65xf32> {
  %n = "mly.neg"(%x) : (tensor<65xf32>) -> tensor<65xf32>
  return %n : tensor<65xf32>
}
