// RUN: mly-opt %s --split-input-file --mly-bounds --mly-f16 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.err

// A kernel whose values stay in [-2, 2] computes in f16: its argument is
// cast on entry, its ops retyped, its splat constant rebuilt in f16, its
// result cast back; the signature and the caller stay f32. The ranges are
// those mly-bounds proves for the rewritten kernel (tanh's in f16).
// CHECK-LABEL: func.func private @fused_0_elementwise
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>) -> (tensor<4xf32> {mly.range = array<f64: -0.96533203125, 0.96533203125>})
// CHECK-SAME: mly.precision = "f16"
// CHECK-NEXT: %[[X:.*]] = "mly.cast"(%[[A]]) {mly.range = array<f64: -1.000000e+00, 1.000000e+00>} : (tensor<4xf32>) -> tensor<4xf16>
// CHECK-NEXT: %[[C:.*]] = "mly.constant"() {mly.range = array<f64: 2.000000e+00, 2.000000e+00>, value = dense<2.000000e+00> : tensor<4xf16>} : () -> tensor<4xf16>
// CHECK-NEXT: %[[M:.*]] = "mly.mul"(%[[X]], %[[C]]) {mly.range = array<f64: -2.000000e+00, 2.000000e+00>} : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
// CHECK-NEXT: %[[T:.*]] = "mly.tanh"(%[[M]]) {mly.range = array<f64: -0.96533203125, 0.96533203125>} : (tensor<4xf16>) -> tensor<4xf16>
// CHECK-NEXT: %[[R:.*]] = "mly.cast"(%[[T]]) {mly.range = array<f64: -0.96533203125, 0.96533203125>} : (tensor<4xf16>) -> tensor<4xf32>
// CHECK-NEXT: return %[[R]] : tensor<4xf32>
// CHECK-LABEL: func.func @forward
// CHECK: call @fused_0_elementwise(%{{.*}}) {{.*}} : (tensor<4xf32>) -> tensor<4xf32>
// REMARK: remark: mly-f16: 1 kernel f16, 0 kernels f32 (0 of them taken back by the check in f16), 0 without f32 values
func.func private @fused_0_elementwise(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "elementwise"} {
  %c = "mly.constant"() {value = dense<2.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "mly.mul"(%arg0, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.tanh"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func @forward(%x: tensor<4xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<4xf32> {
  %0 = func.call @fused_0_elementwise(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// exp of [-20, 20] reaches 4.9e8, past f16's 16376 (a quarter of 65504):
// the kernel stays f32 and the remark names the exp, not the ops after it.
// CHECK-LABEL: func.func private @fused_0_elementwise
// CHECK-SAME: mly.precision = "f32"
// CHECK-NOT: f16
// CHECK: return
// REMARK: remark: mly-f16: fused_0_elementwise stays f32: 'mly.exp' at exp_1 range [2.06115303e-09, 485165280]
// REMARK-NEXT: f16.mlir:[[@LINE+3]]:1: remark: mly-f16: fused_0_elementwise stays f32: and 1 op out of range through those
// REMARK-NOT: tanh
// REMARK: remark: mly-f16: 0 kernels f16, 1 kernel f32 (0 of them taken back by the check in f16), 0 without f32 values
func.func private @fused_0_elementwise(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "elementwise"} {
  %0 = "mly.exp"(%arg0) : (tensor<4xf32>) -> tensor<4xf32> loc("exp_1")
  %1 = "mly.add"(%0, %0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.tanh"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
func.func @forward(%x: tensor<4xf32> {mly.range = array<f64: -20.0, 20.0>}) -> tensor<4xf32> {
  %0 = func.call @fused_0_elementwise(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// x * x + 1e-5 is at least 1e-5 in f32, so rsqrt is at most 316 and the
// margin test passes; in f16, 1e-5 is subnormal and may be flushed to
// zero, so rsqrt may be inf: the check of the rewrite in f16 (mly-bounds
// on the rewritten kernel) takes the kernel back.
// CHECK-LABEL: func.func private @fused_0_reduction
// CHECK-SAME: mly.precision = "f32"
// CHECK-NOT: f16
// CHECK: return
// REMARK: remark: mly-f16: fused_0_reduction stays f32: in the half type 'mly.rsqrt' at rsqrt_1 range [0.998535156, inf]
// REMARK: remark: mly-f16: 0 kernels f16, 1 kernel f32 (1 of them taken back by the check in f16), 0 without f32 values
func.func private @fused_0_reduction(%arg0: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "reduction"} {
  %eps = "mly.constant"() {value = dense<1.0e-5> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "mly.mul"(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.add"(%0, %eps) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.rsqrt"(%1) : (tensor<4xf32>) -> tensor<4xf32> loc("rsqrt_1")
  return %2 : tensor<4xf32>
}
func.func @forward(%x: tensor<4xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<4xf32> {
  %0 = func.call @fused_0_reduction(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Unfused ops of the entry function are kernels of their own: the matmul
// gets casts on its f32 operands (the constant included) and after its
// result (IBP's [-8, 8] for two products of [-1, 1] x [1, 4], widened by
// f16's accumulated rounding); the integer scan has no f32 value; an input of unknown range
// keeps the sub in f32 (one remark, for the input).
// CHECK-LABEL: func.func @forward(%arg0: tensor<2x2xf32> {mly.range = array<f64: -1.000000e+00, 1.000000e+00>}, %arg1: tensor<2x2xf32>, %arg2: tensor<2xi64>)
// CHECK-NEXT: %[[W:.*]] = "mly.constant"() {{.*}} : () -> tensor<2x2xf32>
// CHECK-NEXT: %[[XH:.*]] = "mly.cast"(%arg0) {{.*}} : (tensor<2x2xf32>) -> tensor<2x2xf16>
// CHECK-NEXT: %[[WH:.*]] = "mly.cast"(%[[W]]) {{.*}} : (tensor<2x2xf32>) -> tensor<2x2xf16>
// CHECK-NEXT: %[[MM:.*]] = "mly.matmul"(%[[XH]], %[[WH]]) {mly.precision = "f16", mly.range = array<f64: -8.015625, 8.015625>, {{.*}}} : (tensor<2x2xf16>, tensor<2x2xf16>) -> tensor<2x2xf16>
// CHECK-NEXT: %[[MF:.*]] = "mly.cast"(%[[MM]]) {{.*}} : (tensor<2x2xf16>) -> tensor<2x2xf32>
// CHECK-NEXT: %[[S:.*]] = "mly.scan"(%arg2) {dim = 0 : i64, mly.range = {{.*}}} : (tensor<2xi64>) -> tensor<2xi64>
// CHECK-NEXT: %[[D:.*]] = "mly.sub"(%arg1, %[[MF]]) {mly.precision = "f32", {{.*}}} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT: return %[[MF]], %[[S]], %[[D]]
// REMARK: remark: mly-f16: 'mly.sub' at sub_1 stays f32: argument 0 range unknown (an argument without mly.range)
// REMARK-NEXT: remark: mly-f16: 1 kernel f16, 1 kernel f32 (0 of them taken back by the check in f16), 1 without f32 values
func.func @forward(%x: tensor<2x2xf32> {mly.range = array<f64: -1.0, 1.0>}, %y: tensor<2x2xf32>, %i: tensor<2xi64>) -> (tensor<2x2xf32>, tensor<2xi64>, tensor<2x2xf32>) {
  %w = "mly.constant"() {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %0 = "mly.matmul"(%x, %w) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = "mly.scan"(%i) {dim = 0 : i64} : (tensor<2xi64>) -> tensor<2xi64>
  %2 = "mly.sub"(%y, %0) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32> loc("sub_1")
  return %0, %1, %2 : tensor<2x2xf32>, tensor<2xi64>, tensor<2x2xf32>
}
