// expand repeats size-1 dims and new leading dims; -1 keeps a dim.
// RUN: mly-run %s --backend interp --entry=expand_f32 --input 3x1xf32:1,2,3 --print | FileCheck %s --check-prefix=F32
// RUN: mly-run %s --backend interp --entry=expand_bool --input 1x2xi1:1,0 --print | FileCheck %s --check-prefix=BOOL
// RUN: mly-run %s --backend interp --entry=expand_scalar --input i64:5 --print | FileCheck %s --check-prefix=SCALAR

// r[a][i][j] = x[i][0]
// F32: output_0: tensor<2x3x4xf32> = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]
func.func @expand_f32(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = "aten.expand"(%x) {size = array<i64: 2, -1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// BOOL: output_0: tensor<3x2xi1> = [1, 0, 1, 0, 1, 0]
func.func @expand_bool(%x: tensor<1x2xi1>) -> tensor<3x2xi1> {
  %0 = "aten.expand"(%x) {size = array<i64: 3, 2>} : (tensor<1x2xi1>) -> tensor<3x2xi1>
  return %0 : tensor<3x2xi1>
}

// SCALAR: output_0: tensor<2x2xi64> = [5, 5, 5, 5]
func.func @expand_scalar(%x: tensor<i64>) -> tensor<2x2xi64> {
  %0 = "aten.expand"(%x) {size = array<i64: 2, 2>} : (tensor<i64>) -> tensor<2x2xi64>
  return %0 : tensor<2x2xi64>
}
