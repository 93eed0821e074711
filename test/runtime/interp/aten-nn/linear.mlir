// RUN: mly-run %s --backend interp --input 2x3xf32:1,2,3,4,5,6 --input 2x3xf32:1,0,0,0,1,1 --input 2xf32:10,20 --print | FileCheck %s
// RUN: mly-run %s --backend interp --entry=nobias --input 1x2x3xf32:1,2,3,4,5,6 --input 2x3xf32:1,0,0,0,1,1 --print | FileCheck %s --check-prefix=NOBIAS

// linear with bias: x @ w^T + b, w picks column 0 and sums columns 1, 2.
// CHECK: output_0: tensor<2x2xf32> = [11, 25, 14, 31]
func.func @forward(%x: tensor<2x3xf32>, %w: tensor<2x3xf32>, %b: tensor<2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.linear"(%x, %w, %b) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// linear without bias over a 3-d input (leading dims kept).
// NOBIAS: output_0: tensor<1x2x2xf32> = [1, 5, 4, 11]
func.func @nobias(%x: tensor<1x2x3xf32>, %w: tensor<2x3xf32>) -> tensor<1x2x2xf32> {
  %0 = "aten.linear"(%x, %w) : (tensor<1x2x3xf32>, tensor<2x3xf32>) -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}
