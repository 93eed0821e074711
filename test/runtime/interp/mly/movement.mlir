// iota and data movement: broadcast_in_dim, reshape, transpose, slice,
// pad (negative low/high crop) and concat. x is [[1, 2, 3], [4, 5, 6]].
// RUN: mly-run %s --backend interp --input 2x3xf32:1,2,3,4,5,6 --input 3xf32:1,2,3 --input 2x1xf32:5,7 --print | FileCheck %s --check-prefix=B
// RUN: mly-run %s --backend interp --entry=permute --input 2x3xf32:1,2,3,4,5,6 --input 2x2x2xi64:1,2,3,4,5,6,7,8 --print | FileCheck %s --check-prefix=T
// RUN: mly-run %s --backend interp --entry=slices --input 2x3xf32:1,2,3,4,5,6 --input 6xi32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=S
// RUN: mly-run %s --backend interp --entry=pads --input 2x3xf32:1,2,3,4,5,6 --input 2xi64:3,4 --print | FileCheck %s --check-prefix=P
// RUN: mly-run %s --backend interp --entry=concats --input 2x3xf32:1,2,3,4,5,6 --input 2x1xf32:7,8 --input 1x3xf32:7,8,9 --print | FileCheck %s --check-prefix=C

// B: output_0: tensor<2x3xi64> = [0, 1, 2, 0, 1, 2]
// B-NEXT: output_1: tensor<2x3xf32> = [0, 0, 0, 1, 1, 1]
// B-NEXT: output_2: tensor<2x3xf32> = [1, 2, 3, 1, 2, 3]
// B-NEXT: output_3: tensor<2x3xf32> = [5, 5, 5, 7, 7, 7]
// B-NEXT: output_4: tensor<3x2xf32> = [1, 2, 3, 4, 5, 6]
func.func @forward(%x: tensor<2x3xf32>, %row: tensor<3xf32>, %col: tensor<2x1xf32>) -> (tensor<2x3xi64>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>) {
  %0 = "mly.iota"() {dim = 1 : i64} : () -> tensor<2x3xi64>
  %1 = "mly.iota"() {dim = 0 : i64} : () -> tensor<2x3xf32>
  %2 = "mly.broadcast_in_dim"(%row) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %3 = "mly.broadcast_in_dim"(%col) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<2x3xf32>
  %4 = "mly.reshape"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xi64>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>
}

// out[i, j, k] = y[j, k, i] for permutation [2, 0, 1].
// T: output_0: tensor<3x2xf32> = [1, 4, 2, 5, 3, 6]
// T-NEXT: output_1: tensor<2x2x2xi64> = [1, 3, 5, 7, 2, 4, 6, 8]
func.func @permute(%x: tensor<2x3xf32>, %y: tensor<2x2x2xi64>) -> (tensor<3x2xf32>, tensor<2x2x2xi64>) {
  %0 = "mly.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = "mly.transpose"(%y) {permutation = array<i64: 2, 0, 1>} : (tensor<2x2x2xi64>) -> tensor<2x2x2xi64>
  return %0, %1 : tensor<3x2xf32>, tensor<2x2x2xi64>
}

// S: output_0: tensor<2x2xf32> = [2, 3, 5, 6]
// S-NEXT: output_1: tensor<3xi32> = [2, 4, 6]
// S-NEXT: output_2: tensor<0x3xf32> = []
func.func @slices(%x: tensor<2x3xf32>, %y: tensor<6xi32>) -> (tensor<2x2xf32>, tensor<3xi32>, tensor<0x3xf32>) {
  %0 = "mly.slice"(%x) {start_indices = array<i64: 0, 1>, limit_indices = array<i64: 2, 3>, strides = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  %1 = "mly.slice"(%y) {start_indices = array<i64: 1>, limit_indices = array<i64: 6>, strides = array<i64: 2>} : (tensor<6xi32>) -> tensor<3xi32>
  %2 = "mly.slice"(%x) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 1, 3>, strides = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<0x3xf32>
  return %0, %1, %2 : tensor<2x2xf32>, tensor<3xi32>, tensor<0x3xf32>
}

// Negative low/high crop: [0, -1] low + [0, 1] high shifts columns left;
// [-1, 1] low + [0, -2] high keeps row 1 and puts one pad before col 0.
// P: output_0: tensor<3x4xf32> = [0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0]
// P-NEXT: output_1: tensor<2x3xf32> = [2, 3, 9, 5, 6, 9]
// P-NEXT: output_2: tensor<1x2xf32> = [9, 4]
// P-NEXT: output_3: tensor<5xi64> = [-1, 3, 4, -1, -1]
func.func @pads(%x: tensor<2x3xf32>, %v: tensor<2xi64>) -> (tensor<3x4xf32>, tensor<2x3xf32>, tensor<1x2xf32>, tensor<5xi64>) {
  %0 = "mly.pad"(%x) {low = array<i64: 1, 0>, high = array<i64: 0, 1>, value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<3x4xf32>
  %1 = "mly.pad"(%x) {low = array<i64: 0, -1>, high = array<i64: 0, 1>, value = 9.0 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "mly.pad"(%x) {low = array<i64: -1, 1>, high = array<i64: 0, -2>, value = 9.0 : f32} : (tensor<2x3xf32>) -> tensor<1x2xf32>
  %3 = "mly.pad"(%v) {low = array<i64: 1>, high = array<i64: 2>, value = -1 : i64} : (tensor<2xi64>) -> tensor<5xi64>
  return %0, %1, %2, %3 : tensor<3x4xf32>, tensor<2x3xf32>, tensor<1x2xf32>, tensor<5xi64>
}

// C: output_0: tensor<2x4xf32> = [1, 2, 3, 7, 4, 5, 6, 8]
// C-NEXT: output_1: tensor<3x3xf32> = [1, 2, 3, 4, 5, 6, 7, 8, 9]
func.func @concats(%x: tensor<2x3xf32>, %c: tensor<2x1xf32>, %r: tensor<1x3xf32>) -> (tensor<2x4xf32>, tensor<3x3xf32>) {
  %0 = "mly.concat"(%x, %c) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %1 = "mly.concat"(%x, %r) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<3x3xf32>
}
