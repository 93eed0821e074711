// Each chunk is parsed and printed on its own; outputs are joined by the
// marker, and diagnostics keep the line numbers of the whole file.
// RUN: mly-opt %s --split-input-file | FileCheck %s
// RUN: mly-opt %s | FileCheck %s --check-prefix=WHOLE
// RUN: mly-opt %s --split-input-file='// =====' | FileCheck %s --check-prefix=MARKER

// CHECK-LABEL: func.func @first
// CHECK: "aten.neg"
// CHECK: // -----
// CHECK-LABEL: func.func @second
// CHECK-NOT: // -----
// WHOLE: func.func @first
// WHOLE: func.func @second
// MARKER: func.func @first
// MARKER-NEXT: "aten.neg"
// MARKER: func.func @second
func.func @first(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// -----
func.func @second(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "aten.exp"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
