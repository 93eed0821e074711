// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Semantic rules of aten's shape ops and views: element counts, -1
// inference, permutations, broadcastable expands, PyTorch's slice clamping,
// dims in range (negative dims wrap).

// view: the element count is kept
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.view' op size has 6 elements, input has 8}}
  %0 = "aten.view"(%a0) {size = array<i64: 2, 3>} : (tensor<2x4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// view: one -1 at most
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.view' op size [-1, -1] has more than one -1}}
  %0 = "aten.view"(%a0) {size = array<i64: -1, -1>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

// view: no other negative sizes
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.view' op size [-2, -4] has negative dim -2}}
  %0 = "aten.view"(%a0) {size = array<i64: -2, -4>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

// view: -1 must divide evenly
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.view' op size [3, -1] cannot infer -1 for input of 8 elements}}
  %0 = "aten.view"(%a0) {size = array<i64: 3, -1>} : (tensor<2x4xf32>) -> tensor<3x3xf32>
  return
}

// -----

// view: -1 next to a 0 is ambiguous
func.func @f(%a0: tensor<0x4xf32>) {
  // expected-error @+1 {{'aten.view' op size [0, -1] cannot infer -1 for input of 0 elements}}
  %0 = "aten.view"(%a0) {size = array<i64: 0, -1>} : (tensor<0x4xf32>) -> tensor<0x4xf32>
  return
}

// -----

// view: the result has the size with -1 inferred
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.view' op result shape is 2x4, expected 4x2}}
  %0 = "aten.view"(%a0) {size = array<i64: 4, -1>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

// view: the element type is kept
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.view' op result element type i32 does not match operand element type f32}}
  %0 = "aten.view"(%a0) {size = array<i64: 8>} : (tensor<2x4xf32>) -> tensor<8xi32>
  return
}

// -----

// view: the element count of size does not overflow
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.view' op size [4294967296, 4294967296, 4] has too many elements}}
  %0 = "aten.view"(%a0) {size = array<i64: 4294967296, 4294967296, 4>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

// reshape: the element count is kept
func.func @f(%a0: tensor<2x4xf32>) {
  // expected-error @+1 {{'aten.reshape' op shape has 9 elements, input has 8}}
  %0 = "aten.reshape"(%a0) {shape = array<i64: 9>} : (tensor<2x4xf32>) -> tensor<9xf32>
  return
}

// -----

// permute: dims is a permutation
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.permute' op dims [0, 0] is not a permutation of 0..1}}
  %0 = "aten.permute"(%a0) {dims = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// permute: dims has one entry per dim
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.permute' op dims [0] is not a permutation of 0..1}}
  %0 = "aten.permute"(%a0) {dims = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// permute: negative dims wrap
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.permute' op dims [1, -1] is not a permutation of 0..1}}
  %0 = "aten.permute"(%a0) {dims = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// permute: dims in range
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.permute' op dim 2 is out of range for rank 2}}
  %0 = "aten.permute"(%a0) {dims = array<i64: 2, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// permute: result shape
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.permute' op result shape is 2x3x4, expected 4x2x3}}
  %0 = "aten.permute"(%a0) {dims = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// transpose: dims in range
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.transpose' op dim1 2 is out of range for rank 2}}
  %0 = "aten.transpose"(%a0) {dim0 = 0 : i64, dim1 = 2 : i64} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// transpose: result shape
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.transpose' op result shape is 4x3x2, expected 2x4x3}}
  %0 = "aten.transpose"(%a0) {dim0 = 1 : i64, dim1 = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return
}

// -----

// t: at most 2 dims
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.t' op self has 3 dims, expected at most 2}}
  %0 = "aten.t"(%a0) : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return
}

// -----

// t: result shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.t' op result shape is 2x3, expected 3x2}}
  %0 = "aten.t"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// expand: size covers every input dim
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.expand' op size [3] has fewer entries than input rank 2}}
  %0 = "aten.expand"(%a0) {size = array<i64: 3>} : (tensor<2x3xf32>) -> tensor<3xf32>
  return
}

// -----

// expand: -1 only keeps an existing dim
func.func @f(%a0: tensor<3xf32>) {
  // expected-error @+1 {{'aten.expand' op size [-1, 3] has -1 at new leading dim 0}}
  %0 = "aten.expand"(%a0) {size = array<i64: -1, 3>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// expand: only size-1 dims grow
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.expand' op size [2, 4] does not broadcast input shape 2x3 (dim 1)}}
  %0 = "aten.expand"(%a0) {size = array<i64: 2, 4>} : (tensor<2x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

// expand: no negative sizes but -1
func.func @f(%a0: tensor<3xf32>) {
  // expected-error @+1 {{'aten.expand' op size [-3] has negative dim -3}}
  %0 = "aten.expand"(%a0) {size = array<i64: -3>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

// expand: result shape
func.func @f(%a0: tensor<3x1xf32>) {
  // expected-error @+1 {{'aten.expand' op result shape is 3x1, expected 3x5}}
  %0 = "aten.expand"(%a0) {size = array<i64: -1, 5>} : (tensor<3x1xf32>) -> tensor<3x1xf32>
  return
}

// -----

// unsqueeze: dim in [-rank-1, rank]
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.unsqueeze' op dim 3 is out of range for rank 3}}
  %0 = "aten.unsqueeze"(%a0) {dim = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
  return
}

// -----

// unsqueeze: a negative dim counts from the end
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.unsqueeze' op result shape is 2x1x3, expected 2x3x1}}
  %0 = "aten.unsqueeze"(%a0) {dim = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x1x3xf32>
  return
}

// -----

// squeeze: dims in range
func.func @f(%a0: tensor<2x1xf32>) {
  // expected-error @+1 {{'aten.squeeze' op dim 2 is out of range for rank 2}}
  %0 = "aten.squeeze"(%a0) {dim = array<i64: 2>} : (tensor<2x1xf32>) -> tensor<2xf32>
  return
}

// -----

// squeeze: a dim may appear once
func.func @f(%a0: tensor<2x1xf32>) {
  // expected-error @+1 {{'aten.squeeze' op dim 1 appears more than once}}
  %0 = "aten.squeeze"(%a0) {dim = array<i64: 1, -1>} : (tensor<2x1xf32>) -> tensor<2xf32>
  return
}

// -----

// squeeze: dims not of size 1 stay
func.func @f(%a0: tensor<2x1xf32>) {
  // expected-error @+1 {{'aten.squeeze' op result shape is 1, expected 2}}
  %0 = "aten.squeeze"(%a0) {dim = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<1xf32>
  return
}

// -----

// squeeze: an empty list drops every size-1 dim
func.func @f(%a0: tensor<1x2x1xf32>) {
  // expected-error @+1 {{'aten.squeeze' op result shape is 1x2, expected 2}}
  %0 = "aten.squeeze"(%a0) {dim = array<i64>} : (tensor<1x2x1xf32>) -> tensor<1x2xf32>
  return
}

// -----

// flatten: start_dim is not after end_dim
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.flatten' op start_dim 2 comes after end_dim 1}}
  %0 = "aten.flatten"(%a0) {start_dim = 2 : i64, end_dim = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return
}

// -----

// flatten: dims in range
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.flatten' op end_dim 3 is out of range for rank 3}}
  %0 = "aten.flatten"(%a0) {start_dim = 0 : i64, end_dim = 3 : i64} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return
}

// -----

// flatten: result shape
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.flatten' op result shape is 6x4, expected 2x12}}
  %0 = "aten.flatten"(%a0) {start_dim = 1 : i64, end_dim = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return
}

// -----

// flatten: a 0-d input becomes [1]
func.func @f(%a0: tensor<f32>) {
  // expected-error @+1 {{'aten.flatten' op result shape is 0-d, expected 1}}
  %0 = "aten.flatten"(%a0) {start_dim = 0 : i64, end_dim = -1 : i64} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

// slice: step is positive
func.func @f(%a0: tensor<10xf32>) {
  // expected-error @+1 {{'aten.slice' op step 0 must be positive}}
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = 0 : i64, end = 10 : i64, step = 0 : i64} : (tensor<10xf32>) -> tensor<10xf32>
  return
}

// -----

// slice: not on a 0-d tensor
func.func @f(%a0: tensor<f32>) {
  // expected-error @+1 {{'aten.slice' op self has 0 dims, expected at least 1}}
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = 0 : i64, end = 1 : i64, step = 1 : i64} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

// slice: dim in range
func.func @f(%a0: tensor<10xf32>) {
  // expected-error @+1 {{'aten.slice' op dim 1 is out of range for rank 1}}
  %0 = "aten.slice"(%a0) {dim = 1 : i64, start = 0 : i64, end = 10 : i64, step = 1 : i64} : (tensor<10xf32>) -> tensor<10xf32>
  return
}

// -----

// slice: length ceil((end - start) / step)
func.func @f(%a0: tensor<10x4xf32>) {
  // expected-error @+1 {{'aten.slice' op result shape is 2x4, expected 3x4}}
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = 1 : i64, end = 8 : i64, step = 3 : i64} : (tensor<10x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

// slice: negative start and end wrap, then clamp
func.func @f(%a0: tensor<10xf32>) {
  // expected-error @+1 {{'aten.slice' op result shape is 10, expected 2}}
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = -3 : i64, end = -1 : i64, step = 1 : i64} : (tensor<10xf32>) -> tensor<10xf32>
  return
}

// -----

// slice: start past end gives an empty result
func.func @f(%a0: tensor<10xf32>) {
  // expected-error @+1 {{'aten.slice' op result shape is 1, expected 0}}
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = 8 : i64, end = 2 : i64, step = 1 : i64} : (tensor<10xf32>) -> tensor<1xf32>
  return
}

// -----

// slice: out-of-range start and end clamp
func.func @f(%a0: tensor<10xf32>) {
  // expected-error @+1 {{'aten.slice' op result shape is 10, expected 3}}
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = -100 : i64, end = 100 : i64, step = 4 : i64} : (tensor<10xf32>) -> tensor<10xf32>
  return
}

// -----

// slice: extreme start and end clamp without overflow
func.func @f(%a0: tensor<10xf32>) {
  // expected-error @+1 {{'aten.slice' op result shape is 2, expected 1}}
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = -9223372036854775808 : i64, end = 9223372036854775807 : i64, step = 9223372036854775807 : i64} : (tensor<10xf32>) -> tensor<2xf32>
  return
}

// -----

// select: index in range
func.func @f(%a0: tensor<3x4xf32>) {
  // expected-error @+1 {{'aten.select' op index 3 is out of range for dim 0 of size 3}}
  %0 = "aten.select"(%a0) {dim = 0 : i64, index = 3 : i64} : (tensor<3x4xf32>) -> tensor<4xf32>
  return
}

// -----

// select: negative index in range
func.func @f(%a0: tensor<3x4xf32>) {
  // expected-error @+1 {{'aten.select' op index -5 is out of range for dim 1 of size 4}}
  %0 = "aten.select"(%a0) {dim = -1 : i64, index = -5 : i64} : (tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

// select: not on a 0-d tensor
func.func @f(%a0: tensor<f32>) {
  // expected-error @+1 {{'aten.select' op self has 0 dims, expected at least 1}}
  %0 = "aten.select"(%a0) {dim = 0 : i64, index = 0 : i64} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

// select: the dim goes away
func.func @f(%a0: tensor<3x4xf32>) {
  // expected-error @+1 {{'aten.select' op result shape is 3x1, expected 3}}
  %0 = "aten.select"(%a0) {dim = 1 : i64, index = 0 : i64} : (tensor<3x4xf32>) -> tensor<3x1xf32>
  return
}

// -----

// cat: equal ranks
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<3xf32>) {
  // expected-error @+1 {{'aten.cat' op other has 1 dims, expected 2}}
  %0 = "aten.cat"(%a0, %a1) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return
}

// -----

// cat: other dims equal
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<3x3xf32>) {
  // expected-error @+1 {{'aten.cat' op other has size 3 at dim 0, self has 2}}
  %0 = "aten.cat"(%a0, %a1) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<5x3xf32>
  return
}

// -----

// cat: result is the sum along dim
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.cat' op result shape is 5x3, expected 6x3}}
  %0 = "aten.cat"(%a0, %a1) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<5x3xf32>
  return
}

// -----

// cat: dim in range
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.cat' op dim -3 is out of range for rank 2}}
  %0 = "aten.cat"(%a0, %a1) {dim = -3 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

// cat: a legacy empty [0] operand is skipped
func.func @f(%a0: tensor<0xf32>, %a1: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.cat' op result shape is 2x4, expected 2x3}}
  %0 = "aten.cat"(%a0, %a1) {dim = 1 : i64} : (tensor<0xf32>, tensor<2x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

// clone: the element type is kept
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.clone' op result element type i32 does not match operand element type f32}}
  %0 = "aten.clone"(%a0) : (tensor<2xf32>) -> tensor<2xi32>
  return
}
