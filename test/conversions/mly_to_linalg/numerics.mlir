// Numerics: the reference interpreter and the cpu backend (this pass, then
// upstream bufferization, loops and LLVM) print the same values for the
// ops whose edge cases matter: PyTorch casts, keepdim reductions, scan,
// gather, pad with a crop, f16/bf16/i1 (HALF), grouped padded conv with bias, avg pool that
// excludes padding, transposed batched matmul.
// RUN: mly-run %s --backend interp --entry cast --input 4xf32:-1.7,2.5,0,-0.2 --print | FileCheck %s --check-prefix=CAST
// RUN: mly-run %s --backend cpu --no-cache --entry cast --input 4xf32:-1.7,2.5,0,-0.2 --print | FileCheck %s --check-prefix=CAST
// CAST: output_0: tensor<4xi32> = [-1, 2, 0, 0]
// CAST: output_1: tensor<4xi1> = [1, 1, 0, 1]
// CAST: output_2: tensor<4xf32> = [1, 1, 0, 1]
// RUN: mly-run %s --backend interp --entry reduce_scan --input 2x3xf32:1,-2,3,4,5,-6 --print | FileCheck %s --check-prefix=RED
// RUN: mly-run %s --backend cpu --no-cache --entry reduce_scan --input 2x3xf32:1,-2,3,4,5,-6 --print | FileCheck %s --check-prefix=RED
// RED: output_0: tensor<2x1xf32> = [3, 5]
// RED: output_1: tensor<1x3xf32> = [5, 3, -3]
// RED: output_2: tensor<2x3xf32> = [1, -1, 2, 4, 9, 3]
// RUN: mly-run %s --backend interp --entry gather_iota --input 3x2xf32:1,2,3,4,5,6 --input 2xi64:2,0 --print | FileCheck %s --check-prefix=GATHER
// RUN: mly-run %s --backend cpu --no-cache --entry gather_iota --input 3x2xf32:1,2,3,4,5,6 --input 2xi64:2,0 --print | FileCheck %s --check-prefix=GATHER
// GATHER: output_0: tensor<2x2xf32> = [5, 6, 1, 2]
// GATHER: output_1: tensor<2x3xi64> = [0, 1, 2, 0, 1, 2]
// RUN: mly-run %s --backend interp --entry pad_crop --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=PAD
// RUN: mly-run %s --backend cpu --no-cache --entry pad_crop --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=PAD
// PAD: output_0: tensor<3x2xf32> = [9, 9, 2, 3, 5, 6]
// RUN: mly-run %s --backend interp --entry conv_grouped --input 1x4x5xf32:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20 --input 2x2x3xf32:1,0,-1,2,1,0,0.5,0.5,0.5,1,-1,1 --input 2xf32:0.25,-1 --print | FileCheck %s --check-prefix=CONV
// RUN: mly-run %s --backend cpu --no-cache --entry conv_grouped --input 1x4x5xf32:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20 --input 2x2x3xf32:1,0,-1,2,1,0,0.5,0.5,0.5,1,-1,1 --input 2xf32:0.25,-1 --print | FileCheck %s --check-prefix=CONV
// CONV: output_0: tensor<1x2x5xf32> = [4.25, 17.25, 20.25, 23.25, 32.25, 11.5, 34, 36.5, 39, 12.5]
// RUN: mly-run %s --backend interp --entry pool --input 1x1x5xf32:1,2,3,4,5 --print | FileCheck %s --check-prefix=POOL
// RUN: mly-run %s --backend cpu --no-cache --entry pool --input 1x1x5xf32:1,2,3,4,5 --print | FileCheck %s --check-prefix=POOL
// POOL: output_0: tensor<1x1x3xf32> = [1.5, 3, 4.5]
// POOL: output_1: tensor<1x1x3xf32> = [2, 4, 5]
// RUN: mly-run %s --backend interp --entry matmul_t --input 1x2x3x2xf32:1,2,3,4,5,6,7,8,9,10,11,12 --input 1x2x2x3xf32:1,0,2,0,1,1,2,2,0,1,-1,3 --print | FileCheck %s --check-prefix=MM
// RUN: mly-run %s --backend cpu --no-cache --entry matmul_t --input 1x2x3x2xf32:1,2,3,4,5,6,7,8,9,10,11,12 --input 1x2x2x3xf32:1,0,2,0,1,1,2,2,0,1,-1,3 --print | FileCheck %s --check-prefix=MM
// MM: output_0: tensor<1x2x2x2xf32> = [11, 8, 14, 10, 32, 31, 36, 34]
// RUN: mly-run %s --backend interp --entry half --input 2x3xf16:1,2,3,4,5,6 --input 2x3xbf16:1,-2,3,4,5,-6 --input 2x3xi1:1,0,1,0,0,1 --print | FileCheck %s --check-prefix=HALF
// RUN: mly-run %s --backend cpu --no-cache --entry half --input 2x3xf16:1,2,3,4,5,6 --input 2x3xbf16:1,-2,3,4,5,-6 --input 2x3xi1:1,0,1,0,0,1 --print | FileCheck %s --check-prefix=HALF
// HALF: output_0: tensor<3x3xf16> = [0.0999756, 0.0999756, 0.0999756, 1, 2, 3, 4, 5, 6]
// HALF: output_1: tensor<2x1xbf16> = [3, 5]
// HALF: output_2: tensor<2xi1> = [1, 1]
// HALF: output_3: tensor<2x3xi1> = [1, 1, 1, 0, 0, 1]
// HALF: output_4: tensor<2x3xf16> = [0.730957, 0.880859, 0.952637, 0.981934, 0.993164, 0.997559]

