// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// Factories: splats of the result type; arange is iota * step + start.

// Integer arange: exact in i64.
// CHECK-LABEL: func.func @arange_int
// CHECK: %[[K:.*]] = "mly.iota"() {dim = 0 : i64} : () -> tensor<4xi64>
// CHECK: %[[S:.*]] = "mly.constant"() {value = dense<3> : tensor<4xi64>}
// CHECK: %[[M:.*]] = "mly.mul"(%[[K]], %[[S]])
// CHECK: %[[B:.*]] = "mly.constant"() {value = dense<-2> : tensor<4xi64>}
// CHECK: "mly.add"(%[[M]], %[[B]])
// CHECK-NOT: aten.
func.func @arange_int() -> tensor<4xi64> {
  %0 = "aten.arange"() {start = -2 : i64, end = 10 : i64, step = 3 : i64} : () -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// arange(0, n) is the iota itself.
// CHECK-LABEL: func.func @arange_plain
// CHECK-NEXT: %[[K:.*]] = "mly.iota"() {dim = 0 : i64} : () -> tensor<16xi64>
// CHECK-NEXT: return %[[K]]
func.func @arange_plain() -> tensor<16xi64> {
  %0 = "aten.arange"() {start = 0 : i64, end = 16 : i64, step = 1 : i64} : () -> tensor<16xi64>
  return %0 : tensor<16xi64>
}

// -----

// A float arange of f16 counts in f32, then rounds once.
// CHECK-LABEL: func.func @arange_f16
// CHECK: "mly.iota"() {dim = 0 : i64} : () -> tensor<4xf32>
// CHECK: dense<5.000000e-01> : tensor<4xf32>
// CHECK: "mly.mul"
// CHECK: dense<1.000000e+00> : tensor<4xf32>
// CHECK: "mly.add"
// CHECK: "mly.cast"({{.*}}) : (tensor<4xf32>) -> tensor<4xf16>
func.func @arange_f16() -> tensor<4xf16> {
  %0 = "aten.arange"() {start = 1.0 : f64, end = 3.0 : f64, step = 0.5 : f64} : () -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @fills
// CHECK: "mly.constant"() {value = dense<true> : tensor<2x2xi1>}
// CHECK: "mly.constant"() {value = dense<0.000000e+00> : tensor<3xf32>}
// CHECK: "mly.constant"() {value = dense<1> : tensor<3xi64>}
// CHECK: "mly.constant"() {value = dense<1.000000e+00> : tensor<2xf32>}
// CHECK: "mly.constant"() {value = dense<-9223372036854775808> : tensor<2x3xi64>}
// CHECK: "mly.constant"() {value = dense<2.500000e+00> : tensor<f32>}
func.func @fills(%x: tensor<2x3xi64>) -> (tensor<2x2xi1>, tensor<3xf32>, tensor<3xi64>, tensor<2xf32>, tensor<2x3xi64>, tensor<f32>) {
  %0 = "aten.full"() {size = array<i64: 2, 2>, fill_value = true} : () -> tensor<2x2xi1>
  %1 = "aten.zeros"() {size = array<i64: 3>} : () -> tensor<3xf32>
  %2 = "aten.ones"() {size = array<i64: 3>} : () -> tensor<3xi64>
  %3 = "aten.new_ones"(%x) {size = array<i64: 2>} : (tensor<2x3xi64>) -> tensor<2xf32>
  %4 = "aten.full_like"(%x) {fill_value = -9223372036854775808 : i64} : (tensor<2x3xi64>) -> tensor<2x3xi64>
  %5 = "aten.scalar_tensor"() {s = 2.5 : f64} : () -> tensor<f32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x2xi1>, tensor<3xf32>, tensor<3xi64>, tensor<2xf32>, tensor<2x3xi64>, tensor<f32>
}
