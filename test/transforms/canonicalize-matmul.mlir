// RUN: mly-opt %s --split-input-file --mly-canonicalize | FileCheck %s

// A transpose of the last two dims folds into the matmul's flag (rhs: the
// weight of a linear layer in a Core ATen graph).
// CHECK-LABEL: func.func @rhs
// CHECK-NEXT: %[[M:.*]] = "mly.matmul"(%arg0, %arg1) {transpose_lhs = false, transpose_rhs = true} : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: return %[[M]]
func.func @rhs(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>) -> tensor<4x16xf32> {
  %t = "mly.transpose"(%w) {permutation = array<i64: 1, 0>} : (tensor<16x8xf32>) -> tensor<8x16xf32>
  %0 = "mly.matmul"(%x, %t) {transpose_lhs = false, transpose_rhs = false} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----
// Both sides, batched, flags already set: they flip back.
// CHECK-LABEL: func.func @both
// CHECK-NEXT: %[[M:.*]] = "mly.matmul"(%arg0, %arg1) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4x8xf32>, tensor<2x8x3xf32>) -> tensor<2x4x3xf32>
// CHECK-NEXT: return %[[M]]
func.func @both(%a: tensor<2x4x8xf32>, %b: tensor<2x8x3xf32>) -> tensor<2x4x3xf32> {
  %ta = "mly.transpose"(%a) {permutation = array<i64: 0, 2, 1>} : (tensor<2x4x8xf32>) -> tensor<2x8x4xf32>
  %tb = "mly.transpose"(%b) {permutation = array<i64: 0, 2, 1>} : (tensor<2x8x3xf32>) -> tensor<2x3x8xf32>
  %0 = "mly.matmul"(%ta, %tb) {transpose_lhs = true, transpose_rhs = true} : (tensor<2x8x4xf32>, tensor<2x3x8xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----
// A transpose that moves a batch dim is not a flag: it stays.
// CHECK-LABEL: func.func @batch_perm
// CHECK-NEXT: "mly.transpose"
// CHECK-NEXT: "mly.matmul"(%{{.*}}, %arg1) {transpose_lhs = false, transpose_rhs = false}
func.func @batch_perm(%a: tensor<4x2x8xf32>, %b: tensor<2x8x3xf32>) -> tensor<2x4x3xf32> {
  %ta = "mly.transpose"(%a) {permutation = array<i64: 1, 0, 2>} : (tensor<4x2x8xf32>) -> tensor<2x4x8xf32>
  %0 = "mly.matmul"(%ta, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4x8xf32>, tensor<2x8x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----
// The transposed value has another user: the matmul still folds it, and
// the transpose stays for that user.
// CHECK-LABEL: func.func @shared
// CHECK: %[[T:.*]] = "mly.transpose"(%arg1)
// CHECK: "mly.matmul"(%arg0, %arg1) {transpose_lhs = false, transpose_rhs = true}
// CHECK: return %{{.*}}, %[[T]]
func.func @shared(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>) -> (tensor<4x16xf32>, tensor<8x16xf32>) {
  %t = "mly.transpose"(%w) {permutation = array<i64: 1, 0>} : (tensor<16x8xf32>) -> tensor<8x16xf32>
  %0 = "mly.matmul"(%x, %t) {transpose_lhs = false, transpose_rhs = false} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0, %t : tensor<4x16xf32>, tensor<8x16xf32>
}
