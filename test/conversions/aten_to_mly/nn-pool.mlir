// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// RUN: mly-opt %s --aten-to-mly -o %t.mly.mlir
// RUN: mly-run %s --backend interp --entry=max_pool --input 1x2x5x5xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19,1.99,0.61,-1.75,-1.3,1.23,1.79,-0.51,-2,-0.28,1.88,1.03,-1.47,-1.62,0.82,1.95,-0.05,-1.97,-0.74,1.67,1.41,-1.11,-1.85,0.37,2,0.42,-1.83 --outputs %t.max_pool.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=max_pool --input 1x2x5x5xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19,1.99,0.61,-1.75,-1.3,1.23,1.79,-0.51,-2,-0.28,1.88,1.03,-1.47,-1.62,0.82,1.95,-0.05,-1.97,-0.74,1.67,1.41,-1.11,-1.85,0.37,2,0.42,-1.83 --expect %t.max_pool.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=max_pool_ceil --input 1x4x4xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06,-1.95,-0.83,1.62,1.48 --outputs %t.max_pool_ceil.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=max_pool_ceil --input 1x4x4xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06,-1.95,-0.83,1.62,1.48 --expect %t.max_pool_ceil.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=avg_pool --input 2x1x5x5xf32:1.88,1.05,-1.46,-1.63,0.81,1.95,-0.03,-1.97,-0.75,1.67,1.42,-1.1,-1.86,0.36,2,0.44,-1.82,-1.17,1.36,1.71,-0.68,-1.98,-0.11,1.93,0.88,-1.58,-1.51,0.98,1.9,-0.22,-1.99,-0.58,1.76,1.28,-1.25,-1.78,0.54,1.99,0.25,-1.89,-1.01,1.49,1.6,-0.85,-1.94,0.08,1.97,0.71,-1.69,-1.39 --outputs %t.avg_pool.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=avg_pool --input 2x1x5x5xf32:1.88,1.05,-1.46,-1.63,0.81,1.95,-0.03,-1.97,-0.75,1.67,1.42,-1.1,-1.86,0.36,2,0.44,-1.82,-1.17,1.36,1.71,-0.68,-1.98,-0.11,1.93,0.88,-1.58,-1.51,0.98,1.9,-0.22,-1.99,-0.58,1.76,1.28,-1.25,-1.78,0.54,1.99,0.25,-1.89,-1.01,1.49,1.6,-0.85,-1.94,0.08,1.97,0.71,-1.69,-1.39 --expect %t.avg_pool.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=avg_pool_ceil --input 1x2x4x4xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86,-1.1,1.42,1.66,-0.76,-1.96,-0.03,1.95,0.81,-1.63,-1.46,1.05,1.88,-0.3,-2,-0.49,1.8,1.21,-1.32,-1.74,0.62 --outputs %t.avg_pool_ceil.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=avg_pool_ceil --input 1x2x4x4xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86,-1.1,1.42,1.66,-0.76,-1.96,-0.03,1.95,0.81,-1.63,-1.46,1.05,1.88,-0.3,-2,-0.49,1.8,1.21,-1.32,-1.74,0.62 --expect %t.avg_pool_ceil.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=avg_pool_divisors --input 1x1x5x5xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12,1.84,-0.39,-2,-0.41,1.84,1.14,-1.38 --outputs %t.avg_pool_divisors.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=avg_pool_divisors --input 1x1x5x5xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12,1.84,-0.39,-2,-0.41,1.84,1.14,-1.38 --expect %t.avg_pool_divisors.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=adaptive_even --input 1x2x6x4xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33,1.2,1.81,-0.47,-2,-0.32,1.87,1.07,-1.44,-1.65,0.79,1.96,-0,-1.96,-0.78,1.65,1.44,-1.08,-1.87,0.33,2,0.46,-1.81,-1.19,1.34,1.72,-0.65,-1.98,-0.14,1.93,0.91,-1.57,-1.53,0.96,1.91,-0.19,-1.99 --outputs %t.adaptive_even.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=adaptive_even --input 1x2x6x4xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33,1.2,1.81,-0.47,-2,-0.32,1.87,1.07,-1.44,-1.65,0.79,1.96,-0,-1.96,-0.78,1.65,1.44,-1.08,-1.87,0.33,2,0.46,-1.81,-1.19,1.34,1.72,-0.65,-1.98,-0.14,1.93,0.91,-1.57,-1.53,0.96,1.91,-0.19,-1.99 --expect %t.adaptive_even.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=adaptive_uneven --input 2x5x3xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24,1.9,1,-1.5,-1.59,0.86,1.94,-0.09,-1.98,-0.7,1.7,1.37,-1.15,-1.83,0.42,2,0.38,-1.85,-1.12 --outputs %t.adaptive_uneven.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=adaptive_uneven --input 2x5x3xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24,1.9,1,-1.5,-1.59,0.86,1.94,-0.09,-1.98,-0.7,1.7,1.37,-1.15,-1.83,0.42,2,0.38,-1.85,-1.12 --expect %t.adaptive_uneven.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// NUM-NOT: FAIL

