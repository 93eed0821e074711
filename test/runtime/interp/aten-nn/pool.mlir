// RUN: mly-run %s --backend interp --entry=max_ceil --input 1x1x3x3xf32:1,2,3,4,5,6,7,8,9 --print | FileCheck %s --check-prefix=MAX-CEIL
// RUN: mly-run %s --backend interp --entry=max_pad --input 1x1x3x3xf32:-1,-2,-3,-4,-5,-6,-7,-8,-9 --print | FileCheck %s --check-prefix=MAX-PAD
// RUN: mly-run %s --backend interp --entry=max_dilated --input 1x3x3xf32:0,0,5,0,9,0,0,0,1 --print | FileCheck %s --check-prefix=MAX-DIL
// RUN: mly-run %s --backend interp --entry=max_ceil_drop --input 1x1x1x3xf32:1,2,3 --print | FileCheck %s --check-prefix=MAX-DROP
// RUN: mly-run %s --backend interp --entry=avg_include --input 1x1x2x2xf32:1,2,3,4 --print | FileCheck %s --check-prefix=AVG-INC
// RUN: mly-run %s --backend interp --entry=avg_exclude --input 1x1x2x2xf32:1,2,3,4 --print | FileCheck %s --check-prefix=AVG-EXC
// RUN: mly-run %s --backend interp --entry=avg_divisor --input 1x1x2x2xf32:1,2,3,4 --print | FileCheck %s --check-prefix=AVG-DIV
// RUN: mly-run %s --backend interp --entry=avg_ceil --input 1x1x1x3xf32:1,2,3 --print | FileCheck %s --check-prefix=AVG-CEIL
// RUN: mly-run %s --backend interp --entry=adaptive --input 1x3x3xf32:1,2,3,4,5,6,7,8,9 --print | FileCheck %s --check-prefix=ADAPTIVE

// ceil_mode keeps the partial windows at the right and bottom edges.
// MAX-CEIL: output_0: tensor<1x1x2x2xf32> = [5, 6, 8, 9]
func.func @max_ceil(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "aten.max_pool2d"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// Padding is -inf, not 0: all-negative windows keep their max; indices
// are flat into the 3x3 plane.
// MAX-PAD: output_0: tensor<1x1x2x2xf32> = [-1, -2, -4, -5]
// MAX-PAD: output_1: tensor<1x1x2x2xi64> = [0, 1, 3, 4]
func.func @max_pad(%x: tensor<1x1x3x3xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) {
  %0, %1 = "aten.max_pool2d_with_indices"(%x) {kernel_size = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x1x3x3xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0, %1 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>
}

// Dilation 2 reads the corners only (the 9 in the center is skipped); an
// empty stride means kernel_size; the input is unbatched.
// MAX-DIL: output_0: tensor<1x1x1xf32> = [5]
// MAX-DIL: output_1: tensor<1x1x1xi64> = [2]
func.func @max_dilated(%x: tensor<1x3x3xf32>) -> (tensor<1x1x1xf32>, tensor<1x1x1xi64>) {
  %0, %1 = "aten.max_pool2d_with_indices"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64>, padding = array<i64: 0, 0>, dilation = array<i64: 2, 2>, ceil_mode = false} : (tensor<1x3x3xf32>) -> (tensor<1x1x1xf32>, tensor<1x1x1xi64>)
  return %0, %1 : tensor<1x1x1xf32>, tensor<1x1x1xi64>
}

// ceil_mode drops a last window that would start in the right padding:
// width 3, kernel 2, stride 2, padding 1 gives 2 windows, not 3.
// MAX-DROP: output_0: tensor<1x1x1x2xf32> = [1, 3]
func.func @max_ceil_drop(%x: tensor<1x1x1x3xf32>) -> tensor<1x1x1x2xf32> {
  %0 = "aten.max_pool2d"(%x) {kernel_size = array<i64: 1, 2>, stride = array<i64: 1, 2>, padding = array<i64: 0, 1>, dilation = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x1x3xf32>) -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// 2x2 windows, stride 1, padding 1 over [[1, 2], [3, 4]]; the window sums
// are [1, 3, 2; 4, 10, 6; 3, 7, 4], divided by 4 (padding counted) ...
// AVG-INC: output_0: tensor<1x1x3x3xf32> = [0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1]
func.func @avg_include(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %0 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true, divisor_override = 0 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// ... by the number of real elements (padding not counted) ...
// AVG-EXC: output_0: tensor<1x1x3x3xf32> = [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]
func.func @avg_exclude(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %0 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false, divisor_override = 0 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// ... or by divisor_override.
// AVG-DIV: output_0: tensor<1x1x3x3xf32> = [0.5, 1.5, 1, 2, 5, 3, 1.5, 3.5, 2]
func.func @avg_divisor(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %0 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 2, 2>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true, divisor_override = 2 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// ceil_mode: the last window hangs past the input and averages only the
// one element inside (PyTorch clips it to input + padding).
// AVG-CEIL: output_0: tensor<1x1x1x2xf32> = [1.5, 3]
func.func @avg_ceil(%x: tensor<1x1x1x3xf32>) -> tensor<1x1x1x2xf32> {
  %0 = "aten.avg_pool2d"(%x) {kernel_size = array<i64: 1, 2>, stride = array<i64: 1, 2>, padding = array<i64: 0, 0>, ceil_mode = true, count_include_pad = true, divisor_override = 0 : i64} : (tensor<1x1x1x3xf32>) -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// 3 -> 2: windows [floor(i*3/2), ceil((i+1)*3/2)) = rows/cols {0,1}, {1,2}.
// ADAPTIVE: output_0: tensor<1x2x2xf32> = [3, 4, 6, 7]
func.func @adaptive(%x: tensor<1x3x3xf32>) -> tensor<1x2x2xf32> {
  %0 = "aten.adaptive_avg_pool2d"(%x) {output_size = array<i64: 2, 2>} : (tensor<1x3x3xf32>) -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}
