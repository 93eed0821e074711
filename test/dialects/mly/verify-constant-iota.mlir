// RUN: mly-opt %s --split-input-file --verify-diagnostics
// Rules of constant and iota.

// constant: value is an elements attribute
func.func @f0() {
  // expected-error @+1 {{'mly.constant' op attribute 'value' is not an elements attribute}}
  %0 = "mly.constant"() {value = 1.0 : f32} : () -> tensor<f32>
  return
}

// -----

// constant: an array is not an elements attribute either
func.func @f1() {
  // expected-error @+1 {{'mly.constant' op attribute 'value' is not an elements attribute}}
  %0 = "mly.constant"() {value = array<i64: 1, 2>} : () -> tensor<2xi64>
  return
}

// -----

// constant: value shape is the result shape
func.func @f2() {
  // expected-error @+1 {{'mly.constant' op value type tensor<3xf32> does not match result type tensor<4xf32>}}
  %0 = "mly.constant"() {value = dense<1.0> : tensor<3xf32>} : () -> tensor<4xf32>
  return
}

// -----

// constant: value element type is the result's
func.func @f3() {
  // expected-error @+1 {{'mly.constant' op value type tensor<2xi32> does not match result type tensor<2xi64>}}
  %0 = "mly.constant"() {value = dense<[1, 2]> : tensor<2xi32>} : () -> tensor<2xi64>
  return
}

// -----

// IRDL: constant without a value
func.func @f4() {
  // expected-error @+2 {{'mly.constant' op attribute "value" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.constant"() : () -> tensor<2xf32>
  return
}

// -----

// IRDL: constant takes no operands
func.func @f5(%a: tensor<2xf32>) {
  // expected-error @+2 {{expects exactly 0 operands, but got 1}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.constant"(%a) {value = dense<1.0> : tensor<2xf32>} : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// iota: dim in range of the result rank
func.func @f6() {
  // expected-error @+1 {{'mly.iota' op dim 2 is out of range for rank 2}}
  %0 = "mly.iota"() {dim = 2 : i64} : () -> tensor<2x3xi32>
  return
}

// -----

// iota: no negative dims in mly
func.func @f7() {
  // expected-error @+1 {{'mly.iota' op dim -1 is out of range for rank 2}}
  %0 = "mly.iota"() {dim = -1 : i64} : () -> tensor<2x3xi32>
  return
}

// -----

// iota: a 0-d result has no dim
func.func @f8() {
  // expected-error @+1 {{'mly.iota' op dim 0 is out of range for rank 0}}
  %0 = "mly.iota"() {dim = 0 : i64} : () -> tensor<i32>
  return
}

// -----

// iota: i1 counts nothing
func.func @f9() {
  // expected-error @+1 {{'mly.iota' op result element type i1 is not an integer or float type}}
  %0 = "mly.iota"() {dim = 0 : i64} : () -> tensor<4xi1>
  return
}

// -----

// iota: complex results are not supported
func.func @f10() {
  // expected-error @+1 {{'mly.iota' op result element type complex<f32> is not an integer or float type}}
  %0 = "mly.iota"() {dim = 0 : i64} : () -> tensor<4xcomplex<f32>>
  return
}

// -----

// IRDL: iota dim is an integer
func.func @f11() {
  // expected-error @+2 {{expected base attribute 'builtin.integer' but got 'builtin.string'}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.iota"() {dim = "0"} : () -> tensor<4xi32>
  return
}

// -----

// IRDL: iota result is a tensor
func.func @f12() {
  // expected-error @+2 {{expected base type 'builtin.tensor' but got 'builtin.memref'}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.iota"() {dim = 0 : i64} : () -> memref<4xi32>
  return
}