// max_pool2d, max_pool2d_with_indices, avg_pool2d, adaptive_avg_pool2d.

// max_pool2d with padding and dilation: mly.pool max keeps both.
// CHECK-LABEL: func.func @max_pool
// CHECK: "mly.pool"
// CHECK-SAME: dilation = array<i64: 2, 1>
// CHECK-SAME: kind = "max"
// CHECK-SAME: padding = array<i64: 1, 1>
// CHECK-NOT: "aten.
func.func @max_pool(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x2x3xf32> {
  %0 = "aten.max_pool2d"(%x) {kernel_size = array<i64: 3, 2>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 2, 1>, ceil_mode = false} : (tensor<1x2x5x5xf32>) -> tensor<1x2x2x3xf32>
  return %0 : tensor<1x2x2x3xf32>
}

// -----
// ceil_mode on an unbatched input: the extra window reads -inf padding on
// the high side; indices unused.
// CHECK-LABEL: func.func @max_pool_ceil
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<1x1x4x4xf32>
// CHECK: "mly.pad"
// CHECK-SAME: high = array<i64: 0, 0, 2, 2>
// CHECK-SAME: value = 0xFFF0000000000000
// CHECK: "mly.pool"
// CHECK-SAME: -> tensor<1x1x2x2xf32>
// CHECK-NOT: "aten.
func.func @max_pool_ceil(%x: tensor<1x4x4xf32>) -> tensor<1x2x2xf32> {
  %0:2 = "aten.max_pool2d_with_indices"(%x) {kernel_size = array<i64: 3>, stride = array<i64>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = true} : (tensor<1x4x4xf32>) -> (tensor<1x2x2xf32>, tensor<1x2x2xi64>)
  return %0#0 : tensor<1x2x2xf32>
}

// -----
// avg_pool2d without ceil extras or divisor_override is one mly.pool.
// CHECK-LABEL: func.func @avg_pool
// CHECK: "mly.pool"
// CHECK-SAME: count_include_pad = false
// CHECK-SAME: kind = "avg"
// CHECK-NOT: "mly.mul"
// CHECK-NOT: "aten.
func.func @avg_pool(%x: tensor<2x1x5x5xf32>) -> tensor<2x1x3x3xf32> {
  %0 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false, divisor_override = 0 : i64} : (tensor<2x1x5x5xf32>) -> tensor<2x1x3x3xf32>
  return %0 : tensor<2x1x3x3xf32>
}

// -----
// ceil_mode with count_include_pad: the last windows pass the padding, and
// PyTorch's divisor stops there; window sums (zero padded, mean times
// k*k) are scaled by a constant per output position.
// CHECK-LABEL: func.func @avg_pool_ceil
// CHECK: "mly.pad"
// CHECK-SAME: high = array<i64: 0, 0, 2, 2>
// CHECK-SAME: low = array<i64: 0, 0, 1, 1>
// CHECK: "mly.pool"
// CHECK-SAME: padding = array<i64: 0, 0>
// CHECK: "mly.constant"
// CHECK-SAME: tensor<3x3xf32>
// CHECK: "mly.mul"
// CHECK-NOT: "aten.
func.func @avg_pool_ceil(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  %0 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode = true, count_include_pad = true, divisor_override = 0 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----
// ceil_mode without count_include_pad, and divisor_override.
// CHECK-LABEL: func.func @avg_pool_divisors
// CHECK: "mly.mul"
// CHECK: "mly.mul"
// CHECK-NOT: "aten.
func.func @avg_pool_divisors(%x: tensor<1x1x5x5xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) {
  %0 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, ceil_mode = true, count_include_pad = false, divisor_override = 0 : i64} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  %1 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true, divisor_override = 5 : i64} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  return %0, %1 : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>
}

// -----
// adaptive_avg_pool2d where the output divides the input: a pool of
// window = stride = in / out.
// CHECK-LABEL: func.func @adaptive_even
// CHECK: "mly.pool"
// CHECK-SAME: stride = array<i64: 3, 2>
// CHECK-SAME: window = array<i64: 3, 2>
// CHECK-NOT: "aten.
func.func @adaptive_even(%x: tensor<1x2x6x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = "aten.adaptive_avg_pool2d"(%x) {output_size = array<i64: 2, 2>} : (tensor<1x2x6x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----
// Uneven adaptive pooling (overlapping windows): A_h X A_wᵀ with constant
// averaging matrices.
// CHECK-LABEL: func.func @adaptive_uneven
// CHECK: "mly.constant"{{.*}}tensor<2x3xf32>
// CHECK: "mly.matmul"
// CHECK-SAME: transpose_rhs = true
// CHECK: "mly.constant"{{.*}}tensor<3x5xf32>
// CHECK: "mly.matmul"
// CHECK-NOT: "aten.
func.func @adaptive_uneven(%x: tensor<2x5x3xf32>) -> tensor<2x3x2xf32> {
  %0 = "aten.adaptive_avg_pool2d"(%x) {output_size = array<i64: 3, 2>} : (tensor<2x5x3xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}
