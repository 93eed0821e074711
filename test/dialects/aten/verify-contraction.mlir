// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Semantic rules of aten's contractions: contraction dims, batch dims
// (broadcast for matmul, equal for bmm/baddbmm), bias shapes, one element
// type, and scaled_dot_product_attention's q/k/v/mask shapes.

// linear: weight is 2-d
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<3x4x1xf32>) {
  // expected-error @+1 {{'aten.linear' op weight has 3 dims, expected 2}}
  %0 = "aten.linear"(%a0, %a1) : (tensor<2x4xf32>, tensor<3x4x1xf32>) -> tensor<2x3xf32>
  return
}

// -----

// linear: input has at least one dim
func.func @f(%a0: tensor<f32>, %a1: tensor<3x4xf32>) {
  // expected-error @+1 {{'aten.linear' op input has 0 dims, expected at least 1}}
  %0 = "aten.linear"(%a0, %a1) : (tensor<f32>, tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

// linear: in features agree
func.func @f(%a0: tensor<2x5xf32>, %a1: tensor<3x4xf32>) {
  // expected-error @+1 {{'aten.linear' op input has 5 features, weight expects 4}}
  %0 = "aten.linear"(%a0, %a1) : (tensor<2x5xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// linear: bias has out features
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<3x4xf32>, %a2: tensor<4xf32>) {
  // expected-error @+1 {{'aten.linear' op bias shape must be [3]}}
  %0 = "aten.linear"(%a0, %a1, %a2) : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// linear: result shape
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<3x4xf32>) {
  // expected-error @+1 {{'aten.linear' op result shape is 2x4, expected 2x3}}
  %0 = "aten.linear"(%a0, %a1) : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

// linear: one element type
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<3x4xf16>) {
  // expected-error @+1 {{'aten.linear' op weight element type f16 does not match input element type f32}}
  %0 = "aten.linear"(%a0, %a1) : (tensor<2x4xf32>, tensor<3x4xf16>) -> tensor<2x3xf32>
  return
}

// -----

// mm: 2-d operands
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<4xf32>) {
  // expected-error @+1 {{'aten.mm' op mat2 has 1 dims, expected 2}}
  %0 = "aten.mm"(%a0, %a1) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2xf32>
  return
}

// -----

// mm: contraction dims agree
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<5x3xf32>) {
  // expected-error @+1 {{'aten.mm' op self has 4 columns, mat2 has 5 rows}}
  %0 = "aten.mm"(%a0, %a1) : (tensor<2x4xf32>, tensor<5x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// mm: result shape
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.mm' op result shape is 3x2, expected 2x3}}
  %0 = "aten.mm"(%a0, %a1) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// mm: one element type
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<4x3xbf16>) {
  // expected-error @+1 {{'aten.mm' op mat2 element type bf16 does not match self element type f32}}
  %0 = "aten.mm"(%a0, %a1) : (tensor<2x4xf32>, tensor<4x3xbf16>) -> tensor<2x3xf32>
  return
}

// -----

// mm: result element type
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.mm' op result element type f16 does not match self element type f32}}
  %0 = "aten.mm"(%a0, %a1) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf16>
  return
}

// -----

// bmm: 3-d operands
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.bmm' op self has 2 dims, expected 3}}
  %0 = "aten.bmm"(%a0, %a1) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// bmm: batch sizes agree (no broadcast)
func.func @f(%a0: tensor<5x2x4xf32>, %a1: tensor<1x4x3xf32>) {
  // expected-error @+1 {{'aten.bmm' op mat2 has batch size 1, self has 5}}
  %0 = "aten.bmm"(%a0, %a1) : (tensor<5x2x4xf32>, tensor<1x4x3xf32>) -> tensor<5x2x3xf32>
  return
}

// -----

// bmm: contraction dims agree
func.func @f(%a0: tensor<5x2x4xf32>, %a1: tensor<5x3x3xf32>) {
  // expected-error @+1 {{'aten.bmm' op self has 4 columns, mat2 has 3 rows}}
  %0 = "aten.bmm"(%a0, %a1) : (tensor<5x2x4xf32>, tensor<5x3x3xf32>) -> tensor<5x2x3xf32>
  return
}

// -----

// matmul: no 0-d operands
func.func @f(%a0: tensor<f32>, %a1: tensor<4xf32>) {
  // expected-error @+1 {{'aten.matmul' op self has 0 dims, expected at least 1}}
  %0 = "aten.matmul"(%a0, %a1) : (tensor<f32>, tensor<4xf32>) -> tensor<f32>
  return
}

// -----

// matmul: a 1-d other contracts with the last dim of self
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<3xf32>) {
  // expected-error @+1 {{'aten.matmul' op self has 4 columns, other has 3 rows}}
  %0 = "aten.matmul"(%a0, %a1) : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}

// -----

