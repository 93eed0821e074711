// RUN: mly-opt %s --mly-verify-rewrites --mly-canonicalize --mly-smt-timeout-ms=10000 --mly-verify-report=%t.json | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.json

// Each canonicalization applied here is checked with Z3 on its sampled
// instance, in real arithmetic and in IEEE: the module gets the table of
// outcomes, the report the counts. Chains, identities, folds (f16, where
// real mode evaluates constants as their type), broadcasts sunk past
// elementwise ops and transposes absorbed into matmul flags are all proven
// and bit-identical.
// CHECK: module attributes {mly.verified_rewrites = {"mly.add:broadcast-sink" = "real=proven ieee=identical", "mly.add:fold" = "real=proven ieee=identical", "mly.add:identity" = "real=proven ieee=identical", "mly.matmul:transpose-flags" = "real=proven ieee=identical", "mly.reshape:chain" = "real=proven ieee=identical", "mly.select:identity" = "real=proven ieee=identical", "mly.transpose:chain" = "real=proven ieee=identical"}}
// REPORT: {"pass": "mly-verify-rewrites", "kinds": [{"kind": "mly.add:broadcast-sink", "count": 1, "real": "proven", "ieee": "identical", "max_ms": {{[0-9.]+}}}, {"kind": "mly.add:fold", "count": 1, "real": "proven", "ieee": "identical", "max_ms": {{[0-9.]+}}}, {"kind": "mly.add:identity", "count": 1, "real": "proven", "ieee": "identical", "max_ms": {{[0-9.]+}}}, {"kind": "mly.matmul:transpose-flags", "count": 1, "real": "proven", "ieee": "identical", "max_ms": {{[0-9.]+}}}, {"kind": "mly.reshape:chain", "count": 1, "real": "proven", "ieee": "identical", "max_ms": {{[0-9.]+}}}, {"kind": "mly.select:identity", "count": 1, "real": "proven", "ieee": "identical", "max_ms": {{[0-9.]+}}}, {"kind": "mly.transpose:chain", "count": 1, "real": "proven", "ieee": "identical", "max_ms": {{[0-9.]+}}}], "smt": {"queries": {{[0-9]+}}, "sat": 0, "unsat": {{[0-9]+}}, "unknown": 0,
func.func @rewrites(%x: tensor<2x3xf32>, %a: tensor<3xf32>, %b: tensor<3xf32>, %w: tensor<4x3xf32>, %c: tensor<3xi1>) -> (tensor<6xf32>, tensor<2x3xf32>, tensor<2xf16>, tensor<2x3xf32>, tensor<2x4xf32>, tensor<3xf32>, tensor<2x3xf32>) {
  %r1 = "mly.reshape"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %r2 = "mly.reshape"(%r1) : (tensor<3x2xf32>) -> tensor<6xf32>
  %t1 = "mly.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %t2 = "mly.transpose"(%t1) {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %h1 = "mly.constant"() {value = dense<[1.0, 2.5]> : tensor<2xf16>} : () -> tensor<2xf16>
  %h2 = "mly.constant"() {value = dense<[1.0e-4, 3.0e-3]> : tensor<2xf16>} : () -> tensor<2xf16>
  %h = "mly.add"(%h1, %h2) : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  %nz = "mly.constant"() {value = dense<-0.0> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %z = "mly.add"(%x, %nz) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %wt = "mly.transpose"(%w) {permutation = array<i64: 1, 0>} : (tensor<4x3xf32>) -> tensor<3x4xf32>
  %m = "mly.matmul"(%x, %wt) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %true = "mly.constant"() {value = dense<true> : tensor<3xi1>} : () -> tensor<3xi1>
  %s = "mly.select"(%true, %a, %b) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %ba = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %bb = "mly.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %sum = "mly.add"(%ba, %bb) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r2, %t2, %h, %z, %m, %s, %sum : tensor<6xf32>, tensor<2x3xf32>, tensor<2xf16>, tensor<2x3xf32>, tensor<2x4xf32>, tensor<3xf32>, tensor<2x3xf32>
}
