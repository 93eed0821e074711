// RUN: mly-opt %s --split-input-file --mly-dce | FileCheck %s

// Unused pure ops go, whole chains at once; used ones and the function's
// results stay.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT: %[[E:.*]] = "aten.exp"(%arg0)
// CHECK-NEXT: return %[[E]]
func.func @chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %a = "mly.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = "mly.exp"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %c = "mly.mul"(%b, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %e : tensor<4xf32>
}

// -----
// A multi-result op stays while any result is used.
// CHECK-LABEL: func.func @multi
// CHECK: "aten.max_pool2d_with_indices"
func.func @multi(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi64> {
  %v, %i = "aten.max_pool2d_with_indices"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %i : tensor<1x1x2x2xi64>
}

// -----
// Dropout in training mode (random) and ops of other dialects stay.
// CHECK-LABEL: func.func @effects
// CHECK: "aten.dropout"(%arg0) {p = 5.000000e-01 : f64, train = true}
// CHECK-NOT: train = false
// CHECK: arith.addf
func.func @effects(%x: tensor<4xf32>, %f: f32) {
  %a = "aten.dropout"(%x) {p = 0.5 : f64, train = true} : (tensor<4xf32>) -> tensor<4xf32>
  %b = "aten.dropout"(%x) {p = 0.5 : f64, train = false} : (tensor<4xf32>) -> tensor<4xf32>
  %g = arith.addf %f, %f : f32
  return
}

// -----
// Nested regions are swept too.
// CHECK-LABEL: func.func @nested
// CHECK: scf.if
// CHECK-NOT: "aten.exp"
// CHECK: return
func.func @nested(%c: i1, %x: tensor<4xf32>) {
  scf.if %c {
    %a = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    scf.yield
  }
  return
}
