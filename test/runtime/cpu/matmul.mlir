// linalg.matmul and linalg.batch_matmul on zero-filled accumulators.
// RUN: mly-run %s --backend cpu --no-cache --input 2x3xf32:1,2,3,4,5,6 --input 3x2xf32:1,0,0,1,1,1 --print | FileCheck %s
// RUN: mly-run %s --backend cpu --no-cache --entry batched --input 2x1x2xf32:1,2,3,4 --input 2x2x2xf32:1,2,3,4,5,6,7,8 --print | FileCheck %s --check-prefix=B

// [[1,2,3],[4,5,6]] x [[1,0],[0,1],[1,1]]
// CHECK: output_0: tensor<2x2xf32> = [4, 5, 10, 11]
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x2xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %r = linalg.matmul ins(%a, %b : tensor<2x3xf32>, tensor<3x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// [1,2] x [[1,2],[3,4]] = [7,10]; [3,4] x [[5,6],[7,8]] = [43,50]
// B: output_0: tensor<2x1x2xf32> = [7, 10, 43, 50]
func.func @batched(%a: tensor<2x1x2xf32>, %b: tensor<2x2x2xf32>) -> tensor<2x1x2xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x1x2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2x1x2xf32>) -> tensor<2x1x2xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<2x1x2xf32>, tensor<2x2x2xf32>) outs(%f : tensor<2x1x2xf32>) -> tensor<2x1x2xf32>
  return %r : tensor<2x1x2xf32>
}
