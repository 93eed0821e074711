// RUN: mly-opt %s | mly-opt | FileCheck %s
// A valid use of every mly op survives print and re-parse.

func.func @unary(%x: tensor<2x3xf32>, %b: tensor<2x3xi1>) -> tensor<2x3xf32> {
  %0 = "mly.neg"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "mly.abs"(%0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "mly.exp"(%1) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "mly.log"(%2) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = "mly.sqrt"(%3) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = "mly.rsqrt"(%4) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = "mly.tanh"(%5) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = "mly.sigmoid"(%6) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %8 = "mly.erf"(%7) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %9 = "mly.sin"(%8) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %10 = "mly.cos"(%9) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %11 = "mly.floor"(%10) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %12 = "mly.not"(%b) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  %13 = "mly.cast"(%12) : (tensor<2x3xi1>) -> tensor<2x3xf16>
  %14 = "mly.cast"(%13) : (tensor<2x3xf16>) -> tensor<2x3xf32>
  %15 = "mly.add"(%11, %14) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %15 : tensor<2x3xf32>
}
// CHECK-LABEL: func.func @unary
// CHECK: "mly.neg"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.abs"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.exp"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.log"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.sqrt"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.rsqrt"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.tanh"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.sigmoid"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.erf"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.sin"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.cos"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.floor"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.not"(%{{.*}}) : (tensor<2x3xi1>) -> tensor<2x3xi1>
// CHECK: "mly.cast"(%{{.*}}) : (tensor<2x3xi1>) -> tensor<2x3xf16>
// CHECK: "mly.cast"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf32>
// CHECK: "mly.add"

func.func @binary(%x: tensor<4xf32>, %y: tensor<4xf32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> tensor<4xf32> {
  %0 = "mly.add"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.sub"(%0, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.mul"(%1, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "mly.div"(%2, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "mly.max"(%3, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %5 = "mly.min"(%4, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %6 = "mly.pow"(%5, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %7 = "mly.and"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %8 = "mly.or"(%7, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %9 = "mly.cmp"(%6, %x) {predicate = "lt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %10 = "mly.and"(%8, %9) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %11 = "mly.select"(%10, %x, %6) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %11 : tensor<4xf32>
}
// CHECK-LABEL: func.func @binary
// CHECK: "mly.add"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: "mly.sub"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: "mly.mul"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: "mly.div"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: "mly.max"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: "mly.min"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: "mly.pow"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: "mly.and"(%{{.*}}, %{{.*}}) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
// CHECK: "mly.or"(%{{.*}}, %{{.*}}) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
// CHECK: "mly.cmp"(%{{.*}}, %{{.*}}) {predicate = "lt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// CHECK: "mly.and"
// CHECK: "mly.select"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>

func.func @values() -> (tensor<2x3xf32>, tensor<2x3xi32>) {
  %0 = "mly.constant"() {value = dense<1.5> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %1 = "mly.iota"() {dim = 1 : i64} : () -> tensor<2x3xi32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xi32>
}
// CHECK-LABEL: func.func @values
// CHECK: "mly.constant"() {value = dense<1.500000e+00> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
// CHECK: "mly.iota"() {dim = 1 : i64} : () -> tensor<2x3xi32>

func.func @data_movement(%x: tensor<3xf32>, %y: tensor<2x3xf32>, %i: tensor<5xi64>, %j: tensor<2x4xi64>) -> tensor<4x3xf32> {
  %0 = "mly.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "mly.reshape"(%0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %2 = "mly.transpose"(%1) {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %3 = "mly.slice"(%2) {start_indices = array<i64: 0, 1>, limit_indices = array<i64: 2, 3>, strides = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %4 = "mly.pad"(%3) {low = array<i64: 0, 1>, high = array<i64: 0, 1>, value = 0.0 : f32} : (tensor<2x1xf32>) -> tensor<2x3xf32>
  %5 = "mly.concat"(%4, %y) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %6 = "mly.gather"(%5, %i) {dim = 0 : i64, mode = "take"} : (tensor<4x3xf32>, tensor<5xi64>) -> tensor<5x3xf32>
  %7 = "mly.gather"(%5, %j) {dim = 1 : i64, mode = "along"} : (tensor<4x3xf32>, tensor<2x4xi64>) -> tensor<2x4xf32>
  return %5 : tensor<4x3xf32>
}
// CHECK-LABEL: func.func @data_movement
// CHECK: "mly.broadcast_in_dim"(%{{.*}}) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: "mly.reshape"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: "mly.transpose"(%{{.*}}) {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
// CHECK: "mly.slice"(%{{.*}}) {limit_indices = array<i64: 2, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK: "mly.pad"(%{{.*}}) {high = array<i64: 0, 1>, low = array<i64: 0, 1>, value = 0.000000e+00 : f32} : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK: "mly.concat"(%{{.*}}, %{{.*}}) {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK: "mly.gather"(%{{.*}}, %{{.*}}) {dim = 0 : i64, mode = "take"} : (tensor<4x3xf32>, tensor<5xi64>) -> tensor<5x3xf32>
// CHECK: "mly.gather"(%{{.*}}, %{{.*}}) {dim = 1 : i64, mode = "along"} : (tensor<4x3xf32>, tensor<2x4xi64>) -> tensor<2x4xf32>

func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<2x1x1xf32>, tensor<3xf32>, tensor<2x3x4xf32>) {
  %0 = "mly.reduce"(%x) {kind = "sum", dims = array<i64: 1, 2>, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  %1 = "mly.reduce"(%x) {kind = "max", dims = array<i64: 2, 0>, keepdim = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %2 = "mly.scan"(%x) {dim = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2 : tensor<2x1x1xf32>, tensor<3xf32>, tensor<2x3x4xf32>
}
// CHECK-LABEL: func.func @reductions
// CHECK: "mly.reduce"(%{{.*}}) {dims = array<i64: 1, 2>, keepdim = true, kind = "sum"} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
// CHECK: "mly.reduce"(%{{.*}}) {dims = array<i64: 2, 0>, keepdim = false, kind = "max"} : (tensor<2x3x4xf32>) -> tensor<3xf32>
// CHECK: "mly.scan"(%{{.*}}) {dim = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>

func.func @contractions(%a: tensor<2x4x3xf32>, %b: tensor<2x5x3xf32>, %x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>, %bias: tensor<6xf32>) -> (tensor<2x4x5xf32>, tensor<1x6x4x4xf32>, tensor<1x6x8x8xf32>, tensor<1x4x4x4xf32>) {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = true} : (tensor<2x4x3xf32>, tensor<2x5x3xf32>) -> tensor<2x4x5xf32>
  %1 = "mly.conv"(%x, %w, %bias) {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x4xf32>
  %2 = "mly.conv"(%x, %w) {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 2, 2>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x8x8xf32>
  %3 = "mly.pool"(%x) {kind = "max", window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, count_include_pad = false} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return %0, %1, %2, %3 : tensor<2x4x5xf32>, tensor<1x6x4x4xf32>, tensor<1x6x8x8xf32>, tensor<1x4x4x4xf32>
}
// CHECK-LABEL: func.func @contractions
// CHECK: "mly.matmul"(%{{.*}}, %{{.*}}) {transpose_lhs = false, transpose_rhs = true} : (tensor<2x4x3xf32>, tensor<2x5x3xf32>) -> tensor<2x4x5xf32>
// CHECK: "mly.conv"(%{{.*}}, %{{.*}}, %{{.*}}) {dilation = array<i64: 1, 1>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 1>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x4xf32>
// CHECK: "mly.conv"(%{{.*}}, %{{.*}}) {dilation = array<i64: 2, 2>, groups = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>, padding = array<i64: 2, 2>, stride = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x8x8xf32>
// CHECK: "mly.pool"(%{{.*}}) {count_include_pad = false, dilation = array<i64: 1, 1>, kind = "max", padding = array<i64: 0, 0>, stride = array<i64: 2, 2>, window = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
