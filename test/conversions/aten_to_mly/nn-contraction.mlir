// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// RUN: mly-opt %s --aten-to-mly -o %t.mly.mlir
// RUN: mly-run %s --backend interp --entry=linear --input 2x3x4xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19 --input 5x4xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06,-1.95,-0.83,1.62,1.48,-1.03,-1.89,0.27,2 --input 5xf32:1.88,1.05,-1.46,-1.63,0.81 --outputs %t.linear.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=linear --input 2x3x4xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19 --input 5x4xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06,-1.95,-0.83,1.62,1.48,-1.03,-1.89,0.27,2 --input 5xf32:1.88,1.05,-1.46,-1.63,0.81 --expect %t.linear.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=addmm --input 3xf32:1.93,-0.12,-1.98 --input 2x4xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02 --input 4x3xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33 --outputs %t.addmm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=addmm --input 3xf32:1.93,-0.12,-1.98 --input 2x4xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02 --input 4x3xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33 --expect %t.addmm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=addmm_plain --input 2x3xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77 --input 2x4xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98,-0.15,1.92 --input 4x3xf32:-1.97,-0.07,1.95,0.84,-1.61,-1.48,1.02,1.89,-0.26,-2,-0.53,1.78 --outputs %t.addmm_plain.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=addmm_plain --input 2x3xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77 --input 2x4xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98,-0.15,1.92 --input 4x3xf32:-1.97,-0.07,1.95,0.84,-1.61,-1.48,1.02,1.89,-0.26,-2,-0.53,1.78 --expect %t.addmm_plain.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=mm_bmm --input 2x3xf32:-1.43,1.09,1.86,-0.35,-2,-0.45 --input 3x4xf32:-0.36,1.85,1.1,-1.41,-1.67,0.75,1.97,0.04,-1.95,-0.81,1.63,1.46 --input 2x2x3xf32:0.83,1.95,-0.05,-1.97,-0.74,1.68,1.4,-1.12,-1.85,0.38,2,0.42 --input 2x3x2xf32:1.72,1.34,-1.19,-1.81,0.46,2,0.33,-1.87,-1.08,1.44,1.65,-0.78 --outputs %t.mm_bmm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=mm_bmm --input 2x3xf32:-1.43,1.09,1.86,-0.35,-2,-0.45 --input 3x4xf32:-0.36,1.85,1.1,-1.41,-1.67,0.75,1.97,0.04,-1.95,-0.81,1.63,1.46 --input 2x2x3xf32:0.83,1.95,-0.05,-1.97,-0.74,1.68,1.4,-1.12,-1.85,0.38,2,0.42 --input 2x3x2xf32:1.72,1.34,-1.19,-1.81,0.46,2,0.33,-1.87,-1.08,1.44,1.65,-0.78 --expect %t.mm_bmm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=matmul_bcast --input 2x1x3x4xf32:1.99,0.25,-1.89,-1,1.49,1.6,-0.86,-1.94,0.08,1.97,0.71,-1.69,-1.38,1.14,1.84,-0.41,-2,-0.39,1.84,1.13,-1.4,-1.68,0.72,1.97 --input 3x4x2xf32:1.55,-0.93,-1.92,0.17,1.99,0.63,-1.74,-1.32,1.21,1.8,-0.49,-2,-0.3,1.88,1.05,-1.46,-1.63,0.8,1.95,-0.02,-1.96,-0.76,1.66,1.42 --outputs %t.matmul_bcast.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=matmul_bcast --input 2x1x3x4xf32:1.99,0.25,-1.89,-1,1.49,1.6,-0.86,-1.94,0.08,1.97,0.71,-1.69,-1.38,1.14,1.84,-0.41,-2,-0.39,1.84,1.13,-1.4,-1.68,0.72,1.97 --input 3x4x2xf32:1.55,-0.93,-1.92,0.17,1.99,0.63,-1.74,-1.32,1.21,1.8,-0.49,-2,-0.3,1.88,1.05,-1.46,-1.63,0.8,1.95,-0.02,-1.96,-0.76,1.66,1.42 --expect %t.matmul_bcast.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=matmul_vec --input 4xf32:0.54,-1.78,-1.25,1.28 --input 2x4x3xf32:-0.66,-1.98,-0.13,1.93,0.9,-1.57,-1.53,0.96,1.91,-0.2,-1.99,-0.6,1.75,1.3,-1.24,-1.79,0.52,2,0.27,-1.89,-1.03,1.48,1.62,-0.83 --outputs %t.matmul_vec.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=matmul_vec --input 4xf32:0.54,-1.78,-1.25,1.28 --input 2x4x3xf32:-0.66,-1.98,-0.13,1.93,0.9,-1.57,-1.53,0.96,1.91,-0.2,-1.99,-0.6,1.75,1.3,-1.24,-1.79,0.52,2,0.27,-1.89,-1.03,1.48,1.62,-0.83 --expect %t.matmul_vec.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=matmul_mv_dot --input 3x4xf32:-1.62,-1.47,1.03,1.88,-0.28,-2,-0.51,1.79,1.23,-1.3,-1.75,0.6 --input 4xf32:-2,-0.43,1.83,1.16 --outputs %t.matmul_mv_dot.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=matmul_mv_dot --input 3x4xf32:-1.62,-1.47,1.03,1.88,-0.28,-2,-0.51,1.79,1.23,-1.3,-1.75,0.6 --input 4xf32:-2,-0.43,1.83,1.16 --expect %t.matmul_mv_dot.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=baddbmm --input 2x2x2xf32:-1.66,0.77,1.96,0.02,-1.96,-0.8,1.64,1.45 --input 2x2x3xf32:-0.72,1.69,1.39,-1.13,-1.84,0.4,2,0.4,-1.84,-1.13,1.39,1.69 --input 2x3x2xf32:0.48,2,0.31,-1.87,-1.06,1.45,1.64,-0.8,-1.96,0.01,1.96,0.77 --outputs %t.baddbmm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=baddbmm --input 2x2x2xf32:-1.66,0.77,1.96,0.02,-1.96,-0.8,1.64,1.45 --input 2x2x3xf32:-0.72,1.69,1.39,-1.13,-1.84,0.4,2,0.4,-1.84,-1.13,1.39,1.69 --input 2x3x2xf32:0.48,2,0.31,-1.87,-1.06,1.45,1.64,-0.8,-1.96,0.01,1.96,0.77 --expect %t.baddbmm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=baddbmm_self --input 2xf32:1.51,1.59 --input 2x2x3xf32:1.99,0.61,-1.75,-1.3,1.23,1.79,-0.51,-2,-0.28,1.88,1.04,-1.47 --input 2x3x2xf32:1.75,-0.59,-1.99,-0.2,1.91,0.96,-1.53,-1.57,0.9,1.93,-0.13,-1.98 --outputs %t.baddbmm_self.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=baddbmm_self --input 2xf32:1.51,1.59 --input 2x2x3xf32:1.99,0.61,-1.75,-1.3,1.23,1.79,-0.51,-2,-0.28,1.88,1.04,-1.47 --input 2x3x2xf32:1.75,-0.59,-1.99,-0.2,1.91,0.96,-1.53,-1.57,0.9,1.93,-0.13,-1.98 --expect %t.baddbmm_self.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// NUM-NOT: FAIL

