// Imports the real torch.export fixture `mlp` (linear, gelu, softmax), as exported
// (MAIN) and after run_decompositions() (CORE): signature and key ops.
// RUN: mly-import %mly_src/test/models/mlp/model.json | mly-opt --mly-cse | FileCheck %s --check-prefix=MAIN
// RUN: mly-import %mly_src/test/models/mlp/model.core.json | mly-opt --mly-cse | FileCheck %s --check-prefix=CORE

// MAIN-LABEL: func.func @forward(
// MAIN-SAME: %{{.*}}: tensor<32x16xf32> {mly.param = "0.weight"}
// MAIN-SAME: %{{.*}}: tensor<32xf32> {mly.param = "0.bias"}
// MAIN-SAME: %{{.*}}: tensor<8x32xf32> {mly.param = "2.weight"}
// MAIN-SAME: %{{.*}}: tensor<8xf32> {mly.param = "2.bias"}
// MAIN-SAME: %{{.*}}: tensor<4x16xf32>
// MAIN-SAME: ) -> tensor<4x8xf32>
// MAIN: "aten.linear"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<4x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<4x32xf32>
// MAIN: "aten.gelu"(%{{.*}}) {approximate = "none"} : (tensor<4x32xf32>) -> tensor<4x32xf32>
// MAIN: "aten.softmax"(%{{.*}}) {dim = -1 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
// MAIN: return {{.*}} : tensor<4x8xf32>

// CORE-LABEL: func.func @forward(
// CORE-SAME: %{{.*}}: tensor<32x16xf32> {mly.param = "0.weight"}
// CORE-SAME: %{{.*}}: tensor<32xf32> {mly.param = "0.bias"}
// CORE-SAME: %{{.*}}: tensor<8x32xf32> {mly.param = "2.weight"}
// CORE-SAME: %{{.*}}: tensor<8xf32> {mly.param = "2.bias"}
// CORE-SAME: %{{.*}}: tensor<4x16xf32>
// CORE-SAME: ) -> tensor<4x8xf32>
// CORE: "aten.permute"(%{{.*}}) {dims = array<i64: 1, 0>} : (tensor<32x16xf32>) -> tensor<16x32xf32>
// CORE: "aten.addmm"(%{{.*}}, %{{.*}}, %{{.*}}) {alpha = 1 : i64, beta = 1 : i64} : (tensor<32xf32>, tensor<4x16xf32>, tensor<16x32xf32>) -> tensor<4x32xf32>
// CORE: "aten.gelu"(%{{.*}}) {approximate = "none"} : (tensor<4x32xf32>) -> tensor<4x32xf32>
// CORE: "aten.softmax"(%{{.*}}) {dim = -1 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
// CORE: return {{.*}} : tensor<4x8xf32>
