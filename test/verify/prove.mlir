// RUN: mly-opt %s --split-input-file --mly-prove --mly-smt-timeout-ms=10000 --mly-verify-report=%t.json | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.json
// RUN: mly-opt %s --split-input-file --mly-prove --mly-smt-timeout-ms=1 | FileCheck %s --check-prefix=TINY

// relu over [-1, 1] lies in [0, 1]: the IBP range proves it.
// CHECK-LABEL: func.func @relu
// CHECK-SAME: -> (tensor<4xf32> {mly.ensures = array<f64: 0.000000e+00, 1.000000e+00>, mly.proof = "ibp"})
// REPORT: {"pass": "mly-prove", "contracts": [{"func": "relu", "result": 0, "ensures": [0, 1], "outcome": "ibp", "ibp": [0, 1], "crown": [0, 1]}], "smt": {"queries": 0,
// TINY: mly.proof = "ibp"
func.func @relu(%x: tensor<4xf32> {mly.requires = array<f64: -1.0, 1.0>}) -> (tensor<4xf32> {mly.ensures = array<f64: 0.0, 1.0>}) {
  %z = "mly.constant"() {value = dense<0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %r = "mly.max"(%x, %z) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// |x| as select(x > 0, x, -x): IBP and CROWN take the hull of both
// branches, [-1, 1]; Z3 (IEEE f32) proves [0, 1]. With a 1 ms timeout
// the query is `unknown`.
// CHECK-LABEL: func.func @abs_select
// CHECK-SAME: mly.proof = "z3"
// REPORT: {"pass": "mly-prove", "contracts": [{"func": "abs_select", "result": 0, "ensures": [0, 1], "outcome": "z3", "ibp": [-1, 1], "crown": [-1, 1]}], "smt": {"queries": 1, "sat": 0, "unsat": 1, "unknown": 0,
// TINY-LABEL: func.func @abs_select
// TINY-SAME: mly.proof = "unknown: Z3 timed out"
func.func @abs_select(%x: tensor<2xf32> {mly.requires = array<f64: -1.0, 1.0>}) -> (tensor<2xf32> {mly.ensures = array<f64: 0.0, 1.0>}) {
  %z = "mly.constant"() {value = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %c = "mly.cmp"(%x, %z) {predicate = "gt"} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>
  %n = "mly.neg"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %r = "mly.select"(%c, %x, %n) : (tensor<2xi1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// Over the scalar limit (64 inputs) Z3 is not tried: unknown.
// CHECK-LABEL: func.func @large
// CHECK-SAME: mly.proof = "unknown: over the scalar limit"
// REPORT: {"pass": "mly-prove", "contracts": [{"func": "large", "result": 0, "ensures": [0, 1], "outcome": "unknown: over the scalar limit", "ibp": [-1, 1], "crown": [-1, 1]}], "smt": {"queries": 0,
// TINY: mly.proof = "unknown: over the scalar limit"
func.func @large(%x: tensor<65xf32> {mly.requires = array<f64: -1.0, 1.0>}) -> (tensor<65xf32> {mly.ensures = array<f64: 0.0, 1.0>}) {
  %z = "mly.constant"() {value = dense<0.0> : tensor<65xf32>} : () -> tensor<65xf32>
  %c = "mly.cmp"(%x, %z) {predicate = "gt"} : (tensor<65xf32>, tensor<65xf32>) -> tensor<65xi1>
  %n = "mly.neg"(%x) : (tensor<65xf32>) -> tensor<65xf32>
  %r = "mly.select"(%c, %x, %n) : (tensor<65xi1>, tensor<65xf32>, tensor<65xf32>) -> tensor<65xf32>
  return %r : tensor<65xf32>
}
