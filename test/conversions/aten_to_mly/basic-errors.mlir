// RUN: mly-opt %s --split-input-file --aten-to-mly --verify-diagnostics
// Ops (or forms of them) with no mly lowering are errors at the op.

func.func @bitwise_and_int(%x: tensor<4xi64>, %y: tensor<4xi64>) -> tensor<4xi64> {
  // expected-error @+1 {{'aten.bitwise_and' op on integer tensors has no mly lowering (mly.and takes i1 only)}}
  %0 = "aten.bitwise_and"(%x, %y) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @dropout_train(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'aten.dropout' op in training mode has no lowering (it is random)}}
  %0 = "aten.dropout"(%x) {p = 0.5 : f64, train = true} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @fill_too_big() -> tensor<2xi64> {
  // expected-error @+1 {{'aten.full' op fill value 1e+30 does not fit the integer result}}
  %0 = "aten.full"() {size = array<i64: 2>, fill_value = 1.0e30 : f64} : () -> tensor<2xi64>
  return %0 : tensor<2xi64>
}
