// any over one dim, with keepdim, of bool and of float inputs.
// RUN: mly-run %s --backend interp --entry=rows --input 2x3xi1:0,0,1,0,0,0 --print | FileCheck %s --check-prefix=ROWS
// RUN: mly-run %s --backend interp --entry=cols_keep --input 2x3xi1:0,0,1,0,0,0 --print | FileCheck %s --check-prefix=COLS_KEEP
// RUN: mly-run %s --backend interp --entry=float --input 2x2xf32:0,0.5,0,0 --print | FileCheck %s --check-prefix=FLOAT

// ROWS: output_0: tensor<2xi1> = [1, 0]
func.func @rows(%x: tensor<2x3xi1>) -> tensor<2xi1> {
  %0 = "aten.any"(%x) {dim = 1 : i64, keepdim = false} : (tensor<2x3xi1>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// COLS_KEEP: output_0: tensor<1x3xi1> = [0, 0, 1]
func.func @cols_keep(%x: tensor<2x3xi1>) -> tensor<1x3xi1> {
  %0 = "aten.any"(%x) {dim = 0 : i64, keepdim = true} : (tensor<2x3xi1>) -> tensor<1x3xi1>
  return %0 : tensor<1x3xi1>
}

// FLOAT: output_0: tensor<2xi1> = [1, 0]
func.func @float(%x: tensor<2x2xf32>) -> tensor<2xi1> {
  %0 = "aten.any"(%x) {dim = -1 : i64, keepdim = false} : (tensor<2x2xf32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}
