// RUN: mly-opt %s --split-input-file --mly-bounds | FileCheck %s

// Outward rounding: 1 + 2^-25 is no f32; the range is [1, 1 + 2^-23].
// CHECK-LABEL: func.func @round_outward
// CHECK-SAME: -> (tensor<4xf32> {mly.range = array<f64: 1.000000e+00, 1.0000001192092896>})
// CHECK: "mly.add"{{.*}}mly.range = array<f64: 1.000000e+00, 1.0000001192092896>
func.func @round_outward(%x: tensor<4xf32> {mly.range = array<f64: 1.0, 1.0>}) -> tensor<4xf32> {
  %c = "mly.constant"() {value = dense<2.98023224e-08> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "mly.add"(%x, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----
// Input ranges round outward onto f32 too: 0.1 lies between two floats.
// CHECK-LABEL: func.func @input_rounding
// CHECK: "mly.neg"{{.*}}mly.range = array<f64: -0.10000000149011612, -0.099999994039535522>
func.func @input_rounding(%x: tensor<4xf32> {mly.range = array<f64: 0.1, 0.1>}) -> tensor<4xf32> {
  %0 = "mly.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----
// Division by an interval containing 0: unbounded, and said so.
// CHECK-LABEL: func.func @div_zero
// CHECK: "mly.div"{{.*}}mly.range = array<f64: 0xFFF0000000000000, 0x7FF0000000000000>, mly.unbounded = "division by an interval containing 0"
// CHECK: "mly.div"{{.*}}mly.range = array<f64: 2.500000e-01, 2.000000e+00>}
func.func @div_zero(%x: tensor<4xf32> {mly.range = array<f64: 1.0, 2.0>}, %y: tensor<4xf32> {mly.range = array<f64: -1.0, 4.0>}, %z: tensor<4xf32> {mly.range = array<f64: 1.0, 4.0>}) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.div"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.div"(%x, %z) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----
// sqrt of [-1, 4]: [0, 2] for the non-NaN part, and NaN possible. log of
// [0, e^2]: -inf at 0, no NaN; log(f32 above e^2) rounded up, plus 2 ulps
// of libm slack: 2 + 3 * 2^-22.
// CHECK-LABEL: func.func @nan
// CHECK: "mly.sqrt"{{.*}}{mly.may_nan = true, mly.range = array<f64: 0.000000e+00, 2.000000e+00>}
// CHECK: "mly.log"{{.*}}{mly.range = array<f64: 0xFFF0000000000000, 2.0000007152557373>}
func.func @nan(%x: tensor<4xf32> {mly.range = array<f64: -1.0, 4.0>}, %y: tensor<4xf32> {mly.range = array<f64: 0.0, 7.38905609893065>}) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.sqrt"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.log"(%y) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----
// x * x is a square (never negative); x * y takes the corners. max, min,
// abs, neg, floor are exact.
// CHECK-LABEL: func.func @square
// CHECK: "mly.mul"{{.*}}mly.range = array<f64: 0.000000e+00, 9.000000e+00>
// CHECK: "mly.mul"{{.*}}mly.range = array<f64: -6.000000e+00, 9.000000e+00>
// CHECK: "mly.abs"{{.*}}mly.range = array<f64: 0.000000e+00, 3.000000e+00>
// CHECK: "mly.max"{{.*}}mly.range = array<f64: -1.000000e+00, 3.000000e+00>
// CHECK: "mly.floor"{{.*}}mly.range = array<f64: -3.000000e+00, 2.000000e+00>
// CHECK: "mly.sub"{{.*}}mly.range = array<f64: 0.000000e+00, 0.000000e+00>
func.func @square(%x: tensor<4xf32> {mly.range = array<f64: -2.0, 3.0>}, %y: tensor<4xf32> {mly.range = array<f64: -1.0, 3.0>}, %z: tensor<4xf32> {mly.range = array<f64: -2.5, 2.5>}) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.mul"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.mul"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.abs"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "mly.max"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "mly.floor"(%z) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "mly.sub"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
