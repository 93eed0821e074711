// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// RUN: mly-opt %s --aten-to-mly -o %t.mly.mlir
// RUN: mly-run %s --backend interp --entry=conv2d --input 1x4x5x5xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19,1.99,0.61,-1.75,-1.3,1.23,1.79,-0.51,-2,-0.28,1.88,1.03,-1.47,-1.62,0.82,1.95,-0.05,-1.97,-0.74,1.67,1.41,-1.11,-1.85,0.37,2,0.42,-1.83,-1.15,1.37,1.7,-0.69,-1.98,-0.1,1.94,0.87,-1.59,-1.5,0.99,1.9,-0.23,-1.99,-0.56,1.77,1.27,-1.26,-1.77,0.56,1.99,0.24,-1.9,-1,1.5,1.59,-0.87,-1.94,0.09,1.98,0.7,-1.7,-1.37,1.15,1.83,-0.42,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.05,-1.95,-0.83,1.62,1.47,-1.03 --input 2x2x3x2xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06,-1.95,-0.83,1.62,1.48,-1.03,-1.89,0.27,2,0.52,-1.79,-1.24,1.29 --input 2xf32:1.88,1.05 --outputs %t.conv2d.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=conv2d --input 1x4x5x5xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93,-0.91,1.56,1.53,-0.95,-1.91,0.19,1.99,0.61,-1.75,-1.3,1.23,1.79,-0.51,-2,-0.28,1.88,1.03,-1.47,-1.62,0.82,1.95,-0.05,-1.97,-0.74,1.67,1.41,-1.11,-1.85,0.37,2,0.42,-1.83,-1.15,1.37,1.7,-0.69,-1.98,-0.1,1.94,0.87,-1.59,-1.5,0.99,1.9,-0.23,-1.99,-0.56,1.77,1.27,-1.26,-1.77,0.56,1.99,0.24,-1.9,-1,1.5,1.59,-0.87,-1.94,0.09,1.98,0.7,-1.7,-1.37,1.15,1.83,-0.42,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.05,-1.95,-0.83,1.62,1.47,-1.03 --input 2x2x3x2xf32:1.15,1.83,-0.41,-2,-0.38,1.85,1.12,-1.4,-1.68,0.73,1.97,0.06,-1.95,-0.83,1.62,1.48,-1.03,-1.89,0.27,2,0.52,-1.79,-1.24,1.29 --input 2xf32:1.88,1.05 --expect %t.conv2d.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=conv1d_unbatched --input 2x6xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86 --input 3x2x3xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12 --outputs %t.conv1d_unbatched.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=conv1d_unbatched --input 2x6xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86 --input 3x2x3xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68,-1.4,1.12 --expect %t.conv1d_unbatched.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=conv_transposed --input 1x4x3xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33 --input 4x3x3xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24,1.9,1,-1.5,-1.59,0.86,1.94,-0.09,-1.98,-0.7,1.7,1.37,-1.15,-1.83,0.42,2,0.38,-1.85,-1.12,1.4,1.68,-0.73,-1.97,-0.05,1.95 --input 6xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98 --outputs %t.conv_transposed.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=conv_transposed --input 1x4x3xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15,1.98,0.64,-1.73,-1.33 --input 4x3x3xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26,1.77,-0.56,-1.99,-0.24,1.9,1,-1.5,-1.59,0.86,1.94,-0.09,-1.98,-0.7,1.7,1.37,-1.15,-1.83,0.42,2,0.38,-1.85,-1.12,1.4,1.68,-0.73,-1.97,-0.05,1.95 --input 6xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98 --expect %t.conv_transposed.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=conv_transposed_crop --input 1x1x5x5xf32:-1.97,-0.07,1.95,0.84,-1.61,-1.48,1.02,1.89,-0.26,-2,-0.53,1.78,1.24,-1.29,-1.76,0.59,1.99,0.21,-1.91,-0.97,1.52,1.58,-0.89,-1.93,0.12 --input 1x2x2x2xf32:-1.43,1.09,1.86,-0.35,-2,-0.45,1.82,1.17 --outputs %t.conv_transposed_crop.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=conv_transposed_crop --input 1x1x5x5xf32:-1.97,-0.07,1.95,0.84,-1.61,-1.48,1.02,1.89,-0.26,-2,-0.53,1.78,1.24,-1.29,-1.76,0.59,1.99,0.21,-1.91,-0.97,1.52,1.58,-0.89,-1.93,0.12 --input 1x2x2x2xf32:-1.43,1.09,1.86,-0.35,-2,-0.45,1.82,1.17 --expect %t.conv_transposed_crop.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// NUM-NOT: FAIL

