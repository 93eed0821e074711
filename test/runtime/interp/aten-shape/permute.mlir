// permute (negative dims), transpose (negative dim), t of 2-d and 1-d.
// x[i][j][k] = 6i + 2j + k.
// RUN: mly-run %s --backend interp --entry=permute --input 2x3x2xf32:0,1,2,3,4,5,6,7,8,9,10,11 --print | FileCheck %s --check-prefix=PERMUTE
// RUN: mly-run %s --backend interp --entry=transpose --input 2x3x2xf32:0,1,2,3,4,5,6,7,8,9,10,11 --print | FileCheck %s --check-prefix=TRANSPOSE
// RUN: mly-run %s --backend interp --entry=t2 --input 2x3xi32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=T2
// RUN: mly-run %s --backend interp --entry=t1 --input 3xf32:7,8,9 --print | FileCheck %s --check-prefix=T1

// r[k][i][j] = x[i][j][k]
// PERMUTE: output_0: tensor<2x2x3xf32> = [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]
func.func @permute(%x: tensor<2x3x2xf32>) -> tensor<2x2x3xf32> {
  %0 = "aten.permute"(%x) {dims = array<i64: -1, -3, -2>} : (tensor<2x3x2xf32>) -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// r[k][j][i] = x[i][j][k]
// TRANSPOSE: output_0: tensor<2x3x2xf32> = [0, 6, 2, 8, 4, 10, 1, 7, 3, 9, 5, 11]
func.func @transpose(%x: tensor<2x3x2xf32>) -> tensor<2x3x2xf32> {
  %0 = "aten.transpose"(%x) {dim0 = -1 : i64, dim1 = 0 : i64} : (tensor<2x3x2xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

// T2: output_0: tensor<3x2xi32> = [1, 4, 2, 5, 3, 6]
func.func @t2(%x: tensor<2x3xi32>) -> tensor<3x2xi32> {
  %0 = "aten.t"(%x) : (tensor<2x3xi32>) -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// T1: output_0: tensor<3xf32> = [7, 8, 9]
func.func @t1(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "aten.t"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
