// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// Indexing: mly.gather "take" for embedding, index_select and index (whose
// negative indices wrap), "along" for gather.

// CHECK-LABEL: func.func @embedding
// CHECK: "mly.gather"(%arg0, %arg1) {dim = 0 : i64, mode = "take"} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
// CHECK-NOT: aten.
func.func @embedding(%w: tensor<10x4xf32>, %i: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %0 = "aten.embedding"(%w, %i) {padding_idx = -1 : i64, scale_grad_by_freq = false, sparse = false} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @index_select
// CHECK: "mly.gather"(%arg0, %arg1) {dim = 1 : i64, mode = "take"} : (tensor<3x5xf32>, tensor<2xi64>) -> tensor<3x2xf32>
func.func @index_select(%x: tensor<3x5xf32>, %i: tensor<2xi64>) -> tensor<3x2xf32> {
  %0 = "aten.index_select"(%x, %i) {dim = -1 : i64} : (tensor<3x5xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// index wraps negative indices: select(i < 0, i + size, i).
// CHECK-LABEL: func.func @index
// CHECK: %[[Z:.*]] = "mly.constant"() {value = dense<0> : tensor<4xi64>}
// CHECK: %[[N:.*]] = "mly.cmp"(%arg1, %[[Z]]) {predicate = "lt"}
// CHECK: %[[S:.*]] = "mly.constant"() {value = dense<5> : tensor<4xi64>}
// CHECK: %[[W:.*]] = "mly.add"(%arg1, %[[S]])
// CHECK: %[[I:.*]] = "mly.select"(%[[N]], %[[W]], %arg1)
// CHECK: "mly.gather"(%arg0, %[[I]]) {dim = 1 : i64, mode = "take"} : (tensor<2x5xf32>, tensor<4xi64>) -> tensor<2x4xf32>
func.func @index(%x: tensor<2x5xf32>, %i: tensor<4xi64>) -> tensor<2x4xf32> {
  %0 = "aten.index"(%x, %i) {dim = 1 : i64} : (tensor<2x5xf32>, tensor<4xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @gather
// CHECK: "mly.gather"(%arg0, %arg1) {dim = 1 : i64, mode = "along"} : (tensor<2x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
func.func @gather(%x: tensor<2x5xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %0 = "aten.gather"(%x, %i) {dim = -1 : i64, sparse_grad = false} : (tensor<2x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
