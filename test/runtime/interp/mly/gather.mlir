// gather in both modes. x is [[1, 2], [3, 4], [5, 6]].
// RUN: mly-run %s --backend interp --input 3x2xf32:1,2,3,4,5,6 --input 2xi64:2,0 --input 2x2xi32:1,0,1,1 --print | FileCheck %s --check-prefix=TAKE
// RUN: mly-run %s --backend interp --entry=along --input 3x2xf32:1,2,3,4,5,6 --input 3x1xi64:1,0,1 --input 2x2xi64:2,1,0,2 --print | FileCheck %s --check-prefix=ALONG

// take, dim 0: rows 2 and 0. take, dim 1 with 2x2 indices: for each row r,
// [x[r,1], x[r,0], x[r,1], x[r,1]].
// TAKE: output_0: tensor<2x2xf32> = [5, 6, 1, 2]
// TAKE-NEXT: output_1: tensor<3x2x2xf32> = [2, 1, 2, 2, 4, 3, 4, 4, 6, 5, 6, 6]
func.func @forward(%x: tensor<3x2xf32>, %i: tensor<2xi64>, %j: tensor<2x2xi32>) -> (tensor<2x2xf32>, tensor<3x2x2xf32>) {
  %0 = "mly.gather"(%x, %i) {dim = 0 : i64, mode = "take"} : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<2x2xf32>
  %1 = "mly.gather"(%x, %j) {dim = 1 : i64, mode = "take"} : (tensor<3x2xf32>, tensor<2x2xi32>) -> tensor<3x2x2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<3x2x2xf32>
}

// along, dim 1: out[r, 0] = x[r, i[r, 0]]. along, dim 0 with indices
// shorter than x in dim 0: out[r, c] = x[j[r, c], c].
// ALONG: output_0: tensor<3x1xf32> = [2, 3, 6]
// ALONG-NEXT: output_1: tensor<2x2xf32> = [5, 4, 1, 6]
func.func @along(%x: tensor<3x2xf32>, %i: tensor<3x1xi64>, %j: tensor<2x2xi64>) -> (tensor<3x1xf32>, tensor<2x2xf32>) {
  %0 = "mly.gather"(%x, %i) {dim = 1 : i64, mode = "along"} : (tensor<3x2xf32>, tensor<3x1xi64>) -> tensor<3x1xf32>
  %1 = "mly.gather"(%x, %j) {dim = 0 : i64, mode = "along"} : (tensor<3x2xf32>, tensor<2x2xi64>) -> tensor<2x2xf32>
  return %0, %1 : tensor<3x1xf32>, tensor<2x2xf32>
}
