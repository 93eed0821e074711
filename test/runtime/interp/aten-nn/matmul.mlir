// RUN: mly-run %s --backend interp --entry=dot --input 3xf32:1,2,3 --input 3xf32:4,5,6 --print | FileCheck %s --check-prefix=DOT
// RUN: mly-run %s --backend interp --entry=mv --input 2x2xf32:1,2,3,4 --input 2xf32:1,1 --print | FileCheck %s --check-prefix=MV
// RUN: mly-run %s --backend interp --entry=vm --input 2xf32:1,1 --input 2x2xf32:1,2,3,4 --print | FileCheck %s --check-prefix=VM
// RUN: mly-run %s --backend interp --entry=bcast --input 2x1x1x2xf32:1,2,3,4 --input 1x2x2x1xf32:1,0,0,1 --print | FileCheck %s --check-prefix=BCAST
// RUN: mly-run %s --backend interp --entry=batched_mv --input 2x1x2xf32:1,2,3,4 --input 2xf32:1,1 --print | FileCheck %s --check-prefix=BMV
// RUN: mly-run %s --backend interp --entry=mm --input 1x2xf32:1,2 --input 2x3xf32:1,0,1,0,1,1 --print | FileCheck %s --check-prefix=MM
// RUN: mly-run %s --backend interp --entry=bmm --input 2x1x2xf32:1,2,3,4 --input 2x2x1xf32:1,1,2,0 --print | FileCheck %s --check-prefix=BMM
// RUN: mly-run %s --backend interp --entry=addmm --input 2xf32:10,20 --input 2x2xf32:1,2,3,4 --input 2x2xf32:1,0,0,1 --print | FileCheck %s --check-prefix=ADDMM
// RUN: mly-run %s --backend interp --entry=baddbmm --input 1xf32:1 --input 2x1x2xf32:1,2,3,4 --input 2x2x1xf32:1,1,2,0 --print | FileCheck %s --check-prefix=BADDBMM

// 1-d @ 1-d: a 0-d dot product.
// DOT: output_0: tensor<f32> = [32]
func.func @dot(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<f32> {
  %0 = "aten.matmul"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// 2-d @ 1-d: the vector is a column, squeezed away.
// MV: output_0: tensor<2xf32> = [3, 7]
func.func @mv(%a: tensor<2x2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "aten.matmul"(%a, %b) : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// 1-d @ 2-d: the vector is a row, squeezed away.
// VM: output_0: tensor<2xf32> = [4, 6]
func.func @vm(%a: tensor<2xf32>, %b: tensor<2x2xf32>) -> tensor<2xf32> {
  %0 = "aten.matmul"(%a, %b) : (tensor<2xf32>, tensor<2x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// 4-d with batch dims [2, 1] x [1, 2] broadcast to [2, 2]: out[i][j] is
// row i of a times column j of b (columns pick element 0, then 1).
// BCAST: output_0: tensor<2x2x1x1xf32> = [1, 2, 3, 4]
func.func @bcast(%a: tensor<2x1x1x2xf32>, %b: tensor<1x2x2x1xf32>) -> tensor<2x2x1x1xf32> {
  %0 = "aten.matmul"(%a, %b) : (tensor<2x1x1x2xf32>, tensor<1x2x2x1xf32>) -> tensor<2x2x1x1xf32>
  return %0 : tensor<2x2x1x1xf32>
}

// 3-d @ 1-d: the vector broadcasts over the batch.
// BMV: output_0: tensor<2x1xf32> = [3, 7]
func.func @batched_mv(%a: tensor<2x1x2xf32>, %b: tensor<2xf32>) -> tensor<2x1xf32> {
  %0 = "aten.matmul"(%a, %b) : (tensor<2x1x2xf32>, tensor<2xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// MM: output_0: tensor<1x3xf32> = [1, 2, 3]
func.func @mm(%a: tensor<1x2xf32>, %b: tensor<2x3xf32>) -> tensor<1x3xf32> {
  %0 = "aten.mm"(%a, %b) : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// BMM: output_0: tensor<2x1x1xf32> = [3, 6]
func.func @bmm(%a: tensor<2x1x2xf32>, %b: tensor<2x2x1xf32>) -> tensor<2x1x1xf32> {
  %0 = "aten.bmm"(%a, %b) : (tensor<2x1x2xf32>, tensor<2x2x1xf32>) -> tensor<2x1x1xf32>
  return %0 : tensor<2x1x1xf32>
}

// addmm: 2 * self (a row broadcast over rows) + 3 * (m1 @ identity).
// ADDMM: output_0: tensor<2x2xf32> = [23, 46, 29, 52]
func.func @addmm(%s: tensor<2xf32>, %a: tensor<2x2xf32>, %b: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.addmm"(%s, %a, %b) {beta = 2 : i64, alpha = 3.0 : f64} : (tensor<2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// baddbmm: self + 0.5 * bmm, self of one element broadcast.
// BADDBMM: output_0: tensor<2x1x1xf32> = [2.5, 4]
func.func @baddbmm(%s: tensor<1xf32>, %a: tensor<2x1x2xf32>, %b: tensor<2x2x1xf32>) -> tensor<2x1x1xf32> {
  %0 = "aten.baddbmm"(%s, %a, %b) {beta = 1 : i64, alpha = 0.5 : f64} : (tensor<1xf32>, tensor<2x1x2xf32>, tensor<2x2x1xf32>) -> tensor<2x1x1xf32>
  return %0 : tensor<2x1x1xf32>
}
