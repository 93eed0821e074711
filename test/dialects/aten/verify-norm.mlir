// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Semantic rules of aten's normalizations: channel dim 1 (batch/group norm),
// normalized_shape as the trailing dims (layer/rms norm), shapes of the
// optional affine operands found through operandSegmentSizes, and the
// shapes of the saved statistics.

// batch_norm: input has a channel dim
func.func @f(%a0: tensor<3xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op input has 1 dims, expected at least 2}}
  %0 = "aten.batch_norm"(%a0) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

// batch_norm: weight is [C]
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<4xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op weight shape is 4, expected 3}}
  %0 = "aten.batch_norm"(%a0, %a1) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// batch_norm: operandSegmentSizes picks out running_var
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<3xf32>, %a2: tensor<2xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op running_var shape is 2, expected 3}}
  %0 = "aten.batch_norm"(%a0, %a1, %a2) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// batch_norm: result has the input shape
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op result shape 2x3 does not match input shape 2x3x4}}
  %0 = "aten.batch_norm"(%a0) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// batch_norm: result has the input element type
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op result element type f16 does not match input element type f32}}
  %0 = "aten.batch_norm"(%a0) {training = false, momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf16>
  return
}

// -----

// native_batch_norm_legit_no_training: running_mean is [C]
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<3x1xf32>, %a2: tensor<3xf32>) {
  // expected-error @+1 {{'aten.native_batch_norm_legit_no_training' op running_mean shape is 3x1, expected 3}}
  %0:3 = "aten.native_batch_norm_legit_no_training"(%a0, %a1, %a2) {momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>} : (tensor<2x3x4xf32>, tensor<3x1xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}

// -----

// native_batch_norm_legit_no_training: bias is [C]
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<3xf32>, %a2: tensor<4xf32>, %a3: tensor<3xf32>, %a4: tensor<3xf32>) {
  // expected-error @+1 {{'aten.native_batch_norm_legit_no_training' op bias shape is 4, expected 3}}
  %0:3 = "aten.native_batch_norm_legit_no_training"(%a0, %a1, %a2, %a3, %a4) {momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}

// -----

// native_batch_norm_legit_no_training: save_mean is [C] or [0]
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<3xf32>, %a2: tensor<3xf32>) {
  // expected-error @+1 {{'aten.native_batch_norm_legit_no_training' op save_mean shape is 2, expected 3 or 0}}
  %0:3 = "aten.native_batch_norm_legit_no_training"(%a0, %a1, %a2) {momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<2xf32>, tensor<3xf32>)
  return
}

// -----

// native_batch_norm_legit_no_training: save_invstd is [C] or [0]
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<3xf32>, %a2: tensor<3xf32>) {
  // expected-error @+1 {{'aten.native_batch_norm_legit_no_training' op save_invstd shape is 1x3, expected 3 or 0}}
  %0:3 = "aten.native_batch_norm_legit_no_training"(%a0, %a1, %a2) {momentum = 1.0e-01 : f64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0, 1, 1>} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<1x3xf32>)
  return
}

// -----

