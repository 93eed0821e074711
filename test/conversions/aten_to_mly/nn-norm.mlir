// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// RUN: mly-opt %s --aten-to-mly -o %t.mly.mlir
// RUN: mly-run %s --backend interp --entry=batch_norm --input 2x3x2x2xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19 --input 3xf32:1.15,1.83,-0.41 --input 3xf32:1.88,1.05,-1.46 --input 3xf32:1.93,-0.12,-1.98 --input 3xf32:1.29,-1.24,-1.79 --outputs %t.batch_norm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=batch_norm --input 2x3x2x2xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19 --input 3xf32:1.15,1.83,-0.41 --input 3xf32:1.88,1.05,-1.46 --input 3xf32:1.93,-0.12,-1.98 --input 3xf32:1.29,-1.24,-1.79 --expect %t.batch_norm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=batch_norm_train --input 3x2x4xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33,1.2,1.81,-0.47,-2,-0.32,1.87,1.07,-1.44,-1.65,0.79,1.96,-0 --outputs %t.batch_norm_train.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=batch_norm_train --input 3x2x4xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33,1.2,1.81,-0.47,-2,-0.32,1.87,1.07,-1.44,-1.65,0.79,1.96,-0 --expect %t.batch_norm_train.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=native_batch_norm --input 2x3x2xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24 --input 3xf32:-1.81,-1.2,1.33 --input 3xf32:-1.97,-0.07,1.95 --input 3xf32:-1.43,1.09,1.86 --input 3xf32:-0.36,1.85,1.1 --outputs %t.native_batch_norm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=native_batch_norm --input 2x3x2xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24 --input 3xf32:-1.81,-1.2,1.33 --input 3xf32:-1.97,-0.07,1.95 --input 3xf32:-1.43,1.09,1.86 --input 3xf32:-0.36,1.85,1.1 --expect %t.native_batch_norm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=layer_norm --input 2x3x4xf32:0.83,1.95,-0.05,-1.97,-0.74,1.68,1.4,-1.12,-1.85,0.38,2,0.42,-1.83,-1.15,1.37,1.7,-0.7,-1.98,-0.09,1.94,0.87,-1.59,-1.5,1 --input 3x4xf32:1.72,1.34,-1.19,-1.81,0.46,2,0.33,-1.87,-1.08,1.44,1.65,-0.78 --input 3x4xf32:1.99,0.25,-1.89,-1,1.49,1.6,-0.86,-1.94,0.08,1.97,0.71,-1.69 --outputs %t.layer_norm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=layer_norm --input 2x3x4xf32:0.83,1.95,-0.05,-1.97,-0.74,1.68,1.4,-1.12,-1.85,0.38,2,0.42,-1.83,-1.15,1.37,1.7,-0.7,-1.98,-0.09,1.94,0.87,-1.59,-1.5,1 --input 3x4xf32:1.72,1.34,-1.19,-1.81,0.46,2,0.33,-1.87,-1.08,1.44,1.65,-0.78 --input 3x4xf32:1.99,0.25,-1.89,-1,1.49,1.6,-0.86,-1.94,0.08,1.97,0.71,-1.69 --expect %t.layer_norm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=native_layer_norm --input 2x5xf32:1.55,-0.93,-1.92,0.17,1.99,0.63,-1.74,-1.32,1.21,1.8 --input 5xf32:0.54,-1.78,-1.25,1.28,1.76 --outputs %t.native_layer_norm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=native_layer_norm --input 2x5xf32:1.55,-0.93,-1.92,0.17,1.99,0.63,-1.74,-1.32,1.21,1.8 --input 5xf32:0.54,-1.78,-1.25,1.28,1.76 --expect %t.native_layer_norm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=group_norm --input 2x4x2x2xf32:-0.66,-1.98,-0.13,1.93,0.9,-1.57,-1.53,0.96,1.91,-0.2,-1.99,-0.6,1.75,1.3,-1.24,-1.79,0.52,2,0.27,-1.89,-1.03,1.48,1.62,-0.83,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12,1.85 --input 4xf32:-1.62,-1.47,1.03,1.88 --input 4xf32:-2,-0.43,1.83,1.16 --outputs %t.group_norm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=group_norm --input 2x4x2x2xf32:-0.66,-1.98,-0.13,1.93,0.9,-1.57,-1.53,0.96,1.91,-0.2,-1.99,-0.6,1.75,1.3,-1.24,-1.79,0.52,2,0.27,-1.89,-1.03,1.48,1.62,-0.83,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12,1.85 --input 4xf32:-1.62,-1.47,1.03,1.88 --input 4xf32:-2,-0.43,1.83,1.16 --expect %t.group_norm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=native_group_norm --input 2x6x3xf32:-1.66,0.77,1.96,0.02,-1.96,-0.8,1.64,1.45,-1.06,-1.87,0.31,2,0.48,-1.81,-1.2,1.32,1.73,-0.63,-1.99,-0.16,1.92,0.92,-1.55,-1.54,0.94,1.92,-0.17,-1.99,-0.62,1.74,1.31,-1.22,-1.8,0.5,2,0.3 --outputs %t.native_group_norm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=native_group_norm --input 2x6x3xf32:-1.66,0.77,1.96,0.02,-1.96,-0.8,1.64,1.45,-1.06,-1.87,0.31,2,0.48,-1.81,-1.2,1.32,1.73,-0.63,-1.99,-0.16,1.92,0.92,-1.55,-1.54,0.94,1.92,-0.17,-1.99,-0.62,1.74,1.31,-1.22,-1.8,0.5,2,0.3 --expect %t.native_group_norm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=rms_norm --input 3x4xf32:-0.72,1.69,1.39,-1.13,-1.84,0.4,2,0.4,-1.84,-1.13,1.39,1.69 --input 4xf32:0.48,2,0.31,-1.87 --outputs %t.rms_norm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=rms_norm --input 3x4xf32:-0.72,1.69,1.39,-1.13,-1.84,0.4,2,0.4,-1.84,-1.13,1.39,1.69 --input 4xf32:0.48,2,0.31,-1.87 --expect %t.rms_norm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// NUM-NOT: FAIL

