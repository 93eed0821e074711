// Imports the real torch.export fixture `qwen3_tiny` (2-layer Qwen3: rms_norm, RoPE (wrap_with_set_grad_enabled inlined), GQA sdpa, silu), as exported
// (MAIN) and after run_decompositions() (CORE): signature and key ops.
// RUN: mly-import %mly_src/test/models/qwen3_tiny/model.json | mly-opt --mly-cse | FileCheck %s --check-prefix=MAIN
// RUN: mly-import %mly_src/test/models/qwen3_tiny/model.core.json | mly-opt --mly-cse | FileCheck %s --check-prefix=CORE

// MAIN-LABEL: func.func @forward(
// MAIN-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.embed_tokens.weight"}
// MAIN-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.0.self_attn.q_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.0.self_attn.k_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.0.self_attn.v_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.0.self_attn.o_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.0.self_attn.q_norm.weight"}
// MAIN-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.0.self_attn.k_norm.weight"}
// MAIN-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.0.mlp.gate_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.0.mlp.up_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<64x128xf32> {mly.param = "model.layers.0.mlp.down_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.0.input_layernorm.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.0.post_attention_layernorm.weight"}
// MAIN-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.1.self_attn.q_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.1.self_attn.k_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.1.self_attn.v_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.1.self_attn.o_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.1.self_attn.q_norm.weight"}
// MAIN-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.1.self_attn.k_norm.weight"}
// MAIN-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.1.mlp.gate_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.1.mlp.up_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<64x128xf32> {mly.param = "model.layers.1.mlp.down_proj.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.1.input_layernorm.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.1.post_attention_layernorm.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.norm.weight"}
// MAIN-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "lm_head.weight"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "model.rotary_emb.inv_freq"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "model.rotary_emb.original_inv_freq"}
// MAIN-SAME: %{{.*}}: tensor<1x16xi64>
// MAIN-SAME: ) -> tensor<1x16x128xf32>
// MAIN: "aten.embedding"(%{{.*}}, %{{.*}}) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<128x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
// MAIN: "aten.arange"() {end = 16 : i64, start = 0 : i64, step = 1 : i64} : () -> tensor<16xi64>
// MAIN: "aten.scalar_tensor"() {s = 0 : i64} : () -> tensor<i64>
// MAIN: "aten.add"(%{{.*}}, %{{.*}}) {alpha = 1 : i64} : (tensor<16xi64>, tensor<i64>) -> tensor<16xi64>
// MAIN: "aten.unsqueeze"(%{{.*}}) {dim = 0 : i64} : (tensor<16xi64>) -> tensor<1x16xi64>
// MAIN: "aten.slice"(%{{.*}}) {dim = 1 : i64, end = 1 : i64, start = 0 : i64, step = 1 : i64} : (tensor<1x16xi64>) -> tensor<1x1xi64>
// MAIN: "aten.sub"(%{{.*}}, %{{.*}}) {alpha = 1 : i64} : (tensor<1x1xi64>, tensor<i64>) -> tensor<1x1xi64>
// MAIN: "aten.diff"(%{{.*}}, %{{.*}}) {dim = -1 : i64, n = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x16xi64>, tensor<1x1xi64>) -> tensor<1x16xi64>
// MAIN: "aten.ne"(%{{.*}}, %{{.*}}) : (tensor<1x16xi64>, tensor<i64>) -> tensor<1x16xi1>
// MAIN: "aten.cumsum"(%{{.*}}) {dim = -1 : i64} : (tensor<1x16xi1>) -> tensor<1x16xi64>
// MAIN: "aten.new_ones"(%{{.*}}) {size = array<i64>} : (tensor<1x1x16x1xi64>) -> tensor<i1>
// MAIN: "aten.le"(%{{.*}}, %{{.*}}) : (tensor<1x1x1x16xi64>, tensor<1x1x16x1xi64>) -> tensor<1x1x16x16xi1>
// MAIN: "aten.to_copy"(%{{.*}}) : (tensor<1x1x16x16xi1>) -> tensor<1x1x16x16xi1>
// MAIN: "aten.bitwise_and"(%{{.*}}, %{{.*}}) : (tensor<i1>, tensor<1x1x16x16xi1>) -> tensor<1x1x16x16xi1>
// MAIN: "aten.lt"(%{{.*}}, %{{.*}}) : (tensor<1x1x1x1xi64>, tensor<i64>) -> tensor<1x1x1x1xi1>
// MAIN: "aten.where"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<1x1x1x1xi1>, tensor<1x1x1x1xi64>, tensor<1x1x1x1xi64>) -> tensor<1x1x1x1xi64>
// MAIN: "aten.mul"(%{{.*}}, %{{.*}}) : (tensor<1x1x1x1xi64>, tensor<i64>) -> tensor<1x1x1x1xi64>
// MAIN: "aten.reshape"(%{{.*}}) {shape = array<i64: 16>} : (tensor<1x16xi64>) -> tensor<16xi64>
// MAIN: "aten.index"(%{{.*}}, %{{.*}}) {dim = 0 : i64} : (tensor<16xi64>, tensor<1x1x16x1xi64>) -> tensor<1x1x16x1xi64>
// MAIN: "aten.eq"(%{{.*}}, %{{.*}}) : (tensor<1x1x16x1xi64>, tensor<1x1x1x16xi64>) -> tensor<1x1x16x16xi1>
// MAIN: "aten.expand"(%{{.*}}) {size = array<i64: 1, -1, 16, 16>} : (tensor<1x1x16x16xi1>) -> tensor<1x1x16x16xi1>
// MAIN: "aten.matmul"(%{{.*}}, %{{.*}}) : (tensor<1x8x1xf32>, tensor<1x1x16xf32>) -> tensor<1x8x16xf32>
// MAIN: "aten.transpose"(%{{.*}}) {dim0 = 1 : i64, dim1 = 2 : i64} : (tensor<1x8x16xf32>) -> tensor<1x16x8xf32>
// MAIN: "aten.cat"(%{{.*}}, %{{.*}}) {dim = -1 : i64} : (tensor<1x16x8xf32>, tensor<1x16x8xf32>) -> tensor<1x16x16xf32>
// MAIN: "aten.cos"(%{{.*}}) : (tensor<1x16x16xf32>) -> tensor<1x16x16xf32>
// MAIN: "aten.sin"(%{{.*}}) : (tensor<1x16x16xf32>) -> tensor<1x16x16xf32>
// MAIN: "aten.pow"(%{{.*}}, %{{.*}}) : (tensor<1x16x64xf32>, tensor<i64>) -> tensor<1x16x64xf32>
// MAIN: "aten.mean"(%{{.*}}) {dim = array<i64: -1>, keepdim = true} : (tensor<1x16x64xf32>) -> tensor<1x16x1xf32>
// MAIN: "aten.rsqrt"(%{{.*}}) : (tensor<1x16x1xf32>) -> tensor<1x16x1xf32>
// MAIN: "aten.linear"(%{{.*}}, %{{.*}}) : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
// MAIN: "aten.view"(%{{.*}}) {size = array<i64: 1, 16, -1, 16>} : (tensor<1x16x64xf32>) -> tensor<1x16x4x16xf32>
// MAIN: "aten.neg"(%{{.*}}) : (tensor<1x4x16x8xf32>) -> tensor<1x4x16x8xf32>
// MAIN: "aten.scaled_dot_product_attention"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {dropout_p = 0.000000e+00 : f64, enable_gqa = false, is_causal = false, scale = 2.500000e-01 : f64} : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>, tensor<1x1x16x16xi1>) -> tensor<1x4x16x16xf32>
// MAIN: "aten.silu"(%{{.*}}) : (tensor<1x16x128xf32>) -> tensor<1x16x128xf32>
// MAIN: "aten.alias"(%{{.*}}) : (tensor<1x16x64xf32>) -> tensor<1x16x64xf32>
// MAIN: return {{.*}} : tensor<1x16x128xf32>

