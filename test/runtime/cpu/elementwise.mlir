// Elementwise linalg.generic on the cpu backend: arith and math ops
// (exp lowers to an LLVM intrinsic, erf to libm), a broadcast operand and
// a private function called with func.call.
// RUN: mly-run %s --backend cpu --no-cache --input 2x3xf32:0,1,-1,2,-2,0.5 --input 3xf32:1,2,3 --print | FileCheck %s

// CHECK: output_0: tensor<2x3xf32> = [1, 3, 2, 3, 0, 3.5]
// CHECK-NEXT: output_1: tensor<2x3xf32> = [1, 2.71828, 0.367879, 7.38906, 0.135335, 1.64872]
// CHECK-NEXT: output_2: tensor<2x3xf32> = [0, 0.842701, -0.842701, 0.995322, -0.995322, 0.5205]
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func private @fused_0(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %e = tensor.empty() : tensor<2x3xf32>
  %r:2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<2x3xf32>) outs(%e, %e : tensor<2x3xf32>, tensor<2x3xf32>) {
  ^bb0(%a: f32, %o0: f32, %o1: f32):
    %0 = math.exp %a : f32
    %1 = math.erf %a : f32
    linalg.yield %0, %1 : f32, f32
  } -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %r#0, %r#1 : tensor<2x3xf32>, tensor<2x3xf32>
}
func.func @forward(%x: tensor<2x3xf32>, %b: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : tensor<2x3xf32>, tensor<3xf32>) outs(%e : tensor<2x3xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  %1:2 = func.call @fused_0(%x) : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %0, %1#0, %1#1 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
