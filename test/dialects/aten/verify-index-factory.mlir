// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Semantic rules of aten's indexing ops (integer indices, result shapes),
// factories (shapes from attributes) and the one-layer lstm.

// embedding: weight is 2-d
func.func @f(%a0: tensor<100xf32>, %a1: tensor<7xi64>) {
  // expected-error @+1 {{'aten.embedding' op weight has 1 dims, expected 2}}
  %0 = "aten.embedding"(%a0, %a1) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<100xf32>, tensor<7xi64>) -> tensor<7x1xf32>
  return
}

// -----

// embedding: integer indices
func.func @f(%a0: tensor<100x16xf32>, %a1: tensor<7xf32>) {
  // expected-error @+1 {{'aten.embedding' op indices element type f32 is not an integer type}}
  %0 = "aten.embedding"(%a0, %a1) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<100x16xf32>, tensor<7xf32>) -> tensor<7x16xf32>
  return
}

// -----

// embedding: result is indices.shape + [weight[1]]
func.func @f(%a0: tensor<100x16xf32>, %a1: tensor<2x7xi64>) {
  // expected-error @+1 {{'aten.embedding' op result shape is 7x16, expected 2x7x16}}
  %0 = "aten.embedding"(%a0, %a1) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<100x16xf32>, tensor<2x7xi64>) -> tensor<7x16xf32>
  return
}

// -----

// embedding: the result has the weight element type
func.func @f(%a0: tensor<100x16xf32>, %a1: tensor<7xi64>) {
  // expected-error @+1 {{'aten.embedding' op result element type f16 does not match weight element type f32}}
  %0 = "aten.embedding"(%a0, %a1) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<100x16xf32>, tensor<7xi64>) -> tensor<7x16xf16>
  return
}

// -----

// embedding: the result may not exceed 16 dims
func.func @f(%a0: tensor<100x16xf32>, %a1: tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x2xi64>) {
  // expected-error @+1 {{'aten.embedding' op result would have more than 16 dims}}
  %0 = "aten.embedding"(%a0, %a1) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<100x16xf32>, tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x2xi64>) -> tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x2xf32>
  return
}

// -----

// gather: integer index
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<4x2xi1>) {
  // expected-error @+1 {{'aten.gather' op index element type i1 is not an integer type}}
  %0 = "aten.gather"(%a0, %a1) {dim = 1 : i64, sparse_grad = false} : (tensor<4x5xf32>, tensor<4x2xi1>) -> tensor<4x2xf32>
  return
}

// -----

// gather: index has the rank of self
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<2xi64>) {
  // expected-error @+1 {{'aten.gather' op index has 1 dims, expected 2}}
  %0 = "aten.gather"(%a0, %a1) {dim = 1 : i64, sparse_grad = false} : (tensor<4x5xf32>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

// gather: index is no larger than self off dim
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<6x9xi64>) {
  // expected-error @+1 {{'aten.gather' op index has size 6 at dim 0, larger than self's 4}}
  %0 = "aten.gather"(%a0, %a1) {dim = 1 : i64, sparse_grad = false} : (tensor<4x5xf32>, tensor<6x9xi64>) -> tensor<6x9xf32>
  return
}

// -----

// gather: result has the index shape
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<4x2xi64>) {
  // expected-error @+1 {{'aten.gather' op result shape 4x5 does not match index shape 4x2}}
  %0 = "aten.gather"(%a0, %a1) {dim = 1 : i64, sparse_grad = false} : (tensor<4x5xf32>, tensor<4x2xi64>) -> tensor<4x5xf32>
  return
}

// -----

// gather: dim in range
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<4x2xi64>) {
  // expected-error @+1 {{'aten.gather' op dim 2 is out of range for rank 2}}
  %0 = "aten.gather"(%a0, %a1) {dim = 2 : i64, sparse_grad = false} : (tensor<4x5xf32>, tensor<4x2xi64>) -> tensor<4x2xf32>
  return
}

// -----

// index: result is self[:dim] + index.shape + self[dim+1:]
func.func @f(%a0: tensor<4x5x6xf32>, %a1: tensor<2x3xi64>) {
  // expected-error @+1 {{'aten.index' op result shape is 2x3x5x6, expected 4x2x3x6}}
  %0 = "aten.index"(%a0, %a1) {dim = 1 : i64} : (tensor<4x5x6xf32>, tensor<2x3xi64>) -> tensor<2x3x5x6xf32>
  return
}

// -----

// index: integer index
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<2xf32>) {
  // expected-error @+1 {{'aten.index' op index element type f32 is not an integer type}}
  %0 = "aten.index"(%a0, %a1) {dim = 0 : i64} : (tensor<4x5xf32>, tensor<2xf32>) -> tensor<2x5xf32>
  return
}

// -----

// index: dim in range
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<2xi64>) {
  // expected-error @+1 {{'aten.index' op dim -3 is out of range for rank 2}}
  %0 = "aten.index"(%a0, %a1) {dim = -3 : i64} : (tensor<4x5xf32>, tensor<2xi64>) -> tensor<2x5xf32>
  return
}

// -----

