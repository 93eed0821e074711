// embedding: 2-d i64 indices with padding_idx (forward values unchanged),
// i32 and 0-d indices, and out-of-range indices (too large, negative).
// weight rows: [1, 2], [3, 4], [5, 6].
// RUN: mly-run %s --backend interp --entry=lookup --input 3x2xf32:1,2,3,4,5,6 --input 2x2xi64:2,0,1,2 --print | FileCheck %s --check-prefix=LOOKUP
// RUN: mly-run %s --backend interp --entry=lookup_i32 --input 3x2xf32:1,2,3,4,5,6 --input 1xi32:1 --print | FileCheck %s --check-prefix=I32
// RUN: mly-run %s --backend interp --entry=lookup_0d --input 3x2xf32:1,2,3,4,5,6 --input i64:2 --print | FileCheck %s --check-prefix=ZERO_D
// RUN: not mly-run %s --backend interp --entry=lookup_i32 --input 3x2xf32:1,2,3,4,5,6 --input 1xi32:3 --print 2>&1 | FileCheck %s --check-prefix=TOO_BIG
// RUN: not mly-run %s --backend interp --entry=lookup_i32 --input 3x2xf32:1,2,3,4,5,6 --input 1xi32:-1 --print 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// LOOKUP: output_0: tensor<2x2x2xf32> = [5, 6, 1, 2, 3, 4, 5, 6]
func.func @lookup(%w: tensor<3x2xf32>, %i: tensor<2x2xi64>) -> tensor<2x2x2xf32> {
  %0 = "aten.embedding"(%w, %i) {padding_idx = 0 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<3x2xf32>, tensor<2x2xi64>) -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}

// I32: output_0: tensor<1x2xf32> = [3, 4]
// TOO_BIG: error: 'aten.embedding' op index 3 is out of range for dim 0 of size 3
// TOO_BIG-NOT: output_0
// NEGATIVE: error: 'aten.embedding' op index -1 is out of range for dim 0 of size 3
func.func @lookup_i32(%w: tensor<3x2xf32>, %i: tensor<1xi32>) -> tensor<1x2xf32> {
  %0 = "aten.embedding"(%w, %i) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<3x2xf32>, tensor<1xi32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// ZERO_D: output_0: tensor<2xf32> = [5, 6]
func.func @lookup_0d(%w: tensor<3x2xf32>, %i: tensor<i64>) -> tensor<2xf32> {
  %0 = "aten.embedding"(%w, %i) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<3x2xf32>, tensor<i64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
