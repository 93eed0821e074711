// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// Reductions and scans run in the result dtype; mean divides a sum by the
// count of reduced elements.

// sum of bools counts in i64; negative dims wrap.
// CHECK-LABEL: func.func @sum_bool
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<2x3xi1>) -> tensor<2x3xi64>
// CHECK: "mly.reduce"(%[[X]]) {dims = array<i64: 1>, keepdim = false, kind = "sum"} : (tensor<2x3xi64>) -> tensor<2xi64>
// CHECK-NOT: aten.
func.func @sum_bool(%x: tensor<2x3xi1>) -> tensor<2xi64> {
  %0 = "aten.sum"(%x) {dim = array<i64: -1>, keepdim = false} : (tensor<2x3xi1>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// An empty dim list reduces every dim.
// CHECK-LABEL: func.func @sum_all
// CHECK: "mly.reduce"(%arg0) {dims = array<i64: 0, 1>, keepdim = false, kind = "sum"} : (tensor<2x3xf32>) -> tensor<f32>
func.func @sum_all(%x: tensor<2x3xf32>) -> tensor<f32> {
  %0 = "aten.sum"(%x) {dim = array<i64>, keepdim = false} : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// mean over two dims with keepdim: sum, then divide by 2 * 4.
// CHECK-LABEL: func.func @mean
// CHECK: %[[S:.*]] = "mly.reduce"(%arg0) {dims = array<i64: 0, 2>, keepdim = true, kind = "sum"} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
// CHECK: %[[N:.*]] = "mly.constant"() {value = dense<8.000000e+00> : tensor<1x3x1xf32>}
// CHECK: "mly.div"(%[[S]], %[[N]])
func.func @mean(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = "aten.mean"(%x) {dim = array<i64: 0, -1>, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// CHECK-LABEL: func.func @amax
// CHECK: "mly.reduce"(%arg0) {dims = array<i64: 1>, keepdim = true, kind = "max"} : (tensor<2x3xf32>) -> tensor<2x1xf32>
func.func @amax(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = "aten.amax"(%x) {dim = array<i64: 1>, keepdim = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// any: x != 0 as i1, max over i64, back to i1.
// CHECK-LABEL: func.func @any
// CHECK: %[[B:.*]] = "mly.cast"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK: %[[I:.*]] = "mly.cast"(%[[B]]) : (tensor<2x3xi1>) -> tensor<2x3xi64>
// CHECK: %[[M:.*]] = "mly.reduce"(%[[I]]) {dims = array<i64: 1>, keepdim = true, kind = "max"} : (tensor<2x3xi64>) -> tensor<2x1xi64>
// CHECK: "mly.cast"(%[[M]]) : (tensor<2x1xi64>) -> tensor<2x1xi1>
func.func @any(%x: tensor<2x3xf32>) -> tensor<2x1xi1> {
  %0 = "aten.any"(%x) {dim = -1 : i64, keepdim = true} : (tensor<2x3xf32>) -> tensor<2x1xi1>
  return %0 : tensor<2x1xi1>
}

// -----

// cumsum of bools counts in i64.
// CHECK-LABEL: func.func @cumsum
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<1x16xi1>) -> tensor<1x16xi64>
// CHECK: "mly.scan"(%[[X]]) {dim = 1 : i64} : (tensor<1x16xi64>) -> tensor<1x16xi64>
func.func @cumsum(%x: tensor<1x16xi1>) -> tensor<1x16xi64> {
  %0 = "aten.cumsum"(%x) {dim = -1 : i64} : (tensor<1x16xi1>) -> tensor<1x16xi64>
  return %0 : tensor<1x16xi64>
}

// -----

// diff with a prepend, twice: concat, then two rounds of shifted slices.
// CHECK-LABEL: func.func @diff
// CHECK: %[[C:.*]] = "mly.concat"(%arg1, %arg0) {dim = 1 : i64} : (tensor<2x1xi64>, tensor<2x4xi64>) -> tensor<2x5xi64>
// CHECK: %[[H1:.*]] = "mly.slice"(%[[C]]) {limit_indices = array<i64: 2, 5>, start_indices = array<i64: 0, 1>, strides = array<i64: 1, 1>}
// CHECK: %[[L1:.*]] = "mly.slice"(%[[C]]) {limit_indices = array<i64: 2, 4>, start_indices = array<i64: 0, 0>, strides = array<i64: 1, 1>}
// CHECK: %[[D1:.*]] = "mly.sub"(%[[H1]], %[[L1]]) : (tensor<2x4xi64>, tensor<2x4xi64>) -> tensor<2x4xi64>
// CHECK: "mly.slice"(%[[D1]])
// CHECK: "mly.slice"(%[[D1]])
// CHECK: "mly.sub"({{.*}}) : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi64>
func.func @diff(%x: tensor<2x4xi64>, %p: tensor<2x1xi64>) -> tensor<2x3xi64> {
  %0 = "aten.diff"(%x, %p) {dim = -1 : i64, n = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x4xi64>, tensor<2x1xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// Bools differ by `!=`, as in PyTorch.
// CHECK-LABEL: func.func @diff_bool
// CHECK: "mly.cmp"({{.*}}) {predicate = "ne"} : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
func.func @diff_bool(%x: tensor<4xi1>) -> tensor<3xi1> {
  %0 = "aten.diff"(%x) {dim = 0 : i64, n = 1 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<4xi1>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

// f16 sums accumulate in f32 and round once, as PyTorch's accumulator does.
// CHECK-LABEL: func.func @mean_f16
// CHECK: %[[X:.*]] = "mly.cast"(%arg0) : (tensor<2x8xf16>) -> tensor<2x8xf32>
// CHECK: %[[S:.*]] = "mly.reduce"(%[[X]]) {dims = array<i64: 1>, keepdim = false, kind = "sum"} : (tensor<2x8xf32>) -> tensor<2xf32>
// CHECK: %[[M:.*]] = "mly.div"(%[[S]], %{{.*}}) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
// CHECK: "mly.cast"(%[[M]]) : (tensor<2xf32>) -> tensor<2xf16>
func.func @mean_f16(%x: tensor<2x8xf16>) -> tensor<2xf16> {
  %0 = "aten.mean"(%x) {dim = array<i64: 1>, keepdim = false} : (tensor<2x8xf16>) -> tensor<2xf16>
  return %0 : tensor<2xf16>
}