// batch_norm, native_batch_norm_legit_no_training, layer_norm,
// native_layer_norm, group_norm, native_group_norm, rms_norm.

// batch_norm in evaluation: (x - mean) * rsqrt(var + eps) * w + b, each
// [C] parameter broadcast on dim 1.
// CHECK-LABEL: func.func @batch_norm
// CHECK: "mly.add"
// CHECK: "mly.rsqrt"
// CHECK: "mly.broadcast_in_dim"
// CHECK-SAME: broadcast_dimensions = array<i64: 1>
// CHECK: "mly.sub"
// CHECK: "mly.mul"
// CHECK: "mly.mul"
// CHECK: "mly.add"
// CHECK-NOT: "mly.reduce"
// CHECK-NOT: "aten.
func.func @batch_norm(%x: tensor<2x3x2x2xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x2x2xf32> {
  %0 = "aten.batch_norm"(%x, %w, %b, %m, %v) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>, training = false, momentum = 0.1 : f64, eps = 1.0e-05 : f64, cudnn_enabled = false} : (tensor<2x3x2x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x2x2xf32>
  return %0 : tensor<2x3x2x2xf32>
}

// -----
// batch_norm in training mode normalizes with the batch statistics
// (reduced over every dim but 1); no weight or bias.
// CHECK-LABEL: func.func @batch_norm_train
// CHECK: "mly.reduce"
// CHECK-SAME: dims = array<i64: 0, 2>
// CHECK: "mly.rsqrt"
// CHECK-NOT: "aten.
func.func @batch_norm_train(%x: tensor<3x2x4xf32>) -> tensor<3x2x4xf32> {
  %0 = "aten.batch_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, training = true, momentum = 0.1 : f64, eps = 1.0e-05 : f64, cudnn_enabled = false} : (tensor<3x2x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----
// native_batch_norm_legit_no_training: save_mean/save_invstd as typed,
// [C] (the running mean and the rstd) or [0] (PyTorch CPU; a constant).
// CHECK-LABEL: func.func @native_batch_norm
// CHECK: "mly.rsqrt"
// CHECK: "mly.constant"{{.*}} -> tensor<0xf32>
// CHECK: return %{{.*}}, %arg3, %{{.*}}, %{{.*}} : tensor<2x3x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<0xf32>
// CHECK-NOT: "aten.
func.func @native_batch_norm(%x: tensor<2x3x2xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<2x3x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<0xf32>) {
  %0:3 = "aten.native_batch_norm_legit_no_training"(%x, %w, %b, %m, %v) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>, momentum = 0.1 : f64, eps = 1.0e-03 : f64} : (tensor<2x3x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x2xf32>, tensor<3xf32>, tensor<3xf32>)
  %1:3 = "aten.native_batch_norm_legit_no_training"(%x, %w, %b, %m, %v) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>, momentum = 0.1 : f64, eps = 1.0e-03 : f64} : (tensor<2x3x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x2xf32>, tensor<0xf32>, tensor<0xf32>)
  return %0#0, %0#1, %0#2, %1#1 : tensor<2x3x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<0xf32>
}

