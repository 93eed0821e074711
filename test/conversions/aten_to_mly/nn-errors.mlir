// RUN: mly-opt %s --split-input-file --aten-to-mly --verify-diagnostics

// Dropout in attention has no deterministic lowering.
func.func @err_dropout(%q: tensor<1x2x2xf32>) -> tensor<1x2x2xf32> {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op dropout_p 0.5 is not supported (only 0)}}
  %0 = "aten.scaled_dot_product_attention"(%q, %q, %q) {dropout_p = 0.5 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}

// -----
// The argmax indices of max_pool2d_with_indices are not lowered.
func.func @err_indices(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi64> {
  // expected-error @+1 {{'aten.max_pool2d_with_indices' op indices result is used; only the values lower to mly}}
  %0:2 = "aten.max_pool2d_with_indices"(%x) {kernel_size = array<i64: 2>, stride = array<i64>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0#1 : tensor<1x1x2x2xi64>
}

// -----
// Evaluation-mode batch_norm needs the running statistics.
func.func @err_batch_norm(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'aten.batch_norm' op running_mean and running_var are required in evaluation mode}}
  %0 = "aten.batch_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, training = false, momentum = 0.1 : f64, eps = 1.0e-05 : f64, cudnn_enabled = false} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