// CORE-LABEL: func.func @forward(
// CORE-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.embed_tokens.weight"}
// CORE-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.0.self_attn.q_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.0.self_attn.k_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.0.self_attn.v_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.0.self_attn.o_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.0.self_attn.q_norm.weight"}
// CORE-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.0.self_attn.k_norm.weight"}
// CORE-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.0.mlp.gate_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.0.mlp.up_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<64x128xf32> {mly.param = "model.layers.0.mlp.down_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.0.input_layernorm.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.0.post_attention_layernorm.weight"}
// CORE-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.1.self_attn.q_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.1.self_attn.k_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<32x64xf32> {mly.param = "model.layers.1.self_attn.v_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "model.layers.1.self_attn.o_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.1.self_attn.q_norm.weight"}
// CORE-SAME: %{{.*}}: tensor<16xf32> {mly.param = "model.layers.1.self_attn.k_norm.weight"}
// CORE-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.1.mlp.gate_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "model.layers.1.mlp.up_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<64x128xf32> {mly.param = "model.layers.1.mlp.down_proj.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.1.input_layernorm.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.layers.1.post_attention_layernorm.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "model.norm.weight"}
// CORE-SAME: %{{.*}}: tensor<128x64xf32> {mly.param = "lm_head.weight"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "model.rotary_emb.inv_freq"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "model.rotary_emb.original_inv_freq"}
// CORE-SAME: %{{.*}}: tensor<1x16xi64>
// CORE-SAME: ) -> tensor<1x16x128xf32>
// CORE: "aten.embedding"(%{{.*}}, %{{.*}}) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<128x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
// CORE: "aten.arange"() {end = 16 : i64, start = 0 : i64, step = 1 : i64} : () -> tensor<16xi64>
// CORE: "aten.scalar_tensor"() {s = 0 : i64} : () -> tensor<i64>
// CORE: "aten.add"(%{{.*}}, %{{.*}}) {alpha = 1 : i64} : (tensor<16xi64>, tensor<i64>) -> tensor<16xi64>
// CORE: "aten.unsqueeze"(%{{.*}}) {dim = 0 : i64} : (tensor<16xi64>) -> tensor<1x16xi64>
// CORE: "aten.slice"(%{{.*}}) {dim = 1 : i64, end = 1 : i64, start = 0 : i64, step = 1 : i64} : (tensor<1x16xi64>) -> tensor<1x1xi64>
// CORE: "aten.sub"(%{{.*}}, %{{.*}}) {alpha = 1 : i64} : (tensor<1x1xi64>, tensor<i64>) -> tensor<1x1xi64>
// CORE: "aten.cat"(%{{.*}}, %{{.*}}) {dim = -1 : i64} : (tensor<1x1xi64>, tensor<1x16xi64>) -> tensor<1x17xi64>
// CORE: "aten.ne"(%{{.*}}, %{{.*}}) : (tensor<1x16xi64>, tensor<i64>) -> tensor<1x16xi1>
// CORE: "aten.cumsum"(%{{.*}}) {dim = -1 : i64} : (tensor<1x16xi1>) -> tensor<1x16xi64>
// CORE: "aten.full"() {fill_value = true, size = array<i64>} : () -> tensor<i1>
// CORE: "aten.le"(%{{.*}}, %{{.*}}) : (tensor<1x1x1x16xi64>, tensor<1x1x16x1xi64>) -> tensor<1x1x16x16xi1>
// CORE: "aten.bitwise_and"(%{{.*}}, %{{.*}}) : (tensor<i1>, tensor<1x1x16x16xi1>) -> tensor<1x1x16x16xi1>
// CORE: "aten.lt"(%{{.*}}, %{{.*}}) : (tensor<1x1x1x1xi64>, tensor<i64>) -> tensor<1x1x1x1xi1>
// CORE: "aten.where"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<1x1x1x1xi1>, tensor<1x1x1x1xi64>, tensor<1x1x1x1xi64>) -> tensor<1x1x1x1xi64>
// CORE: "aten.mul"(%{{.*}}, %{{.*}}) : (tensor<1x1x1x1xi64>, tensor<i64>) -> tensor<1x1x1x1xi64>
// CORE: "aten.reshape"(%{{.*}}) {shape = array<i64: 16>} : (tensor<1x16xi64>) -> tensor<16xi64>
// CORE: "aten.index"(%{{.*}}, %{{.*}}) {dim = 0 : i64} : (tensor<16xi64>, tensor<1x1x16x1xi64>) -> tensor<1x1x16x1xi64>
// CORE: "aten.eq"(%{{.*}}, %{{.*}}) : (tensor<1x1x16x1xi64>, tensor<1x1x1x16xi64>) -> tensor<1x1x16x16xi1>
// CORE: "aten.expand"(%{{.*}}) {size = array<i64: 1, -1, 16, 16>} : (tensor<1x1x16x16xi1>) -> tensor<1x1x16x16xi1>
// CORE: "aten.to_copy"(%{{.*}}) : (tensor<1x1x16xi64>) -> tensor<1x1x16xf32>
// CORE: "aten.view"(%{{.*}}) {size = array<i64: 1, 8, 1>} : (tensor<1x8x1xf32>) -> tensor<1x8x1xf32>
// CORE: "aten.bmm"(%{{.*}}, %{{.*}}) : (tensor<1x8x1xf32>, tensor<1x1x16xf32>) -> tensor<1x8x16xf32>
// CORE: "aten.permute"(%{{.*}}) {dims = array<i64: 0, 2, 1>} : (tensor<1x8x16xf32>) -> tensor<1x16x8xf32>
// CORE: "aten.cos"(%{{.*}}) : (tensor<1x16x16xf32>) -> tensor<1x16x16xf32>
// CORE: "aten.sin"(%{{.*}}) : (tensor<1x16x16xf32>) -> tensor<1x16x16xf32>
// CORE: "aten.pow"(%{{.*}}, %{{.*}}) : (tensor<1x16x64xf32>, tensor<i64>) -> tensor<1x16x64xf32>
// CORE: "aten.mean"(%{{.*}}) {dim = array<i64: -1>, keepdim = true} : (tensor<1x16x64xf32>) -> tensor<1x16x1xf32>
// CORE: "aten.rsqrt"(%{{.*}}) : (tensor<1x16x1xf32>) -> tensor<1x16x1xf32>
// CORE: "aten.mm"(%{{.*}}, %{{.*}}) : (tensor<16x64xf32>, tensor<64x64xf32>) -> tensor<16x64xf32>
// CORE: "aten.neg"(%{{.*}}) : (tensor<1x4x16x8xf32>) -> tensor<1x4x16x8xf32>
// CORE: "aten.clone"(%{{.*}}) : (tensor<1x2x2x16x16xf32>) -> tensor<1x2x2x16x16xf32>
// CORE: "aten.softmax"(%{{.*}}) {dim = -1 : i64} : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
// CORE: "aten.logical_not"(%{{.*}}) : (tensor<1x4x16x16xi1>) -> tensor<1x4x16x16xi1>
// CORE: "aten.any"(%{{.*}}) {dim = -1 : i64, keepdim = true} : (tensor<1x4x16x16xi1>) -> tensor<1x4x16x1xi1>
// CORE: "aten.full_like"(%{{.*}}) {fill_value = 0 : i64} : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
// CORE: "aten.sigmoid"(%{{.*}}) : (tensor<1x16x128xf32>) -> tensor<1x16x128xf32>
// CORE: "aten.alias"(%{{.*}}) : (tensor<1x16x64xf32>) -> tensor<1x16x64xf32>
// CORE: return {{.*}} : tensor<1x16x128xf32>