// conv1d, conv2d, convolution (direct and transposed).

// conv2d with stride, padding, dilation, groups and a bias operand.
// CHECK-LABEL: func.func @conv2d
// CHECK: "mly.conv"
// CHECK-SAME: dilation = array<i64: 1, 2>
// CHECK-SAME: groups = 2 : i64
// CHECK-SAME: padding = array<i64: 1, 1>
// CHECK-SAME: stride = array<i64: 2, 2>
// CHECK-SAME: (tensor<1x4x5x5xf32>, tensor<2x2x3x2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NOT: "aten.
func.func @conv2d(%x: tensor<1x4x5x5xf32>, %w: tensor<2x2x3x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x3x3xf32> {
  %0 = "aten.conv2d"(%x, %w, %b) {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1, 2>, groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<2x2x3x2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----
// conv1d on an unbatched [C, L] input: a batch of 1 around mly.conv.
// CHECK-LABEL: func.func @conv1d_unbatched
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<1x2x6xf32>
// CHECK: "mly.conv"
// CHECK-SAME: -> tensor<1x3x4xf32>
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<3x4xf32>
// CHECK-NOT: "aten.
func.func @conv1d_unbatched(%x: tensor<2x6xf32>, %w: tensor<3x2x3xf32>) -> tensor<3x4xf32> {
  %0 = "aten.conv1d"(%x, %w) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<2x6xf32>, tensor<3x2x3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----
// Transposed convolution as a direct one: the input dilated by the stride
// (interleaved size-1 dims padded by stride - 1), padded by
// dilation*(k-1) - padding (+ output_padding high), the weight regrouped
// [Cin, Cout/g, k] -> [Cout, Cin/g, k] and flipped with a gather.
// CHECK-LABEL: func.func @conv_transposed
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<1x4x3x1xf32>
// CHECK: "mly.pad"
// CHECK-SAME: high = array<i64: 0, 0, 0, 1>
// CHECK: "mly.reshape"
// CHECK-SAME: -> tensor<1x4x6xf32>
// CHECK: "mly.pad"
// CHECK-SAME: high = array<i64: 0, 0, 1>
// CHECK-SAME: low = array<i64: 0, 0, 1>
// CHECK: "mly.transpose"
// CHECK: "mly.iota"
// CHECK: "mly.gather"
// CHECK-SAME: mode = "take"
// CHECK: "mly.conv"
// CHECK-SAME: groups = 2 : i64
// CHECK-SAME: padding = array<i64: 0>
// CHECK-SAME: stride = array<i64: 1>
// CHECK-SAME: -> tensor<1x6x6xf32>
// CHECK-NOT: "aten.
func.func @conv_transposed(%x: tensor<1x4x3xf32>, %w: tensor<4x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x6xf32> {
  %0 = "aten.convolution"(%x, %w, %b) {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x3xf32>, tensor<4x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6xf32>
  return %0 : tensor<1x6x6xf32>
}

// -----
// Transposed 2-d with padding above dilation*(k-1): the pad crops.
// Stride 1 needs no dilation of the input.
// CHECK-LABEL: func.func @conv_transposed_crop
// CHECK-NOT: "mly.reshape"
// CHECK: "mly.pad"
// CHECK-SAME: high = array<i64: 0, 0, -1, -1>, low = array<i64: 0, 0, -1, -1>
// CHECK: "mly.conv"
// CHECK-SAME: dilation = array<i64: 1, 1>
// CHECK-NOT: "aten.
func.func @conv_transposed_crop(%x: tensor<1x1x5x5xf32>, %w: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %0 = "aten.convolution"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 1, 1>, transposed = true, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x1x5x5xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}
