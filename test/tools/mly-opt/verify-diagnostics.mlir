// --verify-diagnostics: expectations on the same line, @+N, @-N, @above,
// @below, notes, and -re patterns are all met, so the run succeeds.
// RUN: mly-opt %s --split-input-file --verify-diagnostics

func.func @same_line(%x: tensor<2xf32>) -> tensor<3xf32> {
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32> // expected-error {{result shape 3 does not match operand shape 2}}
  return %0 : tensor<3xf32>
}
// -----
func.func @plus(%x: tensor<2xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'aten.neg' op result shape 3}}
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// -----
func.func @minus(%x: tensor<2xf32>) -> tensor<3xf32> {
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  // expected-error @-1 {{does not match}}
  return %0 : tensor<3xf32>
}
// -----
func.func @above(%x: tensor<2xf32>) -> tensor<3xf32> {
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  // expected-error @above {{does not match}}
  return %0 : tensor<3xf32>
}
// -----
func.func @below(%x: tensor<2xf32>) -> tensor<3xf32> {
  // expected-error @below {{does not match}}
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// -----
func.func @note(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{op expects exactly 1 operands, but got 2}}
  // expected-note @+1 {{see current operation}}
  %0 = "aten.neg"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// -----
func.func @regex(%x: tensor<2xf32>) -> tensor<7xf32> {
  // expected-error-re @+1 {{result shape {{[0-9]+}} does not match operand shape 2}}
  %0 = "aten.neg"(%x) : (tensor<2xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}
// -----
// Parser errors are diagnostics too.
func.func @syntax(%x: tensor<2xf32>) {
  // expected-error @+1 {{expected ')' to end operand list}}
  %0 = "aten.neg"(, %x) : (tensor<2xf32>) -> tensor<2xf32>
  return
}
