// RUN: mly-opt %s --split-input-file --mly-canonicalize | FileCheck %s

// Reshape to the same type is the input.
// CHECK-LABEL: func.func @reshape_same
// CHECK-NEXT: return %arg0
func.func @reshape_same(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "mly.reshape"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// A reshape that changes the shape stays.
// CHECK-LABEL: func.func @reshape_other
// CHECK-NEXT: %[[R:.*]] = "mly.reshape"(%arg0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_other(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "mly.reshape"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----
// reshape(reshape(x)) is one reshape; back to x's shape it is x.
// CHECK-LABEL: func.func @reshape_chain
// CHECK-NEXT: %[[R:.*]] = "mly.reshape"(%arg0) : (tensor<2x3xf32>) -> tensor<6xf32>
// CHECK-NEXT: return %[[R]], %arg0
func.func @reshape_chain(%x: tensor<2x3xf32>) -> (tensor<6xf32>, tensor<2x3xf32>) {
  %0 = "mly.reshape"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = "mly.reshape"(%0) : (tensor<3x2xf32>) -> tensor<6xf32>
  %2 = "mly.reshape"(%0) : (tensor<3x2xf32>) -> tensor<2x3xf32>
  return %1, %2 : tensor<6xf32>, tensor<2x3xf32>
}

// -----
// Reshapes of constants: a splat takes the new type; a small dense
// constant is reshaped in place.
// CHECK-LABEL: func.func @reshape_const
// CHECK-NEXT: %[[S:.*]] = "mly.constant"() {value = dense<5> : tensor<3x2xi32>} : () -> tensor<3x2xi32>
// CHECK-NEXT: %[[D:.*]] = "mly.constant"() {value = dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi64>} : () -> tensor<2x2xi64>
// CHECK-NEXT: return %[[S]], %[[D]]
func.func @reshape_const() -> (tensor<3x2xi32>, tensor<2x2xi64>) {
  %c = "mly.constant"() {value = dense<5> : tensor<6xi32>} : () -> tensor<6xi32>
  %0 = "mly.reshape"(%c) : (tensor<6xi32>) -> tensor<3x2xi32>
  %d = "mly.constant"() {value = dense<[1, 2, 3, 4]> : tensor<4xi64>} : () -> tensor<4xi64>
  %1 = "mly.reshape"(%d) : (tensor<4xi64>) -> tensor<2x2xi64>
  return %0, %1 : tensor<3x2xi32>, tensor<2x2xi64>
}

// -----
// A large non-splat constant is not copied into a reshaped one.
// CHECK-LABEL: func.func @reshape_const_large
// CHECK-NEXT: "mly.constant"
// CHECK-NEXT: "mly.reshape"
func.func @reshape_const_large() -> tensor<5x13xi32> {
  %c = "mly.constant"() {value = dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64]> : tensor<65xi32>} : () -> tensor<65xi32>
  %0 = "mly.reshape"(%c) : (tensor<65xi32>) -> tensor<5x13xi32>
  return %0 : tensor<5x13xi32>
}

