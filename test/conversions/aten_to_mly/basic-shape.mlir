// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// Views and data movement: the result type decides reshapes and
// broadcasts; slices clamp like PyTorch; cat promotes.

// view, flatten, unsqueeze, squeeze: one mly.reshape each.
// CHECK-LABEL: func.func @reshapes
// CHECK: %[[A:.*]] = "mly.reshape"(%arg0) : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
// CHECK: %[[B:.*]] = "mly.reshape"(%[[A]]) : (tensor<6x4xf32>) -> tensor<24xf32>
// CHECK: %[[C:.*]] = "mly.reshape"(%[[B]]) : (tensor<24xf32>) -> tensor<1x24xf32>
// CHECK: "mly.reshape"(%[[C]]) : (tensor<1x24xf32>) -> tensor<24xf32>
// CHECK-NOT: aten.
func.func @reshapes(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  %0 = "aten.view"(%x) {size = array<i64: -1, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = "aten.flatten"(%0) {start_dim = 0 : i64, end_dim = -1 : i64} : (tensor<6x4xf32>) -> tensor<24xf32>
  %2 = "aten.unsqueeze"(%1) {dim = 0 : i64} : (tensor<24xf32>) -> tensor<1x24xf32>
  %3 = "aten.squeeze"(%2) {dim = array<i64: 0>} : (tensor<1x24xf32>) -> tensor<24xf32>
  return %3 : tensor<24xf32>
}

// -----

// A reshape to the same shape is no op at all.
// CHECK-LABEL: func.func @reshape_same
// CHECK-NEXT: return %arg0
func.func @reshape_same(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.reshape"(%x) {shape = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// permute (negative dims wrap), transpose, t.
// CHECK-LABEL: func.func @transposes
// CHECK: %[[P:.*]] = "mly.transpose"(%arg0) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK: %[[T:.*]] = "mly.transpose"(%[[P]]) {permutation = array<i64: 0, 2, 1>} : (tensor<4x2x3xf32>) -> tensor<4x3x2xf32>
// CHECK: "mly.transpose"(%arg1) {permutation = array<i64: 1, 0>} : (tensor<5x6xf32>) -> tensor<6x5xf32>
func.func @transposes(%x: tensor<2x3x4xf32>, %m: tensor<5x6xf32>) -> (tensor<4x3x2xf32>, tensor<6x5xf32>) {
  %0 = "aten.permute"(%x) {dims = array<i64: -1, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = "aten.transpose"(%0) {dim0 = -1 : i64, dim1 = 1 : i64} : (tensor<4x2x3xf32>) -> tensor<4x3x2xf32>
  %2 = "aten.t"(%m) : (tensor<5x6xf32>) -> tensor<6x5xf32>
  return %1, %2 : tensor<4x3x2xf32>, tensor<6x5xf32>
}

// -----

// expand with -1 and a new leading dim.
// CHECK-LABEL: func.func @expand
// CHECK: "mly.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 1, 2>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
func.func @expand(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = "aten.expand"(%x) {size = array<i64: 2, -1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// slice: a negative start counts from the end, INT64_MAX means the end.
// CHECK-LABEL: func.func @slice
// CHECK: "mly.slice"(%arg0) {limit_indices = array<i64: 2, 10>, start_indices = array<i64: 0, 7>, strides = array<i64: 1, 1>} : (tensor<2x10xf32>) -> tensor<2x3xf32>
func.func @slice(%x: tensor<2x10xf32>) -> tensor<2x3xf32> {
  %0 = "aten.slice"(%x) {dim = 1 : i64, start = -3 : i64, end = 9223372036854775807 : i64, step = 1 : i64} : (tensor<2x10xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// slice with a step, an end past the size and a start before 0.
// CHECK-LABEL: func.func @slice_step
// CHECK: "mly.slice"(%arg0) {limit_indices = array<i64: 10>, start_indices = array<i64: 0>, strides = array<i64: 3>} : (tensor<10xf32>) -> tensor<4xf32>
func.func @slice_step(%x: tensor<10xf32>) -> tensor<4xf32> {
  %0 = "aten.slice"(%x) {dim = 0 : i64, start = -20 : i64, end = 50 : i64, step = 3 : i64} : (tensor<10xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select with a negative index: a one-row slice, reshaped.
// CHECK-LABEL: func.func @select
// CHECK: %[[S:.*]] = "mly.slice"(%arg0) {limit_indices = array<i64: 3, 4>, start_indices = array<i64: 2, 0>, strides = array<i64: 1, 1>} : (tensor<3x4xf32>) -> tensor<1x4xf32>
// CHECK: "mly.reshape"(%[[S]]) : (tensor<1x4xf32>) -> tensor<4xf32>
func.func @select(%x: tensor<3x4xf32>) -> tensor<4xf32> {
  %0 = "aten.select"(%x) {dim = 0 : i64, index = -1 : i64} : (tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// cat promotes both operands to the result dtype.
// CHECK-LABEL: func.func @cat
// CHECK: %[[B:.*]] = "mly.cast"(%arg1) : (tensor<2x1xi64>) -> tensor<2x1xf32>
// CHECK: "mly.concat"(%arg0, %[[B]]) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
func.func @cat(%x: tensor<2x3xf32>, %y: tensor<2x1xi64>) -> tensor<2x4xf32> {
  %0 = "aten.cat"(%x, %y) {dim = -1 : i64} : (tensor<2x3xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// A legacy empty 1-d operand of cat is skipped.
// CHECK-LABEL: func.func @cat_empty
// CHECK-NOT: mly.concat
// CHECK: return %arg1
func.func @cat_empty(%x: tensor<0xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.cat"(%x, %y) {dim = 0 : i64} : (tensor<0xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Copies: nothing when the dtype stays, a cast when it changes.
// CHECK-LABEL: func.func @copies
// CHECK-NEXT: %[[C:.*]] = "mly.cast"(%arg0) : (tensor<4xf32>) -> tensor<4xf16>
// CHECK-NEXT: return %[[C]]
func.func @copies(%x: tensor<4xf32>) -> tensor<4xf16> {
  %0 = "aten.clone"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "aten.contiguous"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "aten.alias"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "aten.dropout"(%2) {p = 0.1 : f64, train = false} : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "aten.to_copy"(%3) : (tensor<4xf32>) -> tensor<4xf16>
  return %4 : tensor<4xf16>
}
