// Imports the real torch.export fixture `conv1d_encoder` (conv1d with stride, gelu, transpose, layer norm), as exported
// (MAIN) and after run_decompositions() (CORE): signature and key ops.
// RUN: mly-import %mly_src/test/models/conv1d_encoder/model.json | mly-opt --mly-cse | FileCheck %s --check-prefix=MAIN
// RUN: mly-import %mly_src/test/models/conv1d_encoder/model.core.json | mly-opt --mly-cse | FileCheck %s --check-prefix=CORE

// MAIN-LABEL: func.func @forward(
// MAIN-SAME: %{{.*}}: tensor<64x80x3xf32> {mly.param = "c1.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "c1.bias"}
// MAIN-SAME: %{{.*}}: tensor<64x64x3xf32> {mly.param = "c2.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "c2.bias"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.weight"}
// MAIN-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.bias"}
// MAIN-SAME: %{{.*}}: tensor<1x80x32xf32>
// MAIN-SAME: ) -> tensor<1x16x64xf32>
// MAIN: "aten.conv1d"(%{{.*}}, %{{.*}}, %{{.*}}) {dilation = array<i64: 1>, groups = 1 : i64, padding = array<i64: 1>, stride = array<i64: 1>} : (tensor<1x80x32xf32>, tensor<64x80x3xf32>, tensor<64xf32>) -> tensor<1x64x32xf32>
// MAIN: "aten.gelu"(%{{.*}}) {approximate = "none"} : (tensor<1x64x32xf32>) -> tensor<1x64x32xf32>
// MAIN: "aten.transpose"(%{{.*}}) {dim0 = 1 : i64, dim1 = 2 : i64} : (tensor<1x64x16xf32>) -> tensor<1x16x64xf32>
// MAIN: "aten.layer_norm"(%{{.*}}, %{{.*}}, %{{.*}}) {cudnn_enable = false, eps = 1.000000e-05 : f64, normalized_shape = array<i64: 64>, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<1x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
// MAIN: return {{.*}} : tensor<1x16x64xf32>

// CORE-LABEL: func.func @forward(
// CORE-SAME: %{{.*}}: tensor<64x80x3xf32> {mly.param = "c1.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "c1.bias"}
// CORE-SAME: %{{.*}}: tensor<64x64x3xf32> {mly.param = "c2.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "c2.bias"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.weight"}
// CORE-SAME: %{{.*}}: tensor<64xf32> {mly.param = "ln.bias"}
// CORE-SAME: %{{.*}}: tensor<1x80x32xf32>
// CORE-SAME: ) -> tensor<1x16x64xf32>
// CORE: "aten.convolution"(%{{.*}}, %{{.*}}, %{{.*}}) {dilation = array<i64: 1>, groups = 1 : i64, output_padding = array<i64: 0>, padding = array<i64: 1>, stride = array<i64: 1>, transposed = false} : (tensor<1x80x32xf32>, tensor<64x80x3xf32>, tensor<64xf32>) -> tensor<1x64x32xf32>
// CORE: "aten.gelu"(%{{.*}}) {approximate = "none"} : (tensor<1x64x32xf32>) -> tensor<1x64x32xf32>
// CORE: "aten.permute"(%{{.*}}) {dims = array<i64: 0, 2, 1>} : (tensor<1x64x16xf32>) -> tensor<1x16x64xf32>
// CORE: "aten.native_layer_norm"(%{{.*}}, %{{.*}}, %{{.*}}) {eps = 1.000000e-05 : f64, normalized_shape = array<i64: 64>, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<1x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<1x16x64xf32>, tensor<1x16x1xf32>, tensor<1x16x1xf32>)
// CORE: return {{.*}} : tensor<1x16x64xf32>
