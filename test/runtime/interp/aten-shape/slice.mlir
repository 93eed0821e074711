// slice: INT64_MAX end, negative start/end, clamping of out-of-range bounds,
// step > 1, an empty result, a huge step, a negative dim.
// RUN: mly-run %s --backend interp --entry=to_end --input 6xi64:10,11,12,13,14,15 --print | FileCheck %s --check-prefix=TO_END
// RUN: mly-run %s --backend interp --entry=negative --input 6xi64:10,11,12,13,14,15 --print | FileCheck %s --check-prefix=NEGATIVE
// RUN: mly-run %s --backend interp --entry=clamped --input 6xi64:10,11,12,13,14,15 --print | FileCheck %s --check-prefix=CLAMPED
// RUN: mly-run %s --backend interp --entry=empty --input 6xi64:10,11,12,13,14,15 --print | FileCheck %s --check-prefix=EMPTY
// RUN: mly-run %s --backend interp --entry=huge_step --input 6xi64:10,11,12,13,14,15 --print | FileCheck %s --check-prefix=HUGE
// RUN: mly-run %s --backend interp --entry=last_dim --input 2x3xf32:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=LAST_DIM

// [1, 6) step 2: indices 1, 3, 5
// TO_END: output_0: tensor<3xi64> = [11, 13, 15]
func.func @to_end(%x: tensor<6xi64>) -> tensor<3xi64> {
  %0 = "aten.slice"(%x) {dim = 0 : i64, start = 1 : i64, end = 9223372036854775807 : i64, step = 2 : i64} : (tensor<6xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// [-4, -1) = [2, 5)
// NEGATIVE: output_0: tensor<3xi64> = [12, 13, 14]
func.func @negative(%x: tensor<6xi64>) -> tensor<3xi64> {
  %0 = "aten.slice"(%x) {dim = 0 : i64, start = -4 : i64, end = -1 : i64, step = 1 : i64} : (tensor<6xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// [-100, 100) clamps to [0, 6); step 4: indices 0, 4
// CLAMPED: output_0: tensor<2xi64> = [10, 14]
func.func @clamped(%x: tensor<6xi64>) -> tensor<2xi64> {
  %0 = "aten.slice"(%x) {dim = -1 : i64, start = -100 : i64, end = 100 : i64, step = 4 : i64} : (tensor<6xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// end before start: nothing
// EMPTY: output_0: tensor<0xi64> = []
func.func @empty(%x: tensor<6xi64>) -> tensor<0xi64> {
  %0 = "aten.slice"(%x) {dim = 0 : i64, start = 5 : i64, end = 2 : i64, step = 1 : i64} : (tensor<6xi64>) -> tensor<0xi64>
  return %0 : tensor<0xi64>
}

// HUGE: output_0: tensor<1xi64> = [12]
func.func @huge_step(%x: tensor<6xi64>) -> tensor<1xi64> {
  %0 = "aten.slice"(%x) {dim = 0 : i64, start = 2 : i64, end = 9223372036854775807 : i64, step = 9223372036854775807 : i64} : (tensor<6xi64>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// columns [1, 3) of [[1, 2, 3], [4, 5, 6]]
// LAST_DIM: output_0: tensor<2x2xf32> = [2, 3, 5, 6]
func.func @last_dim(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %0 = "aten.slice"(%x) {dim = -1 : i64, start = 1 : i64, end = 3 : i64, step = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
