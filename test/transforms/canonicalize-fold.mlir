// RUN: mly-opt %s --split-input-file --mly-canonicalize | FileCheck %s

// Unary ops on a small dense constant fold, computed like the interpreter
// (in double, rounded to the result type): sqrt(-1) is NaN.
// CHECK-LABEL: func.func @unary_float
// CHECK-NEXT: %[[A:.*]] = "mly.constant"() {value = dense<[-1.000000e+00, 4.000000e+00, -0.000000e+00]> : tensor<3xf32>}
// CHECK-NEXT: %[[B:.*]] = "mly.constant"() {value = dense<[1.000000e+00, {{0x[7F]FC00000}}, 0.000000e+00]> : tensor<3xf32>}
// CHECK-NEXT: %[[C:.*]] = "mly.constant"() {value = dense<[2.71828175, 0.0183156393, 1.000000e+00]> : tensor<3xf32>}
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @unary_float() -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %c = "mly.constant"() {value = dense<[1.0, -4.0, 0.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %0 = "mly.neg"(%c) : (tensor<3xf32>) -> tensor<3xf32>
  %1 = "mly.sqrt"(%c) : (tensor<3xf32>) -> tensor<3xf32>
  %2 = "mly.exp"(%c) : (tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----
// Integer unary ops wrap (neg of INT32_MIN is itself); not flips i1.
// CHECK-LABEL: func.func @unary_int
// CHECK-NEXT: %[[A:.*]] = "mly.constant"() {value = dense<[-2147483648, -5, 0]> : tensor<3xi32>}
// CHECK-NEXT: %[[B:.*]] = "mly.constant"() {value = dense<[false, true]> : tensor<2xi1>}
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @unary_int() -> (tensor<3xi32>, tensor<2xi1>) {
  %c = "mly.constant"() {value = dense<[-2147483648, 5, 0]> : tensor<3xi32>} : () -> tensor<3xi32>
  %0 = "mly.neg"(%c) : (tensor<3xi32>) -> tensor<3xi32>
  %b = "mly.constant"() {value = dense<[true, false]> : tensor<2xi1>} : () -> tensor<2xi1>
  %1 = "mly.not"(%b) : (tensor<2xi1>) -> tensor<2xi1>
  return %0, %1 : tensor<3xi32>, tensor<2xi1>
}

// -----
// Casts fold: f32 -> i32 truncates toward zero and saturates NaN to 0,
// f32 -> f16 rounds to nearest even (overflow to inf), i64 -> i32 wraps,
// anything -> i1 is != 0.
// CHECK-LABEL: func.func @cast_fold
// CHECK-NEXT: %[[A:.*]] = "mly.constant"() {value = dense<[2, -2, 0, 0]> : tensor<4xi32>}
// CHECK-NEXT: %[[B:.*]] = "mly.constant"() {value = dense<[2.699220e+00, -2.699220e+00, 0x7C00, 0x7E00]> : tensor<4xf16>}
// CHECK-NEXT: %[[C:.*]] = "mly.constant"() {value = dense<[true, true, false, true]> : tensor<4xi1>}
// CHECK-NEXT: %[[D:.*]] = "mly.constant"() {value = dense<[-1, 1]> : tensor<2xi32>}
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @cast_fold() -> (tensor<4xi32>, tensor<4xf16>, tensor<4xi1>, tensor<2xi32>) {
  %c = "mly.constant"() {value = dense<[2.7, -2.7, 0.5, 0x7FC00000]> : tensor<4xf32>} : () -> tensor<4xf32>
  %d = "mly.constant"() {value = dense<[2.7, -2.7, 1.0e6, 0x7FC00000]> : tensor<4xf32>} : () -> tensor<4xf32>
  %e = "mly.constant"() {value = dense<[2.7, -2.7, 0.0, 0x7FC00000]> : tensor<4xf32>} : () -> tensor<4xf32>
  %i = "mly.constant"() {value = dense<[4294967295, 4294967297]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "mly.cast"(%c) : (tensor<4xf32>) -> tensor<4xi32>
  %1 = "mly.cast"(%d) : (tensor<4xf32>) -> tensor<4xf16>
  %2 = "mly.cast"(%e) : (tensor<4xf32>) -> tensor<4xi1>
  %3 = "mly.cast"(%i) : (tensor<2xi64>) -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<4xi32>, tensor<4xf16>, tensor<4xi1>, tensor<2xi32>
}

// -----
// Binary ops and comparisons fold elementwise; max propagates NaN;
// integer division truncates toward zero; pow on integers squares.
// CHECK-LABEL: func.func @binary_fold
// CHECK-NEXT: %[[A:.*]] = "mly.constant"() {value = dense<[4.000000e+00, 0x7FC00000, 1.000000e+00]> : tensor<3xf32>}
// CHECK-NEXT: %[[B:.*]] = "mly.constant"() {value = dense<[-3, 3, 0]> : tensor<3xi64>}
// CHECK-NEXT: %[[C:.*]] = "mly.constant"() {value = dense<[49, 49, 1]> : tensor<3xi64>}
// CHECK-NEXT: %[[D:.*]] = "mly.constant"() {value = dense<[false, false, true]> : tensor<3xi1>}
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @binary_fold() -> (tensor<3xf32>, tensor<3xi64>, tensor<3xi64>, tensor<3xi1>) {
  %a = "mly.constant"() {value = dense<[4.0, 0x7FC00000, -2.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %b = "mly.constant"() {value = dense<[3.0, 1.0, 1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %i = "mly.constant"() {value = dense<[-7, 7, 1]> : tensor<3xi64>} : () -> tensor<3xi64>
  %j = "mly.constant"() {value = dense<[2, 2, 2]> : tensor<3xi64>} : () -> tensor<3xi64>
  %0 = "mly.max"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "mly.div"(%i, %j) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %2 = "mly.pow"(%i, %j) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %3 = "mly.cmp"(%a, %b) {predicate = "lt"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0, %1, %2, %3 : tensor<3xf32>, tensor<3xi64>, tensor<3xi64>, tensor<3xi1>
}

// -----
// f16 and bf16 results round to their type.
// CHECK-LABEL: func.func @half_fold
// CHECK-NEXT: %[[A:.*]] = "mly.constant"() {value = dense<1.000000e+00> : tensor<2xf16>}
// CHECK-NEXT: %[[B:.*]] = "mly.constant"() {value = dense<2.560000e+02> : tensor<2xbf16>}
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @half_fold() -> (tensor<2xf16>, tensor<2xbf16>) {
  %a = "mly.constant"() {value = dense<1.0> : tensor<2xf16>} : () -> tensor<2xf16>
  %e = "mly.constant"() {value = dense<0.0001> : tensor<2xf16>} : () -> tensor<2xf16>
  %b = "mly.constant"() {value = dense<256.0> : tensor<2xbf16>} : () -> tensor<2xbf16>
  %one = "mly.constant"() {value = dense<1.0> : tensor<2xbf16>} : () -> tensor<2xbf16>
  %0 = "mly.add"(%a, %e) : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  %1 = "mly.add"(%b, %one) : (tensor<2xbf16>, tensor<2xbf16>) -> tensor<2xbf16>
  return %0, %1 : tensor<2xf16>, tensor<2xbf16>
}

// -----
// Integer division by zero is reported at run time, never folded away.
// CHECK-LABEL: func.func @div_by_zero
// CHECK: %[[D:.*]] = "mly.div"
// CHECK-NEXT: return %[[D]]
func.func @div_by_zero() -> tensor<2xi32> {
  %a = "mly.constant"() {value = dense<[1, 2]> : tensor<2xi32>} : () -> tensor<2xi32>
  %b = "mly.constant"() {value = dense<[1, 0]> : tensor<2xi32>} : () -> tensor<2xi32>
  %0 = "mly.div"(%a, %b) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----
// Splats fold at any size (they stay one value); a non-splat operand over
// 64 elements does not.
// CHECK-LABEL: func.func @fold_limit
// CHECK-NEXT: %[[S:.*]] = "mly.constant"() {value = dense<3.000000e+00> : tensor<1024x1024xf32>}
// CHECK-NEXT: %[[A:.*]] = "mly.constant"() {value = dense<[0, 1,
// CHECK-NEXT: %[[N:.*]] = "mly.neg"(%[[A]]) : (tensor<65xi32>) -> tensor<65xi32>
// CHECK-NEXT: return %[[S]], %[[N]]
func.func @fold_limit() -> (tensor<1024x1024xf32>, tensor<65xi32>) {
  %a = "mly.constant"() {value = dense<1.0> : tensor<1024x1024xf32>} : () -> tensor<1024x1024xf32>
  %b = "mly.constant"() {value = dense<2.0> : tensor<1024x1024xf32>} : () -> tensor<1024x1024xf32>
  %0 = "mly.add"(%a, %b) : (tensor<1024x1024xf32>, tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  %c = "mly.constant"() {value = dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64]> : tensor<65xi32>} : () -> tensor<65xi32>
  %1 = "mly.neg"(%c) : (tensor<65xi32>) -> tensor<65xi32>
  return %0, %1 : tensor<1024x1024xf32>, tensor<65xi32>
}

// -----
// Folding cascades through a chain, and an op on a non-constant stays.
// CHECK-LABEL: func.func @fold_chain
// CHECK-NEXT: %[[C:.*]] = "mly.constant"() {value = dense<[-2.000000e+00, -4.000000e+00]> : tensor<2xf32>}
// CHECK-NEXT: %[[M:.*]] = "mly.mul"(%arg0, %[[C]])
// CHECK-NEXT: return %[[M]]
func.func @fold_chain(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = "mly.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %0 = "mly.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = "mly.neg"(%0) : (tensor<2xf32>) -> tensor<2xf32>
  %2 = "mly.mul"(%x, %1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %2 : tensor<2xf32>
}

// -----
// Element types the interpreter does not store (f64, i16) are not folded.
// CHECK-LABEL: func.func @unsupported_type
// CHECK: "mly.neg"
// CHECK: "mly.neg"
// CHECK-NEXT: return
func.func @unsupported_type() -> (tensor<2xf64>, tensor<2xi16>) {
  %c = "mly.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf64>} : () -> tensor<2xf64>
  %0 = "mly.neg"(%c) : (tensor<2xf64>) -> tensor<2xf64>
  %d = "mly.constant"() {value = dense<[1, 2]> : tensor<2xi16>} : () -> tensor<2xi16>
  %1 = "mly.neg"(%d) : (tensor<2xi16>) -> tensor<2xi16>
  return %0, %1 : tensor<2xf64>, tensor<2xi16>
}