// -----
// Transpose by the identity is the input.
// CHECK-LABEL: func.func @transpose_identity
// CHECK-NEXT: return %arg0
func.func @transpose_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "mly.transpose"(%x) {permutation = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// A real permutation stays, even one that keeps the type (equal dims).
// CHECK-LABEL: func.func @transpose_real
// CHECK-NEXT: %[[T:.*]] = "mly.transpose"(%arg0) {permutation = array<i64: 1, 0>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
// CHECK-NEXT: return %[[T]]
func.func @transpose_real(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %0 = "mly.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----
// transpose(transpose(x)) composes: [1, 2, 0] then [1, 2, 0] is [2, 0, 1];
// a permutation and its inverse cancel.
// CHECK-LABEL: func.func @transpose_chain
// CHECK-NEXT: %[[T:.*]] = "mly.transpose"(%arg0) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT: return %[[T]], %arg0
func.func @transpose_chain(%x: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<2x3x4xf32>) {
  %0 = "mly.transpose"(%x) {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %1 = "mly.transpose"(%0) {permutation = array<i64: 1, 2, 0>} : (tensor<3x4x2xf32>) -> tensor<4x2x3xf32>
  %2 = "mly.transpose"(%0) {permutation = array<i64: 2, 0, 1>} : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
  return %1, %2 : tensor<4x2x3xf32>, tensor<2x3x4xf32>
}

// -----
// Cast to the same type is the input; a real cast stays.
// CHECK-LABEL: func.func @cast_same
// CHECK-NEXT: %[[C:.*]] = "mly.cast"(%arg0) : (tensor<4xf32>) -> tensor<4xf16>
// CHECK-NEXT: return %arg0, %[[C]]
func.func @cast_same(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf16>) {
  %0 = "mly.cast"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.cast"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return %0, %1 : tensor<4xf32>, tensor<4xf16>
}

// -----
// Lossless round trips disappear: f16 -> f32 -> f16, bf16 -> f32 -> bf16,
// i32 -> i64 -> i32, i1 -> f32 -> i1, i8 -> bf16 -> i8.
// CHECK-LABEL: func.func @cast_roundtrip
// CHECK-NEXT: return %arg0, %arg1, %arg2, %arg3, %arg4
func.func @cast_roundtrip(%a: tensor<4xf16>, %b: tensor<4xbf16>, %c: tensor<4xi32>, %d: tensor<4xi1>, %e: tensor<4xi8>) -> (tensor<4xf16>, tensor<4xbf16>, tensor<4xi32>, tensor<4xi1>, tensor<4xi8>) {
  %a1 = "mly.cast"(%a) : (tensor<4xf16>) -> tensor<4xf32>
  %a2 = "mly.cast"(%a1) : (tensor<4xf32>) -> tensor<4xf16>
  %b1 = "mly.cast"(%b) : (tensor<4xbf16>) -> tensor<4xf32>
  %b2 = "mly.cast"(%b1) : (tensor<4xf32>) -> tensor<4xbf16>
  %c1 = "mly.cast"(%c) : (tensor<4xi32>) -> tensor<4xi64>
  %c2 = "mly.cast"(%c1) : (tensor<4xi64>) -> tensor<4xi32>
  %d1 = "mly.cast"(%d) : (tensor<4xi1>) -> tensor<4xf32>
  %d2 = "mly.cast"(%d1) : (tensor<4xf32>) -> tensor<4xi1>
  %e1 = "mly.cast"(%e) : (tensor<4xi8>) -> tensor<4xbf16>
  %e2 = "mly.cast"(%e1) : (tensor<4xbf16>) -> tensor<4xi8>
  return %a2, %b2, %c2, %d2, %e2 : tensor<4xf16>, tensor<4xbf16>, tensor<4xi32>, tensor<4xi1>, tensor<4xi8>
}

// -----
// After a lossless cast, the second cast reads the original: f16 -> f32
// -> bf16 is f16 -> bf16.
// CHECK-LABEL: func.func @cast_chain_lossless
// CHECK-NEXT: %[[C:.*]] = "mly.cast"(%arg0) : (tensor<4xf16>) -> tensor<4xbf16>
// CHECK-NEXT: return %[[C]]
func.func @cast_chain_lossless(%x: tensor<4xf16>) -> tensor<4xbf16> {
  %0 = "mly.cast"(%x) : (tensor<4xf16>) -> tensor<4xf32>
  %1 = "mly.cast"(%0) : (tensor<4xf32>) -> tensor<4xbf16>
  return %1 : tensor<4xbf16>
}

// -----
// Lossy first casts stay: f32 -> f16 -> f32 rounds, i64 -> i32 -> i64
// wraps, f32 -> i32 -> f32 truncates, f16 -> bf16 -> f16 and i32 -> f32
// -> i32 round.
// CHECK-LABEL: func.func @cast_chain_lossy
// CHECK-COUNT-10: "mly.cast"
// CHECK-NOT: "mly.cast"
// CHECK: return
func.func @cast_chain_lossy(%a: tensor<4xf32>, %b: tensor<4xi64>, %c: tensor<4xf16>, %d: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi64>, tensor<4xf32>, tensor<4xf16>, tensor<4xi32>) {
  %a1 = "mly.cast"(%a) : (tensor<4xf32>) -> tensor<4xf16>
  %a2 = "mly.cast"(%a1) : (tensor<4xf16>) -> tensor<4xf32>
  %b1 = "mly.cast"(%b) : (tensor<4xi64>) -> tensor<4xi32>
  %b2 = "mly.cast"(%b1) : (tensor<4xi32>) -> tensor<4xi64>
  %t1 = "mly.cast"(%a) : (tensor<4xf32>) -> tensor<4xi32>
  %t2 = "mly.cast"(%t1) : (tensor<4xi32>) -> tensor<4xf32>
  %c1 = "mly.cast"(%c) : (tensor<4xf16>) -> tensor<4xbf16>
  %c2 = "mly.cast"(%c1) : (tensor<4xbf16>) -> tensor<4xf16>
  %d1 = "mly.cast"(%d) : (tensor<4xi32>) -> tensor<4xf32>
  %d2 = "mly.cast"(%d1) : (tensor<4xf32>) -> tensor<4xi32>
  return %a2, %b2, %t2, %c2, %d2 : tensor<4xf32>, tensor<4xi64>, tensor<4xf32>, tensor<4xf16>, tensor<4xi32>
}

// -----
// broadcast_in_dim to the same type by the identity is the input.
// CHECK-LABEL: func.func @broadcast_same
// CHECK-NEXT: return %arg0
func.func @broadcast_same(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// A broadcast that stretches a size-1 dim stays.
// CHECK-LABEL: func.func @broadcast_real
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[B]]
func.func @broadcast_real(%x: tensor<1x3xf32>) -> tensor<2x3xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// broadcast(broadcast(x)) composes its dims: 3 -> 2x3 (dims [1]) -> 4x2x3
// (dims [1, 2]) is 3 -> 4x2x3 (dims [2]).
// CHECK-LABEL: func.func @broadcast_chain
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 2>} : (tensor<3xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT: return %[[B]]
func.func @broadcast_chain(%x: tensor<3xf32>) -> tensor<4x2x3xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "mly.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----
// A broadcast of a splat constant is a splat of the new type; of a
// non-splat constant it stays.
// CHECK-LABEL: func.func @broadcast_const
// CHECK-NEXT: %[[S:.*]] = "mly.constant"() {value = dense<true> : tensor<4x2xi1>} : () -> tensor<4x2xi1>
// CHECK-NEXT: %[[D:.*]] = "mly.constant"() {value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%[[D]])
// CHECK-NEXT: return %[[S]], %[[B]]
func.func @broadcast_const() -> (tensor<4x2xi1>, tensor<4x2xf32>) {
  %c = "mly.constant"() {value = dense<true> : tensor<2xi1>} : () -> tensor<2xi1>
  %0 = "mly.broadcast_in_dim"(%c) {broadcast_dimensions = array<i64: 1>} : (tensor<2xi1>) -> tensor<4x2xi1>
  %d = "mly.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %1 = "mly.broadcast_in_dim"(%d) {broadcast_dimensions = array<i64: 1>} : (tensor<2xf32>) -> tensor<4x2xf32>
  return %0, %1 : tensor<4x2xi1>, tensor<4x2xf32>
}

// -----
// A slice of the whole tensor with stride 1 (any stride on a size-1 dim)
// is the input.
// CHECK-LABEL: func.func @slice_whole
// CHECK-NEXT: return %arg0
func.func @slice_whole(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = "mly.slice"(%x) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 1, 4>, strides = array<i64: 3, 1>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----
// Slices that drop elements stay: an offset start, a short limit, a
// stride of 2.
// CHECK-LABEL: func.func @slice_part
// CHECK-COUNT-3: "mly.slice"
// CHECK-NEXT: return
func.func @slice_part(%x: tensor<4xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<2xf32>) {
  %0 = "mly.slice"(%x) {start_indices = array<i64: 1>, limit_indices = array<i64: 4>, strides = array<i64: 1>} : (tensor<4xf32>) -> tensor<3xf32>
  %1 = "mly.slice"(%x) {start_indices = array<i64: 0>, limit_indices = array<i64: 3>, strides = array<i64: 1>} : (tensor<4xf32>) -> tensor<3xf32>
  %2 = "mly.slice"(%x) {start_indices = array<i64: 0>, limit_indices = array<i64: 4>, strides = array<i64: 2>} : (tensor<4xf32>) -> tensor<2xf32>
  return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<2xf32>
}

// -----
// Padding by zero everywhere is the input; padding on one side stays.
// CHECK-LABEL: func.func @pad
// CHECK-NEXT: %[[P:.*]] = "mly.pad"(%arg0) {high = array<i64: 0, 1>, low = array<i64: 0, 0>, value = 0.000000e+00 : f64} : (tensor<2x3xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: return %arg0, %[[P]]
func.func @pad(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x4xf32>) {
  %0 = "mly.pad"(%x) {low = array<i64: 0, 0>, high = array<i64: 0, 0>, value = 7.0 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "mly.pad"(%x) {low = array<i64: 0, 0>, high = array<i64: 0, 1>, value = 0.0 : f64} : (tensor<2x3xf32>) -> tensor<2x4xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x4xf32>
}

// -----
// Cropping low and growing high by as much changes the values: it stays.
// CHECK-LABEL: func.func @pad_shift
// CHECK-NEXT: "mly.pad"
// CHECK-NEXT: return
func.func @pad_shift(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "mly.pad"(%x) {low = array<i64: -1>, high = array<i64: 1>, value = 0.0 : f64} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
