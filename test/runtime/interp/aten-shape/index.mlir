// index (one index tensor at `dim`; negative indices wrap) and index_select
// (1-d or 0-d index; no wrapping); out-of-range indices are errors.
// RUN: mly-run %s --backend interp --entry=rows --input 3x2xf32:1,2,3,4,5,6 --input 2x2xi64:2,-1,0,-3 --print | FileCheck %s --check-prefix=ROWS
// RUN: mly-run %s --backend interp --entry=cols --input 3x2xi64:1,2,3,4,5,6 --input 3xi64:1,0,-1 --print | FileCheck %s --check-prefix=COLS
// RUN: not mly-run %s --backend interp --entry=rows --input 3x2xf32:1,2,3,4,5,6 --input 2x2xi64:0,0,0,-4 --print 2>&1 | FileCheck %s --check-prefix=ROWS_LOW
// RUN: not mly-run %s --backend interp --entry=rows --input 3x2xf32:1,2,3,4,5,6 --input 2x2xi64:3,0,0,0 --print 2>&1 | FileCheck %s --check-prefix=ROWS_HIGH
// RUN: mly-run %s --backend interp --entry=select_cols --input 2x3xf32:1,2,3,4,5,6 --input 2xi32:2,0 --print | FileCheck %s --check-prefix=SELECT
// RUN: mly-run %s --backend interp --entry=select_0d --input 2x3xf32:1,2,3,4,5,6 --input i64:1 --print | FileCheck %s --check-prefix=SELECT_0D
// RUN: not mly-run %s --backend interp --entry=select_cols --input 2x3xf32:1,2,3,4,5,6 --input 2xi32:0,-1 --print 2>&1 | FileCheck %s --check-prefix=SELECT_NEG

// x rows [1, 2], [3, 4], [5, 6]; index [[2, 2], [0, 0]] after wrapping
// ROWS: output_0: tensor<2x2x2xf32> = [5, 6, 5, 6, 1, 2, 1, 2]
// ROWS_LOW: error: 'aten.index' op index -4 is out of range for dim 0 of size 3
// ROWS_HIGH: error: 'aten.index' op index 3 is out of range for dim 0 of size 3
func.func @rows(%x: tensor<3x2xf32>, %i: tensor<2x2xi64>) -> tensor<2x2x2xf32> {
  %0 = "aten.index"(%x, %i) {dim = 0 : i64} : (tensor<3x2xf32>, tensor<2x2xi64>) -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}

// r[i] = [x[i][1], x[i][0], x[i][1]]
// COLS: output_0: tensor<3x3xi64> = [2, 1, 2, 4, 3, 4, 6, 5, 6]
func.func @cols(%x: tensor<3x2xi64>, %i: tensor<3xi64>) -> tensor<3x3xi64> {
  %0 = "aten.index"(%x, %i) {dim = -1 : i64} : (tensor<3x2xi64>, tensor<3xi64>) -> tensor<3x3xi64>
  return %0 : tensor<3x3xi64>
}

// SELECT: output_0: tensor<2x2xf32> = [3, 1, 6, 4]
// SELECT_NEG: error: 'aten.index_select' op index -1 is out of range for dim 1 of size 3
func.func @select_cols(%x: tensor<2x3xf32>, %i: tensor<2xi32>) -> tensor<2x2xf32> {
  %0 = "aten.index_select"(%x, %i) {dim = -1 : i64} : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// SELECT_0D: output_0: tensor<1x3xf32> = [4, 5, 6]
func.func @select_0d(%x: tensor<2x3xf32>, %i: tensor<i64>) -> tensor<1x3xf32> {
  %0 = "aten.index_select"(%x, %i) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<i64>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}
