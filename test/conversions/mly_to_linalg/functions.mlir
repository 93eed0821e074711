// RUN: mly-opt %s --mly-to-linalg | FileCheck %s
// Fused kernels stay outlined: func.func private @fused_* keeps its
// mly.fused kind and its tensor signature, func.call and mly.param stay;
// only the mly ops inside change.

// CHECK-LABEL: func.func private @fused_0_elementwise(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "elementwise"}
// CHECK: linalg.generic
// CHECK: math.tanh
// CHECK-LABEL: func.func @forward(%arg0: tensor<4xf32> {mly.param = "w"}, %arg1: tensor<4xf32>)
// CHECK: %[[S:.*]] = linalg.generic
// CHECK: call @fused_0_elementwise(%[[S]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NOT: "mly.
func.func private @fused_0_elementwise(%x: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "elementwise"} {
  %0 = "mly.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @forward(%w: tensor<4xf32> {mly.param = "w"}, %x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "mly.sub"(%x, %w) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = func.call @fused_0_elementwise(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
