// RUN: mly-run %s --backend interp --entry=causal --input 1x2x1xf32:0 --input 1x2x1xf32:0 --input 1x2x1xf32:2,4 --print | FileCheck %s --check-prefix=CAUSAL
// RUN: mly-run %s --backend interp --entry=bool_mask --input 1x2x1xf32:0 --input 1x3x1xf32:0 --input 1x3x1xf32:1,2,6 --input 2x3xi1:1,0,1,0,1,0 --print | FileCheck %s --check-prefix=BOOL
// RUN: mly-run %s --backend interp --entry=float_mask --input 1x1x1xf32:0 --input 1x2x1xf32:0 --input 1x2x1xf32:0,4 --input 1x2xf32:0,1.0986123 --print | FileCheck %s --check-prefix=FLOAT
// RUN: mly-run %s --backend interp --entry=scaled --input 1x1x1xf32:1 --input 1x2x1xf32:0,2.1972246 --input 1x2x1xf32:0,4 --print | FileCheck %s --check-prefix=SCALED
// RUN: mly-run %s --backend interp --entry=gqa --input 1x4x1x1xf32:0 --input 1x2x2x1xf32:0 --input 1x2x2x1xf32:2,4,10,20 --print | FileCheck %s --check-prefix=GQA
// RUN: not mly-run %s --backend interp --entry=dropout --input 1x1x1xf32:0 --input 1x1x1xf32:0 --input 1x1x1xf32:0 2>&1 | FileCheck %s --check-prefix=DROPOUT

// Zero queries give uniform weights over the keys left by the causal
// (top-left, tril) mask: row 0 sees key 0, row 1 keys 0 and 1.
// CAUSAL: output_0: tensor<1x2x1xf32> = [2, 3]
func.func @causal(%q: tensor<1x2x1xf32>, %k: tensor<1x2x1xf32>, %v: tensor<1x2x1xf32>) -> tensor<1x2x1xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v) {dropout_p = 0.0 : f64, is_causal = true, scale = 1.0 : f64, enable_gqa = false} : (tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>) -> tensor<1x2x1xf32>
  return %0 : tensor<1x2x1xf32>
}

// A bool mask (true = attend) broadcast over the batch: row 0 averages
// values 0 and 2, row 1 takes value 1.
// BOOL: output_0: tensor<1x2x1xf32> = [3.5, 2]
func.func @bool_mask(%q: tensor<1x2x1xf32>, %k: tensor<1x3x1xf32>, %v: tensor<1x3x1xf32>, %m: tensor<2x3xi1>) -> tensor<1x2x1xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v, %m) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<1x2x1xf32>, tensor<1x3x1xf32>, tensor<1x3x1xf32>, tensor<2x3xi1>) -> tensor<1x2x1xf32>
  return %0 : tensor<1x2x1xf32>
}

// A float mask is added to the scores: [0, ln 3] weighs the keys 1/4, 3/4.
// FLOAT: output_0: tensor<1x1x1xf32> = [3]
func.func @float_mask(%q: tensor<1x1x1xf32>, %k: tensor<1x2x1xf32>, %v: tensor<1x2x1xf32>, %m: tensor<1x2xf32>) -> tensor<1x1x1xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v, %m) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<1x1x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// scale 0.5 turns scores [0, 2 ln 3] into [0, ln 3].
// SCALED: output_0: tensor<1x1x1xf32> = [3]
func.func @scaled(%q: tensor<1x1x1xf32>, %k: tensor<1x2x1xf32>, %v: tensor<1x2x1xf32>) -> tensor<1x1x1xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v) {dropout_p = 0.0 : f64, is_causal = false, scale = 0.5 : f64, enable_gqa = false} : (tensor<1x1x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// enable_gqa: 4 query heads over 2 kv heads; heads 0, 1 read kv head 0 and
// heads 2, 3 kv head 1 (repeat_interleave), each averaging its values.
// GQA: output_0: tensor<1x4x1x1xf32> = [3, 3, 15, 15]
func.func @gqa(%q: tensor<1x4x1x1xf32>, %k: tensor<1x2x2x1xf32>, %v: tensor<1x2x2x1xf32>) -> tensor<1x4x1x1xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v) {dropout_p = 0.0 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = true} : (tensor<1x4x1x1xf32>, tensor<1x2x2x1xf32>, tensor<1x2x2x1xf32>) -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// Dropout is random: refused.
// DROPOUT: dropout_p 0.5 is not supported
func.func @dropout(%q: tensor<1x1x1xf32>, %k: tensor<1x1x1xf32>, %v: tensor<1x1x1xf32>) -> tensor<1x1x1xf32> {
  %0 = "aten.scaled_dot_product_attention"(%q, %k, %v) {dropout_p = 0.5 : f64, is_causal = false, scale = 1.0 : f64, enable_gqa = false} : (tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}