// -----
// layer_norm over the trailing two dims; weight and bias [3, 4] broadcast
// into dims 1 and 2.
// CHECK-LABEL: func.func @layer_norm
// CHECK: "mly.reduce"
// CHECK-SAME: dims = array<i64: 1, 2>
// CHECK-SAME: keepdim = true
// CHECK: "mly.div"
// CHECK: "mly.sub"
// CHECK: "mly.rsqrt"
// CHECK: "mly.broadcast_in_dim"{{.*}}broadcast_dimensions = array<i64: 1, 2>}
// CHECK-NOT: "aten.
func.func @layer_norm(%x: tensor<2x3x4xf32>, %w: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = "aten.layer_norm"(%x, %w, %b) {operandSegmentSizes = array<i32: 1, 1, 1>, normalized_shape = array<i64: 3, 4>, eps = 1.0e-05 : f64, cudnn_enable = false} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----
// native_layer_norm: mean and rstd results keep the reduced dims.
// CHECK-LABEL: func.func @native_layer_norm
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x5xf32>, tensor<2x1xf32>, tensor<2x1xf32>
// CHECK-NOT: "aten.
func.func @native_layer_norm(%x: tensor<2x5xf32>, %b: tensor<5xf32>) -> (tensor<2x5xf32>, tensor<2x1xf32>, tensor<2x1xf32>) {
  %0:3 = "aten.native_layer_norm"(%x, %b) {operandSegmentSizes = array<i32: 1, 0, 1>, normalized_shape = array<i64: 5>, eps = 1.0e-05 : f64} : (tensor<2x5xf32>, tensor<5xf32>) -> (tensor<2x5xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x5xf32>, tensor<2x1xf32>, tensor<2x1xf32>
}

// -----
// group_norm: [N, C, H, W] as [N, G, C/G*H*W], normalized over dim 2,
// reshaped back, then the [C] affine on dim 1.
// CHECK-LABEL: func.func @group_norm
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<2x2x8xf32>
// CHECK: "mly.reduce"
// CHECK-SAME: dims = array<i64: 2>
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<2x4x2x2xf32>
// CHECK: "mly.broadcast_in_dim"
// CHECK-SAME: broadcast_dimensions = array<i64: 1>
// CHECK-NOT: "aten.
func.func @group_norm(%x: tensor<2x4x2x2xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x4x2x2xf32> {
  %0 = "aten.group_norm"(%x, %w, %b) {operandSegmentSizes = array<i32: 1, 1, 1>, num_groups = 2 : i64, eps = 1.0e-05 : f64, cudnn_enabled = false} : (tensor<2x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x2x2xf32>
  return %0 : tensor<2x4x2x2xf32>
}

// -----
// native_group_norm: mean and rstd [N, G].
// CHECK-LABEL: func.func @native_group_norm
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x6x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
// CHECK-NOT: "aten.
func.func @native_group_norm(%x: tensor<2x6x3xf32>) -> (tensor<2x6x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0:3 = "aten.native_group_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0>, N = 2 : i64, C = 6 : i64, HxW = 3 : i64, group = 3 : i64, eps = 1.0e-05 : f64} : (tensor<2x6x3xf32>) -> (tensor<2x6x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x6x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----
// rms_norm: x * rsqrt(mean(x^2) + eps) * w; no mean is subtracted.
// CHECK-LABEL: func.func @rms_norm
// CHECK-NOT: "mly.sub"
// CHECK: "mly.mul"
// CHECK: "mly.reduce"
// CHECK: "mly.rsqrt"
// CHECK: "mly.mul"
// CHECK: "mly.mul"
// CHECK-NOT: "aten.
func.func @rms_norm(%x: tensor<3x4xf32>, %w: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = "aten.rms_norm"(%x, %w) {normalized_shape = array<i64: 4>, eps = 1.0e-06 : f64} : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
