// RUN: mly-opt %s --split-input-file --mly-to-linalg | FileCheck %s
// RUN: mly-opt %s --split-input-file --mly-to-linalg | mlir-opt --split-input-file --one-shot-bufferize=bufferize-function-boundaries --convert-linalg-to-loops | FileCheck %s --check-prefix=LOOPS
// Data movement: broadcast_in_dim, reshape, transpose, slice, pad, concat,
// gather.
// LOOPS-NOT: {{linalg\.|mly\.}}
// LOOPS: func.func
// LOOPS-NOT: {{linalg\.|mly\.}}

// Added dims only: linalg.broadcast.
// CHECK-LABEL: func.func @broadcast_add_dims
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x32xf32>
// CHECK: linalg.broadcast ins(%arg0 : tensor<32xf32>) outs(%[[E]] : tensor<4x32xf32>) dimensions = [0]
// CHECK-NOT: mly.
func.func @broadcast_add_dims(%x: tensor<32xf32>) -> tensor<4x32xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<32xf32>) -> tensor<4x32xf32>
  return %0 : tensor<4x32xf32>
}

// -----

// A size-1 dim stretched: a generic reading index 0 of it.
// CHECK: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, 0)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_stretch
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<4x1xf32>)
func.func @broadcast_stretch(%x: tensor<4x1xf32>) -> tensor<4x8x2xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<4x1xf32>) -> tensor<4x8x2xf32>
  return %0 : tensor<4x8x2xf32>
}

// -----

