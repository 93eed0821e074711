// bitwise_not: ~x in the interpreter (bools flip, integers flip every
// bit); on bools it lowers to mly.not, on integers the lowering refuses.
// RUN: mly-run %s --backend interp --entry=bools --input 4xi1:1,0,0,1 --print | FileCheck %s --check-prefix=BOOLS
// RUN: mly-run %s --backend interp --entry=ints --input 3xi64:0,5,-1 --print | FileCheck %s --check-prefix=INTS
// RUN: not mly-opt %s --aten-to-mly --split-input-file -o %t.mlir 2>&1 | FileCheck %s --check-prefix=ERR
// BOOLS: output_0: tensor<4xi1> = [0, 1, 1, 0]
// INTS: output_0: tensor<3xi64> = [-1, -6, 0]
// ERR: error: 'aten.bitwise_not' op bitwise_not of an integer tensor has no mly lowering yet
// RUN: not mly-opt %s --split-input-file --aten-to-mly 2>/dev/null | FileCheck %s
// CHECK-LABEL: func.func @bools
// CHECK-NEXT: "mly.not"(%arg0) : (tensor<4xi1>) -> tensor<4xi1>
func.func @bools(%x: tensor<4xi1>) -> tensor<4xi1> {
  %0 = "aten.bitwise_not"(%x) : (tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
// -----
func.func @ints(%x: tensor<3xi64>) -> tensor<3xi64> {
  %0 = "aten.bitwise_not"(%x) : (tensor<3xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}
