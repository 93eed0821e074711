// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// Elementwise arithmetic and activations: aten's implicit promotion and
// broadcasting become explicit mly.cast / mly.broadcast_in_dim.

// add with alpha: other is cast to the result dtype, broadcast, scaled.
// CHECK-LABEL: func.func @add_alpha
// CHECK: %[[C:.*]] = "mly.cast"(%arg1) : (tensor<3xi64>) -> tensor<3xf32>
// CHECK: %[[B:.*]] = "mly.broadcast_in_dim"(%[[C]]) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[A:.*]] = "mly.constant"() {value = dense<2.000000e+00> : tensor<2x3xf32>}
// CHECK: %[[M:.*]] = "mly.mul"(%[[B]], %[[A]])
// CHECK: "mly.add"(%arg0, %[[M]]) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NOT: aten.
func.func @add_alpha(%x: tensor<2x3xf32>, %y: tensor<3xi64>) -> tensor<2x3xf32> {
  %0 = "aten.add"(%x, %y) {alpha = 2 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// sub with alpha 1 of a 0-d Scalar: no scaling, a broadcast of the scalar.
// CHECK-LABEL: func.func @sub_scalar
// CHECK: %[[B:.*]] = "mly.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<4xf32>
// CHECK-NEXT: "mly.sub"(%arg0, %[[B]])
// CHECK-NOT: aten.
func.func @sub_scalar(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  %0 = "aten.sub"(%x, %s) {alpha = 1 : i64} : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Integer mul stays integer.
// CHECK-LABEL: func.func @mul_int
// CHECK: "mly.mul"(%arg0, %arg1) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
func.func @mul_int(%x: tensor<4xi64>, %y: tensor<4xi64>) -> tensor<4xi64> {
  %0 = "aten.mul"(%x, %y) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// True division of integers: both operands become the float result type.
// CHECK-LABEL: func.func @div_int
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<4xi64>) -> tensor<4xf32>
// CHECK: %[[Y:.*]] = "mly.cast"(%arg1) : (tensor<4xi64>) -> tensor<4xf32>
// CHECK: "mly.div"(%[[X]], %[[Y]]) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
func.func @div_int(%x: tensor<4xi64>, %y: tensor<4xi64>) -> tensor<4xf32> {
  %0 = "aten.div"(%x, %y) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// pow by a constant 2 is a multiplication; by anything else mly.pow.
// CHECK-LABEL: func.func @pow
// CHECK: "mly.constant"() {value = dense<2> : tensor<i64>}
// CHECK: %[[SQ:.*]] = "mly.mul"(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[E:.*]] = "mly.broadcast_in_dim"
// CHECK: "mly.pow"(%[[SQ]], %[[E]])
// CHECK-NOT: aten.
func.func @pow(%x: tensor<4xf32>, %e: tensor<f32>) -> tensor<4xf32> {
  %two = "aten.scalar_tensor"() {s = 2 : i64} : () -> tensor<i64>
  %0 = "aten.pow"(%x, %two) : (tensor<4xf32>, tensor<i64>) -> tensor<4xf32>
  %1 = "aten.pow"(%0, %e) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Unary math keeps its name; an integer input is cast to the float result.
// CHECK-LABEL: func.func @unary
// CHECK: %[[C:.*]] = "mly.cast"(%arg0) : (tensor<4xi64>) -> tensor<4xf32>
// CHECK: %[[E:.*]] = "mly.exp"(%[[C]])
// CHECK: %[[R:.*]] = "mly.rsqrt"(%[[E]])
// CHECK: %[[S:.*]] = "mly.sigmoid"(%[[R]])
// CHECK: %[[N:.*]] = "mly.neg"(%[[S]])
// CHECK: %[[SI:.*]] = "mly.sin"(%[[N]])
// CHECK: %[[CO:.*]] = "mly.cos"(%[[SI]])
// CHECK: %[[T:.*]] = "mly.tanh"(%[[CO]])
// CHECK: %[[L:.*]] = "mly.log"(%[[T]])
// CHECK: "mly.sqrt"(%[[L]])
func.func @unary(%x: tensor<4xi64>) -> tensor<4xf32> {
  %0 = "aten.exp"(%x) : (tensor<4xi64>) -> tensor<4xf32>
  %1 = "aten.rsqrt"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "aten.sigmoid"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "aten.neg"(%2) : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "aten.sin"(%3) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "aten.cos"(%4) : (tensor<4xf32>) -> tensor<4xf32>
  %6 = "aten.tanh"(%5) : (tensor<4xf32>) -> tensor<4xf32>
  %7 = "aten.log"(%6) : (tensor<4xf32>) -> tensor<4xf32>
  %8 = "aten.sqrt"(%7) : (tensor<4xf32>) -> tensor<4xf32>
  return %8 : tensor<4xf32>
}

// -----

// relu is max(x, 0).
// CHECK-LABEL: func.func @relu
// CHECK: %[[Z:.*]] = "mly.constant"() {value = dense<0.000000e+00> : tensor<4xf32>}
// CHECK: "mly.max"(%arg0, %[[Z]])
func.func @relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "aten.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Exact gelu: x/2 * (1 + erf(x / sqrt 2)).
// CHECK-LABEL: func.func @gelu_erf
// CHECK: %[[K:.*]] = "mly.constant"() {value = dense<0.707106769> : tensor<4xf32>}
// CHECK: %[[U:.*]] = "mly.mul"(%arg0, %[[K]])
// CHECK: %[[E:.*]] = "mly.erf"(%[[U]])
// CHECK: %[[H:.*]] = "mly.mul"(%arg0, %{{.*}})
// CHECK: %[[P:.*]] = "mly.add"(%{{.*}}, %[[E]])
// CHECK: "mly.mul"(%[[H]], %[[P]])
// CHECK-NOT: mly.cast
func.func @gelu_erf(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "aten.gelu"(%x) {approximate = "none"} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// tanh gelu: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
// CHECK-LABEL: func.func @gelu_tanh
// CHECK: %[[X2:.*]] = "mly.mul"(%arg0, %arg0)
// CHECK: %[[X3:.*]] = "mly.mul"(%[[X2]], %arg0)
// CHECK: dense<4.471500e-02>
// CHECK: "mly.add"(%arg0,
// CHECK: dense<0.797884583>
// CHECK: "mly.tanh"
// CHECK-NOT: mly.erf
func.func @gelu_tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "aten.gelu"(%x) {approximate = "tanh"} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// f16 activations run in f32 and round once at the end (PyTorch's opmath).
// CHECK-LABEL: func.func @silu_f16
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<4xf16>) -> tensor<4xf32>
// CHECK: %[[S:.*]] = "mly.sigmoid"(%[[X]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[M:.*]] = "mly.mul"(%[[X]], %[[S]])
// CHECK: "mly.cast"(%[[M]]) : (tensor<4xf32>) -> tensor<4xf16>
func.func @silu_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = "aten.silu"(%x) : (tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// hardswish: x * min(max(x + 3, 0), 6) / 6.
// CHECK-LABEL: func.func @hardswish
// CHECK: %[[A:.*]] = "mly.add"(%arg0,
// CHECK: %[[LO:.*]] = "mly.max"(%[[A]],
// CHECK: %[[HI:.*]] = "mly.min"(%[[LO]],
// CHECK: %[[M:.*]] = "mly.mul"(%arg0, %[[HI]])
// CHECK: "mly.div"(%[[M]],
func.func @hardswish(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "aten.hardswish"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// An infinite clamp bound is no bound; hardtanh clamps on both sides.
// CHECK-LABEL: func.func @clamp
// CHECK-NOT: "mly.max"
// CHECK: %[[C:.*]] = "mly.min"(%arg0, %{{.*}})
// CHECK: %[[L:.*]] = "mly.max"(%[[C]], %{{.*}})
// CHECK: "mly.min"(%[[L]], %{{.*}})
func.func @clamp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "aten.clamp"(%x) {min = 0xFFF0000000000000 : f64, max = 6.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "aten.hardtanh"(%0) {min_val = -1.0 : f64, max_val = 1.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Integer clamp by fractional bounds keeps the integers inside them.
// CHECK-LABEL: func.func @clamp_int
// CHECK: dense<-1> : tensor<4xi64>
// CHECK: "mly.max"
// CHECK: dense<2> : tensor<4xi64>
// CHECK: "mly.min"
func.func @clamp_int(%x: tensor<4xi64>) -> tensor<4xi64> {
  %0 = "aten.clamp"(%x) {min = -1.5 : f64, max = 2.5 : f64} : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// where: the condition is broadcast, both branches cast and broadcast.
// CHECK-LABEL: func.func @where
// CHECK: %[[C:.*]] = "mly.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xi1>) -> tensor<2x3xi1>
// CHECK: %[[T:.*]] = "mly.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<2x3xf32>
// CHECK: %[[F:.*]] = "mly.cast"(%arg2) : (tensor<2x3xi64>) -> tensor<2x3xf32>
// CHECK: "mly.select"(%[[C]], %[[T]], %[[F]])
func.func @where(%c: tensor<2x1xi1>, %a: tensor<f32>, %b: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %0 = "aten.where"(%c, %a, %b) : (tensor<2x1xi1>, tensor<f32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// masked_fill: select(mask, value, self).
// CHECK-LABEL: func.func @masked_fill
// CHECK: %[[M:.*]] = "mly.broadcast_in_dim"(%arg1)
// CHECK: %[[V:.*]] = "mly.constant"() {value = dense<0xFF800000> : tensor<2x3xf32>}
// CHECK: "mly.select"(%[[M]], %[[V]], %arg0)
func.func @masked_fill(%x: tensor<2x3xf32>, %m: tensor<3xi1>) -> tensor<2x3xf32> {
  %0 = "aten.masked_fill"(%x, %m) {value = 0xFFF0000000000000 : f64} : (tensor<2x3xf32>, tensor<3xi1>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
