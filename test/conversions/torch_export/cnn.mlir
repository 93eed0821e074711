// Imports the real torch.export fixture `cnn` (conv2d, batch norm (eval, buffers), relu, max pool, adaptive avg pool, flatten), as exported
// (MAIN) and after run_decompositions() (CORE): signature and key ops.
// RUN: mly-import %mly_src/test/models/cnn/model.json | mly-opt --mly-cse | FileCheck %s --check-prefix=MAIN
// RUN: mly-import %mly_src/test/models/cnn/model.core.json | mly-opt --mly-cse | FileCheck %s --check-prefix=CORE

// MAIN-LABEL: func.func @forward(
// MAIN-SAME: %{{.*}}: tensor<8x3x3x3xf32> {mly.param = "c1.weight"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "c1.bias"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.weight"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.bias"}
// MAIN-SAME: %{{.*}}: tensor<16x8x3x3xf32> {mly.param = "c2.weight"}
// MAIN-SAME: %{{.*}}: tensor<16xf32> {mly.param = "c2.bias"}
// MAIN-SAME: %{{.*}}: tensor<10x16xf32> {mly.param = "fc.weight"}
// MAIN-SAME: %{{.*}}: tensor<10xf32> {mly.param = "fc.bias"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.running_mean"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.running_var"}
// MAIN-SAME: %{{.*}}: tensor<i64> {mly.param = "bn.num_batches_tracked"}
// MAIN-SAME: %{{.*}}: tensor<2x3x16x16xf32>
// MAIN-SAME: ) -> tensor<2x10xf32>
// MAIN: "aten.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) {dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 1, 1>, stride = array<i64: 1, 1>} : (tensor<2x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<2x8x16x16xf32>
// MAIN: "aten.batch_norm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {cudnn_enabled = false, eps = 1.000000e-05 : f64, momentum = 1.000000e-01 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>, training = false} : (tensor<2x8x16x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x16x16xf32>
// MAIN: "aten.relu"(%{{.*}}) : (tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32>
// MAIN: "aten.max_pool2d"(%{{.*}}) {ceil_mode = false, dilation = array<i64: 1, 1>, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : (tensor<2x8x16x16xf32>) -> tensor<2x8x8x8xf32>
// MAIN: "aten.adaptive_avg_pool2d"(%{{.*}}) {output_size = array<i64: 1, 1>} : (tensor<2x16x6x6xf32>) -> tensor<2x16x1x1xf32>
// MAIN: "aten.flatten"(%{{.*}}) {end_dim = -1 : i64, start_dim = 1 : i64} : (tensor<2x16x1x1xf32>) -> tensor<2x16xf32>
// MAIN: "aten.linear"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<2x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<2x10xf32>
// MAIN: return {{.*}} : tensor<2x10xf32>

// CORE-LABEL: func.func @forward(
// CORE-SAME: %{{.*}}: tensor<8x3x3x3xf32> {mly.param = "c1.weight"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "c1.bias"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.weight"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.bias"}
// CORE-SAME: %{{.*}}: tensor<16x8x3x3xf32> {mly.param = "c2.weight"}
// CORE-SAME: %{{.*}}: tensor<16xf32> {mly.param = "c2.bias"}
// CORE-SAME: %{{.*}}: tensor<10x16xf32> {mly.param = "fc.weight"}
// CORE-SAME: %{{.*}}: tensor<10xf32> {mly.param = "fc.bias"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.running_mean"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "bn.running_var"}
// CORE-SAME: %{{.*}}: tensor<i64> {mly.param = "bn.num_batches_tracked"}
// CORE-SAME: %{{.*}}: tensor<2x3x16x16xf32>
// CORE-SAME: ) -> tensor<2x10xf32>
// CORE: "aten.convolution"(%{{.*}}, %{{.*}}, %{{.*}}) {dilation = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, padding = array<i64: 1, 1>, stride = array<i64: 1, 1>, transposed = false} : (tensor<2x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<2x8x16x16xf32>
// CORE: "aten.native_batch_norm_legit_no_training"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {eps = 1.000000e-05 : f64, momentum = 1.000000e-01 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>} : (tensor<2x8x16x16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<2x8x16x16xf32>, tensor<0xf32>, tensor<0xf32>)
// CORE: "aten.relu"(%{{.*}}) : (tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32>
// CORE: "aten.max_pool2d_with_indices"(%{{.*}}) {ceil_mode = false, dilation = array<i64: 1, 1>, kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : (tensor<2x8x16x16xf32>) -> (tensor<2x8x8x8xf32>, tensor<2x8x8x8xi64>)
// CORE: "aten.mean"(%{{.*}}) {dim = array<i64: -1, -2>, keepdim = true} : (tensor<2x16x6x6xf32>) -> tensor<2x16x1x1xf32>
// CORE: "aten.view"(%{{.*}}) {size = array<i64: 2, 16>} : (tensor<2x16x1x1xf32>) -> tensor<2x16xf32>
// CORE: "aten.permute"(%{{.*}}) {dims = array<i64: 1, 0>} : (tensor<10x16xf32>) -> tensor<16x10xf32>
// CORE: "aten.addmm"(%{{.*}}, %{{.*}}, %{{.*}}) {alpha = 1 : i64, beta = 1 : i64} : (tensor<10xf32>, tensor<2x16xf32>, tensor<16x10xf32>) -> tensor<2x10xf32>
// CORE: return {{.*}} : tensor<2x10xf32>
