// Every dtype of MlyTensor crosses the JIT boundary: i64 and i32
// arithmetic, i1 in and out (one byte per element, like MlyTensor's
// BOOL), f16 and bf16 (computed in f32), i8 and ui8 moved by a transpose.
// RUN: mly-run %s --backend cpu --no-cache --entry ints --input 4xi64:7,-7,7,-7 --input 4xi64:2,2,-2,-2 --print | FileCheck %s --check-prefix=I
// RUN: mly-run %s --backend cpu --no-cache --entry bools --input 4xi1:1,1,0,0 --input 4xf32:1,2,3,4 --input 4xf32:2,2,2,2 --print | FileCheck %s --check-prefix=B
// RUN: mly-run %s --backend cpu --no-cache --entry halves --input 3xf16:1,0.5,-2 --input 3xbf16:1,0.5,-2 --print | FileCheck %s --check-prefix=H
// RUN: mly-run %s --backend cpu --no-cache --entry bytes --input 2x3xi8:1,-2,3,-4,5,-128 --input 2x3xui8:1,2,3,4,5,255 --print | FileCheck %s --check-prefix=U

#id = affine_map<(d0) -> (d0)>

// divsi truncates toward zero; i64 -> i32 truncation.
// I: output_0: tensor<4xi64> = [3, -3, -3, 3]
// I-NEXT: output_1: tensor<4xi32> = [14, -14, -14, 14]
func.func @ints(%a: tensor<4xi64>, %b: tensor<4xi64>) -> (tensor<4xi64>, tensor<4xi32>) {
  %e = tensor.empty() : tensor<4xi64>
  %e32 = tensor.empty() : tensor<4xi32>
  %r:2 = linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<4xi64>, tensor<4xi64>) outs(%e, %e32 : tensor<4xi64>, tensor<4xi32>) {
  ^bb0(%x: i64, %y: i64, %o: i64, %o32: i32):
    %q = arith.divsi %x, %y : i64
    %m = arith.muli %x, %y : i64
    %t = arith.trunci %m : i64 to i32
    linalg.yield %q, %t : i64, i32
  } -> (tensor<4xi64>, tensor<4xi32>)
  return %r#0, %r#1 : tensor<4xi64>, tensor<4xi32>
}

// B: output_0: tensor<4xf32> = [1, 2, 2, 2]
// B-NEXT: output_1: tensor<4xi1> = [1, 0, 0, 0]
func.func @bools(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>) {
  %e = tensor.empty() : tensor<4xf32>
  %eb = tensor.empty() : tensor<4xi1>
  %r:2 = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id], iterator_types = ["parallel"]}
      ins(%c, %a, %b : tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) outs(%e, %eb : tensor<4xf32>, tensor<4xi1>) {
  ^bb0(%k: i1, %x: f32, %y: f32, %o: f32, %ob: i1):
    %s = arith.select %k, %x, %y : f32
    %lt = arith.cmpf olt, %x, %y : f32
    %and = arith.andi %lt, %k : i1
    linalg.yield %s, %and : f32, i1
  } -> (tensor<4xf32>, tensor<4xi1>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xi1>
}

// exp in f16 and bf16 (math-extend-to-supported-types computes it in f32).
// H: output_0: tensor<3xf16> = [2.71875, 1.64844, 0.135376]
// H-NEXT: output_1: tensor<3xbf16> = [2.71875, 1.64844, 0.135742]
func.func @halves(%a: tensor<3xf16>, %b: tensor<3xbf16>) -> (tensor<3xf16>, tensor<3xbf16>) {
  %e = tensor.empty() : tensor<3xf16>
  %eb = tensor.empty() : tensor<3xbf16>
  %r:2 = linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<3xf16>, tensor<3xbf16>) outs(%e, %eb : tensor<3xf16>, tensor<3xbf16>) {
  ^bb0(%x: f16, %y: bf16, %o: f16, %ob: bf16):
    %0 = math.exp %x : f16
    %1 = math.exp %y : bf16
    linalg.yield %0, %1 : f16, bf16
  } -> (tensor<3xf16>, tensor<3xbf16>)
  return %r#0, %r#1 : tensor<3xf16>, tensor<3xbf16>
}

// U: output_0: tensor<3x2xi8> = [1, -4, -2, 5, 3, -128]
// U-NEXT: output_1: tensor<3x2xui8> = [1, 4, 2, 5, 3, 255]
func.func @bytes(%a: tensor<2x3xi8>, %b: tensor<2x3xui8>) -> (tensor<3x2xi8>, tensor<3x2xui8>) {
  %e = tensor.empty() : tensor<3x2xi8>
  %eu = tensor.empty() : tensor<3x2xui8>
  %0 = linalg.transpose ins(%a : tensor<2x3xi8>) outs(%e : tensor<3x2xi8>) permutation = [1, 0]
  %1 = linalg.transpose ins(%b : tensor<2x3xui8>) outs(%eu : tensor<3x2xui8>) permutation = [1, 0]
  return %0, %1 : tensor<3x2xi8>, tensor<3x2xui8>
}