// Reshape groups dims with equal products: one expand_shape or
// collapse_shape when it can (no copy of a strided input after
// bufferization), else collapse to the groups and expand; rank 0 expands
// or collapses with [].
// CHECK-LABEL: func.func @reshape
// CHECK: %[[F:.*]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1]] : tensor<2x6xf32> into tensor<12xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[\[}}0, 1, 2]] output_shape [3, 2, 2] : tensor<12xf32> into tensor<3x2x2xf32>
// CHECK: tensor.expand_shape %arg1 [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK: tensor.collapse_shape %arg2 [] : tensor<1xf32> into tensor<f32>
// CHECK: tensor.expand_shape %arg3 {{\[\[}}0], [1], [2, 3]] output_shape [2, 8, 4, 16] : tensor<2x8x64xf32> into tensor<2x8x4x16xf32>
// CHECK: tensor.collapse_shape %arg4 {{\[\[}}0, 1], [2, 3]] : tensor<1x8x4x16xf32> into tensor<8x64xf32>
// CHECK: %[[M:.*]] = tensor.collapse_shape %arg5 {{\[\[}}0, 1], [2]] : tensor<2x1x3xf32> into tensor<2x3xf32>
// CHECK: tensor.expand_shape %[[M]] {{\[\[}}0], [1, 2]] output_shape [2, 3, 1] : tensor<2x3xf32> into tensor<2x3x1xf32>
func.func @reshape(%x: tensor<2x6xf32>, %s: tensor<f32>, %o: tensor<1xf32>, %e: tensor<2x8x64xf32>, %c: tensor<1x8x4x16xf32>, %m: tensor<2x1x3xf32>) -> (tensor<3x2x2xf32>, tensor<1x1xf32>, tensor<f32>, tensor<2x8x4x16xf32>, tensor<8x64xf32>, tensor<2x3x1xf32>) {
  %0 = "mly.reshape"(%x) : (tensor<2x6xf32>) -> tensor<3x2x2xf32>
  %1 = "mly.reshape"(%s) : (tensor<f32>) -> tensor<1x1xf32>
  %2 = "mly.reshape"(%o) : (tensor<1xf32>) -> tensor<f32>
  %3 = "mly.reshape"(%e) : (tensor<2x8x64xf32>) -> tensor<2x8x4x16xf32>
  %4 = "mly.reshape"(%c) : (tensor<1x8x4x16xf32>) -> tensor<8x64xf32>
  %5 = "mly.reshape"(%m) : (tensor<2x1x3xf32>) -> tensor<2x3x1xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<3x2x2xf32>, tensor<1x1xf32>, tensor<f32>, tensor<2x8x4x16xf32>, tensor<8x64xf32>, tensor<2x3x1xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x2x3xi64>
// CHECK: linalg.transpose ins(%arg0 : tensor<2x3x4xi64>) outs(%[[E]] : tensor<4x2x3xi64>) permutation = [2, 0, 1]
func.func @transpose(%x: tensor<2x3x4xi64>) -> tensor<4x2x3xi64> {
  %0 = "mly.transpose"(%x) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xi64>) -> tensor<4x2x3xi64>
  return %0 : tensor<4x2x3xi64>
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK: tensor.extract_slice %arg0[1, 0] [2, 3] [1, 2] : tensor<4x6xf32> to tensor<2x3xf32>
func.func @slice(%x: tensor<4x6xf32>) -> tensor<2x3xf32> {
  %0 = "mly.slice"(%x) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 3, 6>, strides = array<i64: 1, 2>} : (tensor<4x6xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Negative low/high crop with extract_slice first; the value attribute
// fills the padding.
// CHECK-LABEL: func.func @pad
// CHECK: %[[C:.*]] = tensor.extract_slice %arg0[0, 1] [4, 4] [1, 1] : tensor<4x6xf32> to tensor<4x4xf32>
// CHECK: %[[V:.*]] = arith.constant -1.500000e+00 : f32
// CHECK: tensor.pad %[[C]] low[2, 0] high[1, 0]
// CHECK: tensor.yield %[[V]] : f32
// CHECK: } : tensor<4x4xf32> to tensor<7x4xf32>
func.func @pad(%x: tensor<4x6xf32>) -> tensor<7x4xf32> {
  %0 = "mly.pad"(%x) {low = array<i64: 2, -1>, high = array<i64: 1, -1>, value = -1.5 : f64} : (tensor<4x6xf32>) -> tensor<7x4xf32>
  return %0 : tensor<7x4xf32>
}

// -----

// An integer value pads integer tensors exactly.
// CHECK-LABEL: func.func @pad_int
// CHECK: %[[V:.*]] = arith.constant -9 : i64
// CHECK: tensor.pad %arg0 low[1] high[0]
// CHECK: tensor.yield %[[V]] : i64
func.func @pad_int(%x: tensor<3xi64>) -> tensor<4xi64> {
  %0 = "mly.pad"(%x) {low = array<i64: 1>, high = array<i64: 0>, value = -9 : i64} : (tensor<3xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK: tensor.concat dim(1) %arg0, %arg1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
func.func @concat(%x: tensor<2x3xf32>, %y: tensor<2x5xf32>) -> tensor<2x8xf32> {
  %0 = "mly.concat"(%x, %y) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// take: result = input[:dim] + indices.shape + input[dim+1:]; each index is
// clamped into [0, 9] and read with tensor.extract.
// CHECK: #[[IX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @gather_take
// CHECK: linalg.generic {indexing_maps = [#[[IX]], #{{.*}}], {{.*}} ins(%arg1 : tensor<2x3xi64>)
// CHECK: %[[J:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[Z:.*]] = arith.constant 0 : index
// CHECK: %[[TOP:.*]] = arith.constant 9 : index
// CHECK: %[[LO:.*]] = arith.maxsi %[[J]], %[[Z]] : index
// CHECK: %[[K:.*]] = arith.minsi %[[LO]], %[[TOP]] : index
// CHECK: %[[D:.*]] = linalg.index 2 : index
// CHECK: tensor.extract %arg0[%[[K]], %[[D]]] : tensor<10x4xf32>
func.func @gather_take(%x: tensor<10x4xf32>, %i: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %0 = "mly.gather"(%x, %i) {dim = 0 : i64, mode = "take"} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// along: result has the indices' shape; a size-1 input dim reads index 0.
// CHECK-LABEL: func.func @gather_along
// CHECK: %[[J:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK: %[[Z:.*]] = arith.constant 0 : index
// CHECK: %[[K:.*]] = arith.minsi
// CHECK: tensor.extract %arg0[%[[Z]], %[[K]]] : tensor<1x5xf32>
func.func @gather_along(%x: tensor<1x5xf32>, %i: tensor<3x2xi32>) -> tensor<3x2xf32> {
  %0 = "mly.gather"(%x, %i) {dim = 1 : i64, mode = "along"} : (tensor<1x5xf32>, tensor<3x2xi32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Constants keep their elements attribute; iota is linalg.index.
// CHECK-LABEL: func.func @values
// CHECK: arith.constant dense<[1, 2, 3]> : tensor<3xi64>
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: arith.index_cast %[[I]] : index to i32
// CHECK: %[[F:.*]] = linalg.index 0 : index
// CHECK: %[[W:.*]] = arith.index_cast %[[F]] : index to i64
// CHECK: arith.sitofp %[[W]] : i64 to f32
func.func @values() -> (tensor<3xi64>, tensor<2x3xi32>, tensor<4xf32>) {
  %0 = "mly.constant"() {value = dense<[1, 2, 3]> : tensor<3xi64>} : () -> tensor<3xi64>
  %1 = "mly.iota"() {dim = 1 : i64} : () -> tensor<2x3xi32>
  %2 = "mly.iota"() {dim = 0 : i64} : () -> tensor<4xf32>
  return %0, %1, %2 : tensor<3xi64>, tensor<2x3xi32>, tensor<4xf32>
}
