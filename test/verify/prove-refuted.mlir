// RUN: mly-opt %s --mly-prove --mly-smt-timeout-ms=10000 --verify-diagnostics
// RUN: not mly-opt %s --mly-prove --mly-smt-timeout-ms=10000 2>&1 | FileCheck %s

// relu(x) + relu(-x) = |x| over [-1, 1] does not stay in [0, 0.9]: Z3
// (IEEE f32) finds an input, printed with the result it gives, and the
// tool exits 1.
// CHECK: error: mly-prove: mly.ensures [0, 0.9] of result 0 of @absval is refuted: argument 0 = [-1] gives result 0 = [1]
func.func @absval(%x: tensor<1xf32> {mly.requires = array<f64: -1.0, 1.0>}) -> (tensor<1xf32> {mly.ensures = array<f64: 0.0, 0.9>}) {
  %z = "mly.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %p = "mly.max"(%x, %z) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %n = "mly.neg"(%x) : (tensor<1xf32>) -> tensor<1xf32>
  %q = "mly.max"(%n, %z) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  // expected-error @+1 {{mly.ensures [0, 0.9] of result 0 of @absval is refuted: argument 0 = [-1] gives result 0 = [1]}}
  %s = "mly.add"(%p, %q) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
