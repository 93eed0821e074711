// RUN: mly-opt %s --split-input-file --mly-to-linalg | FileCheck %s
// RUN: mly-opt %s --split-input-file --mly-to-linalg | mlir-opt --split-input-file --one-shot-bufferize=bufferize-function-boundaries --convert-linalg-to-loops | FileCheck %s --check-prefix=LOOPS
// Reductions are linalg.reduce into a filled init (accumulating in the
// element type), expanded back for keepdim; scan is a masked generic.
// LOOPS-NOT: {{linalg\.|mly\.}}
// LOOPS: scf.for
// LOOPS-NOT: {{linalg\.|mly\.}}

// CHECK-LABEL: func.func @sum_keepdim
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[R:.*]] = linalg.reduce { arith.addf } ins(%arg0 : tensor<4x8xf32>) outs(%[[F]] : tensor<4xf32>) dimensions = [1]
// CHECK: tensor.expand_shape %[[R]] {{\[\[}}0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
// CHECK-NOT: mly.
func.func @sum_keepdim(%x: tensor<4x8xf32>) -> tensor<4x1xf32> {
  %0 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = true, kind = "sum"} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// max starts from -inf and propagates NaN; dims are sorted for
// linalg.reduce; leading reduced dims join the first group.
// CHECK-LABEL: func.func @max_dims
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.reduce { arith.maximumf } ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [0, 2]
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [1, 3, 1]
func.func @max_dims(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = "mly.reduce"(%x) {dims = array<i64: 2, 0>, keepdim = true, kind = "max"} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// Integer min starts from INT_MAX, prod from 1; all dims reduced to rank 0.
// CHECK-LABEL: func.func @int_kinds
// CHECK: arith.constant 2147483647 : i32
// CHECK: linalg.reduce { arith.minsi }
// CHECK: arith.constant 1 : i64
// CHECK: linalg.reduce { arith.muli {{.*}}} ins(%arg1 : tensor<2x3xi64>) outs(%{{.*}} : tensor<i64>) dimensions = [0, 1]
// CHECK-NOT: expand_shape
func.func @int_kinds(%x: tensor<5xi32>, %y: tensor<2x3xi64>) -> (tensor<i32>, tensor<i64>) {
  %0 = "mly.reduce"(%x) {dims = array<i64: 0>, keepdim = false, kind = "min"} : (tensor<5xi32>) -> tensor<i32>
  %1 = "mly.reduce"(%y) {dims = array<i64: 0, 1>, keepdim = false, kind = "prod"} : (tensor<2x3xi64>) -> tensor<i64>
  return %0, %1 : tensor<i32>, tensor<i64>
}

// -----

// Everything reduced with keepdim: expand from rank 0 with [].
// CHECK-LABEL: func.func @all_keepdim
// CHECK: tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
func.func @all_keepdim(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = "mly.reduce"(%x) {dims = array<i64: 0, 1>, keepdim = true, kind = "sum"} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// Inclusive cumsum along dim 1: an extra reduction loop j (d2) reads
// x[.., j, ..] and adds it where j <= i.
// CHECK: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @scan
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[J:.*]] = linalg.index 2 : index
// CHECK: %[[C:.*]] = arith.cmpi ule, %[[J]], %[[I]] : index
// CHECK: %[[S:.*]] = arith.addf
// CHECK: arith.select %[[C]], %[[S]], %{{.*}} : f32
func.func @scan(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = "mly.scan"(%x) {dim = 1 : i64} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
