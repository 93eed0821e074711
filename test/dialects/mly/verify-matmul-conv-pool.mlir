// RUN: mly-opt %s --split-input-file --verify-diagnostics
// Rules of matmul, conv and pool.

// matmul: operands are at least matrices
func.func @f0(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.matmul' op lhs has 1 dims, expected at least 2}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return
}

// -----

// matmul: no batch broadcast, ranks agree
func.func @f1(%a: tensor<2x4x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'mly.matmul' op rhs has 2 dims, expected 3}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4x3xf32>, tensor<3x5xf32>) -> tensor<2x4x5xf32>
  return
}

// -----

// matmul: operands of one element type
func.func @f2(%a: tensor<4x3xf16>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'mly.matmul' op rhs element type f32 does not match lhs element type f16}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<4x3xf16>, tensor<3x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

// matmul: result element type (accumulation is explicit)
func.func @f3(%a: tensor<4x3xf16>, %b: tensor<3x5xf16>) {
  // expected-error @+1 {{'mly.matmul' op result element type f32 does not match lhs element type f16}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<4x3xf16>, tensor<3x5xf16>) -> tensor<4x5xf32>
  return
}

// -----

// matmul: batch dims agree
func.func @f4(%a: tensor<2x4x3xf32>, %b: tensor<3x3x5xf32>) {
  // expected-error @+1 {{'mly.matmul' op lhs batch dim 0 is 2, rhs batch dim 0 is 3}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4x3xf32>, tensor<3x3x5xf32>) -> tensor<2x4x5xf32>
  return
}

// -----

