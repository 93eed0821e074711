// RUN: mly-opt %s --split-input-file --mly-cse | FileCheck %s

// Identical pure ops merge into the first one; its uses take over.
// CHECK-LABEL: func.func @merge
// CHECK-NEXT: %[[A:.*]] = "aten.exp"(%arg0)
// CHECK-NEXT: %[[S:.*]] = "aten.add"(%[[A]], %[[A]])
// CHECK-NEXT: return %[[S]]
func.func @merge(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %s = "aten.add"(%a, %b) {alpha = 1 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----
// Merging cascades: once operands merge, their users become identical.
// CHECK-LABEL: func.func @cascade
// CHECK-COUNT-1: "mly.exp"
// CHECK-COUNT-1: "mly.neg"
// CHECK-NOT: "mly.
func.func @cascade(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %a = "mly.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = "mly.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %na = "mly.neg"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %nb = "mly.neg"(%b) : (tensor<4xf32>) -> tensor<4xf32>
  return %na, %nb : tensor<4xf32>, tensor<4xf32>
}

// -----
// Different attributes, operands or result types keep ops apart.
// CHECK-LABEL: func.func @distinct
// CHECK-COUNT-2: "aten.softmax"
// CHECK-COUNT-2: "aten.exp"
// CHECK-COUNT-2: "aten.to_copy"
func.func @distinct(%x: tensor<4x4xf32>, %y: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf16>, tensor<4x4xbf16>) {
  %a = "aten.softmax"(%x) {dim = 0 : i64} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %b = "aten.softmax"(%x) {dim = 1 : i64} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %c = "aten.exp"(%x) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %d = "aten.exp"(%y) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %e = "aten.to_copy"(%x) : (tensor<4x4xf32>) -> tensor<4x4xf16>
  %f = "aten.to_copy"(%x) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
  return %a, %b, %c, %d, %e, %f : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf16>, tensor<4x4xbf16>
}

// -----
// Multi-result ops merge result by result.
// CHECK-LABEL: func.func @multi_result
// CHECK-COUNT-1: "aten.native_layer_norm"
// CHECK: return %[[R:.*]]#0, %[[R]]#2, %[[R]]#0
func.func @multi_result(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x4xf32>) {
  %a:3 = "aten.native_layer_norm"(%x) {normalized_shape = array<i64: 4>, eps = 1.0e-5 : f64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  %b:3 = "aten.native_layer_norm"(%x) {normalized_shape = array<i64: 4>, eps = 1.0e-5 : f64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return %a#0, %b#2, %b#0 : tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x4xf32>
}

// -----
// Dropout in training mode is random: two draws stay two. In eval mode
// it is pure and merges.
// CHECK-LABEL: func.func @dropout
// CHECK-COUNT-2: "aten.dropout"(%arg0) {p = 5.000000e-01 : f64, train = true}
// CHECK-COUNT-1: "aten.dropout"(%arg0) {p = 5.000000e-01 : f64, train = false}
// CHECK-NOT: "aten.dropout"
func.func @dropout(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = "aten.dropout"(%x) {p = 0.5 : f64, train = true} : (tensor<4xf32>) -> tensor<4xf32>
  %b = "aten.dropout"(%x) {p = 0.5 : f64, train = true} : (tensor<4xf32>) -> tensor<4xf32>
  %c = "aten.dropout"(%x) {p = 0.5 : f64, train = false} : (tensor<4xf32>) -> tensor<4xf32>
  %d = "aten.dropout"(%x) {p = 0.5 : f64, train = false} : (tensor<4xf32>) -> tensor<4xf32>
  return %a, %b, %c, %d : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----
// Ops merge within a block, not across blocks (scope is one block); ops of
// other dialects are left to upstream cse.
// CHECK-LABEL: func.func @blocks
// CHECK: "aten.exp"
// CHECK: scf.if
// CHECK-NEXT: %[[B:.*]] = "aten.exp"
// CHECK-NEXT: "aten.add"(%[[B]], %[[B]])
// CHECK: else
// CHECK-COUNT-2: arith.addf
func.func @blocks(%c: i1, %x: tensor<4xf32>, %f: f32) -> (tensor<4xf32>, f32, f32) {
  %a = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %r = scf.if %c -> tensor<4xf32> {
    %b = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %d = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %s = "aten.add"(%b, %d) {alpha = 1 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    scf.yield %s : tensor<4xf32>
  } else {
    scf.yield %a : tensor<4xf32>
  }
  %g = arith.addf %f, %f : f32
  %h = arith.addf %f, %f : f32
  return %r, %g, %h : tensor<4xf32>, f32, f32
}
