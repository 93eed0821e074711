// diff: n = 0, 1, 2 and n past the length (empty result), along dim 0 and
// -1, with prepend and append, with append only, and of bool (xor).
// RUN: mly-run %s --backend interp --entry=n1 --input 5xf32:1,4,9,16,25 --print | FileCheck %s --check-prefix=N1
// RUN: mly-run %s --backend interp --entry=n2 --input 5xf32:1,4,9,16,25 --print | FileCheck %s --check-prefix=N2
// RUN: mly-run %s --backend interp --entry=n0 --input 5xf32:1,4,9,16,25 --print | FileCheck %s --check-prefix=N0
// RUN: mly-run %s --backend interp --entry=n_long --input 5xf32:1,4,9,16,25 --print | FileCheck %s --check-prefix=N_LONG
// RUN: mly-run %s --backend interp --entry=rows --input 2x3xi64:1,2,3,10,20,30 --print | FileCheck %s --check-prefix=ROWS
// RUN: mly-run %s --backend interp --entry=cols --input 2x3xi64:1,2,4,10,20,40 --print | FileCheck %s --check-prefix=COLS
// RUN: mly-run %s --backend interp --entry=both --input 3xf32:1,3,6 --input 1xf32:0 --input 2xf32:10,15 --print | FileCheck %s --check-prefix=BOTH
// RUN: mly-run %s --backend interp --entry=append --input 3xi64:1,3,6 --input 1xi64:2 --print | FileCheck %s --check-prefix=APPEND
// RUN: mly-run %s --backend interp --entry=bool --input 4xi1:1,1,0,1 --print | FileCheck %s --check-prefix=BOOL

// N1: output_0: tensor<4xf32> = [3, 5, 7, 9]
func.func @n1(%x: tensor<5xf32>) -> tensor<4xf32> {
  %0 = "aten.diff"(%x) {n = 1 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<5xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// N2: output_0: tensor<3xf32> = [2, 2, 2]
func.func @n2(%x: tensor<5xf32>) -> tensor<3xf32> {
  %0 = "aten.diff"(%x) {n = 2 : i64, dim = -1 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<5xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// N0: output_0: tensor<5xf32> = [1, 4, 9, 16, 25]
func.func @n0(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = "aten.diff"(%x) {n = 0 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// N_LONG: output_0: tensor<0xf32> = []
func.func @n_long(%x: tensor<5xf32>) -> tensor<0xf32> {
  %0 = "aten.diff"(%x) {n = 7 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<5xf32>) -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// ROWS: output_0: tensor<1x3xi64> = [9, 18, 27]
func.func @rows(%x: tensor<2x3xi64>) -> tensor<1x3xi64> {
  %0 = "aten.diff"(%x) {n = 1 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3xi64>) -> tensor<1x3xi64>
  return %0 : tensor<1x3xi64>
}

// COLS: output_0: tensor<2x2xi64> = [1, 2, 10, 20]
func.func @cols(%x: tensor<2x3xi64>) -> tensor<2x2xi64> {
  %0 = "aten.diff"(%x) {n = 1 : i64, dim = -1 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3xi64>) -> tensor<2x2xi64>
  return %0 : tensor<2x2xi64>
}

// diff of [0, 1, 3, 6, 10, 15]
// BOTH: output_0: tensor<5xf32> = [1, 2, 3, 4, 5]
func.func @both(%x: tensor<3xf32>, %p: tensor<1xf32>, %a: tensor<2xf32>) -> tensor<5xf32> {
  %0 = "aten.diff"(%x, %p, %a) {n = 1 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<3xf32>, tensor<1xf32>, tensor<2xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// diff of [1, 3, 6, 2]
// APPEND: output_0: tensor<3xi64> = [2, 3, -4]
func.func @append(%x: tensor<3xi64>, %a: tensor<1xi64>) -> tensor<3xi64> {
  %0 = "aten.diff"(%x, %a) {n = 1 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// BOOL: output_0: tensor<3xi1> = [0, 1, 1]
func.func @bool(%x: tensor<4xi1>) -> tensor<3xi1> {
  %0 = "aten.diff"(%x) {n = 1 : i64, dim = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<4xi1>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}
