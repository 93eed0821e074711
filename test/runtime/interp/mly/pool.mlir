// pool: max and avg, padding (avg with and without count_include_pad),
// dilation, 2-d, and a max window wholly in the padding (-inf).
// RUN: mly-run %s --backend interp --input 1x1x4xf32:1,3,2,5 --input 1x1x5xf32:1,3,2,5,4 --input 1x1x1xf32:7 --print | FileCheck %s --check-prefix=P1
// RUN: mly-run %s --backend interp --entry=planar --input 1x2x3x3xf32:1,2,3,4,5,6,7,8,9,-1,-2,-3,-4,-5,-6,-7,-8,-9 --print | FileCheck %s --check-prefix=P2

// x = [1, 3, 2, 5]. Window 2, stride 2: [1, 3], [2, 5] ->
// max 3, 5, avg 2, 3.5. Padding 1 gives windows [pad, 1], [3, 2], [5, pad].
// Dilation 2 over [1, 3, 2, 5, 4]: max(1, 2), max(3, 5), max(2, 4).
// P1: output_0: tensor<1x1x2xf32> = [3, 5]
// P1-NEXT: output_1: tensor<1x1x2xf32> = [2, 3.5]
// P1-NEXT: output_2: tensor<1x1x3xf32> = [1, 3, 5]
// P1-NEXT: output_3: tensor<1x1x3xf32> = [0.5, 2.5, 2.5]
// P1-NEXT: output_4: tensor<1x1x3xf32> = [1, 2.5, 5]
// P1-NEXT: output_5: tensor<1x1x3xf32> = [2, 5, 4]
// P1-NEXT: output_6: tensor<1x1x3xf32> = [-inf, 7, -inf]
func.func @forward(%x: tensor<1x1x4xf32>, %y: tensor<1x1x5xf32>, %z: tensor<1x1x1xf32>) -> (tensor<1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>) {
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x1x4xf32>) -> tensor<1x1x2xf32>
  %1 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, count_include_pad = true} : (tensor<1x1x4xf32>) -> tensor<1x1x2xf32>
  %2 = "mly.pool"(%x) {kind = "max", window = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x1x4xf32>) -> tensor<1x1x3xf32>
  %3 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = true} : (tensor<1x1x4xf32>) -> tensor<1x1x3xf32>
  %4 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x1x4xf32>) -> tensor<1x1x3xf32>
  %5 = "mly.pool"(%y) {kind = "max", window = array<i64: 2>, stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 2>, count_include_pad = false} : (tensor<1x1x5xf32>) -> tensor<1x1x3xf32>
  %6 = "mly.pool"(%z) {kind = "max", window = array<i64: 1>, stride = array<i64: 1>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x1x1xf32>) -> tensor<1x1x3xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>
}

// Channel 0 holds 1..9, channel 1 its negation; 2x2 windows, stride 1.
// max: [5, 6, 8, 9] and [-1, -2, -4, -5]; avg: (1+2+4+5)/4 = 3, 4, 6, 7.
// P2: output_0: tensor<1x2x2x2xf32> = [5, 6, 8, 9, -1, -2, -4, -5]
// P2-NEXT: output_1: tensor<1x2x2x2xf32> = [3, 4, 6, 7, -3, -4, -6, -7]
func.func @planar(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x2x3x3xf32>) -> tensor<1x2x2x2xf32>
  %1 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2, 2>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x2x3x3xf32>) -> tensor<1x2x2x2xf32>
  return %0, %1 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// Dilation 2 with padding 2 over [1, 3, 2, 5, 4]: the windows read padded
// positions (s, s + 2), i.e. (pad, 1), (pad, 3), (1, 2), (3, 5), (2, 4),
// (5, pad), (4, pad).
// RUN: mly-run %s --backend interp --entry=dilated --input 1x1x5xf32:1,3,2,5,4 --print | FileCheck %s --check-prefix=D
// D: output_0: tensor<1x1x7xf32> = [1, 3, 2, 5, 4, 5, 4]
// D-NEXT: output_1: tensor<1x1x7xf32> = [1, 3, 1.5, 4, 3, 5, 4]
// D-NEXT: output_2: tensor<1x1x7xf32> = [0.5, 1.5, 1.5, 4, 3, 2.5, 2]
func.func @dilated(%x: tensor<1x1x5xf32>) -> (tensor<1x1x7xf32>, tensor<1x1x7xf32>, tensor<1x1x7xf32>) {
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 2>, stride = array<i64: 1>, padding = array<i64: 2>, dilation = array<i64: 2>, count_include_pad = false} : (tensor<1x1x5xf32>) -> tensor<1x1x7xf32>
  %1 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2>, stride = array<i64: 1>, padding = array<i64: 2>, dilation = array<i64: 2>, count_include_pad = false} : (tensor<1x1x5xf32>) -> tensor<1x1x7xf32>
  %2 = "mly.pool"(%x) {kind = "avg", window = array<i64: 2>, stride = array<i64: 1>, padding = array<i64: 2>, dilation = array<i64: 2>, count_include_pad = true} : (tensor<1x1x5xf32>) -> tensor<1x1x7xf32>
  return %0, %1, %2 : tensor<1x1x7xf32>, tensor<1x1x7xf32>, tensor<1x1x7xf32>
}
