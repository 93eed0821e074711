// RUN: mly-run %s --backend interp --entry=batch_eval --input 2x2xf32:1,2,3,4 --input 2xf32:2,4 --input 2xf32:0,1 --input 2xf32:1,2 --input 2xf32:3,15 --print | FileCheck %s --check-prefix=BN-EVAL
// RUN: mly-run %s --backend interp --entry=batch_train --input 2x1x2xf32:3,5,3,5 --print | FileCheck %s --check-prefix=BN-TRAIN
// RUN: mly-run %s --backend interp --entry=native_batch --input 1x2x1x1xf32:3,5 --input 2xf32:1,1 --input 2xf32:4,0.25 --print | FileCheck %s --check-prefix=NBN
// RUN: mly-run %s --backend interp --entry=native_batch_cpu --input 1x2x1x1xf32:3,5 --input 2xf32:1,1 --input 2xf32:4,0.25 --print | FileCheck %s --check-prefix=NBN-CPU
// RUN: mly-run %s --backend interp --entry=layer --input 2x2xf32:1,3,7,5 --input 2xf32:2,3 --input 2xf32:1,0 --print | FileCheck %s --check-prefix=LN
// RUN: mly-run %s --backend interp --entry=native_layer --input 2x2xf32:1,3,4,8 --print | FileCheck %s --check-prefix=NLN
// RUN: mly-run %s --backend interp --entry=layer2d --input 1x2x2xf32:1,3,1,3 --print | FileCheck %s --check-prefix=LN2D
// RUN: mly-run %s --backend interp --entry=group --input 1x4x1x2xf32:0,2,0,2,4,4,8,8 --input 4xf32:1,2,3,4 --print | FileCheck %s --check-prefix=GN
// RUN: mly-run %s --backend interp --entry=native_group --input 1x4x1x2xf32:0,2,0,2,4,4,8,8 --print | FileCheck %s --check-prefix=NGN
// RUN: mly-run %s --backend interp --entry=rms --input 2x2xf32:1,7,2,2 --input 2xf32:1,10 --print | FileCheck %s --check-prefix=RMS

