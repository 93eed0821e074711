// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Semantic rules of aten's scans and reductions: dims in range (negative
// dims wrap as in PyTorch), reduced result shapes with and without keepdim.

// softmax: dim in range
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.softmax' op dim 2 is out of range for rank 2}}
  %0 = "aten.softmax"(%a0) {dim = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// softmax: negative dims wrap only down to -rank
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.softmax' op dim -3 is out of range for rank 2}}
  %0 = "aten.softmax"(%a0) {dim = -3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// softmax: float result
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.softmax' op result element type i32 is not a float type}}
  %0 = "aten.softmax"(%a0) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return
}

// -----

// log_softmax: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.log_softmax' op result shape 2x4 does not match operand shape 2x3}}
  %0 = "aten.log_softmax"(%a0) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

// cumsum: dim in range
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.cumsum' op dim 5 is out of range for rank 2}}
  %0 = "aten.cumsum"(%a0) {dim = 5 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// cumsum: float operand, integer result
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.cumsum' op result element type i64 cannot hold operand element type f32}}
  %0 = "aten.cumsum"(%a0) {dim = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
  return
}

// -----

// cumsum: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.cumsum' op result shape 3x2 does not match operand shape 2x3}}
  %0 = "aten.cumsum"(%a0) {dim = 0 : i64} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// mean: dims in range
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.mean' op dim 2 is out of range for rank 2}}
  %0 = "aten.mean"(%a0) {dim = array<i64: 2>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// mean: a dim may appear once
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.mean' op dim 1 appears more than once}}
  %0 = "aten.mean"(%a0) {dim = array<i64: 1, -1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// mean: keepdim keeps size-1 dims
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.mean' op result shape is 2, expected 2x1}}
  %0 = "aten.mean"(%a0) {dim = array<i64: 1>, keepdim = true} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// mean: float result
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.mean' op result element type i32 is not a float type}}
  %0 = "aten.mean"(%a0) {dim = array<i64: 1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xi32>
  return
}

// -----

// sum: an empty dim list reduces every dim
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.sum' op result shape is 2x3, expected 0-d}}
  %0 = "aten.sum"(%a0) {dim = array<i64>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// sum: empty dim list with keepdim
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.sum' op result shape is 0-d, expected 1x1}}
  %0 = "aten.sum"(%a0) {dim = array<i64>, keepdim = true} : (tensor<2x3xf32>) -> tensor<f32>
  return
}

// -----

// sum: float operand, integer result
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.sum' op result element type i64 cannot hold operand element type f32}}
  %0 = "aten.sum"(%a0) {dim = array<i64>, keepdim = false} : (tensor<2x3xf32>) -> tensor<i64>
  return
}

// -----

// amax: same element type
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.amax' op result element type f16 does not match operand element type f32}}
  %0 = "aten.amax"(%a0) {dim = array<i64: -1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf16>
  return
}

// -----

// amax: result shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.amax' op result shape is 3, expected 2}}
  %0 = "aten.amax"(%a0) {dim = array<i64: -1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<3xf32>
  return
}

// -----

// any: i1 result
func.func @f(%a0: tensor<2x3xi1>) {
  // expected-error @+1 {{'aten.any' op result element type f32 is not i1}}
  %0 = "aten.any"(%a0) {dim = 1 : i64, keepdim = false} : (tensor<2x3xi1>) -> tensor<2xf32>
  return
}

// -----

// any: dim in range
func.func @f(%a0: tensor<2x3xi1>) {
  // expected-error @+1 {{'aten.any' op dim -3 is out of range for rank 2}}
  %0 = "aten.any"(%a0) {dim = -3 : i64, keepdim = false} : (tensor<2x3xi1>) -> tensor<2xi1>
  return
}

// -----

// any: result shape
func.func @f(%a0: tensor<2x3xi1>) {
  // expected-error @+1 {{'aten.any' op result shape is 2, expected 3}}
  %0 = "aten.any"(%a0) {dim = 0 : i64, keepdim = false} : (tensor<2x3xi1>) -> tensor<2xi1>
  return
}

// -----

// diff: n is non-negative
func.func @f(%a0: tensor<5xf32>) {
  // expected-error @+1 {{'aten.diff' op n -1 must be non-negative}}
  %0 = "aten.diff"(%a0) {n = -1 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<5xf32>) -> tensor<5xf32>
  return
}

// -----

// diff: input has at least one dim
func.func @f(%a0: tensor<f32>) {
  // expected-error @+1 {{'aten.diff' op self has 0 dims, expected at least 1}}
  %0 = "aten.diff"(%a0) {n = 1 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

// diff: dim in range
func.func @f(%a0: tensor<5xf32>) {
  // expected-error @+1 {{'aten.diff' op dim 1 is out of range for rank 1}}
  %0 = "aten.diff"(%a0) {n = 1 : i64, dim = 1 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<5xf32>) -> tensor<4xf32>
  return
}

// -----

// diff: result length is len - n
func.func @f(%a0: tensor<2x5xf32>) {
  // expected-error @+1 {{'aten.diff' op result shape is 2x5, expected 2x4}}
  %0 = "aten.diff"(%a0) {n = 1 : i64, dim = 1 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

// diff: n past the length gives an empty result
func.func @f(%a0: tensor<2x5xf32>) {
  // expected-error @+1 {{'aten.diff' op result shape is 2x1, expected 2x0}}
  %0 = "aten.diff"(%a0) {n = 7 : i64, dim = 1 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x5xf32>) -> tensor<2x1xf32>
  return
}

// -----

// diff: prepend matches self off dim
func.func @f(%a0: tensor<2x5xf32>, %a1: tensor<3x1xf32>) {
  // expected-error @+1 {{'aten.diff' op prepend has size 3 at dim 0, self has 2}}
  %0 = "aten.diff"(%a0, %a1) {n = 1 : i64, dim = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x5xf32>, tensor<3x1xf32>) -> tensor<2x5xf32>
  return
}

// -----

// diff: append has self's rank
func.func @f(%a0: tensor<2x5xf32>, %a1: tensor<1xf32>) {
  // expected-error @+1 {{'aten.diff' op append has 1 dims, expected 2}}
  %0 = "aten.diff"(%a0, %a1) {n = 1 : i64, dim = 1 : i64, operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<2x5xf32>, tensor<1xf32>) -> tensor<2x5xf32>
  return
}

// -----

// diff: prepend and append add to the length
func.func @f(%a0: tensor<2x5xf32>, %a1: tensor<2x1xf32>, %a2: tensor<2x2xf32>) {
  // expected-error @+1 {{'aten.diff' op result shape is 2x5, expected 2x7}}
  %0 = "aten.diff"(%a0, %a1, %a2) {n = 1 : i64, dim = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x5xf32>, tensor<2x1xf32>, tensor<2x2xf32>) -> tensor<2x5xf32>
  return
}