// matmul: contraction dims agree
func.func @f5(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) {
  // expected-error @+1 {{'mly.matmul' op lhs contraction dim is 4, rhs contraction dim is 5}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

// matmul: transpose_lhs contracts lhs dim -2
func.func @f6(%a: tensor<3x4xf32>, %b: tensor<4x6xf32>) {
  // expected-error @+1 {{'mly.matmul' op lhs contraction dim is 3, rhs contraction dim is 4}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = true, transpose_rhs = false} : (tensor<3x4xf32>, tensor<4x6xf32>) -> tensor<4x6xf32>
  return
}

// -----

// matmul: transpose_rhs contracts rhs dim -1
func.func @f7(%a: tensor<3x4xf32>, %b: tensor<4x6xf32>) {
  // expected-error @+1 {{'mly.matmul' op lhs contraction dim is 4, rhs contraction dim is 6}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = true} : (tensor<3x4xf32>, tensor<4x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

// matmul: result is [..., M, N]
func.func @f8(%a: tensor<2x4x3xf32>, %b: tensor<2x5x3xf32>) {
  // expected-error @+1 {{'mly.matmul' op result shape is 2x5x4, expected 2x4x5}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = true} : (tensor<2x4x3xf32>, tensor<2x5x3xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// IRDL: matmul without transpose_rhs
func.func @f9(%a: tensor<3x4xf32>, %b: tensor<4x6xf32>) {
  // expected-error @+2 {{'mly.matmul' op attribute "transpose_rhs" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false} : (tensor<3x4xf32>, tensor<4x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

// conv: input is [N, C, spatial...]
func.func @f10(%x: tensor<4x8xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{'mly.conv' op input has 2 dims, expected at least 3}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64>, padding = array<i64>, dilation = array<i64>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

// conv: weight has the input's rank
func.func @f11(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3xf32>) {
  // expected-error @+1 {{'mly.conv' op weight has 3 dims, expected 4}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: one stride per spatial dim
func.func @f12(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op attribute 'stride' has 1 elements, expected 2 (spatial rank)}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: one padding per spatial dim
func.func @f13(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op attribute 'padding' has 3 elements, expected 2 (spatial rank)}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: one dilation per spatial dim
func.func @f14(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op attribute 'dilation' has 1 elements, expected 2 (spatial rank)}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: stride 0 would divide by zero
func.func @f15(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op stride[1] is 0, expected >= 1}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 0>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: negative padding
func.func @f16(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op padding[0] is -1, expected >= 0}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: -1, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: dilation 0
func.func @f17(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op dilation[0] is 0, expected >= 1}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 0, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: weight element type
func.func @f18(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf16>) {
  // expected-error @+1 {{'mly.conv' op weight element type f16 does not match input element type f32}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf16>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: result element type
func.func @f19(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op result element type f16 does not match input element type f32}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf16>
  return
}

// -----

// conv: groups >= 1 (and no division by zero)
func.func @f20(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op groups is 0, expected >= 1}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: groups divide the input channels
func.func @f21(%x: tensor<1x4x8x8xf32>, %w: tensor<6x1x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op groups 3 does not divide input channels 4 and output channels 6}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 3 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: groups divide the output channels
func.func @f22(%x: tensor<1x4x8x8xf32>, %w: tensor<5x2x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op groups 2 does not divide input channels 4 and output channels 5}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<5x2x3x3xf32>) -> tensor<1x5x6x6xf32>
  return
}

// -----

// conv: weight dim 1 is C / groups
func.func @f23(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op weight dim 1 is 4, expected 2 (input channels / groups)}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: bias is [Cout]
func.func @f24(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %b: tensor<1x6xf32>) {
  // expected-error @+1 {{'mly.conv' op bias shape is 1x6, expected 6}}
  %0 = "mly.conv"(%x, %w, %b) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x6xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: bias element type
func.func @f25(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %b: tensor<6xf16>) {
  // expected-error @+1 {{'mly.conv' op bias element type f16 does not match input element type f32}}
  %0 = "mly.conv"(%x, %w, %b) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<6xf16>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: empty kernels are rejected
func.func @f26(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x0x3xf32>) {
  // expected-error @+1 {{'mly.conv' op kernel[0] is 0, expected >= 1}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x0x3xf32>) -> tensor<1x6x9x6xf32>
  return
}

// -----

// conv: the dilated kernel fits the padded input
func.func @f27(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op spatial dim 0: dilated window 9 exceeds padded input 8}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 4, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x1x1xf32>
  return
}

// -----

// conv: huge dilation is reported, not wrapped
func.func @f28(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op spatial dim 1 overflows int64}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 9223372036854775807>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x1x1xf32>
  return
}

// -----

// conv: result is [N, Cout, (x + 2p - d*(k-1) - 1)/s + 1 ...]
func.func @f29(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op result shape is 1x6x4x4, expected 1x6x4x6}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x4x4xf32>
  return
}

// -----

// conv: IRDL leaves operandSegmentSizes unchecked; a bad one is not read out of bounds
func.func @f30(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op operandSegmentSizes [1, 1, 5] does not describe input, weight and an optional bias for 2 operands}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 5>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv: operandSegmentSizes of the wrong length
func.func @f31(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'mly.conv' op operandSegmentSizes [1, 1] does not describe input, weight and an optional bias for 2 operands}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// IRDL: conv without groups
func.func @f32(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+2 {{'mly.conv' op attribute "groups" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// IRDL: groups is an integer
func.func @f33(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+2 {{expected base attribute 'builtin.integer' but got 'builtin.float'}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1.0 : f32, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// pool: unknown kind
func.func @f34(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op attribute 'kind' is 'sum', expected one of 'max', 'avg'}}
  %0 = "mly.pool"(%x) {kind = "sum", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: input is [N, C, spatial...]
func.func @f35(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'mly.pool' op input has 2 dims, expected at least 3}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64>, stride = array<i64>, padding = array<i64>, dilation = array<i64>, count_include_pad = false} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

// pool: one window entry per spatial dim
func.func @f36(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op attribute 'window' has 1 elements, expected 2 (spatial rank)}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: empty window
func.func @f37(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op window[1] is 0, expected >= 1}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 0>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: one stride per spatial dim
func.func @f38(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op attribute 'stride' has 3 elements, expected 2 (spatial rank)}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: stride 0 would divide by zero
func.func @f39(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op stride[0] is 0, expected >= 1}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 0, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: negative padding
func.func @f40(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op padding[1] is -1, expected >= 0}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, -1>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: one dilation per spatial dim
func.func @f41(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op attribute 'dilation' has 0 elements, expected 2 (spatial rank)}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: dilation 0
func.func @f42(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op dilation[1] is 0, expected >= 1}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 0>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// pool: result element type
func.func @f43(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op result element type f16 does not match input element type f32}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf16>
  return
}

// -----

// pool: the window fits the padded input
func.func @f44(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op spatial dim 1: dilated window 9 exceeds padded input 8}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 9>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x1x1xf32>
  return
}

// -----

// pool: N and C are unchanged
func.func @f45(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op result shape is 1x3x4x4, expected 1x4x4x4}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

// pool: spatial dims as for conv
func.func @f46(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'mly.pool' op result shape is 1x4x4x4, expected 1x4x3x4}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 2, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// IRDL: pool without count_include_pad
func.func @f47(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+2 {{'mly.pool' op attribute "count_include_pad" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return
}
