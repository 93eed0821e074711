// sum, mean, amax: one dim, all dims (empty list), negative dims, keepdim,
// several dims, bool and int inputs (sum of i1 gives i64).
// RUN: mly-run %s --backend interp --entry=sum_row --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=SUM_ROW
// RUN: mly-run %s --backend interp --entry=sum_all --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=SUM_ALL
// RUN: mly-run %s --backend interp --entry=sum_keep --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=SUM_KEEP
// RUN: mly-run %s --backend interp --entry=sum_bool --input 2x3xi1:1,0,1,1,1,0 --print | FileCheck %s --check-prefix=SUM_BOOL
// RUN: mly-run %s --backend interp --entry=sum_i32 --input 2x2xi32:1,2,3,4 --print | FileCheck %s --check-prefix=SUM_I32
// RUN: mly-run %s --backend interp --entry=mean_keep --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=MEAN_KEEP
// RUN: mly-run %s --backend interp --entry=mean_all --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=MEAN_ALL
// RUN: mly-run %s --backend interp --entry=mean_two --input 2x2x2xf32:1,2,3,4,5,6,7,8 --print | FileCheck %s --check-prefix=MEAN_TWO
// RUN: mly-run %s --backend interp --entry=amax_row --input 2x3xf32:1,-2,3,-4,5,-6 --print | FileCheck %s --check-prefix=AMAX_ROW
// RUN: mly-run %s --backend interp --entry=amax_col --input 2x3xf32:1,-2,3,-4,5,-6 --print | FileCheck %s --check-prefix=AMAX_COL
// RUN: mly-run %s --backend interp --entry=amax_int --input 3xi64:3,-7,2 --print | FileCheck %s --check-prefix=AMAX_INT

// SUM_ROW: output_0: tensor<2xf32> = [6, 15]
func.func @sum_row(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = "aten.sum"(%x) {dim = array<i64: 1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// SUM_ALL: output_0: tensor<f32> = [21]
func.func @sum_all(%x: tensor<2x3xf32>) -> tensor<f32> {
  %0 = "aten.sum"(%x) {dim = array<i64>, keepdim = false} : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// column sums
// SUM_KEEP: output_0: tensor<1x3xf32> = [5, 7, 9]
func.func @sum_keep(%x: tensor<2x3xf32>) -> tensor<1x3xf32> {
  %0 = "aten.sum"(%x) {dim = array<i64: -2>, keepdim = true} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// SUM_BOOL: output_0: tensor<2xi64> = [2, 2]
func.func @sum_bool(%x: tensor<2x3xi1>) -> tensor<2xi64> {
  %0 = "aten.sum"(%x) {dim = array<i64: 1>, keepdim = false} : (tensor<2x3xi1>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// SUM_I32: output_0: tensor<2xi32> = [4, 6]
func.func @sum_i32(%x: tensor<2x2xi32>) -> tensor<2xi32> {
  %0 = "aten.sum"(%x) {dim = array<i64: 0>, keepdim = false} : (tensor<2x2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// MEAN_KEEP: output_0: tensor<2x1xf32> = [2, 5]
func.func @mean_keep(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = "aten.mean"(%x) {dim = array<i64: -1>, keepdim = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// MEAN_ALL: output_0: tensor<1x1xf32> = [3.5]
func.func @mean_all(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = "aten.mean"(%x) {dim = array<i64>, keepdim = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// x[i][j][k] = 4i + 2j + k + 1; j = 0: {1, 2, 5, 6}, j = 1: {3, 4, 7, 8}
// MEAN_TWO: output_0: tensor<2xf32> = [3.5, 5.5]
func.func @mean_two(%x: tensor<2x2x2xf32>) -> tensor<2xf32> {
  %0 = "aten.mean"(%x) {dim = array<i64: 0, -1>, keepdim = false} : (tensor<2x2x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// AMAX_ROW: output_0: tensor<2x1xf32> = [3, 5]
func.func @amax_row(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = "aten.amax"(%x) {dim = array<i64: 1>, keepdim = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// AMAX_COL: output_0: tensor<3xf32> = [1, 5, 3]
func.func @amax_col(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  %0 = "aten.amax"(%x) {dim = array<i64: 0>, keepdim = false} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// AMAX_INT: output_0: tensor<i64> = [3]
func.func @amax_int(%x: tensor<3xi64>) -> tensor<i64> {
  %0 = "aten.amax"(%x) {dim = array<i64>, keepdim = false} : (tensor<3xi64>) -> tensor<i64>
  return %0 : tensor<i64>
}
