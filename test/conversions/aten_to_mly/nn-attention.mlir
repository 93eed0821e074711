// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// RUN: mly-opt %s --aten-to-mly -o %t.mly.mlir
// RUN: mly-run %s --backend interp --entry=softmax --input 2x5x3xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19,1.99,0.61,-1.75,-1.3,1.23,1.79 --outputs %t.softmax.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=softmax --input 2x5x3xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19,1.99,0.61,-1.75,-1.3,1.23,1.79 --expect %t.softmax.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=log_softmax --input 3x4xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06 --outputs %t.log_softmax.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=log_softmax --input 3x4xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06 --expect %t.log_softmax.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=sdpa_causal --input 1x2x3x4xf32:1.88,1.05,-1.46,-1.63,0.81,1.95,-0.03,-1.97,-0.75,1.67,1.42,-1.1,-1.86,0.36,2,0.44,-1.82,-1.17,1.36,1.71,-0.68,-1.98,-0.11,1.93 --input 1x2x5x4xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86,-1.1,1.42,1.66,-0.76,-1.96,-0.03,1.95,0.81,-1.63,-1.46,1.05,1.88,-0.3,-2,-0.49,1.8,1.21,-1.32,-1.74,0.62,1.99,0.17,-1.92,-0.93,1.55,1.55,-0.93,-1.92 --input 1x2x5x2xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12,1.84,-0.39 --outputs %t.sdpa_causal.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=sdpa_causal --input 1x2x3x4xf32:1.88,1.05,-1.46,-1.63,0.81,1.95,-0.03,-1.97,-0.75,1.67,1.42,-1.1,-1.86,0.36,2,0.44,-1.82,-1.17,1.36,1.71,-0.68,-1.98,-0.11,1.93 --input 1x2x5x4xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86,-1.1,1.42,1.66,-0.76,-1.96,-0.03,1.95,0.81,-1.63,-1.46,1.05,1.88,-0.3,-2,-0.49,1.8,1.21,-1.32,-1.74,0.62,1.99,0.17,-1.92,-0.93,1.55,1.55,-0.93,-1.92 --input 1x2x5x2xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12,1.84,-0.39 --expect %t.sdpa_causal.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=sdpa_bool_mask --input 1x2x3x4xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33,1.2,1.81,-0.47,-2,-0.32,1.87,1.07,-1.44,-1.65,0.79,1.96,-0 --input 1x2x3x4xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24,1.9,1,-1.5,-1.59,0.86,1.94,-0.09,-1.98,-0.7,1.7,1.37,-1.15 --input 1x2x3x4xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98,-0.15,1.92,0.92,-1.56,-1.54,0.94,1.92,-0.18,-1.99,-0.62,1.74,1.31,-1.22,-1.8,0.5,2,0.29,-1.88 --input 1x1x3x3xi1:1,0,1,1,0,1,1,0,1 --outputs %t.sdpa_bool_mask.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=sdpa_bool_mask --input 1x2x3x4xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33,1.2,1.81,-0.47,-2,-0.32,1.87,1.07,-1.44,-1.65,0.79,1.96,-0 --input 1x2x3x4xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24,1.9,1,-1.5,-1.59,0.86,1.94,-0.09,-1.98,-0.7,1.7,1.37,-1.15 --input 1x2x3x4xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98,-0.15,1.92,0.92,-1.56,-1.54,0.94,1.92,-0.18,-1.99,-0.62,1.74,1.31,-1.22,-1.8,0.5,2,0.29,-1.88 --input 1x1x3x3xi1:1,0,1,1,0,1,1,0,1 --expect %t.sdpa_bool_mask.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=sdpa_float_mask --input 2x3x4xf32:-1.43,1.09,1.86,-0.35,-2,-0.45,1.82,1.17,-1.35,-1.71,0.67,1.98,0.12,-1.93,-0.89,1.58,1.52,-0.97,-1.91,0.21,1.99,0.59,-1.76,-1.29 --input 2x3x4xf32:-0.36,1.85,1.1,-1.41,-1.67,0.75,1.97,0.04,-1.95,-0.81,1.63,1.46,-1.04,-1.88,0.29,2,0.5,-1.8,-1.22,1.31,1.74,-0.61,-1.99,-0.18 --input 2x3x4xf32:0.83,1.95,-0.05,-1.97,-0.74,1.68,1.4,-1.12,-1.85,0.38,2,0.42,-1.83,-1.15,1.37,1.7,-0.7,-1.98,-0.09,1.94,0.87,-1.59,-1.5,1 --input 3x3xf32:1.72,1.34,-1.19,-1.81,0.46,2,0.33,-1.87,-1.08 --outputs %t.sdpa_float_mask.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=sdpa_float_mask --input 2x3x4xf32:-1.43,1.09,1.86,-0.35,-2,-0.45,1.82,1.17,-1.35,-1.71,0.67,1.98,0.12,-1.93,-0.89,1.58,1.52,-0.97,-1.91,0.21,1.99,0.59,-1.76,-1.29 --input 2x3x4xf32:-0.36,1.85,1.1,-1.41,-1.67,0.75,1.97,0.04,-1.95,-0.81,1.63,1.46,-1.04,-1.88,0.29,2,0.5,-1.8,-1.22,1.31,1.74,-0.61,-1.99,-0.18 --input 2x3x4xf32:0.83,1.95,-0.05,-1.97,-0.74,1.68,1.4,-1.12,-1.85,0.38,2,0.42,-1.83,-1.15,1.37,1.7,-0.7,-1.98,-0.09,1.94,0.87,-1.59,-1.5,1 --input 3x3xf32:1.72,1.34,-1.19,-1.81,0.46,2,0.33,-1.87,-1.08 --expect %t.sdpa_float_mask.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=sdpa_gqa --input 1x4x2x2xf32:1.99,0.25,-1.89,-1,1.49,1.6,-0.86,-1.94,0.08,1.97,0.71,-1.69,-1.38,1.14,1.84,-0.41 --input 1x2x3x2xf32:1.55,-0.93,-1.92,0.17,1.99,0.63,-1.74,-1.32,1.21,1.8,-0.49,-2 --input 1x2x3x2xf32:0.54,-1.78,-1.25,1.28,1.76,-0.58,-1.99,-0.22,1.9,0.98,-1.51,-1.58 --outputs %t.sdpa_gqa.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=sdpa_gqa --input 1x4x2x2xf32:1.99,0.25,-1.89,-1,1.49,1.6,-0.86,-1.94,0.08,1.97,0.71,-1.69,-1.38,1.14,1.84,-0.41 --input 1x2x3x2xf32:1.55,-0.93,-1.92,0.17,1.99,0.63,-1.74,-1.32,1.21,1.8,-0.49,-2 --input 1x2x3x2xf32:0.54,-1.78,-1.25,1.28,1.76,-0.58,-1.99,-0.22,1.9,0.98,-1.51,-1.58 --expect %t.sdpa_gqa.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// NUM-NOT: FAIL

