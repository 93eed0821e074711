// Reductions: a row sum and a row max (init -inf) in one linalg.generic
// with two outputs, and a full reduction to a 0-d tensor.
// RUN: mly-run %s --backend cpu --no-cache --input 2x3xf32:1,-2,3,-4,5,0.5 --print | FileCheck %s

// CHECK: output_0: tensor<2xf32> = [2, 1.5]
// CHECK-NEXT: output_1: tensor<2xf32> = [3, 5]
// CHECK-NEXT: output_2: tensor<f32> = [3.5]
#id = affine_map<(d0, d1) -> (d0, d1)>
#rows = affine_map<(d0, d1) -> (d0)>
#all = affine_map<(d0, d1) -> ()>
func.func @forward(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<f32>) {
  %z = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<2xf32>
  %s0 = linalg.fill ins(%z : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  %r:2 = linalg.generic {indexing_maps = [#id, #rows, #rows], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<2x3xf32>) outs(%s0, %m0 : tensor<2xf32>, tensor<2xf32>) {
  ^bb0(%a: f32, %s: f32, %m: f32):
    %0 = arith.addf %a, %s : f32
    %1 = arith.maximumf %a, %m : f32
    linalg.yield %0, %1 : f32, f32
  } -> (tensor<2xf32>, tensor<2xf32>)
  %e0 = tensor.empty() : tensor<f32>
  %t0 = linalg.fill ins(%z : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %t = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction", "reduction"]}
      ins(%x : tensor<2x3xf32>) outs(%t0 : tensor<f32>) {
  ^bb0(%a: f32, %s: f32):
    %0 = arith.addf %a, %s : f32
    linalg.yield %0 : f32
  } -> tensor<f32>
  return %r#0, %r#1, %t : tensor<2xf32>, tensor<2xf32>, tensor<f32>
}
