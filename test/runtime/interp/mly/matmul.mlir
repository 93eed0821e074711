// matmul: plain, transpose_lhs, transpose_rhs, both, batched, integers.
// A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]; A x B is
// [[58, 64], [139, 154]]. At and Bt are their transposes, so every
// transpose combination gives A x B again.
// RUN: mly-run %s --backend interp --input 2x3xf32:1,2,3,4,5,6 --input 3x2xf32:7,8,9,10,11,12 --input 3x2xf32:1,4,2,5,3,6 --input 2x3xf32:7,9,11,8,10,12 --print | FileCheck %s --check-prefix=M
// RUN: mly-run %s --backend interp --entry=batched --input 2x1x2xf32:1,2,5,6 --input 2x2x1xf32:3,4,7,8 --input 2x3xi64:1,2,3,4,5,6 --input 3x2xi64:7,8,9,10,11,12 --print | FileCheck %s --check-prefix=B

// M: output_0: tensor<2x2xf32> = [58, 64, 139, 154]
// M-NEXT: output_1: tensor<2x2xf32> = [58, 64, 139, 154]
// M-NEXT: output_2: tensor<2x2xf32> = [58, 64, 139, 154]
// M-NEXT: output_3: tensor<2x2xf32> = [58, 64, 139, 154]
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>, %at: tensor<3x2xf32>, %bt: tensor<2x3xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %1 = "mly.matmul"(%at, %b) {transpose_lhs = true, transpose_rhs = false} : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %2 = "mly.matmul"(%a, %bt) {transpose_lhs = false, transpose_rhs = true} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  %3 = "mly.matmul"(%at, %bt) {transpose_lhs = true, transpose_rhs = true} : (tensor<3x2xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0, %1, %2, %3 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// Batch 0: [1, 2] . [3, 4] = 11; batch 1: [5, 6] . [7, 8] = 83. The
// outer product of batch 0 with transpose_lhs/rhs: [[3, 4], [6, 8]].
// B: output_0: tensor<2x1x1xf32> = [11, 83]
// B-NEXT: output_1: tensor<2x2x2xf32> = [3, 4, 6, 8, 35, 40, 42, 48]
// B-NEXT: output_2: tensor<2x2xi64> = [58, 64, 139, 154]
func.func @batched(%x: tensor<2x1x2xf32>, %y: tensor<2x2x1xf32>, %a: tensor<2x3xi64>, %b: tensor<3x2xi64>) -> (tensor<2x1x1xf32>, tensor<2x2x2xf32>, tensor<2x2xi64>) {
  %0 = "mly.matmul"(%x, %y) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x1x2xf32>, tensor<2x2x1xf32>) -> tensor<2x1x1xf32>
  %1 = "mly.matmul"(%x, %y) {transpose_lhs = true, transpose_rhs = true} : (tensor<2x1x2xf32>, tensor<2x2x1xf32>) -> tensor<2x2x2xf32>
  %2 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x3xi64>, tensor<3x2xi64>) -> tensor<2x2xi64>
  return %0, %1, %2 : tensor<2x1x1xf32>, tensor<2x2x2xf32>, tensor<2x2xi64>
}