// Contractions: linear, addmm, mm, bmm, matmul (torch.matmul promotion and
// batch broadcasting), baddbmm.

// linear: transpose_rhs matmul, the [N] bias broadcast to the result; the
// 3-d input folds its batch into the rows of one 2-d matmul.
// CHECK-LABEL: func.func @linear
// CHECK: "mly.reshape"
// CHECK: "mly.matmul"
// CHECK-SAME: transpose_rhs = true
// CHECK: "mly.broadcast_in_dim"
// CHECK: "mly.add"
// CHECK-NOT: "aten.
func.func @linear(%x: tensor<2x3x4xf32>, %w: tensor<5x4xf32>, %b: tensor<5xf32>) -> tensor<2x3x5xf32> {
  %0 = "aten.linear"(%x, %w, %b) : (tensor<2x3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----
// addmm: beta * self + alpha * mm, self broadcast from [N].
// CHECK-LABEL: func.func @addmm
// CHECK: "mly.matmul"
// CHECK-SAME: transpose_rhs = false
// CHECK: "mly.mul"
// CHECK: "mly.broadcast_in_dim"
// CHECK: "mly.mul"
// CHECK: "mly.add"
// CHECK-NOT: "aten.
func.func @addmm(%s: tensor<3xf32>, %a: tensor<2x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.addmm"(%s, %a, %b) {beta = 0.5 : f64, alpha = 2.0 : f64} : (tensor<3xf32>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// addmm with beta 1, alpha 1: no scaling multiplies.
// CHECK-LABEL: func.func @addmm_plain
// CHECK: "mly.matmul"
// CHECK-NOT: "mly.mul"
// CHECK: "mly.add"
// CHECK-NOT: "aten.
func.func @addmm_plain(%s: tensor<2x3xf32>, %a: tensor<2x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.addmm"(%s, %a, %b) {beta = 1 : i64, alpha = 1 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// mm and bmm are one mly.matmul each.
// CHECK-LABEL: func.func @mm_bmm
// CHECK: "mly.matmul"
// CHECK: "mly.matmul"
// CHECK-NOT: "aten.
func.func @mm_bmm(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x2x3xf32>, %d: tensor<2x3x2xf32>) -> (tensor<2x4xf32>, tensor<2x2x2xf32>) {
  %0 = "aten.mm"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "aten.bmm"(%c, %d) : (tensor<2x2x3xf32>, tensor<2x3x2xf32>) -> tensor<2x2x2xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<2x2x2xf32>
}

// -----
// matmul with batch broadcasting: [2, 1, 3, 4] x [3, 4, 2] -> [2, 3, 3, 2];
// both sides broadcast to the batch [2, 3] first.
// CHECK-LABEL: func.func @matmul_bcast
// CHECK: "mly.broadcast_in_dim"
// CHECK-SAME: -> tensor<2x3x3x4xf32>
// CHECK: "mly.broadcast_in_dim"
// CHECK-SAME: -> tensor<2x3x4x2xf32>
// CHECK: "mly.matmul"
// CHECK-NOT: "aten.
func.func @matmul_bcast(%a: tensor<2x1x3x4xf32>, %b: tensor<3x4x2xf32>) -> tensor<2x3x3x2xf32> {
  %0 = "aten.matmul"(%a, %b) : (tensor<2x1x3x4xf32>, tensor<3x4x2xf32>) -> tensor<2x3x3x2xf32>
  return %0 : tensor<2x3x3x2xf32>
}

// -----
// matmul of a vector and a batch of matrices: [4] is promoted to [1, 4],
// broadcast, and its dim squeezed again by the final reshape.
// CHECK-LABEL: func.func @matmul_vec
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<1x4xf32>
// CHECK: "mly.matmul"
// CHECK-SAME: -> tensor<2x1x3xf32>
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<2x3xf32>
// CHECK-NOT: "aten.
func.func @matmul_vec(%a: tensor<4xf32>, %b: tensor<2x4x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.matmul"(%a, %b) : (tensor<4xf32>, tensor<2x4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// matmul of a matrix and a vector, and of two vectors (a 0-d result).
// CHECK-LABEL: func.func @matmul_mv_dot
// CHECK: "mly.matmul"
// CHECK-SAME: -> tensor<3x1xf32>
// CHECK: "mly.matmul"
// CHECK-SAME: -> tensor<1x1xf32>
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<f32>
// CHECK-NOT: "aten.
func.func @matmul_mv_dot(%a: tensor<3x4xf32>, %v: tensor<4xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %0 = "aten.matmul"(%a, %v) : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  %1 = "aten.matmul"(%v, %v) : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return %0, %1 : tensor<3xf32>, tensor<f32>
}

// -----
// baddbmm: beta 0 drops self entirely (PyTorch ignores it, NaNs included).
// CHECK-LABEL: func.func @baddbmm
// CHECK: "mly.matmul"
// CHECK: "mly.mul"
// CHECK-NOT: "mly.add"
// CHECK-NOT: "aten.
func.func @baddbmm(%s: tensor<2x2x2xf32>, %a: tensor<2x2x3xf32>, %b: tensor<2x3x2xf32>) -> tensor<2x2x2xf32> {
  %0 = "aten.baddbmm"(%s, %a, %b) {beta = 0.0 : f64, alpha = 3.0 : f64} : (tensor<2x2x2xf32>, tensor<2x2x3xf32>, tensor<2x3x2xf32>) -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}

// -----
// baddbmm with self broadcast from [2] and beta 2.
// CHECK-LABEL: func.func @baddbmm_self
// CHECK: "mly.matmul"
// CHECK: "mly.broadcast_in_dim"
// CHECK: "mly.add"
// CHECK-NOT: "aten.
func.func @baddbmm_self(%s: tensor<2xf32>, %a: tensor<2x2x3xf32>, %b: tensor<2x3x2xf32>) -> tensor<2x2x2xf32> {
  %0 = "aten.baddbmm"(%s, %a, %b) {beta = 2.0 : f64, alpha = 1.0 : f64} : (tensor<2xf32>, tensor<2x2x3xf32>, tensor<2x3x2xf32>) -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}