// index_select: index has at most 1 dim
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<2x2xi64>) {
  // expected-error @+1 {{'aten.index_select' op index has 2 dims, expected at most 1}}
  %0 = "aten.index_select"(%a0, %a1) {dim = 0 : i64} : (tensor<4x5xf32>, tensor<2x2xi64>) -> tensor<4x5xf32>
  return
}

// -----

// index_select: result has index.numel at dim
func.func @f(%a0: tensor<4x5xf32>, %a1: tensor<3xi64>) {
  // expected-error @+1 {{'aten.index_select' op result shape is 4x3, expected 3x5}}
  %0 = "aten.index_select"(%a0, %a1) {dim = 0 : i64} : (tensor<4x5xf32>, tensor<3xi64>) -> tensor<4x3xf32>
  return
}

// -----

// arange: step is nonzero
func.func @f() {
  // expected-error @+1 {{'aten.arange' op step must be nonzero}}
  %0 = "aten.arange"() {start = 0 : i64, end = 4 : i64, step = 0 : i64} : () -> tensor<4xf32>
  return
}

// -----

// arange: step points from start to end
func.func @f() {
  // expected-error @+1 {{'aten.arange' op range [0, 4) with step -1 has no valid length}}
  %0 = "aten.arange"() {start = 0 : i64, end = 4 : i64, step = -1 : i64} : () -> tensor<4xf32>
  return
}

// -----

// arange: length ceil((end - start) / step)
func.func @f() {
  // expected-error @+1 {{'aten.arange' op result shape is 3, expected 4}}
  %0 = "aten.arange"() {start = 0.0 : f64, end = 1.0 : f64, step = 3.000000e-01 : f64} : () -> tensor<3xf32>
  return
}

// -----

// arange: the result is 1-d
func.func @f() {
  // expected-error @+1 {{'aten.arange' op result shape is 2x2, expected 4}}
  %0 = "aten.arange"() {start = 0 : i64, end = 4 : i64, step = 1 : i64} : () -> tensor<2x2xf32>
  return
}

// -----

// full: result shape is size
func.func @f() {
  // expected-error @+1 {{'aten.full' op result shape is 3x2, expected 2x3}}
  %0 = "aten.full"() {size = array<i64: 2, 3>, fill_value = 0 : i64} : () -> tensor<3x2xf32>
  return
}

// -----

// full: no negative sizes
func.func @f() {
  // expected-error @+1 {{'aten.full' op size [2, -1] has negative dim -1}}
  %0 = "aten.full"() {size = array<i64: 2, -1>, fill_value = 0 : i64} : () -> tensor<2xf32>
  return
}

// -----

// zeros: result shape is size
func.func @f() {
  // expected-error @+1 {{'aten.zeros' op result shape is 2, expected 3}}
  %0 = "aten.zeros"() {size = array<i64: 3>} : () -> tensor<2xf32>
  return
}

// -----

// ones: result shape is size
func.func @f() {
  // expected-error @+1 {{'aten.ones' op result shape is 1, expected 0-d}}
  %0 = "aten.ones"() {size = array<i64>} : () -> tensor<1xf32>
  return
}

// -----

// new_ones: result shape is size, not the shape of self
func.func @f(%a0: tensor<5xf32>) {
  // expected-error @+1 {{'aten.new_ones' op result shape is 5, expected 2}}
  %0 = "aten.new_ones"(%a0) {size = array<i64: 2>} : (tensor<5xf32>) -> tensor<5xf32>
  return
}

// -----

// scalar_tensor: 0-d result
func.func @f() {
  // expected-error @+1 {{'aten.scalar_tensor' op result has 1 dims, expected 0}}
  %0 = "aten.scalar_tensor"() {s = 1.0 : f64} : () -> tensor<1xf32>
  return
}

// -----

// lstm: 3-d input
func.func @f(%a0: tensor<5x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op input has 2 dims, expected 3}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: one layer per op
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op num_layers 2, expected 1 (one layer per op)}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 2 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: one direction per op
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op bidirectional is true, expected one direction}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = true, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: w_ih is [4H, I]
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x2xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op w_ih shape is 16x2, expected 16x3}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x2xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: w_hh is [4H, H]
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<12x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op w_hh shape is 12x4, expected 16x4}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<12x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: has_biases agrees with the bias operands
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>) {
  // expected-error @+1 {{'aten.lstm' op has_biases is true but 0 bias operands are given}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: b_hh is [4H]
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<4xf32>) {
  // expected-error @+1 {{'aten.lstm' op b_hh shape is 4, expected 16}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<4xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: h0 is [1, B, H]
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op h0 shape is 2x4, expected 1x2x4}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: c0 is [1, B, H]
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x5x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op c0 shape is 1x5x4, expected 1x2x4}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x5x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: output is [T, B, H]
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op output shape is 2x5x4, expected 5x2x4}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: output is [B, T, H] with batch_first
func.func @f(%a0: tensor<2x5x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op output shape is 5x2x4, expected 2x5x4}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// lstm: c_n is [1, B, H]
func.func @f(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  // expected-error @+1 {{'aten.lstm' op c_n shape is 2x4, expected 1x2x4}}
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<2x4xf32>)
  return
}
