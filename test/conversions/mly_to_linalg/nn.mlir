// RUN: mly-opt %s --split-input-file --mly-to-linalg | FileCheck %s
// RUN: mly-opt %s --split-input-file --mly-to-linalg | mlir-opt --split-input-file --one-shot-bufferize=bufferize-function-boundaries --convert-linalg-to-loops | FileCheck %s --check-prefix=LOOPS
// Contractions and windows: named linalg ops where they exist (matmul,
// batch_matmul, conv_1d/2d, pooling_ncw/nchw), generics otherwise.
// LOOPS-NOT: {{linalg\.|mly\.}}
// LOOPS: scf.for
// LOOPS-NOT: {{linalg\.|mly\.}}

// CHECK-LABEL: func.func @matmul
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32)
// CHECK: linalg.matmul ins(%arg0, %arg1 : tensor<4x16xf32>, tensor<16x8xf32>) outs(%[[F]] : tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NOT: mly.
func.func @matmul(%x: tensor<4x16xf32>, %y: tensor<16x8xf32>) -> tensor<4x8xf32> {
  %0 = "mly.matmul"(%x, %y) {transpose_lhs = false, transpose_rhs = false} : (tensor<4x16xf32>, tensor<16x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Transposes are indexing maps of the named op.
// CHECK: #[[L:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK: #[[R:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK: #[[O:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_t
// CHECK: linalg.matmul indexing_maps = [#[[L]], #[[R]], #[[O]]] ins(%arg0, %arg1 : tensor<16x4xf32>, tensor<8x16xf32>)
func.func @matmul_t(%x: tensor<16x4xf32>, %y: tensor<8x16xf32>) -> tensor<4x8xf32> {
  %0 = "mly.matmul"(%x, %y) {transpose_lhs = true, transpose_rhs = true} : (tensor<16x4xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Batch dims beyond one collapse into one for batch_matmul, then expand.
// CHECK-LABEL: func.func @batch4d
// CHECK: %[[X:.*]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2], [3]] : tensor<2x3x5x4xf32> into tensor<6x5x4xf32>
// CHECK: %[[Y:.*]] = tensor.collapse_shape %arg1 {{\[\[}}0, 1], [2], [3]] : tensor<2x3x7x4xf32> into tensor<6x7x4xf32>
// CHECK: %[[R:.*]] = linalg.batch_matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[X]], %[[Y]] : tensor<6x5x4xf32>, tensor<6x7x4xf32>) outs(%{{.*}} : tensor<6x5x7xf32>)
// CHECK: tensor.expand_shape %[[R]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 3, 5, 7] : tensor<6x5x7xf32> into tensor<2x3x5x7xf32>
func.func @batch4d(%x: tensor<2x3x5x4xf32>, %y: tensor<2x3x7x4xf32>) -> tensor<2x3x5x7xf32> {
  %0 = "mly.matmul"(%x, %y) {transpose_lhs = false, transpose_rhs = true} : (tensor<2x3x5x4xf32>, tensor<2x3x7x4xf32>) -> tensor<2x3x5x7xf32>
  return %0 : tensor<2x3x5x7xf32>
}

// -----

// Padding is a zero tensor.pad; bias is added after the named conv.
// CHECK: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv2d
// CHECK: %[[P:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: } : tensor<1x3x8x8xf32> to tensor<1x3x10x10xf32>
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %arg1 : tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>)
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[BIAS]], #{{.*}}], {{.*}} ins(%[[C]], %arg2 : tensor<1x4x4x4xf32>, tensor<4xf32>)
func.func @conv2d(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = "mly.conv"(%x, %w, %b) {operandSegmentSizes = array<i32: 1, 1, 1>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv1d
// CHECK-NOT: tensor.pad
// CHECK: linalg.conv_1d_ncw_fcw {dilations = dense<2> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%arg0, %arg1 : tensor<2x4x10xf32>, tensor<6x4x3xf32>)
// CHECK-NOT: linalg.generic
func.func @conv1d(%x: tensor<2x4x10xf32>, %w: tensor<6x4x3xf32>) -> tensor<2x6x6xf32> {
  %0 = "mly.conv"(%x, %w) {operandSegmentSizes = array<i32: 1, 1, 0>, stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 2>, groups = 1 : i64} : (tensor<2x4x10xf32>, tensor<6x4x3xf32>) -> tensor<2x6x6xf32>
  return %0 : tensor<2x6x6xf32>
}

// -----

// Groups get their own loop: input [N, G, C/G, W], weight [G, F/G, C/G, K],
// output [N, G, F/G, W'], loops (n, g, f, o, c, k).
// CHECK: #[[MX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 * 2 + d5)>
// CHECK: #[[MW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d2, d4, d5)>
// CHECK: #[[MO:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_grouped
// CHECK: %[[X:.*]] = tensor.expand_shape %arg0 {{\[\[}}0], [1, 2], [3]] output_shape [1, 2, 2, 9] : tensor<1x4x9xf32> into tensor<1x2x2x9xf32>
// CHECK: %[[W:.*]] = tensor.expand_shape %arg1 {{\[\[}}0, 1], [2], [3]] output_shape [2, 3, 2, 3] : tensor<6x2x3xf32> into tensor<2x3x2x3xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[MX]], #[[MW]], #[[MO]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[X]], %[[W]] : tensor<1x2x2x9xf32>, tensor<2x3x2x3xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: tensor.collapse_shape %[[R]] {{\[\[}}0], [1, 2], [3]] : tensor<1x2x3x4xf32> into tensor<1x6x4xf32>
func.func @conv_grouped(%x: tensor<1x4x9xf32>, %w: tensor<6x2x3xf32>) -> tensor<1x6x4xf32> {
  %0 = "mly.conv"(%x, %w) {operandSegmentSizes = array<i32: 1, 1, 0>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x9xf32>, tensor<6x2x3xf32>) -> tensor<1x6x4xf32>
  return %0 : tensor<1x6x4xf32>
}

// -----

// Max pool pads with -inf; the window operand is an empty tensor of the
// window's shape.
// CHECK-LABEL: func.func @max_pool
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[P:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NI]] : f32
// CHECK: %[[K:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[K]] : tensor<1x2x10x10xf32>, tensor<3x3xf32>)
func.func @max_pool(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32> {
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// Avg pool without count_include_pad divides by the number of inputs in
// each window: a sum pool over a zero-padded tensor of ones.
// CHECK-LABEL: func.func @avg_pool_exclude_pad
// CHECK: %[[S:.*]] = linalg.pooling_ncw_sum {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2x8xf32>, tensor<3xf32>)
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.fill ins(%[[ONE]] : f32) outs(%{{.*}} : tensor<1x2x6xf32>)
// CHECK: %[[N:.*]] = linalg.pooling_ncw_sum
// CHECK: linalg.generic {{.*}} ins(%[[S]], %[[N]] : tensor<1x2x6xf32>, tensor<1x2x6xf32>)
// CHECK: arith.divf
func.func @avg_pool_exclude_pad(%x: tensor<1x2x6xf32>) -> tensor<1x2x6xf32> {
  %0 = "mly.pool"(%x) {kind = "avg", window = array<i64: 3>, stride = array<i64: 1>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x2x6xf32>) -> tensor<1x2x6xf32>
  return %0 : tensor<1x2x6xf32>
}

// -----

// count_include_pad divides by the window size; 3 spatial dims use a
// generic.
// CHECK: #[[MX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2 * 2 + d5, d3 * 2 + d6, d4 * 2 + d7)>
// CHECK: #[[MK:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d5, d6, d7)>
// CHECK-LABEL: func.func @avg_pool_3d
// CHECK: linalg.generic {indexing_maps = [#[[MX]], #[[MK]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK: %[[D:.*]] = arith.constant 8.000000e+00 : f32
// CHECK: arith.divf %{{.*}}, %[[D]] : f32
func.func @avg_pool_3d(%x: tensor<1x1x4x4x4xf32>) -> tensor<1x1x2x2x2xf32> {
  %0 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>, count_include_pad = true} : (tensor<1x1x4x4x4xf32>) -> tensor<1x1x2x2x2xf32>
  return %0 : tensor<1x1x2x2x2xf32>
}
