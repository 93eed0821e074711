// cat along dim 0 and dim -1 (= 1), of ints, with dtype promotion, and
// with a legacy 1-d empty operand, which is skipped.
// RUN: mly-run %s --backend interp --entry=dim0 --input 2x2xf32:1,2,3,4 --input 1x2xf32:5,6 --print | FileCheck %s --check-prefix=DIM0
// RUN: mly-run %s --backend interp --entry=dim1 --input 2x2xf32:1,2,3,4 --input 2x1xf32:7,8 --print | FileCheck %s --check-prefix=DIM1
// RUN: mly-run %s --backend interp --entry=ints --input 2xi64:1,2 --input 3xi64:3,4,5 --print | FileCheck %s --check-prefix=INTS
// RUN: mly-run %s --backend interp --entry=promote --input 2xi64:1,2 --input 1xf32:0.5 --print | FileCheck %s --check-prefix=PROMOTE
// RUN: mly-run %s --backend interp --entry=legacy_empty --input 0xf32: --input 2x2xf32:1,2,3,4 --print | FileCheck %s --check-prefix=EMPTY

// DIM0: output_0: tensor<3x2xf32> = [1, 2, 3, 4, 5, 6]
func.func @dim0(%a: tensor<2x2xf32>, %b: tensor<1x2xf32>) -> tensor<3x2xf32> {
  %0 = "aten.cat"(%a, %b) {dim = 0 : i64} : (tensor<2x2xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// [[1, 2, 7], [3, 4, 8]]
// DIM1: output_0: tensor<2x3xf32> = [1, 2, 7, 3, 4, 8]
func.func @dim1(%a: tensor<2x2xf32>, %b: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %0 = "aten.cat"(%a, %b) {dim = -1 : i64} : (tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// INTS: output_0: tensor<5xi64> = [1, 2, 3, 4, 5]
func.func @ints(%a: tensor<2xi64>, %b: tensor<3xi64>) -> tensor<5xi64> {
  %0 = "aten.cat"(%a, %b) {dim = 0 : i64} : (tensor<2xi64>, tensor<3xi64>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// PROMOTE: output_0: tensor<3xf32> = [1, 2, 0.5]
func.func @promote(%a: tensor<2xi64>, %b: tensor<1xf32>) -> tensor<3xf32> {
  %0 = "aten.cat"(%a, %b) {dim = 0 : i64} : (tensor<2xi64>, tensor<1xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// EMPTY: output_0: tensor<2x2xf32> = [1, 2, 3, 4]
func.func @legacy_empty(%a: tensor<0xf32>, %b: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.cat"(%a, %b) {dim = 1 : i64} : (tensor<0xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
