// The reference interpreter gives bit-identical outputs before and after
// mly-canonicalize (-0.0, NaN and inf inputs included).
// RUN: mly-opt %s --mly-canonicalize -o %t.mlir
// RUN: FileCheck %s --check-prefix=IR < %t.mlir
// RUN: mly-run %s --backend interp --entry=f --input 2x3xf32:-0,nan,inf,1.5,-2.25,1e30 --input 4xf16:-0,0.1,-65504,nan --print --outputs=%t.before.safetensors > %t.before.txt
// RUN: mly-run %t.mlir --backend interp --entry=f --input 2x3xf32:-0,nan,inf,1.5,-2.25,1e30 --input 4xf16:-0,0.1,-65504,nan --print --outputs=%t.after.safetensors > %t.after.txt
// RUN: diff %t.before.txt %t.after.txt
// RUN: cmp %t.before.safetensors %t.after.safetensors
// RUN: FileCheck %s --check-prefix=OUT < %t.after.txt

// Every rewrite fired: three transposes are one, no identity, chain or
// foldable op is left.
// IR-LABEL: func.func @f
// IR-NEXT: "mly.transpose"(%arg0) {permutation = array<i64: 1, 0>}
// IR-NOT: "mly.transpose"
// IR-NOT: "mly.reshape"
// IR-NOT: "mly.cast"
// IR-NOT: "mly.select"
// IR-NOT: "mly.sigmoid"
// IR: return

// OUT: output_0: tensor<2x3xf32> = [-0, nan, inf, 1.5, -2.25, 1e+30]
// OUT: output_2: tensor<4x4xf16> = [0, -0.0999756, 65504, {{-?}}nan,
// OUT: output_4: tensor<4x4xi1> = [1, 1, 1, 0,
func.func @f(%x: tensor<2x3xf32>, %h: tensor<4xf16>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<4x4xf16>, tensor<2x3xf32>, tensor<4x4xi1>, tensor<2x3xf32>) {
  // Identities and chains.
  %one = "mly.constant"() {value = dense<1.0> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %nz = "mly.constant"() {value = dense<-0.0> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %0 = "mly.mul"(%x, %one) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "mly.add"(%0, %nz) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "mly.reshape"(%1) : (tensor<2x3xf32>) -> tensor<6xf32>
  %3 = "mly.reshape"(%2) : (tensor<6xf32>) -> tensor<2x3xf32>
  %t = "mly.transpose"(%3) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %tt = "mly.transpose"(%t) {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %t3 = "mly.transpose"(%tt) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // Lossless cast chain, then broadcast motion of a unary op.
  %h1 = "mly.cast"(%h) : (tensor<4xf16>) -> tensor<4xf32>
  %h2 = "mly.cast"(%h1) : (tensor<4xf32>) -> tensor<4xf16>
  %hb = "mly.broadcast_in_dim"(%h2) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf16>) -> tensor<4x4xf16>
  %hn = "mly.neg"(%hb) : (tensor<4x4xf16>) -> tensor<4x4xf16>
  // Folded constants feed a real op.
  %c = "mly.constant"() {value = dense<[[0.5, -1.0, 2.0], [3.0, 0.0, -0.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %cs = "mly.sigmoid"(%c) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %ce = "mly.exp"(%cs) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = "mly.mul"(%tt, %ce) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // Binary broadcast motion with a cmp; select on a splat condition.
  %b1 = "mly.broadcast_in_dim"(%h) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf16>) -> tensor<4x4xf16>
  %b2 = "mly.broadcast_in_dim"(%h2) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf16>) -> tensor<4x4xf16>
  %lt = "mly.cmp"(%b1, %b2) {predicate = "le"} : (tensor<4x4xf16>, tensor<4x4xf16>) -> tensor<4x4xi1>
  %true = "mly.constant"() {value = dense<true> : tensor<2x3xi1>} : () -> tensor<2x3xi1>
  %s = "mly.select"(%true, %x, %y) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %tt, %t3, %hn, %y, %lt, %s : tensor<2x3xf32>, tensor<3x2xf32>, tensor<4x4xf16>, tensor<2x3xf32>, tensor<4x4xi1>, tensor<2x3xf32>
}
