// RUN: mly-opt %s --split-input-file --verify-diagnostics
// Data-movement rules: broadcast_in_dim, reshape, transpose, slice, pad, concat.

// broadcast_in_dim: one entry per input dim
func.func @f0(%a: tensor<3xf32>) {
  // expected-error @+1 {{'mly.broadcast_in_dim' op attribute 'broadcast_dimensions' has 2 elements, expected 1 (input rank)}}
  %0 = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// broadcast_in_dim: entries index the result
func.func @f1(%a: tensor<3xf32>) {
  // expected-error @+1 {{'mly.broadcast_in_dim' op broadcast dimension 2 is out of range for rank 2}}
  %0 = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 2>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// broadcast_in_dim: no negative dims
func.func @f2(%a: tensor<3xf32>) {
  // expected-error @+1 {{'mly.broadcast_in_dim' op broadcast dimension -1 is out of range for rank 2}}
  %0 = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: -1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// broadcast_in_dim: entries strictly increase (no transpose)
func.func @f3(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.broadcast_in_dim' op broadcast_dimensions [1, 0] are not strictly increasing}}
  %0 = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// broadcast_in_dim: an input dim is 1 or the result dim
func.func @f4(%a: tensor<2xf32>) {
  // expected-error @+1 {{'mly.broadcast_in_dim' op input dim 0 is 2, expected 1 or 3 (result dim 1)}}
  %0 = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 1>} : (tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

// broadcast_in_dim: no promotion
func.func @f5(%a: tensor<1xf32>) {
  // expected-error @+1 {{'mly.broadcast_in_dim' op result element type f64 does not match input element type f32}}
  %0 = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 0>} : (tensor<1xf32>) -> tensor<4xf64>
  return
}

// -----

// reshape keeps the element count
func.func @f6(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reshape' op result has 7 elements, input has 6}}
  %0 = "mly.reshape"(%a) : (tensor<2x3xf32>) -> tensor<7xf32>
  return
}

// -----

// element counts that overflow int64 are reported, not wrapped
func.func @f7(%a: tensor<4294967296x4294967296xf32>) {
  // expected-error @+1 {{'mly.reshape' op operand #0 has 2^63 elements or more}}
  %0 = "mly.reshape"(%a) : (tensor<4294967296x4294967296xf32>) -> tensor<1xf32>
  return
}

// -----

// reshape keeps the element type
func.func @f8(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reshape' op result element type i32 does not match input element type f32}}
  %0 = "mly.reshape"(%a) : (tensor<2x3xf32>) -> tensor<6xi32>
  return
}

// -----

// transpose: one entry per dim
func.func @f9(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.transpose' op attribute 'permutation' has 1 elements, expected 2 (input rank)}}
  %0 = "mly.transpose"(%a) {permutation = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// transpose: repeated entry
func.func @f10(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.transpose' op permutation [0, 0] is not a permutation of 0..1}}
  %0 = "mly.transpose"(%a) {permutation = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

// transpose: entry out of range (must not index past the shape)
func.func @f11(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.transpose' op permutation [1, 9223372036854775807] is not a permutation of 0..1}}
  %0 = "mly.transpose"(%a) {permutation = array<i64: 1, 9223372036854775807>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// transpose: result dims are permuted
func.func @f12(%a: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'mly.transpose' op result shape is 4x3x2, expected 4x2x3}}
  %0 = "mly.transpose"(%a) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return
}

// -----

// transpose keeps the element type
func.func @f13(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.transpose' op result element type bf16 does not match input element type f32}}
  %0 = "mly.transpose"(%a) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xbf16>
  return
}

// -----

// slice: one start per dim
func.func @f14(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.slice' op attribute 'start_indices' has 1 elements, expected 2 (input rank)}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0>, limit_indices = array<i64: 4, 4>, strides = array<i64: 1, 1>} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

// slice: one limit per dim
func.func @f15(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.slice' op attribute 'limit_indices' has 3 elements, expected 2 (input rank)}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 4, 4, 4>, strides = array<i64: 1, 1>} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

// slice: one stride per dim
func.func @f16(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.slice' op attribute 'strides' has 0 elements, expected 2 (input rank)}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 4, 4>, strides = array<i64>} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

// slice: stride 0 would divide by zero
func.func @f17(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.slice' op strides[1] is 0, expected >= 1}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 4, 4>, strides = array<i64: 1, 0>} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

// slice: negative start
func.func @f18(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.slice' op dim 0: start -1, limit 4 violate 0 <= start <= limit <= 4}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: -1, 0>, limit_indices = array<i64: 4, 4>, strides = array<i64: 1, 1>} : (tensor<4x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

// slice: start past limit
func.func @f19(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.slice' op dim 1: start 3, limit 2 violate 0 <= start <= limit <= 4}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0, 3>, limit_indices = array<i64: 4, 2>, strides = array<i64: 1, 1>} : (tensor<4x4xf32>) -> tensor<4x0xf32>
  return
}

// -----

// slice: limit past the dim
func.func @f20(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.slice' op dim 0: start 0, limit 5 violate 0 <= start <= limit <= 4}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 5, 4>, strides = array<i64: 1, 1>} : (tensor<4x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

// slice: result dim is ceil((limit - start) / stride)
func.func @f21(%a: tensor<7xf32>) {
  // expected-error @+1 {{'mly.slice' op result shape is 1, expected 2}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 1>, limit_indices = array<i64: 7>, strides = array<i64: 4>} : (tensor<7xf32>) -> tensor<1xf32>
  return
}

// -----

// slice: huge stride does not overflow the ceil
func.func @f22(%a: tensor<7xf32>) {
  // expected-error @+1 {{'mly.slice' op result shape is 7, expected 1}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0>, limit_indices = array<i64: 7>, strides = array<i64: 9223372036854775807>} : (tensor<7xf32>) -> tensor<7xf32>
  return
}

// -----

// slice keeps the element type
func.func @f23(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.slice' op result element type f16 does not match input element type f32}}
  %0 = "mly.slice"(%a) {start_indices = array<i64: 0>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

// pad: one low entry per dim
func.func @f24(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.pad' op attribute 'low' has 2 elements, expected 1 (input rank)}}
  %0 = "mly.pad"(%a) {low = array<i64: 1, 1>, high = array<i64: 1>, value = 0.0 : f32} : (tensor<4xf32>) -> tensor<6xf32>
  return
}

// -----

// pad: one high entry per dim
func.func @f25(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.pad' op attribute 'high' has 0 elements, expected 1 (input rank)}}
  %0 = "mly.pad"(%a) {low = array<i64: 1>, high = array<i64>, value = 0.0 : f32} : (tensor<4xf32>) -> tensor<6xf32>
  return
}

// -----

// pad: result dim is in + low + high (negative pads crop)
func.func @f26(%a: tensor<4x4xf32>) {
  // expected-error @+1 {{'mly.pad' op result shape is 7x4, expected 7x2}}
  %0 = "mly.pad"(%a) {low = array<i64: 1, -1>, high = array<i64: 2, -1>, value = 0 : i64} : (tensor<4x4xf32>) -> tensor<7x4xf32>
  return
}

// -----

// pad: cropping below zero
func.func @f27(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.pad' op dim 0 of size 4 padded by -3 and -2 is negative (-1)}}
  %0 = "mly.pad"(%a) {low = array<i64: -3>, high = array<i64: -2>, value = 0.0 : f32} : (tensor<4xf32>) -> tensor<0xf32>
  return
}

// -----

// pad: overflow is reported, not wrapped
func.func @f28(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.pad' op dim 0 overflows int64 when padded}}
  %0 = "mly.pad"(%a) {low = array<i64: 9223372036854775807>, high = array<i64: 0>, value = 0.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// pad keeps the element type
func.func @f29(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.pad' op result element type f64 does not match input element type f32}}
  %0 = "mly.pad"(%a) {low = array<i64: 0>, high = array<i64: 0>, value = 0.0 : f32} : (tensor<4xf32>) -> tensor<4xf64>
  return
}

// -----

// concat: operands of one rank
func.func @f30(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'mly.concat' op rhs has 1 dims, expected 2}}
  %0 = "mly.concat"(%a, %b) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

// concat: operands of one element type
func.func @f31(%a: tensor<2x3xf32>, %b: tensor<2x3xf16>) {
  // expected-error @+1 {{'mly.concat' op rhs element type f16 does not match lhs element type f32}}
  %0 = "mly.concat"(%a, %b) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<4x3xf32>
  return
}

// -----

// concat: result element type
func.func @f32(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.concat' op result element type i32 does not match lhs element type f32}}
  %0 = "mly.concat"(%a, %b) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xi32>
  return
}

// -----

// concat: dim past the rank
func.func @f33(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.concat' op dim 2 is out of range for rank 2}}
  %0 = "mly.concat"(%a, %b) {dim = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

// concat: no negative dims in mly
func.func @f34(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.concat' op dim -1 is out of range for rank 2}}
  %0 = "mly.concat"(%a, %b) {dim = -1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

// concat: the other dims agree
func.func @f35(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{'mly.concat' op lhs dim 1 is 3, rhs dim 1 is 4}}
  %0 = "mly.concat"(%a, %b) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

// concat: result dim is the sum
func.func @f36(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{'mly.concat' op result shape is 2x8, expected 2x7}}
  %0 = "mly.concat"(%a, %b) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x8xf32>
  return
}

// -----

// concat: an overflowing sum is reported
func.func @f37(%a: tensor<9223372036854775806xi8>, %b: tensor<9223372036854775806xi8>) {
  // expected-error @+1 {{'mly.concat' op concatenated dim 0 overflows int64}}
  %0 = "mly.concat"(%a, %b) {dim = 0 : i64} : (tensor<9223372036854775806xi8>, tensor<9223372036854775806xi8>) -> tensor<1xi8>
  return
}

// -----

// IRDL: concat without dim
func.func @f38(%a: tensor<2xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{'mly.concat' op attribute "dim" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.concat"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

// IRDL: a string where an array is expected
func.func @f39(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{expected base attribute 'builtin.dense_array' but got 'builtin.string'}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.transpose"(%a) {permutation = "1, 0"} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// an array of the wrong element type passes IRDL, not the rule
func.func @f40(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.transpose' op attribute 'permutation' is not an array<i64>}}
  %0 = "mly.transpose"(%a) {permutation = array<i32: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// IRDL: slice with no attributes
func.func @f41(%a: tensor<4xf32>) {
  // expected-error @+2 {{is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.slice"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// IRDL: reshape with two results
func.func @f42(%a: tensor<4xf32>) {
  // expected-error @+2 {{expects exactly 1 results, but got 2}}
  // expected-note @+1 {{see current operation}}
  %0:2 = "mly.reshape"(%a) : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}
