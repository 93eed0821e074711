// A function whose signature has a dtype MlyTensor cannot hold is refused
// with the function, the position and the type; the other functions of the
// module still run.
// RUN: not mly-run %s --backend cpu --no-cache --input 2xf32:1,2 2>&1 | FileCheck %s
// RUN: mly-run %s --backend cpu --no-cache --entry fine --input 2xf32:1,2 --print | FileCheck %s --check-prefix=FINE

// CHECK: mly-run: error: function 'forward' result 0: type tensor<2xf64> has an unsupported element type (the cpu backend takes f32, f16, bf16, i64, i32, i8, ui8, i1)
#id = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<2xf32>) -> tensor<2xf64> {
  %e = tensor.empty() : tensor<2xf64>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<2xf32>) outs(%e : tensor<2xf64>) {
  ^bb0(%a: f32, %o: f64):
    %s = arith.extf %a : f32 to f64
    linalg.yield %s : f64
  } -> tensor<2xf64>
  return %0 : tensor<2xf64>
}

// FINE: output_0: tensor<2xf32> = [-1, -2]
func.func @fine(%x: tensor<2xf32>) -> tensor<2xf32> {
  %e = tensor.empty() : tensor<2xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<2xf32>) outs(%e : tensor<2xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.negf %a : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
