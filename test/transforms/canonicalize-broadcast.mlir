// RUN: mly-opt %s --split-input-file --mly-canonicalize | FileCheck %s

// A unary op on a broadcast runs on the small input, then broadcasts.
// CHECK-LABEL: func.func @unary
// CHECK-NEXT: %[[E:.*]] = "mly.exp"(%arg0) : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%[[E]]) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: return %[[B]]
func.func @unary(%x: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<4x3xf32>
  %1 = "mly.exp"(%0) : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %1 : tensor<4x3xf32>
}

// -----
// Casts move too, and a chain of unary ops moves step by step.
// CHECK-LABEL: func.func @unary_chain
// CHECK-NEXT: %[[N:.*]] = "mly.neg"(%arg0) : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[C:.*]] = "mly.cast"(%[[N]]) : (tensor<3xf32>) -> tensor<3xf16>
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%[[C]]) {broadcast_dimensions = array<i64: 0>} : (tensor<3xf16>) -> tensor<3x5xf16>
// CHECK-NEXT: return %[[B]]
func.func @unary_chain(%x: tensor<3xf32>) -> tensor<3x5xf16> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x5xf32>
  %1 = "mly.neg"(%0) : (tensor<3x5xf32>) -> tensor<3x5xf32>
  %2 = "mly.cast"(%1) : (tensor<3x5xf32>) -> tensor<3x5xf16>
  return %2 : tensor<3x5xf16>
}

// -----
// A broadcast with another user stays where it is.
// CHECK-LABEL: func.func @unary_shared
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%arg0)
// CHECK-NEXT: %[[E:.*]] = "mly.exp"(%[[B]]) : (tensor<4x3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: return %[[E]], %[[B]]
func.func @unary_shared(%x: tensor<3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<4x3xf32>
  %1 = "mly.exp"(%0) : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %1, %0 : tensor<4x3xf32>, tensor<4x3xf32>
}

// -----
// A broadcast that only adds size-1 dims does not shrink the op: it stays.
// CHECK-LABEL: func.func @unary_no_gain
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%arg0)
// CHECK-NEXT: %[[E:.*]] = "mly.exp"(%[[B]]) : (tensor<1x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT: return %[[E]]
func.func @unary_no_gain(%x: tensor<3xf32>) -> tensor<1x3xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<1x3xf32>
  %1 = "mly.exp"(%0) : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %1 : tensor<1x3xf32>
}

// -----
// A binary op (and cmp, attributes kept) on two broadcasts with the same
// dims and input shape runs on the inputs.
// CHECK-LABEL: func.func @binary
// CHECK-NEXT: %[[A:.*]] = "mly.add"(%arg0, %arg1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[BA:.*]] = "mly.broadcast_in_dim"(%[[A]]) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[C:.*]] = "mly.cmp"(%arg0, %arg1) {predicate = "lt"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
// CHECK-NEXT: %[[BC:.*]] = "mly.broadcast_in_dim"(%[[C]]) {broadcast_dimensions = array<i64: 1>} : (tensor<3xi1>) -> tensor<2x3xi1>
// CHECK-NEXT: return %[[BA]], %[[BC]]
func.func @binary(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi1>) {
  %bx = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %by = "mly.broadcast_in_dim"(%y) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %0 = "mly.add"(%bx, %by) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %bx2 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %by2 = "mly.broadcast_in_dim"(%y) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "mly.cmp"(%bx2, %by2) {predicate = "lt"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xi1>
}

// -----
// x_b * x_b: one broadcast used twice by the op.
// CHECK-LABEL: func.func @binary_same
// CHECK-NEXT: %[[M:.*]] = "mly.mul"(%arg0, %arg0) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%[[M]])
// CHECK-NEXT: return %[[B]]
func.func @binary_same(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %bx = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %0 = "mly.mul"(%bx, %bx) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// A broadcast against a splat constant: the splat shrinks with it.
// CHECK-LABEL: func.func @binary_splat
// CHECK-NEXT: %[[C:.*]] = "mly.constant"() {value = dense<2.000000e+00> : tensor<3xf32>} : () -> tensor<3xf32>
// CHECK-NEXT: %[[S:.*]] = "mly.sub"(%[[C]], %arg0) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%[[S]]) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[B]]
func.func @binary_splat(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %c = "mly.constant"() {value = dense<2.0> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %bx = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %0 = "mly.sub"(%c, %bx) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// Broadcasts along different dims, or of different input shapes, stay.
// CHECK-LABEL: func.func @binary_mismatch
// CHECK-COUNT-2: "mly.broadcast_in_dim"
// CHECK-NEXT: "mly.add"
// CHECK-COUNT-2: "mly.broadcast_in_dim"
// CHECK-NEXT: "mly.add"
// CHECK-NEXT: return
func.func @binary_mismatch(%x: tensor<3xf32>, %y: tensor<1x3xf32>) -> (tensor<3x3xf32>, tensor<3x3xf32>) {
  %a = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x3xf32>
  %b = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<3x3xf32>
  %0 = "mly.add"(%a, %b) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %c = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<3x3xf32>
  %d = "mly.broadcast_in_dim"(%y) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x3xf32>) -> tensor<3x3xf32>
  %1 = "mly.add"(%c, %d) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0, %1 : tensor<3x3xf32>, tensor<3x3xf32>
}

// -----
// A broadcast against a non-splat operand stays.
// CHECK-LABEL: func.func @binary_one_side
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%arg0)
// CHECK-NEXT: %[[A:.*]] = "mly.add"(%[[B]], %arg1)
// CHECK-NEXT: return %[[A]]
func.func @binary_one_side(%x: tensor<3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %bx = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %0 = "mly.add"(%bx, %y) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
