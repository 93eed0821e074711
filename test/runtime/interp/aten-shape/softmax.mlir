// softmax and log_softmax along the last dim and dim 0. Rows sum to 1:
// softmax([1, 2, 3]) = [e^-2, e^-1, 1] / (e^-2 + e^-1 + 1)
//   = [0.135335, 0.367879, 1] / 1.503215 = [0.0900306, 0.244728, 0.665241];
// log_softmax([1, 2, 3]) = x - 3 - ln(1.503215) = x - 3.407606.
// [1000, 1000] and a -inf entry check that the max is subtracted first.
// RUN: mly-run %s --backend interp --entry=softmax_rows --input 2x3xf32:0,0,0,1,2,3 --print | FileCheck %s --check-prefix=SOFTMAX
// RUN: mly-run %s --backend interp --entry=log_softmax_rows --input 2x3xf32:0,0,0,1,2,3 --print | FileCheck %s --check-prefix=LOG
// RUN: mly-run %s --backend interp --entry=softmax_cols --input 2x2xf32:0,1,0,-1 --print | FileCheck %s --check-prefix=COLS
// RUN: mly-run %s --backend interp --entry=softmax_big --input 2x2xf32:1000,1000,-inf,0 --print | FileCheck %s --check-prefix=BIG
// RUN: mly-run %s --backend interp --entry=log_softmax_big --input 2x2xf32:1000,1000,-inf,0 --print | FileCheck %s --check-prefix=LOGBIG

// SOFTMAX: output_0: tensor<2x3xf32> = [0.333333, 0.333333, 0.333333, 0.0900306, 0.244728, 0.665241]
func.func @softmax_rows(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.softmax"(%x) {dim = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// ln(1/3) = -1.098612
// LOG: output_0: tensor<2x3xf32> = [-1.09861, -1.09861, -1.09861, -2.40761, -1.40761, -0.407606]
func.func @log_softmax_rows(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "aten.log_softmax"(%x) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// column 1 is softmax([1, -1]) = [1, e^-2] / (1 + e^-2) = [0.880797, 0.119203]
// COLS: output_0: tensor<2x2xf32> = [0.5, 0.880797, 0.5, 0.119203]
func.func @softmax_cols(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.softmax"(%x) {dim = 0 : i64} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// BIG: output_0: tensor<2x2xf32> = [0.5, 0.5, 0, 1]
func.func @softmax_big(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.softmax"(%x) {dim = 1 : i64} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// ln(0.5) = -0.693147
// LOGBIG: output_0: tensor<2x2xf32> = [-0.693147, -0.693147, -inf, 0]
func.func @log_softmax_big(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.log_softmax"(%x) {dim = 1 : i64} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