// Eval: running stats; rstd = 1/sqrt(var + eps) = [1/2, 1/4] with eps 1.
// BN-EVAL: output_0: tensor<2x2xf32> = [0, 1, 2, 3]
func.func @batch_eval(%x: tensor<2x2xf32>, %w: tensor<2xf32>, %b: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.batch_norm"(%x, %w, %b, %m, %v) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>, training = false, momentum = 0.1 : f64, eps = 1.0 : f64, cudnn_enabled = false} : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// Training without running stats: batch mean 4, biased variance 1.
// BN-TRAIN: output_0: tensor<2x1x2xf32> = [-1, 1, -1, 1]
func.func @batch_train(%x: tensor<2x1x2xf32>) -> tensor<2x1x2xf32> {
  %0 = "aten.batch_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, training = true, momentum = 0.1 : f64, eps = 0.0 : f64, cudnn_enabled = false} : (tensor<2x1x2xf32>) -> tensor<2x1x2xf32>
  return %0 : tensor<2x1x2xf32>
}

// save_mean/save_invstd typed [C]: the running mean and 1/sqrt(var + eps).
// NBN: output_0: tensor<1x2x1x1xf32> = [1, 8]
// NBN: output_1: tensor<2xf32> = [1, 1]
// NBN: output_2: tensor<2xf32> = [0.5, 2]
func.func @native_batch(%x: tensor<1x2x1x1xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> (tensor<1x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>) {
  %0, %1, %2 = "aten.native_batch_norm_legit_no_training"(%x, %m, %v) {operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>, momentum = 0.1 : f64, eps = 0.0 : f64} : (tensor<1x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>)
  return %0, %1, %2 : tensor<1x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>
}

// save_mean/save_invstd typed [0], as PyTorch's CPU kernel returns them.
// NBN-CPU: output_0: tensor<1x2x1x1xf32> = [1, 8]
// NBN-CPU: output_1: tensor<0xf32> = []
// NBN-CPU: output_2: tensor<0xf32> = []
func.func @native_batch_cpu(%x: tensor<1x2x1x1xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> (tensor<1x2x1x1xf32>, tensor<0xf32>, tensor<0xf32>) {
  %0, %1, %2 = "aten.native_batch_norm_legit_no_training"(%x, %m, %v) {operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>, momentum = 0.1 : f64, eps = 0.0 : f64} : (tensor<1x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x1x1xf32>, tensor<0xf32>, tensor<0xf32>)
  return %0, %1, %2 : tensor<1x2x1x1xf32>, tensor<0xf32>, tensor<0xf32>
}

// Rows [1, 3] and [7, 5] both have variance 1: normalized [-1, 1] and
// [1, -1], then times [2, 3] plus [1, 0].
// LN: output_0: tensor<2x2xf32> = [-1, 3, 3, -3]
func.func @layer(%x: tensor<2x2xf32>, %w: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.layer_norm"(%x, %w, %b) {operandSegmentSizes = array<i32: 1, 1, 1>, normalized_shape = array<i64: 2>, eps = 0.0 : f64, cudnn_enable = false} : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// native_layer_norm also returns each row's mean and rstd as [2, 1].
// NLN: output_0: tensor<2x2xf32> = [-1, 1, -1, 1]
// NLN: output_1: tensor<2x1xf32> = [2, 6]
// NLN: output_2: tensor<2x1xf32> = [1, 0.5]
func.func @native_layer(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x1xf32>, tensor<2x1xf32>) {
  %0, %1, %2 = "aten.native_layer_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0>, normalized_shape = array<i64: 2>, eps = 0.0 : f64} : (tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return %0, %1, %2 : tensor<2x2xf32>, tensor<2x1xf32>, tensor<2x1xf32>
}

// normalized_shape of two dims: statistics over all four elements.
// LN2D: output_0: tensor<1x2x2xf32> = [-1, 1, -1, 1]
func.func @layer2d(%x: tensor<1x2x2xf32>) -> tensor<1x2x2xf32> {
  %0 = "aten.layer_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0>, normalized_shape = array<i64: 2, 2>, eps = 0.0 : f64, cudnn_enable = false} : (tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}

// Two groups of two channels: {0,2,0,2} (mean 1, var 1) and {4,4,8,8}
// (mean 6, var 4); then the per-channel weight [1, 2, 3, 4].
// GN: output_0: tensor<1x4x1x2xf32> = [-1, 1, -2, 2, -3, -3, 4, 4]
func.func @group(%x: tensor<1x4x1x2xf32>, %w: tensor<4xf32>) -> tensor<1x4x1x2xf32> {
  %0 = "aten.group_norm"(%x, %w) {operandSegmentSizes = array<i32: 1, 1, 0>, num_groups = 2 : i64, eps = 0.0 : f64, cudnn_enabled = false} : (tensor<1x4x1x2xf32>, tensor<4xf32>) -> tensor<1x4x1x2xf32>
  return %0 : tensor<1x4x1x2xf32>
}

// Mean squares 25 and 4: rows scaled by 1/5 and 1/2, then by [1, 10].
// RMS: output_0: tensor<2x2xf32> = [0.2, 14, 1, 10]
func.func @rms(%x: tensor<2x2xf32>, %w: tensor<2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.rms_norm"(%x, %w) {normalized_shape = array<i64: 2>, eps = 0.0 : f64} : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// native_group_norm: the same groups, plus mean and rstd per (sample, group).
// NGN: output_0: tensor<1x4x1x2xf32> = [-1, 1, -1, 1, -1, -1, 1, 1]
// NGN: output_1: tensor<1x2xf32> = [1, 6]
// NGN: output_2: tensor<1x2xf32> = [1, 0.5]
func.func @native_group(%x: tensor<1x4x1x2xf32>) -> (tensor<1x4x1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>) {
  %0, %1, %2 = "aten.native_group_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0>, N = 1 : i64, C = 4 : i64, HxW = 2 : i64, group = 2 : i64, eps = 0.0 : f64} : (tensor<1x4x1x2xf32>) -> (tensor<1x4x1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>)
  return %0, %1, %2 : tensor<1x4x1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>
}
