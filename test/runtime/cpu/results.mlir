// Results the out-param convention must copy out: one value returned
// twice, an argument returned as is, a constant, and a result computed in
// place of a destination that aliases an input (the input, passed
// read-only, must not change: it is printed again afterwards).
// RUN: mly-run %s --backend cpu --no-cache --input 3xf32:1,2,3 --print | FileCheck %s

// CHECK: output_0: tensor<3xf32> = [2, 4, 6]
// CHECK-NEXT: output_1: tensor<3xf32> = [2, 4, 6]
// CHECK-NEXT: output_2: tensor<3xf32> = [1, 2, 3]
// CHECK-NEXT: output_3: tensor<2xi64> = [7, -7]
// CHECK-NEXT: output_4: tensor<3xf32> = [1, 4, 9]
// CHECK-NEXT: output_5: tensor<3xf32> = [1, 2, 3]
#id = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xi64>, tensor<3xf32>, tensor<3xf32>) {
  %e = tensor.empty() : tensor<3xf32>
  %d = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<3xf32>) outs(%e : tensor<3xf32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.addf %a, %a : f32
    linalg.yield %0 : f32
  } -> tensor<3xf32>
  %c = arith.constant dense<[7, -7]> : tensor<2xi64>
  %sq = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]}
      outs(%x : tensor<3xf32>) {
  ^bb0(%o: f32):
    %0 = arith.mulf %o, %o : f32
    linalg.yield %0 : f32
  } -> tensor<3xf32>
  return %d, %d, %x, %c, %sq, %x : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xi64>, tensor<3xf32>, tensor<3xf32>
}
