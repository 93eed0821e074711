// RUN: mly-run %s --backend interp --entry=stride_pad --input 1x1x3x3xf32:1,2,3,4,5,6,7,8,9 --input 1x1x2x2xf32:1 --input 1xf32:1 --print | FileCheck %s --check-prefix=PAD
// RUN: mly-run %s --backend interp --entry=groups --input 1x4x1x1xf32:1,2,3,4 --input 2x2x1x1xf32:1,10,100,1000 --print | FileCheck %s --check-prefix=GROUPS
// RUN: mly-run %s --backend interp --entry=conv1d --input 1x5xf32:1,2,3,4,5 --input 1x1x2xf32:1,1 --print | FileCheck %s --check-prefix=CONV1D
// RUN: mly-run %s --backend interp --entry=transposed --input 1x1x2xf32:1,2 --input 1x2x3xf32:1,1,1,0,0,1 --input 2xf32:0.5,0 --print | FileCheck %s --check-prefix=TRANSPOSED
// RUN: mly-run %s --backend interp --entry=convolution --input 1x1x3x3xf32:1,2,3,4,5,6,7,8,9 --input 1x1x2x2xf32:1,0,0,1 --print | FileCheck %s --check-prefix=CONVOLUTION

// stride 2, padding 1, 2x2 kernel of ones, bias 1: each output sums the
// part of its window inside the 3x3 input (1; 2+3; 4+7; 5+6+8+9), plus 1.
// PAD: output_0: tensor<1x1x2x2xf32> = [2, 6, 12, 29]
func.func @stride_pad(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x2x2xf32>, %b: tensor<1xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "aten.conv2d"(%x, %w, %b) {stride = array<i64: 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// groups 2: output 0 mixes input channels 0, 1; output 1 channels 2, 3.
// GROUPS: output_0: tensor<1x2x1x1xf32> = [21, 4300]
func.func @groups(%x: tensor<1x4x1x1xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x1x1xf32> {
  %0 = "aten.conv2d"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x4x1x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

// conv1d on an unbatched [C, L] input, dilation 2: x[i] + x[i + 2].
// CONV1D: output_0: tensor<1x3xf32> = [4, 6, 8]
func.func @conv1d(%x: tensor<1x5xf32>, %w: tensor<1x1x2xf32>) -> tensor<1x3xf32> {
  %0 = "aten.conv1d"(%x, %w) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 2>, groups = 1 : i64} : (tensor<1x5xf32>, tensor<1x1x2xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// Transposed, stride 2, padding 1, output_padding 1 (length (2-1)*2 - 2 +
// 2 + 1 + 1 = 4), weight [Cin=1, Cout=2, 3]: x[i] lands on 2i-1 .. 2i+1.
// Channel 0 (kernel 1,1,1, bias 0.5): [1, 1+2, 2, 2] + 0.5; channel 1
// (kernel 0,0,1): x0 at 1, x1 at 3.
// TRANSPOSED: output_0: tensor<1x2x4xf32> = [1.5, 3.5, 2.5, 2.5, 0, 1, 0, 2]
func.func @transposed(%x: tensor<1x1x2xf32>, %w: tensor<1x2x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x4xf32> {
  %0 = "aten.convolution"(%x, %w, %b) {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 1>, groups = 1 : i64} : (tensor<1x1x2xf32>, tensor<1x2x3xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  return %0 : tensor<1x2x4xf32>
}

// convolution, not transposed, 2-d from the weight's rank: a diagonal
// kernel sums x[i][j] + x[i+1][j+1].
// CONVOLUTION: output_0: tensor<1x1x2x2xf32> = [6, 8, 12, 14]
func.func @convolution(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "aten.convolution"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, transposed = false, output_padding = array<i64: 0, 0>, groups = 1 : i64} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
