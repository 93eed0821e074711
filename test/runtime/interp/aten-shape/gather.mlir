// gather along dim 1 and dim -2 (= 0); indices out of range, negative ones
// included (gather does not wrap), are errors.
// x = [[1, 2, 3], [4, 5, 6]]
// RUN: mly-run %s --backend interp --entry=dim1 --input 2x3xf32:1,2,3,4,5,6 --input 2x2xi64:2,0,1,1 --print | FileCheck %s --check-prefix=DIM1
// RUN: mly-run %s --backend interp --entry=dim0 --input 2x3xf32:1,2,3,4,5,6 --input 1x3xi32:1,0,1 --print | FileCheck %s --check-prefix=DIM0
// RUN: not mly-run %s --backend interp --entry=dim1 --input 2x3xf32:1,2,3,4,5,6 --input 2x2xi64:0,0,3,0 --print 2>&1 | FileCheck %s --check-prefix=TOO_BIG
// RUN: not mly-run %s --backend interp --entry=dim1 --input 2x3xf32:1,2,3,4,5,6 --input 2x2xi64:0,-1,0,0 --print 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// r[i][j] = x[i][index[i][j]]
// DIM1: output_0: tensor<2x2xf32> = [3, 1, 5, 5]
// TOO_BIG: error: 'aten.gather' op index 3 is out of range for dim 1 of size 3
// NEGATIVE: error: 'aten.gather' op index -1 is out of range for dim 1 of size 3
func.func @dim1(%x: tensor<2x3xf32>, %i: tensor<2x2xi64>) -> tensor<2x2xf32> {
  %0 = "aten.gather"(%x, %i) {dim = 1 : i64, sparse_grad = false} : (tensor<2x3xf32>, tensor<2x2xi64>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// r[0][j] = x[index[0][j]][j]
// DIM0: output_0: tensor<1x3xf32> = [4, 2, 6]
func.func @dim0(%x: tensor<2x3xf32>, %i: tensor<1x3xi32>) -> tensor<1x3xf32> {
  %0 = "aten.gather"(%x, %i) {dim = -2 : i64, sparse_grad = false} : (tensor<2x3xf32>, tensor<1x3xi32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}
