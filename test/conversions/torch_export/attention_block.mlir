// Imports the real torch.export fixture `attention_block` (layer norm, fused qkv linear, split into slices, causal sdpa, residual), as exported
// (MAIN) and after run_decompositions() (CORE): signature and key ops.
// RUN: mly-import %mly_src/test/models/attention_block/model.json | mly-opt --mly-cse | FileCheck %s --check-prefix=MAIN
// RUN: mly-import %mly_src/test/models/attention_block/model.core.json | mly-opt --mly-cse | FileCheck %s --check-prefix=CORE

// MAIN-LABEL: func.func @forward(
// MAIN-SAME: %{{.*}}: tensor<192x64xf32> {mly.param = "qkv.weight"}
// MAIN-SAME: %{{.*}}: tensor<192xf32> {mly.param = "qkv.bias"}
// MAIN-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "o.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "o.bias"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.bias"}
// MAIN-SAME: %{{.*}}: tensor<2x8x64xf32>
// MAIN-SAME: ) -> tensor<2x8x64xf32>
// MAIN: "aten.layer_norm"(%{{.*}}, %{{.*}}, %{{.*}}) {cudnn_enable = false, eps = 1.000000e-05 : f64, normalized_shape = array<i64: 64>, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x8x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<2x8x64xf32>
// MAIN: "aten.linear"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<2x8x64xf32>, tensor<192x64xf32>, tensor<192xf32>) -> tensor<2x8x192xf32>
// MAIN: "aten.slice"(%{{.*}}) {dim = 2 : i64, end = 64 : i64, start = 0 : i64, step = 1 : i64} : (tensor<2x8x192xf32>) -> tensor<2x8x64xf32>
// MAIN: "aten.view"(%{{.*}}) {size = array<i64: 2, 8, 4, 16>} : (tensor<2x8x64xf32>) -> tensor<2x8x4x16xf32>
// MAIN: "aten.transpose"(%{{.*}}) {dim0 = 1 : i64, dim1 = 2 : i64} : (tensor<2x8x4x16xf32>) -> tensor<2x4x8x16xf32>
// MAIN: "aten.scaled_dot_product_attention"(%{{.*}}, %{{.*}}, %{{.*}}) {dropout_p = 0.000000e+00 : f64, enable_gqa = false, is_causal = true, scale = 2.500000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>) -> tensor<2x4x8x16xf32>
// MAIN: "aten.reshape"(%{{.*}}) {shape = array<i64: 2, 8, 64>} : (tensor<2x8x4x16xf32>) -> tensor<2x8x64xf32>
// MAIN: "aten.add"(%{{.*}}, %{{.*}}) {alpha = 1 : i64} : (tensor<2x8x64xf32>, tensor<2x8x64xf32>) -> tensor<2x8x64xf32>
// MAIN: return {{.*}} : tensor<2x8x64xf32>

// CORE-LABEL: func.func @forward(
// CORE-SAME: %{{.*}}: tensor<192x64xf32> {mly.param = "qkv.weight"}
// CORE-SAME: %{{.*}}: tensor<192xf32> {mly.param = "qkv.bias"}
// CORE-SAME: %{{.*}}: tensor<64x64xf32> {mly.param = "o.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "o.bias"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.bias"}
// CORE-SAME: %{{.*}}: tensor<2x8x64xf32>
// CORE-SAME: ) -> tensor<2x8x64xf32>
// CORE: "aten.native_layer_norm"(%{{.*}}, %{{.*}}, %{{.*}}) {eps = 1.000000e-05 : f64, normalized_shape = array<i64: 64>, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x8x64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<2x8x64xf32>, tensor<2x8x1xf32>, tensor<2x8x1xf32>)
// CORE: "aten.view"(%{{.*}}) {size = array<i64: 16, 64>} : (tensor<2x8x64xf32>) -> tensor<16x64xf32>
// CORE: "aten.permute"(%{{.*}}) {dims = array<i64: 1, 0>} : (tensor<192x64xf32>) -> tensor<64x192xf32>
// CORE: "aten.addmm"(%{{.*}}, %{{.*}}, %{{.*}}) {alpha = 1 : i64, beta = 1 : i64} : (tensor<192xf32>, tensor<16x64xf32>, tensor<64x192xf32>) -> tensor<16x192xf32>
// CORE: "aten.slice"(%{{.*}}) {dim = 2 : i64, end = 64 : i64, start = 0 : i64, step = 1 : i64} : (tensor<2x8x192xf32>) -> tensor<2x8x64xf32>
// CORE: "aten.scalar_tensor"() {s = 5.000000e-01 : f64} : () -> tensor<f32>
// CORE: "aten.mul"(%{{.*}}, %{{.*}}) : (tensor<2x4x8x16xf32>, tensor<f32>) -> tensor<2x4x8x16xf32>
// CORE: "aten.full"() {fill_value = true, size = array<i64: 8, 8>} : () -> tensor<8x8xi1>
// CORE: "aten.arange"() {end = 8 : i64, start = 0 : i64, step = 1 : i64} : () -> tensor<8xi64>
// CORE: "aten.unsqueeze"(%{{.*}}) {dim = -2 : i64} : (tensor<8xi64>) -> tensor<1x8xi64>
// CORE: "aten.sub"(%{{.*}}, %{{.*}}) {alpha = 1 : i64} : (tensor<1x8xi64>, tensor<8x1xi64>) -> tensor<8x8xi64>
// CORE: "aten.le"(%{{.*}}, %{{.*}}) : (tensor<8x8xi64>, tensor<i64>) -> tensor<8x8xi1>
// CORE: "aten.logical_and"(%{{.*}}, %{{.*}}) : (tensor<8x8xi1>, tensor<8x8xi1>) -> tensor<8x8xi1>
// CORE: "aten.where"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<8x8xi1>, tensor<f32>, tensor<f32>) -> tensor<8x8xf32>
// CORE: "aten.expand"(%{{.*}}) {size = array<i64: 2, 4, 8, 16>} : (tensor<2x4x8x16xf32>) -> tensor<2x4x8x16xf32>
// CORE: "aten.clone"(%{{.*}}) : (tensor<2x4x8x16xf32>) -> tensor<2x4x8x16xf32>
// CORE: "aten.bmm"(%{{.*}}, %{{.*}}) : (tensor<8x8x16xf32>, tensor<8x16x8xf32>) -> tensor<8x8x8xf32>
// CORE: "aten.add"(%{{.*}}, %{{.*}}) {alpha = 1 : i64} : (tensor<2x4x8x8xf32>, tensor<8x8xf32>) -> tensor<2x4x8x8xf32>
// CORE: "aten.softmax"(%{{.*}}) {dim = -1 : i64} : (tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32>
// CORE: "aten.eq"(%{{.*}}, %{{.*}}) : (tensor<2x4x8x8xf32>, tensor<f32>) -> tensor<2x4x8x8xi1>
// CORE: "aten.logical_not"(%{{.*}}) : (tensor<2x4x8x8xi1>) -> tensor<2x4x8x8xi1>
// CORE: "aten.any"(%{{.*}}) {dim = -1 : i64, keepdim = true} : (tensor<2x4x8x8xi1>) -> tensor<2x4x8x1xi1>
// CORE: "aten.full_like"(%{{.*}}) {fill_value = 0 : i64} : (tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32>
// CORE: return {{.*}} : tensor<2x8x64xf32>