// softmax, log_softmax and scaled_dot_product_attention.

// softmax along a negative dim: max-subtracted (reduce max keepdim, sub,
// exp, reduce sum, div).
// CHECK-LABEL: func.func @softmax
// CHECK: "mly.reduce"
// CHECK-SAME: dims = array<i64: 1>
// CHECK-SAME: kind = "max"
// CHECK: "mly.sub"
// CHECK: "mly.exp"
// CHECK: "mly.reduce"
// CHECK-SAME: kind = "sum"
// CHECK: "mly.div"
// CHECK-NOT: "aten.
func.func @softmax(%x: tensor<2x5x3xf32>) -> tensor<2x5x3xf32> {
  %0 = "aten.softmax"(%x) {dim = -2 : i64} : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  return %0 : tensor<2x5x3xf32>
}

// -----
// log_softmax = (x - max) - log(sum(exp(x - max))).
// CHECK-LABEL: func.func @log_softmax
// CHECK: "mly.exp"
// CHECK: "mly.log"
// CHECK: "mly.sub"
// CHECK-NOT: "mly.div"
// CHECK-NOT: "aten.
func.func @log_softmax(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = "aten.log_softmax"(%x) {dim = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----
// Causal attention: row >= col from two iotas selects the scores, the rest
// are -inf; no safe-softmax guards (no row is fully masked).
// CHECK-LABEL: func.func @sdpa_causal
// CHECK: "mly.matmul"
// CHECK-SAME: transpose_rhs = true
// CHECK: "mly.mul"
// CHECK: "mly.iota"
// CHECK-SAME: dim = 0
// CHECK: "mly.iota"
// CHECK-SAME: dim = 1
// CHECK: "mly.cmp"
// CHECK-SAME: predicate = "ge"
// CHECK: "mly.select"
// CHECK: "mly.div"
// CHECK-NOT: "mly.select"
// CHECK: "mly.matmul"
// CHECK-NOT: "aten.
func.func @sdpa_causal(%q: tensor<1x2x3x4xf32>, %k: tensor<1x2x5x4xf32>, %v: tensor<1x2x5x2xf32>) -> tensor<1x2x3x2xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v) {dropout_p = 0.0 : f64, is_causal = true, scale = 0.5 : f64, enable_gqa = false} : (tensor<1x2x3x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x2xf32>) -> tensor<1x2x3x2xf32>
  return %0 : tensor<1x2x3x2xf32>
}

