// A failing chunk does not stop the others; its error names the line of
// the whole file; the exit code is 1.
// RUN: not mly-opt %s --split-input-file 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR < %t.err

// CHECK-LABEL: func.func @ok1
// CHECK: // -----
// CHECK-NEXT: module
// CHECK-LABEL: func.func @ok2
func.func @ok1() {
  return
}
// -----
func.func @bad(%x: tensor<2xf32>) -> tensor<3xf32> {
  // ERR: split-errors.mlir:[[@LINE+3]]:8: error: 'aten.neg' op result shape 3 does not match operand shape 2
  // ERR-NEXT: {{^}}  %0 = "aten.neg"
  // ERR-NEXT: {{^}}       ^
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// -----
func.func @ok2() {
  return
}