// matmul: batch dims broadcast
func.func @f(%a0: tensor<3x2x4xf32>, %a1: tensor<5x4x3xf32>) {
  // expected-error @+1 {{'aten.matmul' op self batch shape 3 and other batch shape 5 do not broadcast (dim 0)}}
  %0 = "aten.matmul"(%a0, %a1) : (tensor<3x2x4xf32>, tensor<5x4x3xf32>) -> tensor<3x2x3xf32>
  return
}

// -----

// matmul: broadcast batch in the result
func.func @f(%a0: tensor<7x1x2x4xf32>, %a1: tensor<5x4x3xf32>) {
  // expected-error @+1 {{'aten.matmul' op result shape is 5x2x3, expected 7x5x2x3}}
  %0 = "aten.matmul"(%a0, %a1) : (tensor<7x1x2x4xf32>, tensor<5x4x3xf32>) -> tensor<5x2x3xf32>
  return
}

// -----

// matmul: vector-matrix drops the vector dim
func.func @f(%a0: tensor<4xf32>, %a1: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.matmul' op result shape is 1x3, expected 3}}
  %0 = "aten.matmul"(%a0, %a1) : (tensor<4xf32>, tensor<4x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

// matmul: matrix-vector drops the vector dim
func.func @f(%a0: tensor<2x4xf32>, %a1: tensor<4xf32>) {
  // expected-error @+1 {{'aten.matmul' op result shape is 2x1, expected 2}}
  %0 = "aten.matmul"(%a0, %a1) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x1xf32>
  return
}

// -----

// addmm: self broadcasts to the product
func.func @f(%a0: tensor<2x1x3xf32>, %a1: tensor<2x4xf32>, %a2: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.addmm' op self shape 2x1x3 does not broadcast to product shape 2x3}}
  %0 = "aten.addmm"(%a0, %a1, %a2) {beta = 1 : i64, alpha = 1 : i64} : (tensor<2x1x3xf32>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// addmm: mat1 is 2-d
func.func @f(%a0: tensor<3xf32>, %a1: tensor<2x2x4xf32>, %a2: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.addmm' op mat1 has 3 dims, expected 2}}
  %0 = "aten.addmm"(%a0, %a1, %a2) {beta = 1 : i64, alpha = 1 : i64} : (tensor<3xf32>, tensor<2x2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// addmm: contraction dims agree
func.func @f(%a0: tensor<3xf32>, %a1: tensor<2x4xf32>, %a2: tensor<5x3xf32>) {
  // expected-error @+1 {{'aten.addmm' op mat1 has 4 columns, mat2 has 5 rows}}
  %0 = "aten.addmm"(%a0, %a1, %a2) {beta = 1 : i64, alpha = 1 : i64} : (tensor<3xf32>, tensor<2x4xf32>, tensor<5x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// addmm: self element type
func.func @f(%a0: tensor<3xf16>, %a1: tensor<2x4xf32>, %a2: tensor<4x3xf32>) {
  // expected-error @+1 {{'aten.addmm' op self element type f16 does not match mat1 element type f32}}
  %0 = "aten.addmm"(%a0, %a1, %a2) {beta = 1 : i64, alpha = 1 : i64} : (tensor<3xf16>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// baddbmm: batch sizes agree
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<5x2x4xf32>, %a2: tensor<4x4x3xf32>) {
  // expected-error @+1 {{'aten.baddbmm' op batch2 has batch size 4, batch1 has 5}}
  %0 = "aten.baddbmm"(%a0, %a1, %a2) {beta = 1 : i64, alpha = 1 : i64} : (tensor<2x3xf32>, tensor<5x2x4xf32>, tensor<4x4x3xf32>) -> tensor<5x2x3xf32>
  return
}

// -----

// baddbmm: result shape
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<5x2x4xf32>, %a2: tensor<5x4x3xf32>) {
  // expected-error @+1 {{'aten.baddbmm' op result shape is 2x3, expected 5x2x3}}
  %0 = "aten.baddbmm"(%a0, %a1, %a2) {beta = 1 : i64, alpha = 1 : i64} : (tensor<2x3xf32>, tensor<5x2x4xf32>, tensor<5x4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// sdpa: query has at least 2 dims
func.func @f(%a0: tensor<4xf32>, %a1: tensor<4xf32>, %a2: tensor<4xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op query has 1 dims, expected at least 2}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// sdpa: key has the rank of query
func.func @f(%a0: tensor<2x16x8xf32>, %a1: tensor<16x8xf32>, %a2: tensor<2x16x8xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op key has 2 dims, expected 3}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x16x8xf32>, tensor<16x8xf32>, tensor<2x16x8xf32>) -> tensor<2x16x8xf32>
  return
}

// -----

// sdpa: one element type
func.func @f(%a0: tensor<16x8xf32>, %a1: tensor<16x8xf16>, %a2: tensor<16x8xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op key element type f16 does not match query element type f32}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<16x8xf32>, tensor<16x8xf16>, tensor<16x8xf32>) -> tensor<16x8xf32>
  return
}

// -----

// sdpa: query and key embedding sizes agree
func.func @f(%a0: tensor<2x4x16x64xf32>, %a1: tensor<2x4x32x32xf32>, %a2: tensor<2x4x32x64xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op query has embedding size 64, key has 32}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x4x16x64xf32>, tensor<2x4x32x32xf32>, tensor<2x4x32x64xf32>) -> tensor<2x4x16x64xf32>
  return
}

// -----

// sdpa: key and value sequence lengths agree
func.func @f(%a0: tensor<2x4x16x64xf32>, %a1: tensor<2x4x32x64xf32>, %a2: tensor<2x4x16x64xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op key has sequence length 32, value has 16}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x16x64xf32>) -> tensor<2x4x16x64xf32>
  return
}

// -----

// sdpa: key and value batch dims agree
func.func @f(%a0: tensor<2x4x16x64xf32>, %a1: tensor<2x4x32x64xf32>, %a2: tensor<2x2x32x64xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op value has size 2 at dim 1, key has 4}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x2x32x64xf32>) -> tensor<2x4x16x64xf32>
  return
}