// layer_norm: normalized_shape is the trailing dims
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.layer_norm' op normalized_shape [3] does not match the trailing dims of input shape 2x3x4}}
  %0 = "aten.layer_norm"(%a0) {normalized_shape = array<i64: 3>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// layer_norm: normalized_shape is not empty
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.layer_norm' op normalized_shape [] does not match the trailing dims of input shape 2x3x4}}
  %0 = "aten.layer_norm"(%a0) {normalized_shape = array<i64>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// layer_norm: normalized_shape is no longer than the input rank
func.func @f(%a0: tensor<4xf32>) {
  // expected-error @+1 {{'aten.layer_norm' op normalized_shape [1, 4] does not match the trailing dims of input shape 4}}
  %0 = "aten.layer_norm"(%a0) {normalized_shape = array<i64: 1, 4>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// layer_norm: weight is normalized_shape
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<4xf32>) {
  // expected-error @+1 {{'aten.layer_norm' op weight shape is 4, expected 3x4}}
  %0 = "aten.layer_norm"(%a0, %a1) {normalized_shape = array<i64: 3, 4>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// layer_norm: bias is normalized_shape
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<12xf32>) {
  // expected-error @+1 {{'aten.layer_norm' op bias shape is 12, expected 3x4}}
  %0 = "aten.layer_norm"(%a0, %a1) {normalized_shape = array<i64: 3, 4>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<2x3x4xf32>, tensor<12xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// layer_norm: result has the input shape
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.layer_norm' op result shape 2x12 does not match input shape 2x3x4}}
  %0 = "aten.layer_norm"(%a0) {normalized_shape = array<i64: 4>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  return
}

// -----

// native_layer_norm: mean is the leading dims then 1s
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.native_layer_norm' op mean shape is 2x1x1, expected 2x3x1}}
  %0:3 = "aten.native_layer_norm"(%a0) {normalized_shape = array<i64: 4>, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x3x1xf32>)
  return
}

// -----

// native_layer_norm: rstd is float
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.native_layer_norm' op rstd element type i32 is not a float type}}
  %0:3 = "aten.native_layer_norm"(%a0) {normalized_shape = array<i64: 3, 4>, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xi32>)
  return
}

// -----

// group_norm: channels divisible by num_groups
func.func @f(%a0: tensor<2x6x4xf32>) {
  // expected-error @+1 {{'aten.group_norm' op input has 6 channels, not divisible by num_groups 4}}
  %0 = "aten.group_norm"(%a0) {num_groups = 4 : i64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x6x4xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

// group_norm: num_groups is positive (no division by zero)
func.func @f(%a0: tensor<2x6x4xf32>) {
  // expected-error @+1 {{'aten.group_norm' op num_groups 0 must be at least 1}}
  %0 = "aten.group_norm"(%a0) {num_groups = 0 : i64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x6x4xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

// group_norm: weight is [C]
func.func @f(%a0: tensor<2x6x4xf32>, %a1: tensor<3xf32>) {
  // expected-error @+1 {{'aten.group_norm' op weight shape is 3, expected 6}}
  %0 = "aten.group_norm"(%a0, %a1) {num_groups = 3 : i64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x6x4xf32>, tensor<3xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

// group_norm: bias is [C]
func.func @f(%a0: tensor<2x6x4xf32>, %a1: tensor<3xf32>) {
  // expected-error @+1 {{'aten.group_norm' op bias shape is 3, expected 6}}
  %0 = "aten.group_norm"(%a0, %a1) {num_groups = 3 : i64, eps = 1.0e-05 : f64, cudnn_enabled = true, operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<2x6x4xf32>, tensor<3xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

// rms_norm: normalized_shape is the trailing dims
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.rms_norm' op normalized_shape [3] does not match the trailing dims of input shape 2x3x4}}
  %0 = "aten.rms_norm"(%a0) {normalized_shape = array<i64: 3>, eps = 1.0e-06 : f64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// rms_norm: weight is normalized_shape
func.func @f(%a0: tensor<2x3x4xf32>, %a1: tensor<3xf32>) {
  // expected-error @+1 {{'aten.rms_norm' op weight shape is 3, expected 4}}
  %0 = "aten.rms_norm"(%a0, %a1) {normalized_shape = array<i64: 4>, eps = 1.0e-06 : f64} : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// rms_norm: result element type
func.func @f(%a0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'aten.rms_norm' op result element type bf16 does not match input element type f32}}
  %0 = "aten.rms_norm"(%a0) {normalized_shape = array<i64: 4>, eps = 1.0e-06 : f64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xbf16>
  return
}

// -----
// native_group_norm: N, C, HxW describe the input
func.func @native_group_norm_hxw(%a0: tensor<2x6x4xf32>) {
  // expected-error @+1 {{'aten.native_group_norm' op N, C, HxW = 2, 6, 5 do not describe the input}}
  %0:3 = "aten.native_group_norm"(%a0) {N = 2 : i64, C = 6 : i64, HxW = 5 : i64, group = 3 : i64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x6x4xf32>) -> (tensor<2x6x4xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
  return
}

// -----
// native_group_norm: group divides C
func.func @native_group_norm_group(%a0: tensor<2x6x4xf32>) {
  // expected-error @+1 {{'aten.native_group_norm' op input has 6 channels, not divisible by group 4}}
  %0:3 = "aten.native_group_norm"(%a0) {N = 2 : i64, C = 6 : i64, HxW = 4 : i64, group = 4 : i64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x6x4xf32>) -> (tensor<2x6x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----
// native_group_norm: mean and rstd are [N, group]
func.func @native_group_norm_stats(%a0: tensor<2x6x4xf32>) {
  // expected-error @+1 {{'aten.native_group_norm' op mean shape is 2x2, expected 2x3}}
  %0:3 = "aten.native_group_norm"(%a0) {N = 2 : i64, C = 6 : i64, HxW = 4 : i64, group = 3 : i64, eps = 1.0e-05 : f64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x6x4xf32>) -> (tensor<2x6x4xf32>, tensor<2x2xf32>, tensor<2x3xf32>)
  return
}
