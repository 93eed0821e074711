// conv: 1-d with bias, stride + padding, dilation, groups, several input
// channels, and 2-d with stride + padding. Expected values are the dot
// products of each window with the kernel, worked by hand.
// RUN: mly-run %s --backend interp --input 1x1x5xf32:1,2,3,4,5 --input 1x1x3xf32:1,0,-1 --input 1xf32:10 --print | FileCheck %s --check-prefix=C1
// RUN: mly-run %s --backend interp --entry=channels --input 1x2x3xf32:1,2,3,4,5,6 --input 2x1x2xf32:1,1,1,-1 --input 1x2x2xf32:1,1,1,-1 --print | FileCheck %s --check-prefix=CH
// RUN: mly-run %s --backend interp --entry=planar --input 1x1x3x3xf32:1,2,3,4,5,6,7,8,9 --input 1x1x2x2xf32:1,0,0,1 --print | FileCheck %s --check-prefix=C2

// x = [1, 2, 3, 4, 5], w = [1, 0, -1]: out[i] = x[i] - x[i+2] (+ 10).
// Stride 2, padding 1 reads windows [0,1,2], [2,3,4], [4,5,0] -> -2, -2, 4.
// Dilation 2 reads x[0] - x[4].
// C1: output_0: tensor<1x1x3xf32> = [-2, -2, -2]
// C1-NEXT: output_1: tensor<1x1x3xf32> = [8, 8, 8]
// C1-NEXT: output_2: tensor<1x1x3xf32> = [-2, -2, 4]
// C1-NEXT: output_3: tensor<1x1x1xf32> = [-4]
func.func @forward(%x: tensor<1x1x5xf32>, %w: tensor<1x1x3xf32>, %b: tensor<1xf32>) -> (tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x1xf32>) {
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x1x5xf32>, tensor<1x1x3xf32>) -> tensor<1x1x3xf32>
  %1 = "mly.conv"(%x, %w, %b) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<1x1x5xf32>, tensor<1x1x3xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  %2 = "mly.conv"(%x, %w) {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x1x5xf32>, tensor<1x1x3xf32>) -> tensor<1x1x3xf32>
  %3 = "mly.conv"(%x, %w) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 2>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x1x5xf32>, tensor<1x1x3xf32>) -> tensor<1x1x1xf32>
  return %0, %1, %2, %3 : tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x1xf32>
}

// Channels c0 = [1, 2, 3], c1 = [4, 5, 6]. groups = 2: out0 = c0 * [1, 1]
// = [3, 5], out1 = c1 * [1, -1] = [-1, -1]. groups = 1 with one filter
// [[1, 1], [1, -1]]: [3 - 1, 5 - 1].
// CH: output_0: tensor<1x2x2xf32> = [3, 5, -1, -1]
// CH-NEXT: output_1: tensor<1x1x2xf32> = [2, 4]
func.func @channels(%x: tensor<1x2x3xf32>, %wg: tensor<2x1x2xf32>, %w: tensor<1x2x2xf32>) -> (tensor<1x2x2xf32>, tensor<1x1x2xf32>) {
  %0 = "mly.conv"(%x, %wg) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x2x3xf32>, tensor<2x1x2xf32>) -> tensor<1x2x2xf32>
  %1 = "mly.conv"(%x, %w) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x2x3xf32>, tensor<1x2x2xf32>) -> tensor<1x1x2xf32>
  return %0, %1 : tensor<1x2x2xf32>, tensor<1x1x2xf32>
}

// 3x3 holding 1..9, kernel [[1, 0], [0, 1]]: x[i][j] + x[i+1][j+1]. With
// stride 2 and padding 1 the windows start at padded (0,0), (0,2), (2,0),
// (2,2): 0 + 1, 0 + 3, 0 + 7, 5 + 9.
// C2: output_0: tensor<1x1x2x2xf32> = [6, 8, 12, 14]
// C2-NEXT: output_1: tensor<1x1x2x2xf32> = [1, 3, 7, 14]
func.func @planar(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x2x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) {
  %0 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %1 = "mly.conv"(%x, %w) {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0, %1 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>
}
