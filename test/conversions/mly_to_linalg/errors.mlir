// RUN: mly-opt %s --split-input-file --mly-to-linalg --verify-diagnostics
// Ops the mly verifier accepts but mly-to-linalg cannot convert are errors
// at the op; every failing op is reported, not just the first.
// (Malformed ops never reach the pass: mly-opt verifies on load.)

func.func @two_errors(%x: tensor<1x1x4xi64>, %i: tensor<4xindex>) -> (tensor<1x1x2xi64>, tensor<4xindex>) {
  // expected-error @+1 {{'mly.pool' op has no linalg lowering for element type i64}}
  %0 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, count_include_pad = true} : (tensor<1x1x4xi64>) -> tensor<1x1x2xi64>
  // expected-error @+1 {{'mly.add' op has no linalg lowering for element type index}}
  %1 = "mly.add"(%i, %i) : (tensor<4xindex>, tensor<4xindex>) -> tensor<4xindex>
  return %0, %1 : tensor<1x1x2xi64>, tensor<4xindex>
}

// -----

func.func @reduce_index(%i: tensor<4xindex>) -> tensor<index> {
  // expected-error @+1 {{'mly.reduce' op has no linalg lowering for these element types}}
  %0 = "mly.reduce"(%i) {dims = array<i64: 0>, keepdim = false, kind = "sum"} : (tensor<4xindex>) -> tensor<index>
  return %0 : tensor<index>
}
