// RUN: not mly-run %s --backend interp --entry=bn_no_stats --input 2x2xf32:1 2>&1 | FileCheck %s --check-prefix=BN
// RUN: mly-run %s --backend interp --entry=all_masked --input 1x1x1xf32:0 --input 1x2x1xf32:0 --input 1x2x1xf32:1,2 --input 1x2xi1:0 --print | FileCheck %s --check-prefix=ALL-MASKED

// Evaluation mode needs running statistics (PyTorch refuses too).
// BN: 'aten.batch_norm' op running_mean and running_var are required in evaluation mode
func.func @bn_no_stats(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = "aten.batch_norm"(%x) {operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, training = false, momentum = 0.1 : f64, eps = 1.0e-05 : f64, cudnn_enabled = false} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// A row with every key masked gives zeros (the math backend's
// _safe_softmax), not NaN.
// ALL-MASKED: output_0: tensor<1x1x1xf32> = [0]
func.func @all_masked(%q: tensor<1x1x1xf32>, %k: tensor<1x2x1xf32>, %v: tensor<1x2x1xf32>, %m: tensor<1x2xi1>) -> tensor<1x1x1xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v, %m) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<1x1x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2xi1>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}