// -----

// sdpa: without enable_gqa the heads agree
func.func @f(%a0: tensor<2x8x16x64xf32>, %a1: tensor<2x2x32x64xf32>, %a2: tensor<2x2x32x64xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op key has size 2 at dim 1, query has 8}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x64xf32>) -> tensor<2x8x16x64xf32>
  return
}

// -----

// sdpa: with enable_gqa key heads divide query heads
func.func @f(%a0: tensor<2x8x16x64xf32>, %a1: tensor<2x3x32x64xf32>, %a2: tensor<2x3x32x64xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op key has size 3 at dim 1, query has 8 (not a divisor)}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = true} : (tensor<2x8x16x64xf32>, tensor<2x3x32x64xf32>, tensor<2x3x32x64xf32>) -> tensor<2x8x16x64xf32>
  return
}

// -----

// sdpa: enable_gqa does not relax the batch dim
func.func @f(%a0: tensor<4x8x16x64xf32>, %a1: tensor<2x8x32x64xf32>, %a2: tensor<2x8x32x64xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op key has size 2 at dim 0, query has 4}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = true} : (tensor<4x8x16x64xf32>, tensor<2x8x32x64xf32>, tensor<2x8x32x64xf32>) -> tensor<4x8x16x64xf32>
  return
}

// -----

// sdpa: the mask broadcasts to [..., L, S]
func.func @f(%a0: tensor<2x4x16x64xf32>, %a1: tensor<2x4x32x64xf32>, %a2: tensor<2x4x32x64xf32>, %a3: tensor<16x16xi1>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op attn_mask shape 16x16 and scores shape 2x4x16x32 do not broadcast (dim 3)}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2, %a3) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32>, tensor<16x16xi1>) -> tensor<2x4x16x64xf32>
  return
}

// -----

// sdpa: the mask does not grow the scores
func.func @f(%a0: tensor<2x4x16x64xf32>, %a1: tensor<2x4x32x64xf32>, %a2: tensor<2x4x32x64xf32>, %a3: tensor<3x1x1x1x32xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op attn_mask shape 3x1x1x1x32 does not broadcast to scores shape 2x4x16x32}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2, %a3) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x64xf32>, tensor<3x1x1x1x32xf32>) -> tensor<2x4x16x64xf32>
  return
}

// -----

// sdpa: result is [..., L, Ev]
func.func @f(%a0: tensor<2x4x16x64xf32>, %a1: tensor<2x4x32x64xf32>, %a2: tensor<2x4x32x48xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op result shape is 2x4x16x64, expected 2x4x16x48}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<2x4x16x64xf32>, tensor<2x4x32x64xf32>, tensor<2x4x32x48xf32>) -> tensor<2x4x16x64xf32>
  return
}

// -----

// sdpa: is_causal excludes an explicit mask
func.func @f(%a0: tensor<16x8xf32>, %a1: tensor<16x8xf32>, %a2: tensor<16x8xf32>, %a3: tensor<16x16xi1>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op is_causal is true and an attn_mask is given}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2, %a3) {dropout_p = 0.0 : f64, is_causal = true, scale = 1.0 : f64, enable_gqa = false} : (tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x16xi1>) -> tensor<16x8xf32>
  return
}

// -----

// sdpa: dropout_p in [0, 1)
func.func @f(%a0: tensor<16x8xf32>, %a1: tensor<16x8xf32>, %a2: tensor<16x8xf32>) {
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op dropout_p 1 is not in [0, 1)}}
  %0 = "aten.scaled_dot_product_attention"(%a0, %a1, %a2) {dropout_p = 1.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<16x8xf32>
  return
}