// -----
// A boolean mask broadcast from [1, 1, L, S] selects -inf; rows masked
// throughout give zeros (safe softmax: max and sum guarded).
// CHECK-LABEL: func.func @sdpa_bool_mask
// CHECK: "mly.broadcast_in_dim"
// CHECK-SAME: -> tensor<1x2x3x3xi1>
// CHECK: "mly.select"
// CHECK: "mly.cmp"
// CHECK-SAME: predicate = "eq"
// CHECK: "mly.div"
// CHECK: "mly.cmp"
// CHECK: "mly.select"
// CHECK: "mly.matmul"
// CHECK-NOT: "aten.
func.func @sdpa_bool_mask(%q: tensor<1x2x3x4xf32>, %k: tensor<1x2x3x4xf32>, %v: tensor<1x2x3x4xf32>, %m: tensor<1x1x3x3xi1>) -> tensor<1x2x3x4xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v, %m) {dropout_p = 0.0 : f64, is_causal = false, scale = 0.5 : f64, enable_gqa = false} : (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x1x3x3xi1>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----
// A float mask is added; scale 1 needs no multiply.
// CHECK-LABEL: func.func @sdpa_float_mask
// CHECK: "mly.matmul"
// CHECK-NOT: "mly.mul"
// CHECK: "mly.broadcast_in_dim"
// CHECK: "mly.add"
// CHECK-NOT: "aten.
func.func @sdpa_float_mask(%q: tensor<2x3x4xf32>, %k: tensor<2x3x4xf32>, %v: tensor<2x3x4xf32>, %m: tensor<3x3xf32>) -> tensor<2x3x4xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v, %m) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<3x3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----
// enable_gqa: 4 query heads share 2 kv heads; k and v repeat each head
// twice ([B, Hk, 1, S, E] broadcast to [B, Hk, 2, S, E], then reshaped).
// CHECK-LABEL: func.func @sdpa_gqa
// CHECK: "mly.broadcast_in_dim"
// CHECK-SAME: (tensor<1x2x1x3x2xf32>) -> tensor<1x2x2x3x2xf32>
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<1x4x3x2xf32>
// CHECK: "mly.matmul"
// CHECK-NOT: "aten.
func.func @sdpa_gqa(%q: tensor<1x4x2x2xf32>, %k: tensor<1x2x3x2xf32>, %v: tensor<1x2x3x2xf32>) -> tensor<1x4x2x2xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v) {dropout_p = 0.0 : f64, is_causal = false, scale = 0.7 : f64, enable_gqa = true} : (tensor<1x4x2x2xf32>, tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
