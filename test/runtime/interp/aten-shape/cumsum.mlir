// cumsum along the last and a negative dim; bool input gives i64.
// RUN: mly-run %s --backend interp --entry=rows --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=ROWS
// RUN: mly-run %s --backend interp --entry=cols --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=COLS
// RUN: mly-run %s --backend interp --entry=bool --input 4xi1:1,0,1,1 --print | FileCheck %s --check-prefix=BOOL
// RUN: mly-run %s --backend interp --entry=i32 --input 2x2xi32:1,2,3,4 --print | FileCheck %s --check-prefix=I32

// ROWS: output_0: tensor<2x3xf32> = [1, 3, 6, 4, 9, 15]
func.func @rows(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.cumsum"(%x) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// COLS: output_0: tensor<2x3xf32> = [1, 2, 3, 5, 7, 9]
func.func @cols(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.cumsum"(%x) {dim = -2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// BOOL: output_0: tensor<4xi64> = [1, 1, 2, 3]
func.func @bool(%x: tensor<4xi1>) -> tensor<4xi64> {
  %0 = "aten.cumsum"(%x) {dim = 0 : i64} : (tensor<4xi1>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// I32: output_0: tensor<2x2xi32> = [1, 2, 4, 6]
func.func @i32(%x: tensor<2x2xi32>) -> tensor<2x2xi32> {
  %0 = "aten.cumsum"(%x) {dim = 0 : i64} : (tensor<2x2xi32>) -> tensor<2x2xi32>
  return %0 : tensor<2x2xi32>
}
