// The folded flags compute what the transposes did (reference interpreter).
// RUN: mly-run %s --backend interp --input 2x3xf32:1,2,3,4,5,6 --input 2x3xf32:1,0,-1,2,1,0 --print > %t.before
// RUN: mly-opt %s --mly-canonicalize -o %t.mlir
// RUN: FileCheck %s --check-prefix=IR < %t.mlir
// RUN: mly-run %t.mlir --backend interp --input 2x3xf32:1,2,3,4,5,6 --input 2x3xf32:1,0,-1,2,1,0 --print | diff - %t.before
// IR-NOT: "mly.transpose"
// IR: transpose_lhs = true, transpose_rhs = false
func.func @forward(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<3x3xf32> {
  %ta = "mly.transpose"(%a) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %0 = "mly.matmul"(%ta, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<3x2xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}