func.func @cast(%x: tensor<4xf32>) -> (tensor<4xi32>, tensor<4xi1>, tensor<4xf32>) {
  %0 = "mly.cast"(%x) : (tensor<4xf32>) -> tensor<4xi32>
  %1 = "mly.cast"(%x) : (tensor<4xf32>) -> tensor<4xi1>
  %2 = "mly.cast"(%1) : (tensor<4xi1>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi1>, tensor<4xf32>
}
func.func @reduce_scan(%x: tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<1x3xf32>, tensor<2x3xf32>) {
  %0 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = true, kind = "max"} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %1 = "mly.reduce"(%x) {dims = array<i64: 0>, keepdim = true, kind = "sum"} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %2 = "mly.scan"(%x) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x1xf32>, tensor<1x3xf32>, tensor<2x3xf32>
}
func.func @gather_iota(%x: tensor<3x2xf32>, %i: tensor<2xi64>) -> (tensor<2x2xf32>, tensor<2x3xi64>) {
  %0 = "mly.gather"(%x, %i) {dim = 0 : i64, mode = "take"} : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<2x2xf32>
  %1 = "mly.iota"() {dim = 1 : i64} : () -> tensor<2x3xi64>
  return %0, %1 : tensor<2x2xf32>, tensor<2x3xi64>
}
func.func @pad_crop(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "mly.pad"(%x) {low = array<i64: 1, -1>, high = array<i64: 0, 0>, value = 9.0 : f64} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
func.func @conv_grouped(%x: tensor<1x4x5xf32>, %w: tensor<2x2x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x5xf32> {
  %0 = "mly.conv"(%x, %w, %b) {operandSegmentSizes = array<i32: 1, 1, 1>, stride = array<i64: 1>, padding = array<i64: 1>, dilation = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x5xf32>, tensor<2x2x3xf32>, tensor<2xf32>) -> tensor<1x2x5xf32>
  return %0 : tensor<1x2x5xf32>
}
func.func @pool(%x: tensor<1x1x5xf32>) -> (tensor<1x1x3xf32>, tensor<1x1x3xf32>) {
  %0 = "mly.pool"(%x) {kind = "avg", window = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x1x5xf32>) -> tensor<1x1x3xf32>
  %1 = "mly.pool"(%x) {kind = "max", window = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x1x5xf32>) -> tensor<1x1x3xf32>
  return %0, %1 : tensor<1x1x3xf32>, tensor<1x1x3xf32>
}
func.func @matmul_t(%x: tensor<1x2x3x2xf32>, %y: tensor<1x2x2x3xf32>) -> tensor<1x2x2x2xf32> {
  %0 = "mly.matmul"(%x, %y) {transpose_lhs = true, transpose_rhs = true} : (tensor<1x2x3x2xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}
func.func @half(%x: tensor<2x3xf16>, %y: tensor<2x3xbf16>, %b: tensor<2x3xi1>) -> (tensor<3x3xf16>, tensor<2x1xbf16>, tensor<2xi1>, tensor<2x3xi1>, tensor<2x3xf16>) {
  %0 = "mly.pad"(%x) {low = array<i64: 1, 0>, high = array<i64: 0, 0>, value = 0.1 : f64} : (tensor<2x3xf16>) -> tensor<3x3xf16>
  %1 = "mly.reduce"(%y) {dims = array<i64: 1>, keepdim = true, kind = "max"} : (tensor<2x3xbf16>) -> tensor<2x1xbf16>
  %2 = "mly.reduce"(%b) {dims = array<i64: 1>, keepdim = false, kind = "sum"} : (tensor<2x3xi1>) -> tensor<2xi1>
  %3 = "mly.scan"(%b) {dim = 1 : i64} : (tensor<2x3xi1>) -> tensor<2x3xi1>
  %4 = "mly.sigmoid"(%x) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  return %0, %1, %2, %3, %4 : tensor<3x3xf16>, tensor<2x1xbf16>, tensor<2xi1>, tensor<2x3xi1>, tensor<2x3xf16>
}
