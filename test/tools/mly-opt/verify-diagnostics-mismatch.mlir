// An expectation not met and a diagnostic not expected each fail the run,
// with a message at the place they concern.
// RUN: not mly-opt %s --split-input-file --verify-diagnostics 2>&1 | FileCheck %s

func.func @unmet(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: verify-diagnostics-mismatch.mlir:[[@LINE+1]]:6: error: expected error "no such message" was not produced
  // expected-error @+1 {{no such message}}
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// -----
func.func @unexpected(%x: tensor<2xf32>) -> tensor<3xf32> {
  // CHECK: verify-diagnostics-mismatch.mlir:[[@LINE+1]]:8: error: unexpected error: 'aten.neg' op result shape 3 does not match operand shape 2
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// -----
func.func @wrong_line(%x: tensor<2xf32>) -> tensor<3xf32> {
  // CHECK: error: unexpected error: 'aten.neg' op result shape 3
  // CHECK: error: expected error "result shape 3" was not produced
  // expected-error @+2 {{result shape 3}}
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// -----
// CHECK: verify-diagnostics-mismatch.mlir:[[@LINE+1]]:4: error: malformed expected-error designator
// expected-error @sideways {{x}}
