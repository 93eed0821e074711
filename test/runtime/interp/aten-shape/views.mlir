// view, reshape, flatten, unsqueeze and squeeze keep the row-major element
// order; squeeze and unsqueeze with negative dims, an int dtype.
// RUN: mly-run %s --backend interp --entry=view --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=VIEW
// RUN: mly-run %s --backend interp --entry=reshape --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=RESHAPE
// RUN: mly-run %s --backend interp --entry=flatten --input 2x1x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=FLATTEN
// RUN: mly-run %s --backend interp --entry=unsqueeze --input 2x3xi64:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=UNSQUEEZE
// RUN: mly-run %s --backend interp --entry=squeeze --input 1x3x1xi64:7,8,9 --print | FileCheck %s --check-prefix=SQUEEZE

// VIEW: output_0: tensor<3x2xf32> = [1, 2, 3, 4, 5, 6]
func.func @view(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "aten.view"(%x) {size = array<i64: 3, 2>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// RESHAPE: output_0: tensor<6xf32> = [1, 2, 3, 4, 5, 6]
func.func @reshape(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = "aten.reshape"(%x) {shape = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// FLATTEN: output_0: tensor<2x3xf32> = [1, 2, 3, 4, 5, 6]
func.func @flatten(%x: tensor<2x1x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.flatten"(%x) {start_dim = 1 : i64, end_dim = -1 : i64} : (tensor<2x1x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// UNSQUEEZE: output_0: tensor<2x3x1xi64> = [1, 2, 3, 4, 5, 6]
func.func @unsqueeze(%x: tensor<2x3xi64>) -> tensor<2x3x1xi64> {
  %0 = "aten.unsqueeze"(%x) {dim = -1 : i64} : (tensor<2x3xi64>) -> tensor<2x3x1xi64>
  return %0 : tensor<2x3x1xi64>
}

// SQUEEZE: output_0: tensor<1x3xi64> = [7, 8, 9]
func.func @squeeze(%x: tensor<1x3x1xi64>) -> tensor<1x3xi64> {
  %0 = "aten.squeeze"(%x) {dim = array<i64: -1>} : (tensor<1x3x1xi64>) -> tensor<1x3xi64>
  return %0 : tensor<1x3xi64>
}
