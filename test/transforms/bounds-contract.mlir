// RUN: mly-opt %s --split-input-file --mly-bounds | FileCheck %s

// matmul [1,2] x [1,1] with K = 4: products in [1, 2], sums in [4, 8],
// widened by gamma_4 * sum|terms| (gamma_4 = 4u/(1-4u), u = 2^-24): terms
// of one sign, so 4 (1 - gamma_4) = 4 - 2^-20 - ... and 8 (1 + gamma_4) =
// 8 + 2^-19 + ..., rounded outward: [4 - 5 * 2^-22, 8 + 3 * 2^-20].
// CHECK-LABEL: func.func @matmul
// CHECK: "mly.matmul"{{.*}}mly.range = array<f64: 3.9999988079071045, 8.0000028610229492>
func.func @matmul(%a: tensor<2x4xf32> {mly.range = array<f64: 1.0, 2.0>}, %b: tensor<4x3xf32> {mly.range = array<f64: 1.0, 1.0>}) -> tensor<2x3xf32> {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----
// reduce: sum of 8 terms in [-1, 2] is [-8, 16] widened by gamma_8 * 8 * 2
// (a bit over 2^-17): [-8 - 9 * 2^-20, 16 + 5 * 2^-19]; max is exact.
// CHECK-LABEL: func.func @reduce
// CHECK: "mly.reduce"{{.*}}mly.range = array<f64: -8.0000085830688477, 16.000009536743164>
// CHECK: "mly.reduce"{{.*}}mly.range = array<f64: -1.000000e+00, 2.000000e+00>
func.func @reduce(%x: tensor<2x8xf32> {mly.range = array<f64: -1.0, 2.0>}) -> (tensor<2xf32>, tensor<2xf32>) {
  %0 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = false, kind = "sum"} : (tensor<2x8xf32>) -> tensor<2xf32>
  %1 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = false, kind = "max"} : (tensor<2x8xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// -----
// Integer inputs used as gather indices default to [0, rows - 1] of the
// table; the gather takes the table's range (a constant: exact min/max).
// CHECK-LABEL: func.func @gather
// CHECK: "mly.constant"{{.*}}mly.range = array<f64: -2.000000e+00, 1.000000e+00>
// CHECK: "mly.gather"{{.*}}mly.range = array<f64: -2.000000e+00, 1.000000e+00>
// CHECK: "mly.cast"{{.*}}mly.range = array<f64: 0.000000e+00, 2.000000e+00>
func.func @gather(%ids: tensor<5xi64>) -> (tensor<5x2xf32>, tensor<5xf32>) {
  %t = "mly.constant"() {value = dense<[[1.0, 0.5], [-2.0, 0.0], [0.25, 0.125]]> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %0 = "mly.gather"(%t, %ids) {dim = 0 : i64, mode = "take"} : (tensor<3x2xf32>, tensor<5xi64>) -> tensor<5x2xf32>
  %1 = "mly.cast"(%ids) : (tensor<5xi64>) -> tensor<5xf32>
  return %0, %1 : tensor<5x2xf32>, tensor<5xf32>
}

// -----
// Fused functions: arguments bound at each call, the callee's ops get the
// hull over the calls, calls get the callee's result ranges.
// CHECK-LABEL: func.func private @fused_0_elementwise
// CHECK-SAME: -> (tensor<4xf32> {mly.range = array<f64: 0.000000e+00, 1.600000e+01>})
// CHECK: "mly.mul"{{.*}}mly.range = array<f64: 0.000000e+00, 1.600000e+01>
// CHECK-LABEL: func.func @forward
// CHECK-SAME: -> (tensor<4xf32> {mly.range = array<f64: 0.000000e+00, 4.000000e+00>}, tensor<4xf32> {mly.range = array<f64: 9.000000e+00, 1.600000e+01>})
// CHECK: call @fused_0_elementwise{{.*}}mly.range = array<f64: 0.000000e+00, 4.000000e+00>
// CHECK: call @fused_0_elementwise{{.*}}mly.range = array<f64: 9.000000e+00, 1.600000e+01>
func.func private @fused_0_elementwise(%x: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "elementwise"} {
  %0 = "mly.mul"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @forward(%a: tensor<4xf32> {mly.range = array<f64: -2.0, 1.0>}, %b: tensor<4xf32> {mly.range = array<f64: 3.0, 4.0>}) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = call @fused_0_elementwise(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = call @fused_0_elementwise(%b) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----
// Data movement and selection: pad joins its value, concat the union,
// select with a decided condition takes one branch, cmp gives 0 or 1
// (decided when the intervals do not overlap), casts round per type.
// CHECK-LABEL: func.func @movement
// CHECK: "mly.pad"{{.*}}mly.range = array<f64: -1.000000e+00, 2.000000e+00>
// CHECK: "mly.concat"{{.*}}mly.range = array<f64: 1.000000e+00, 5.000000e+00>
// CHECK: "mly.cmp"{{.*}}mly.range = array<f64: 1.000000e+00, 1.000000e+00>
// CHECK: "mly.select"{{.*}}mly.range = array<f64: 1.000000e+00, 2.000000e+00>
// CHECK: "mly.cmp"{{.*}}mly.range = array<f64: 0.000000e+00, 1.000000e+00>
// CHECK: "mly.select"{{.*}}mly.range = array<f64: 1.000000e+00, 5.000000e+00>
// CHECK: "mly.cast"{{.*}}mly.range = array<f64: 1.000000e+00, 2.000000e+00>
func.func @movement(%x: tensor<4xf32> {mly.range = array<f64: 1.0, 2.0>}, %y: tensor<4xf32> {mly.range = array<f64: 4.0, 5.0>}) -> (tensor<6xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>) {
  %0 = "mly.pad"(%x) {low = array<i64: 1>, high = array<i64: 1>, value = -1.0 : f64} : (tensor<4xf32>) -> tensor<6xf32>
  %1 = "mly.concat"(%x, %y) {dim = 0 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  %c = "mly.cmp"(%x, %y) {predicate = "lt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = "mly.select"(%c, %x, %y) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %d = "mly.cmp"(%x, %x) {predicate = "lt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %3 = "mly.select"(%d, %x, %y) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "mly.cast"(%x) : (tensor<4xf32>) -> tensor<4xi32>
  return %0, %1, %2, %3, %4 : tensor<6xf32>, tensor<8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>
}

// -----
// Transcendental functions: exact on the interval, clamped to their
// codomain; sin over [-2, 2] holds both peaks; pow with an even constant
// exponent is a square: [0, 4] plus 2 ulps of libm slack after rounding up
// (4 + 3 * 2^-21).
// CHECK-LABEL: func.func @transcendental
// CHECK: "mly.tanh"{{.*}}mly.range = array<f64: -1.000000e+00, 1.000000e+00>
// CHECK: "mly.sigmoid"{{.*}}mly.range = array<f64: 0.000000e+00, 1.000000e+00>
// CHECK: "mly.sin"{{.*}}mly.range = array<f64: -1.000000e+00, 1.000000e+00>
// CHECK: "mly.pow"{{.*}}mly.range = array<f64: 0.000000e+00, 4.0000014305114746>
func.func @transcendental(%x: tensor<4xf32> {mly.range = array<f64: 0xFFF0000000000000, 0x7FF0000000000000>}, %y: tensor<4xf32> {mly.range = array<f64: -2.0, 2.0>}) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.sin"(%y) : (tensor<4xf32>) -> tensor<4xf32>
  %c = "mly.constant"() {value = dense<2.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %3 = "mly.pow"(%y, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
