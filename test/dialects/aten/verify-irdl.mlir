// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Diagnostics that come before the semantic rules: IRDL's arity and
// attribute checks, and the generic static-ranked-shape check.

// IRDL: wrong operand count
func.func @f(%a0: tensor<2xf32>, %a1: tensor<2xf32>) {
  // expected-error @+2 {{op expects exactly 1 operands, but got 2}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.gelu"(%a0, %a1) {approximate = "none"} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// IRDL: wrong result count
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+2 {{op expects exactly 1 results, but got 2}}
  // expected-note @+1 {{see current operation}}
  %0:2 = "aten.neg"(%a0) : (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}

// -----

// IRDL: a required attribute is missing
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+2 {{'aten.gelu' op attribute "approximate" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.gelu"(%a0) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// IRDL: an attribute of the wrong kind
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+2 {{expected base attribute 'builtin.integer' but got 'builtin.float'}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.softmax"(%a0) {dim = 1.0 : f64} : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// IRDL: a bool attribute that is not a bool
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+2 {{'1 : i64' does not satisfy the constraint}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.mean"(%a0) {dim = array<i64>, keepdim = 1 : i64} : (tensor<2xf32>) -> tensor<f32>
  return
}

// -----

// IRDL: ops with 2+ optional operands need operandSegmentSizes
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<3xf32>) {
  // expected-error @+2 {{'operandSegmentSizes' attribute is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.batch_norm"(%a0, %a1) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// IRDL: operandSegmentSizes must cover the operands
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<3xf32>) {
  // expected-error @+2 {{sum of elements in 'operandSegmentSizes' attribute must be equal to the number of operands}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.batch_norm"(%a0, %a1) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// IRDL: operands are tensors
func.func @f(%a0: f32) {
  // expected-error @+2 {{expected base type 'builtin.tensor' but got 'builtin.f32'}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.neg"(%a0) : (f32) -> tensor<f32>
  return
}

// -----

// generic: only static shapes
func.func @f(%a0: tensor<?x3xf32>) {
  // expected-error @+1 {{'aten.neg' op operand #0 has a dynamic dim 0; only static shapes are supported}}
  %0 = "aten.neg"(%a0) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return
}

// -----

// IRDL: only ranked tensors
func.func @f(%a0: tensor<*xf32>) {
  // expected-error @+2 {{expected base type 'builtin.tensor' but got 'builtin.unranked_tensor'}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.neg"(%a0) : (tensor<*xf32>) -> tensor<*xf32>
  return
}
