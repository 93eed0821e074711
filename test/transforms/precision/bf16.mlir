// RUN: mly-opt %s --mly-f16-type=bf16 --mly-bounds --mly-f16 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.err
// RUN: not mly-opt %s --mly-f16-type=f8 2>&1 | FileCheck %s --check-prefix=BAD

// bf16 keeps f32's exponent range: exp of [-20, 20] (4.9e8, past f16's
// margin) fits, and 1e-5 is a normal bf16, so x * x + 1e-5 stays away
// from 0 and rsqrt bounded: both kernels compute in bf16.
// CHECK-LABEL: func.func private @fused_0_elementwise
// CHECK-SAME: mly.precision = "bf16"
// CHECK-NEXT: %[[X:.*]] = "mly.cast"(%arg0) {{.*}} : (tensor<4xf32>) -> tensor<4xbf16>
// CHECK-NEXT: %[[E:.*]] = "mly.exp"(%[[X]]) {{.*}} : (tensor<4xbf16>) -> tensor<4xbf16>
// CHECK-NEXT: %[[T:.*]] = "mly.tanh"(%[[E]]) {{.*}} : (tensor<4xbf16>) -> tensor<4xbf16>
// CHECK-NEXT: %[[R:.*]] = "mly.cast"(%[[T]]) {{.*}} : (tensor<4xbf16>) -> tensor<4xf32>
// CHECK-NEXT: return %[[R]] : tensor<4xf32>
// CHECK-LABEL: func.func private @fused_1_reduction
// CHECK-SAME: mly.precision = "bf16"
// CHECK-NEXT: %[[X:.*]] = "mly.cast"(%arg0) {{.*}} : (tensor<4xf32>) -> tensor<4xbf16>
// CHECK-NEXT: %[[EPS:.*]] = "mly.constant"() {{.*}}value = dense<1.001360e-05> : tensor<4xbf16>} : () -> tensor<4xbf16>
// CHECK-NEXT: %[[M:.*]] = "mly.mul"(%[[X]], %[[X]]) {{.*}} : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
// CHECK-NEXT: %[[A:.*]] = "mly.add"(%[[M]], %[[EPS]]) {{.*}} : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
// CHECK-NEXT: %[[Q:.*]] = "mly.rsqrt"(%[[A]]) {mly.range = array<f64: 0.98828125, 3.220000e+02>} : (tensor<4xbf16>) -> tensor<4xbf16>
// CHECK-NEXT: %[[R:.*]] = "mly.cast"(%[[Q]]) {{.*}} : (tensor<4xbf16>) -> tensor<4xf32>
// REMARK: remark: mly-f16: 2 kernels bf16, 0 kernels f32 (0 of them taken back by the check in bf16), 0 without f32 values
// BAD: mly-opt: --mly-f16-type wants 'f16' or 'bf16', got 'f8'
func.func private @fused_0_elementwise(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "elementwise"} {
  %0 = "mly.exp"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.tanh"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func private @fused_1_reduction(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "reduction"} {
  %eps = "mly.constant"() {value = dense<1.0e-5> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "mly.mul"(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.add"(%0, %eps) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.rsqrt"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
func.func @forward(%x: tensor<4xf32> {mly.range = array<f64: -20.0, 20.0>}, %y: tensor<4xf32> {mly.range = array<f64: -1.0, 1.0>}) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = func.call @fused_0_elementwise(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = func.call @fused_1_reduction(%y) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
