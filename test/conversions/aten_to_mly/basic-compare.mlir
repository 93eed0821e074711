// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// Comparisons promote both operands to the dtype PyTorch compares in and
// broadcast them to the result's shape; logic works on i1.

// An integer tensor against a float Scalar compares in float.
// CHECK-LABEL: func.func @eq_int_float
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<2x3xi64>) -> tensor<2x3xf32>
// CHECK: %[[S:.*]] = "mly.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<2x3xf32>
// CHECK: "mly.cmp"(%[[X]], %[[S]]) {predicate = "eq"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK-NOT: aten.
func.func @eq_int_float(%x: tensor<2x3xi64>, %s: tensor<f32>) -> tensor<2x3xi1> {
  %0 = "aten.eq"(%x, %s) : (tensor<2x3xi64>, tensor<f32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// Two integer tensors compare in the wider type.
// CHECK-LABEL: func.func @lt_i32_i64
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<3xi32>) -> tensor<3xi64>
// CHECK: %[[Y:.*]] = "mly.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64: 0>} : (tensor<1xi64>) -> tensor<3xi64>
// CHECK: "mly.cmp"(%[[X]], %[[Y]]) {predicate = "lt"}
func.func @lt_i32_i64(%x: tensor<3xi32>, %y: tensor<1xi64>) -> tensor<3xi1> {
  %0 = "aten.lt"(%x, %y) : (tensor<3xi32>, tensor<1xi64>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

// A 0-d Scalar of the same category takes the tensor's dtype (f16 here,
// not the scalar's f32), as PyTorch does.
// CHECK-LABEL: func.func @ge_f16_scalar
// CHECK: %[[S:.*]] = "mly.cast"(%arg1) : (tensor<f32>) -> tensor<f16>
// CHECK: %[[B:.*]] = "mly.broadcast_in_dim"(%[[S]])
// CHECK: "mly.cmp"(%arg0, %[[B]]) {predicate = "ge"} : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xi1>
func.func @ge_f16_scalar(%x: tensor<4xf16>, %s: tensor<f32>) -> tensor<4xi1> {
  %0 = "aten.ge"(%x, %s) : (tensor<4xf16>, tensor<f32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// Every predicate keeps its name.
// CHECK-LABEL: func.func @predicates
// CHECK: predicate = "ne"
// CHECK: predicate = "gt"
// CHECK: predicate = "le"
func.func @predicates(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = "aten.ne"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = "aten.gt"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = "aten.le"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// logical_and of a float and a bool: the float becomes i1 (x != 0).
// CHECK-LABEL: func.func @logical_and
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<4xf32>) -> tensor<4xi1>
// CHECK: "mly.and"(%[[X]], %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
func.func @logical_and(%x: tensor<4xf32>, %y: tensor<4xi1>) -> tensor<4xi1> {
  %0 = "aten.logical_and"(%x, %y) : (tensor<4xf32>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @logical_not
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<4xi64>) -> tensor<4xi1>
// CHECK: "mly.not"(%[[X]]) : (tensor<4xi1>) -> tensor<4xi1>
func.func @logical_not(%x: tensor<4xi64>) -> tensor<4xi1> {
  %0 = "aten.logical_not"(%x) : (tensor<4xi64>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// bitwise_and of bools is and (with broadcasting).
// CHECK-LABEL: func.func @bitwise_and_bool
// CHECK: %[[Y:.*]] = "mly.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64: 1>} : (tensor<3xi1>) -> tensor<2x3xi1>
// CHECK: "mly.and"(%arg0, %[[Y]])
func.func @bitwise_and_bool(%x: tensor<2x3xi1>, %y: tensor<3xi1>) -> tensor<2x3xi1> {
  %0 = "aten.bitwise_and"(%x, %y) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}
