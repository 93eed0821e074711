// select: negative index and dim, selecting a row, down to a 0-d result.
// RUN: mly-run %s --backend interp --entry=column --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=COLUMN
// RUN: mly-run %s --backend interp --entry=row --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=ROW
// RUN: mly-run %s --backend interp --entry=scalar --input 3xi64:7,8,9 --print | FileCheck %s --check-prefix=SCALAR

// COLUMN: output_0: tensor<2xf32> = [3, 6]
func.func @column(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = "aten.select"(%x) {dim = -1 : i64, index = -1 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// ROW: output_0: tensor<3xf32> = [4, 5, 6]
func.func @row(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  %0 = "aten.select"(%x) {dim = 0 : i64, index = 1 : i64} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// SCALAR: output_0: tensor<i64> = [7]
func.func @scalar(%x: tensor<3xi64>) -> tensor<i64> {
  %0 = "aten.select"(%x) {dim = 0 : i64, index = -3 : i64} : (tensor<3xi64>) -> tensor<i64>
  return %0 : tensor<i64>
}
