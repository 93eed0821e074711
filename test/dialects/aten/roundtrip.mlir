// RUN: mly-opt %s | mly-opt | FileCheck %s

// One valid use of every aten op; each must survive a print/parse round
// trip in generic form with its attributes and types.

// CHECK-LABEL: func.func @add(
// CHECK-NEXT: %0 = "aten.add"(%arg0, %arg1) {alpha = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @add(%a0: tensor<2x3xf32>, %a1: tensor<3xf32>) {
  %0 = "aten.add"(%a0, %a1) {alpha = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @add_scalar(
// CHECK-NEXT: %0 = "aten.add"(%arg0, %arg1) {alpha = 1.000000e+00 : f64} : (tensor<2x3xf32>, tensor<f64>) -> tensor<2x3xf32>
func.func @add_scalar(%a0: tensor<2x3xf32>, %a1: tensor<f64>) {
  %0 = "aten.add"(%a0, %a1) {alpha = 1.0 : f64} : (tensor<2x3xf32>, tensor<f64>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @sub(
// CHECK-NEXT: %0 = "aten.sub"(%arg0, %arg1) {alpha = 1 : i64} : (tensor<2x1xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
func.func @sub(%a0: tensor<2x1xf32>, %a1: tensor<1x3xf32>) {
  %0 = "aten.sub"(%a0, %a1) {alpha = 1 : i64} : (tensor<2x1xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @mul(
// CHECK-NEXT: %0 = "aten.mul"(%arg0, %arg1) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
func.func @mul(%a0: tensor<4xi64>, %a1: tensor<4xi64>) {
  %0 = "aten.mul"(%a0, %a1) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return
}

// CHECK-LABEL: func.func @div_int(
// CHECK-NEXT: %0 = "aten.div"(%arg0, %arg1) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xf32>
func.func @div_int(%a0: tensor<4xi64>, %a1: tensor<4xi64>) {
  %0 = "aten.div"(%a0, %a1) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @pow(
// CHECK-NEXT: %0 = "aten.pow"(%arg0, %arg1) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
func.func @pow(%a0: tensor<4xf32>, %a1: tensor<f32>) {
  %0 = "aten.pow"(%a0, %a1) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @neg(
// CHECK-NEXT: %0 = "aten.neg"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @neg(%a0: tensor<2x3xf32>) {
  %0 = "aten.neg"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @rsqrt(
// CHECK-NEXT: %0 = "aten.rsqrt"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @rsqrt(%a0: tensor<2x3xf32>) {
  %0 = "aten.rsqrt"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @sqrt(
// CHECK-NEXT: %0 = "aten.sqrt"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @sqrt(%a0: tensor<2x3xf32>) {
  %0 = "aten.sqrt"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @exp(
// CHECK-NEXT: %0 = "aten.exp"(%arg0) : (tensor<2x3xi64>) -> tensor<2x3xf32>
func.func @exp(%a0: tensor<2x3xi64>) {
  %0 = "aten.exp"(%a0) : (tensor<2x3xi64>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @log(
// CHECK-NEXT: %0 = "aten.log"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @log(%a0: tensor<2x3xf32>) {
  %0 = "aten.log"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @tanh(
// CHECK-NEXT: %0 = "aten.tanh"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @tanh(%a0: tensor<2x3xf32>) {
  %0 = "aten.tanh"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @sigmoid(
// CHECK-NEXT: %0 = "aten.sigmoid"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @sigmoid(%a0: tensor<2x3xf32>) {
  %0 = "aten.sigmoid"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @sin(
// CHECK-NEXT: %0 = "aten.sin"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @sin(%a0: tensor<2x3xf32>) {
  %0 = "aten.sin"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @cos(
// CHECK-NEXT: %0 = "aten.cos"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @cos(%a0: tensor<2x3xf32>) {
  %0 = "aten.cos"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @relu(
// CHECK-NEXT: %0 = "aten.relu"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @relu(%a0: tensor<2x3xf32>) {
  %0 = "aten.relu"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @gelu(
// CHECK-NEXT: %0 = "aten.gelu"(%arg0) {approximate = "tanh"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @gelu(%a0: tensor<2x3xf32>) {
  %0 = "aten.gelu"(%a0) {approximate = "tanh"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @silu(
// CHECK-NEXT: %0 = "aten.silu"(%arg0) : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
func.func @silu(%a0: tensor<2x3xbf16>) {
  %0 = "aten.silu"(%a0) : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  return
}

// CHECK-LABEL: func.func @hardtanh(
// CHECK-NEXT: %0 = "aten.hardtanh"(%arg0) {max_val = 1.000000e+00 : f64, min_val = -1.000000e+00 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @hardtanh(%a0: tensor<2x3xf32>) {
  %0 = "aten.hardtanh"(%a0) {min_val = -1.0 : f64, max_val = 1.0 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @hardswish(
// CHECK-NEXT: %0 = "aten.hardswish"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @hardswish(%a0: tensor<2x3xf32>) {
  %0 = "aten.hardswish"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @clamp(
// CHECK-NEXT: %0 = "aten.clamp"(%arg0) {max = 6.000000e+00 : f64, min = 0xFFF0000000000000 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @clamp(%a0: tensor<2x3xf32>) {
  %0 = "aten.clamp"(%a0) {min = 0xFFF0000000000000 : f64, max = 6.0 : f64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @where(
// CHECK-NEXT: %0 = "aten.where"(%arg0, %arg1, %arg2) : (tensor<2x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
func.func @where(%a0: tensor<2x1xi1>, %a1: tensor<3xf32>, %a2: tensor<f32>) {
  %0 = "aten.where"(%a0, %a1, %a2) : (tensor<2x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @masked_fill(
// CHECK-NEXT: %0 = "aten.masked_fill"(%arg0, %arg1) {value = 0xFF800000 : f32} : (tensor<2x3xf32>, tensor<3xi1>) -> tensor<2x3xf32>
func.func @masked_fill(%a0: tensor<2x3xf32>, %a1: tensor<3xi1>) {
  %0 = "aten.masked_fill"(%a0, %a1) {value = 0xFF800000 : f32} : (tensor<2x3xf32>, tensor<3xi1>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @eq(
// CHECK-NEXT: %0 = "aten.eq"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
func.func @eq(%a0: tensor<2x3xf32>, %a1: tensor<f32>) {
  %0 = "aten.eq"(%a0, %a1) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @ne(
// CHECK-NEXT: %0 = "aten.ne"(%arg0, %arg1) : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi1>
func.func @ne(%a0: tensor<2x3xi64>, %a1: tensor<2x3xi64>) {
  %0 = "aten.ne"(%a0, %a1) : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @ge(
// CHECK-NEXT: %0 = "aten.ge"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
func.func @ge(%a0: tensor<2x3xf32>, %a1: tensor<2x3xf32>) {
  %0 = "aten.ge"(%a0, %a1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @gt(
// CHECK-NEXT: %0 = "aten.gt"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
func.func @gt(%a0: tensor<2x3xf32>, %a1: tensor<2x3xf32>) {
  %0 = "aten.gt"(%a0, %a1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @le(
// CHECK-NEXT: %0 = "aten.le"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
func.func @le(%a0: tensor<2x3xf32>, %a1: tensor<2x3xf32>) {
  %0 = "aten.le"(%a0, %a1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @lt(
// CHECK-NEXT: %0 = "aten.lt"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
func.func @lt(%a0: tensor<2x3xf32>, %a1: tensor<2x3xf32>) {
  %0 = "aten.lt"(%a0, %a1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @logical_and(
// CHECK-NEXT: %0 = "aten.logical_and"(%arg0, %arg1) : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
func.func @logical_and(%a0: tensor<2x3xi1>, %a1: tensor<2x3xi1>) {
  %0 = "aten.logical_and"(%a0, %a1) : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @logical_not(
// CHECK-NEXT: %0 = "aten.logical_not"(%arg0) : (tensor<2x3xi1>) -> tensor<2x3xi1>
func.func @logical_not(%a0: tensor<2x3xi1>) {
  %0 = "aten.logical_not"(%a0) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @bitwise_and(
// CHECK-NEXT: %0 = "aten.bitwise_and"(%arg0, %arg1) : (tensor<2x3xi1>, tensor<1x3xi1>) -> tensor<2x3xi1>
func.func @bitwise_and(%a0: tensor<2x3xi1>, %a1: tensor<1x3xi1>) {
  %0 = "aten.bitwise_and"(%a0, %a1) : (tensor<2x3xi1>, tensor<1x3xi1>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @any(
// CHECK-NEXT: %0 = "aten.any"(%arg0) {dim = -1 : i64, keepdim = true} : (tensor<2x3xi1>) -> tensor<2x1xi1>
func.func @any(%a0: tensor<2x3xi1>) {
  %0 = "aten.any"(%a0) {dim = -1 : i64, keepdim = true} : (tensor<2x3xi1>) -> tensor<2x1xi1>
  return
}

// CHECK-LABEL: func.func @cumsum(
// CHECK-NEXT: %0 = "aten.cumsum"(%arg0) {dim = 1 : i64} : (tensor<2x3xi32>) -> tensor<2x3xi64>
func.func @cumsum(%a0: tensor<2x3xi32>) {
  %0 = "aten.cumsum"(%a0) {dim = 1 : i64} : (tensor<2x3xi32>) -> tensor<2x3xi64>
  return
}

// CHECK-LABEL: func.func @diff(
// CHECK-NEXT: %0 = "aten.diff"(%arg0, %arg1) {dim = -1 : i64, n = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x5xf32>
func.func @diff(%a0: tensor<2x5xf32>, %a1: tensor<2x1xf32>) {
  %0 = "aten.diff"(%a0, %a1) {n = 1 : i64, dim = -1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x5xf32>
  return
}

// CHECK-LABEL: func.func @mean(
// CHECK-NEXT: %0 = "aten.mean"(%arg0) {dim = array<i64: 1>, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
func.func @mean(%a0: tensor<2x3x4xf32>) {
  %0 = "aten.mean"(%a0) {dim = array<i64: 1>, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return
}

// CHECK-LABEL: func.func @sum_all(
// CHECK-NEXT: %0 = "aten.sum"(%arg0) {dim = array<i64>, keepdim = false} : (tensor<2x3xi32>) -> tensor<i64>
func.func @sum_all(%a0: tensor<2x3xi32>) {
  %0 = "aten.sum"(%a0) {dim = array<i64>, keepdim = false} : (tensor<2x3xi32>) -> tensor<i64>
  return
}

// CHECK-LABEL: func.func @amax(
// CHECK-NEXT: %0 = "aten.amax"(%arg0) {dim = array<i64: 0, -1>, keepdim = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
func.func @amax(%a0: tensor<2x3x4xf32>) {
  %0 = "aten.amax"(%a0) {dim = array<i64: 0, -1>, keepdim = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return
}

// CHECK-LABEL: func.func @softmax(
// CHECK-NEXT: %0 = "aten.softmax"(%arg0) {dim = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @softmax(%a0: tensor<2x3xf32>) {
  %0 = "aten.softmax"(%a0) {dim = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @log_softmax(
// CHECK-NEXT: %0 = "aten.log_softmax"(%arg0) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @log_softmax(%a0: tensor<2x3xf32>) {
  %0 = "aten.log_softmax"(%a0) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @linear(
// CHECK-NEXT: %0 = "aten.linear"(%arg0, %arg1, %arg2) : (tensor<2x5x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x5x3xf32>
func.func @linear(%a0: tensor<2x5x4xf32>, %a1: tensor<3x4xf32>, %a2: tensor<3xf32>) {
  %0 = "aten.linear"(%a0, %a1, %a2) : (tensor<2x5x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x5x3xf32>
  return
}

// CHECK-LABEL: func.func @linear_nobias(
// CHECK-NEXT: %0 = "aten.linear"(%arg0, %arg1) : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
func.func @linear_nobias(%a0: tensor<2x4xf32>, %a1: tensor<3x4xf32>) {
  %0 = "aten.linear"(%a0, %a1) : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @addmm(
// CHECK-NEXT: %0 = "aten.addmm"(%arg0, %arg1, %arg2) {alpha = 1 : i64, beta = 1 : i64} : (tensor<3xf32>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
func.func @addmm(%a0: tensor<3xf32>, %a1: tensor<2x4xf32>, %a2: tensor<4x3xf32>) {
  %0 = "aten.addmm"(%a0, %a1, %a2) {beta = 1 : i64, alpha = 1 : i64} : (tensor<3xf32>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @mm(
// CHECK-NEXT: %0 = "aten.mm"(%arg0, %arg1) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
func.func @mm(%a0: tensor<2x4xf32>, %a1: tensor<4x3xf32>) {
  %0 = "aten.mm"(%a0, %a1) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @bmm(
// CHECK-NEXT: %0 = "aten.bmm"(%arg0, %arg1) : (tensor<5x2x4xf32>, tensor<5x4x3xf32>) -> tensor<5x2x3xf32>
func.func @bmm(%a0: tensor<5x2x4xf32>, %a1: tensor<5x4x3xf32>) {
  %0 = "aten.bmm"(%a0, %a1) : (tensor<5x2x4xf32>, tensor<5x4x3xf32>) -> tensor<5x2x3xf32>
  return
}

// CHECK-LABEL: func.func @matmul_bcast(
// CHECK-NEXT: %0 = "aten.matmul"(%arg0, %arg1) : (tensor<7x1x2x4xf32>, tensor<5x4x3xf32>) -> tensor<7x5x2x3xf32>
func.func @matmul_bcast(%a0: tensor<7x1x2x4xf32>, %a1: tensor<5x4x3xf32>) {
  %0 = "aten.matmul"(%a0, %a1) : (tensor<7x1x2x4xf32>, tensor<5x4x3xf32>) -> tensor<7x5x2x3xf32>
  return
}

// CHECK-LABEL: func.func @matmul_vec(
// CHECK-NEXT: %0 = "aten.matmul"(%arg0, %arg1) : (tensor<4xf32>, tensor<5x4x3xf32>) -> tensor<5x3xf32>
func.func @matmul_vec(%a0: tensor<4xf32>, %a1: tensor<5x4x3xf32>) {
  %0 = "aten.matmul"(%a0, %a1) : (tensor<4xf32>, tensor<5x4x3xf32>) -> tensor<5x3xf32>
  return
}

// CHECK-LABEL: func.func @matmul_dot(
// CHECK-NEXT: %0 = "aten.matmul"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
func.func @matmul_dot(%a0: tensor<4xf32>, %a1: tensor<4xf32>) {
  %0 = "aten.matmul"(%a0, %a1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @baddbmm(
// CHECK-NEXT: %0 = "aten.baddbmm"(%arg0, %arg1, %arg2) {alpha = 5.000000e-01 : f64, beta = 1.000000e+00 : f64} : (tensor<1x2x3xf32>, tensor<5x2x4xf32>, tensor<5x4x3xf32>) -> tensor<5x2x3xf32>
func.func @baddbmm(%a0: tensor<1x2x3xf32>, %a1: tensor<5x2x4xf32>, %a2: tensor<5x4x3xf32>) {
  %0 = "aten.baddbmm"(%a0, %a1, %a2) {beta = 1.0 : f64, alpha = 0.5 : f64} : (tensor<1x2x3xf32>, tensor<5x2x4xf32>, tensor<5x4x3xf32>) -> tensor<5x2x3xf32>
  return
}

// CHECK-LABEL: func.func @sdpa_gqa(
// CHECK-NEXT: %0 = "aten.scaled_dot_product_attention"(%arg0, %arg1, %arg2, %arg3) {dropout_p = 0.000000e+00 : f64, enable_gqa = true, is_causal = false, scale = 1.250000e-01 : f64} : (tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x48xf32>, tensor<16x32xi1>) -> tensor<2x8x16x48xf32>
func.func @sdpa_gqa(%a0: tensor<2x8x16x64xf32>, %a1: tensor<2x2x32x64xf32>, %a2: tensor<2x2x32x48xf32>, %a3: tensor<16x32xi1>) {
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2, %a3) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.250000e-01 : f64, enable_gqa = true} : (tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x48xf32>, tensor<16x32xi1>) -> tensor<2x8x16x48xf32>
  return
}

// CHECK-LABEL: func.func @sdpa(
// CHECK-NEXT: %0 = "aten.scaled_dot_product_attention"(%arg0, %arg1, %arg2) {dropout_p = 0.000000e+00 : f64, enable_gqa = false, is_causal = true, scale = 1.250000e-01 : f64} : (tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>) -> tensor<2x4x16x64xf32>
func.func @sdpa(%a0: tensor<2x4x16x64xf32>, %a1: tensor<2x4x16x64xf32>, %a2: tensor<2x4x16x64xf32>) {
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = true, scale = 1.250000e-01 : f64, enable_gqa = false} : (tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>) -> tensor<2x4x16x64xf32>
  return
}

// CHECK-LABEL: func.func @conv1d(
// CHECK-NEXT: %0 = "aten.conv1d"(%arg0, %arg1, %arg2) {dilation = array<i64: 1>, groups = 2 : i64, padding = array<i64: 0>, stride = array<i64: 2>} : (tensor<1x4x10xf32>, tensor<6x2x3xf32>, tensor<6xf32>) -> tensor<1x6x4xf32>
func.func @conv1d(%a0: tensor<1x4x10xf32>, %a1: tensor<6x2x3xf32>, %a2: tensor<6xf32>) {
  %0 = "aten.conv1d"(%a0, %a1, %a2) {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x10xf32>, tensor<6x2x3xf32>, tensor<6xf32>) -> tensor<1x6x4xf32>
  return
}

// CHECK-LABEL: func.func @conv2d(
// CHECK-NEXT: %0 = "aten.conv2d"(%arg0, %arg1) {dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 1, 1>, stride = array<i64: 1>} : (tensor<2x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<2x16x8x8xf32>
func.func @conv2d(%a0: tensor<2x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64} : (tensor<2x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<2x16x8x8xf32>
  return
}

// CHECK-LABEL: func.func @convolution_transposed(
// CHECK-NEXT: %0 = "aten.convolution"(%arg0, %arg1, %arg2) {dilation = array<i64: 1, 1>, groups = 2 : i64, output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>, transposed = true} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x10x10xf32>
func.func @convolution_transposed(%a0: tensor<1x4x5x5xf32>, %a1: tensor<4x3x3x3xf32>, %a2: tensor<6xf32>) {
  %0 = "aten.convolution"(%a0, %a1, %a2) {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, transposed = true, output_padding = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x10x10xf32>
  return
}

// CHECK-LABEL: func.func @batch_norm(
// CHECK-NEXT: %0 = "aten.batch_norm"(%arg0, %arg1, %arg2, %arg3, %arg4) {cudnn_enabled = true, eps = 1.000000e-05 : f64, momentum = 1.000000e-01 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>, training = false} : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
func.func @batch_norm(%a0: tensor<2x3x4x4xf32>, %a1: tensor<3xf32>, %a2: tensor<3xf32>, %a3: tensor<3xf32>, %a4: tensor<3xf32>) {
  %0 = "aten.batch_norm"(%a0, %a1, %a2, %a3, %a4) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>} : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return
}

// CHECK-LABEL: func.func @native_batch_norm(
// CHECK-NEXT: %0:3 = "aten.native_batch_norm_legit_no_training"(%arg0, %arg1, %arg2) {eps = 1.000000e-05 : f64, momentum = 1.000000e-01 : f64, operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<0xf32>, tensor<0xf32>)
func.func @native_batch_norm(%a0: tensor<2x3x4xf32>, %a1: tensor<3xf32>, %a2: tensor<3xf32>) {
  %0:3 = "aten.native_batch_norm_legit_no_training"(%a0, %a1, %a2) {momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<0xf32>, tensor<0xf32>)
  return
}

// CHECK-LABEL: func.func @layer_norm(
// CHECK-NEXT: %0 = "aten.layer_norm"(%arg0, %arg1, %arg2) {cudnn_enable = true, eps = 1.000000e-05 : f64, normalized_shape = array<i64: 3, 4>, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
func.func @layer_norm(%a0: tensor<2x3x4xf32>, %a1: tensor<3x4xf32>, %a2: tensor<3x4xf32>) {
  %0 = "aten.layer_norm"(%a0, %a1, %a2) {normalized_shape = array<i64: 3, 4>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @native_layer_norm(
// CHECK-NEXT: %0:3 = "aten.native_layer_norm"(%arg0, %arg1) {eps = 1.000000e-05 : f64, normalized_shape = array<i64: 4>, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
func.func @native_layer_norm(%a0: tensor<2x3x4xf32>, %a1: tensor<4xf32>) {
  %0:3 = "aten.native_layer_norm"(%a0, %a1) {normalized_shape = array<i64: 4>, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return
}

// CHECK-LABEL: func.func @native_group_norm(
// CHECK-NEXT: %0:3 = "aten.native_group_norm"(%arg0, %arg1, %arg2) {C = 6 : i64, HxW = 4 : i64, N = 2 : i64, eps = 1.000000e-05 : f64, group = 3 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<2x6x4xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
func.func @native_group_norm(%a0: tensor<2x6x4xf32>, %a1: tensor<6xf32>, %a2: tensor<6xf32>) {
  %0:3 = "aten.native_group_norm"(%a0, %a1, %a2) {N = 2 : i64, C = 6 : i64, HxW = 4 : i64, group = 3 : i64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<2x6x4xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
  return
}

// CHECK-LABEL: func.func @group_norm(
// CHECK-NEXT: %0 = "aten.group_norm"(%arg0, %arg1, %arg2) {cudnn_enabled = true, eps = 1.000000e-05 : f64, num_groups = 3 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
func.func @group_norm(%a0: tensor<2x6x4xf32>, %a1: tensor<6xf32>, %a2: tensor<6xf32>) {
  %0 = "aten.group_norm"(%a0, %a1, %a2) {num_groups = 3 : i64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return
}

// CHECK-LABEL: func.func @rms_norm(
// CHECK-NEXT: %0 = "aten.rms_norm"(%arg0, %arg1) {eps = 9.9999999999999995E-7 : f64, normalized_shape = array<i64: 4>} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
func.func @rms_norm(%a0: tensor<2x3x4xf32>, %a1: tensor<4xf32>) {
  %0 = "aten.rms_norm"(%a0, %a1) {normalized_shape = array<i64: 4>, eps = 1.0e-06 : f64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @max_pool2d_ceil(
// CHECK-NEXT: %0 = "aten.max_pool2d"(%arg0) {ceil_mode = true, dilation = array<i64: 1>, kernel_size = array<i64: 2>, padding = array<i64: 0>, stride = array<i64>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x3x3xf32>
func.func @max_pool2d_ceil(%a0: tensor<1x3x5x5xf32>) {
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = true} : (tensor<1x3x5x5xf32>) -> tensor<1x3x3x3xf32>
  return
}

// CHECK-LABEL: func.func @max_pool2d_with_indices(
// CHECK-NEXT: %0:2 = "aten.max_pool2d_with_indices"(%arg0) {ceil_mode = false, dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : (tensor<3x8x8xf32>) -> (tensor<3x4x4xf32>, tensor<3x4x4xi64>)
func.func @max_pool2d_with_indices(%a0: tensor<3x8x8xf32>) {
  %0:2 = "aten.max_pool2d_with_indices"(%a0) {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, ceil_mode = false} : (tensor<3x8x8xf32>) -> (tensor<3x4x4xf32>, tensor<3x4x4xi64>)
  return
}

// CHECK-LABEL: func.func @avg_pool2d(
// CHECK-NEXT: %0 = "aten.avg_pool2d"(%arg0) {ceil_mode = false, count_include_pad = true, divisor_override = 0 : i64, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
func.func @avg_pool2d(%a0: tensor<1x3x8x8xf32>) {
  %0 = "aten.avg_pool2d"(%a0) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, ceil_mode = false, count_include_pad = true, divisor_override = 0 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d(
// CHECK-NEXT: %0 = "aten.adaptive_avg_pool2d"(%arg0) {output_size = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>
func.func @adaptive_avg_pool2d(%a0: tensor<1x3x8x8xf32>) {
  %0 = "aten.adaptive_avg_pool2d"(%a0) {output_size = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>
  return
}

// CHECK-LABEL: func.func @dropout(
// CHECK-NEXT: %0 = "aten.dropout"(%arg0) {p = 1.000000e-01 : f64, train = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @dropout(%a0: tensor<2x3xf32>) {
  %0 = "aten.dropout"(%a0) {p = 1.0e-01 : f64, train = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @view(
// CHECK-NEXT: %0 = "aten.view"(%arg0) {size = array<i64: -1, 2>} : (tensor<2x4xf32>) -> tensor<4x2xf32>
func.func @view(%a0: tensor<2x4xf32>) {
  %0 = "aten.view"(%a0) {size = array<i64: -1, 2>} : (tensor<2x4xf32>) -> tensor<4x2xf32>
  return
}

// CHECK-LABEL: func.func @reshape(
// CHECK-NEXT: %0 = "aten.reshape"(%arg0) {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
func.func @reshape(%a0: tensor<2x3x4xf32>) {
  %0 = "aten.reshape"(%a0) {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return
}

// CHECK-LABEL: func.func @permute(
// CHECK-NEXT: %0 = "aten.permute"(%arg0) {dims = array<i64: -1, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
func.func @permute(%a0: tensor<2x3x4xf32>) {
  %0 = "aten.permute"(%a0) {dims = array<i64: -1, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return
}

// CHECK-LABEL: func.func @transpose(
// CHECK-NEXT: %0 = "aten.transpose"(%arg0) {dim0 = 1 : i64, dim1 = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
func.func @transpose(%a0: tensor<2x3x4xf32>) {
  %0 = "aten.transpose"(%a0) {dim0 = 1 : i64, dim1 = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
  return
}

// CHECK-LABEL: func.func @t(
// CHECK-NEXT: %0 = "aten.t"(%arg0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
func.func @t(%a0: tensor<2x3xf32>) {
  %0 = "aten.t"(%a0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// CHECK-LABEL: func.func @expand(
// CHECK-NEXT: %0 = "aten.expand"(%arg0) {size = array<i64: 2, -1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
func.func @expand(%a0: tensor<3x1xf32>) {
  %0 = "aten.expand"(%a0) {size = array<i64: 2, -1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @unsqueeze(
// CHECK-NEXT: %0 = "aten.unsqueeze"(%arg0) {dim = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
func.func @unsqueeze(%a0: tensor<2x3xf32>) {
  %0 = "aten.unsqueeze"(%a0) {dim = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
  return
}

// CHECK-LABEL: func.func @squeeze(
// CHECK-NEXT: %0 = "aten.squeeze"(%arg0) {dim = array<i64: 1>} : (tensor<2x1x3x1xf32>) -> tensor<2x3x1xf32>
func.func @squeeze(%a0: tensor<2x1x3x1xf32>) {
  %0 = "aten.squeeze"(%a0) {dim = array<i64: 1>} : (tensor<2x1x3x1xf32>) -> tensor<2x3x1xf32>
  return
}

// CHECK-LABEL: func.func @flatten(
// CHECK-NEXT: %0 = "aten.flatten"(%arg0) {end_dim = -1 : i64, start_dim = 1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
func.func @flatten(%a0: tensor<2x3x4x5xf32>) {
  %0 = "aten.flatten"(%a0) {start_dim = 1 : i64, end_dim = -1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
  return
}

// CHECK-LABEL: func.func @slice(
// CHECK-NEXT: %0 = "aten.slice"(%arg0) {dim = 0 : i64, end = 9223372036854775807 : i64, start = 2 : i64, step = 3 : i64} : (tensor<10x4xf32>) -> tensor<3x4xf32>
func.func @slice(%a0: tensor<10x4xf32>) {
  %0 = "aten.slice"(%a0) {dim = 0 : i64, start = 2 : i64, end = 9223372036854775807 : i64, step = 3 : i64} : (tensor<10x4xf32>) -> tensor<3x4xf32>
  return
}

// CHECK-LABEL: func.func @select(
// CHECK-NEXT: %0 = "aten.select"(%arg0) {dim = 1 : i64, index = -1 : i64} : (tensor<10x4xf32>) -> tensor<10xf32>
func.func @select(%a0: tensor<10x4xf32>) {
  %0 = "aten.select"(%a0) {dim = 1 : i64, index = -1 : i64} : (tensor<10x4xf32>) -> tensor<10xf32>
  return
}

// CHECK-LABEL: func.func @cat(
// CHECK-NEXT: %0 = "aten.cat"(%arg0, %arg1) {dim = -1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
func.func @cat(%a0: tensor<2x3xf32>, %a1: tensor<2x5xf32>) {
  %0 = "aten.cat"(%a0, %a1) {dim = -1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  return
}

// CHECK-LABEL: func.func @clone(
// CHECK-NEXT: %0 = "aten.clone"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @clone(%a0: tensor<2x3xf32>) {
  %0 = "aten.clone"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @contiguous(
// CHECK-NEXT: %0 = "aten.contiguous"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @contiguous(%a0: tensor<2x3xf32>) {
  %0 = "aten.contiguous"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @alias(
// CHECK-NEXT: %0 = "aten.alias"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @alias(%a0: tensor<2x3xf32>) {
  %0 = "aten.alias"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @embedding(
// CHECK-NEXT: %0 = "aten.embedding"(%arg0, %arg1) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<100x16xf32>, tensor<2x7xi64>) -> tensor<2x7x16xf32>
func.func @embedding(%a0: tensor<100x16xf32>, %a1: tensor<2x7xi64>) {
  %0 = "aten.embedding"(%a0, %a1) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<100x16xf32>, tensor<2x7xi64>) -> tensor<2x7x16xf32>
  return
}

// CHECK-LABEL: func.func @gather(
// CHECK-NEXT: %0 = "aten.gather"(%arg0, %arg1) {dim = 1 : i64, sparse_grad = false} : (tensor<4x5xf32>, tensor<4x2xi64>) -> tensor<4x2xf32>
func.func @gather(%a0: tensor<4x5xf32>, %a1: tensor<4x2xi64>) {
  %0 = "aten.gather"(%a0, %a1) {dim = 1 : i64, sparse_grad = false} : (tensor<4x5xf32>, tensor<4x2xi64>) -> tensor<4x2xf32>
  return
}

// CHECK-LABEL: func.func @index(
// CHECK-NEXT: %0 = "aten.index"(%arg0, %arg1) {dim = 1 : i64} : (tensor<4x5x6xf32>, tensor<2x3xi64>) -> tensor<4x2x3x6xf32>
func.func @index(%a0: tensor<4x5x6xf32>, %a1: tensor<2x3xi64>) {
  %0 = "aten.index"(%a0, %a1) {dim = 1 : i64} : (tensor<4x5x6xf32>, tensor<2x3xi64>) -> tensor<4x2x3x6xf32>
  return
}

// CHECK-LABEL: func.func @index_select(
// CHECK-NEXT: %0 = "aten.index_select"(%arg0, %arg1) {dim = 0 : i64} : (tensor<4x5xf32>, tensor<3xi32>) -> tensor<3x5xf32>
func.func @index_select(%a0: tensor<4x5xf32>, %a1: tensor<3xi32>) {
  %0 = "aten.index_select"(%a0, %a1) {dim = 0 : i64} : (tensor<4x5xf32>, tensor<3xi32>) -> tensor<3x5xf32>
  return
}

// CHECK-LABEL: func.func @to_copy(
// CHECK-NEXT: %0 = "aten.to_copy"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf16>
func.func @to_copy(%a0: tensor<2x3xf32>) {
  %0 = "aten.to_copy"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xf16>
  return
}

// CHECK-LABEL: func.func @arange(
// CHECK-NEXT: %0 = "aten.arange"() {end = 10 : i64, start = 0 : i64, step = 3 : i64} : () -> tensor<4xi64>
func.func @arange() {
  %0 = "aten.arange"() {start = 0 : i64, end = 10 : i64, step = 3 : i64} : () -> tensor<4xi64>
  return
}

// CHECK-LABEL: func.func @arange_neg(
// CHECK-NEXT: %0 = "aten.arange"() {end = -1.500000e+00 : f64, start = 1.000000e+00 : f64, step = -5.000000e-01 : f64} : () -> tensor<5xf32>
func.func @arange_neg() {
  %0 = "aten.arange"() {start = 1.0 : f64, end = -1.5 : f64, step = -5.000000e-01 : f64} : () -> tensor<5xf32>
  return
}

// CHECK-LABEL: func.func @full(
// CHECK-NEXT: %0 = "aten.full"() {fill_value = 1.500000e+00 : f64, size = array<i64: 2, 3>} : () -> tensor<2x3xf32>
func.func @full() {
  %0 = "aten.full"() {size = array<i64: 2, 3>, fill_value = 1.5 : f64} : () -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @full_like(
// CHECK-NEXT: %0 = "aten.full_like"(%arg0) {fill_value = 7 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
func.func @full_like(%a0: tensor<2x3xf32>) {
  %0 = "aten.full_like"(%a0) {fill_value = 7 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
  return
}

// CHECK-LABEL: func.func @zeros(
// CHECK-NEXT: %0 = "aten.zeros"() {size = array<i64: 2, 3>} : () -> tensor<2x3xf32>
func.func @zeros() {
  %0 = "aten.zeros"() {size = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @ones(
// CHECK-NEXT: %0 = "aten.ones"() {size = array<i64>} : () -> tensor<f32>
func.func @ones() {
  %0 = "aten.ones"() {size = array<i64>} : () -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @new_ones(
// CHECK-NEXT: %0 = "aten.new_ones"(%arg0) {size = array<i64: 2, 3>} : (tensor<5xf32>) -> tensor<2x3xf32>
func.func @new_ones(%a0: tensor<5xf32>) {
  %0 = "aten.new_ones"(%a0) {size = array<i64: 2, 3>} : (tensor<5xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @scalar_tensor(
// CHECK-NEXT: %0 = "aten.scalar_tensor"() {s = 2.500000e+00 : f64} : () -> tensor<f32>
func.func @scalar_tensor() {
  %0 = "aten.scalar_tensor"() {s = 2.5 : f64} : () -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @lstm(
// CHECK-NEXT: %0:3 = "aten.lstm"(%arg0, %arg1, %arg2, %arg3, %arg4, %arg5, %arg6) {batch_first = false, bidirectional = false, dropout = 0.000000e+00 : f64, has_biases = true, num_layers = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>, train = false} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
func.func @lstm(%a0: tensor<5x2x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>, %a5: tensor<16xf32>, %a6: tensor<16xf32>) {
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4, %a5, %a6) {has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>} : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// CHECK-LABEL: func.func @lstm_batch_first(
// CHECK-NEXT: %0:3 = "aten.lstm"(%arg0, %arg1, %arg2, %arg3, %arg4) {batch_first = true, bidirectional = false, dropout = 0.000000e+00 : f64, has_biases = false, num_layers = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0>, train = false} : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>) -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
func.func @lstm_batch_first(%a0: tensor<2x5x3xf32>, %a1: tensor<1x2x4xf32>, %a2: tensor<1x2x4xf32>, %a3: tensor<16x3xf32>, %a4: tensor<16x4xf32>) {
  %0:3 = "aten.lstm"(%a0, %a1, %a2, %a3, %a4) {has_biases = false, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0>} : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>) -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// CHECK-LABEL: func.func @bitwise_not(
// CHECK-NEXT: %0 = "aten.bitwise_not"(%arg0) : (tensor<2x3xi1>) -> tensor<2x3xi1>
func.func @bitwise_not(%a0: tensor<2x3xi1>) {
  %0 = "aten.bitwise_not"(%a0) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  return
}
