// Each relaxation of mly-bounds' CROWN on a one-op case (function result
// ranges; IBP's in the comments): relu as max(x, 0) inactive, active and
// crossing (triangle, adaptive lower slope 1), tanh and sigmoid (S-shaped:
// tangents through an endpoint when crossing 0, chord/tangent on one
// side), exp (chord above, tangent below), matmul with constants on either
// side (transposes), an unbounded input, and the fallback of an op without
// a relaxation (reduce max) to its IBP range as a new input box, which the
// report names; then --mly-bounds-method rejects other names.
// RUN: mly-opt %s --mly-bounds --mly-bounds-method=crown --mly-bounds-report=%t.json | FileCheck %s
// RUN: FileCheck %s --input-file=%t.json --check-prefix=REPORT
// RUN: not mly-opt %s --mly-bounds --mly-bounds-method=deeppoly 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-LABEL: func.func @relu_inactive
// CHECK-SAME: mly.range = array<f64: 2.000000e+00, 4.000000e+00>
// CHECK-LABEL: func.func @relu_active
// IBP: [-2, 2]
// CHECK-SAME: mly.range = array<f64: -1.1920946008103783E-7, 1.1920946008103783E-7>
// CHECK-LABEL: func.func @relu_crossing
// IBP: [-3, 4]; exact: [0, 1]
// CHECK-SAME: mly.range = array<f64: -2.3842039809096605E-7, 1.0000005960464478>
// CHECK-LABEL: func.func @tanh
// IBP: +-1.2616; exact: +-0.2658
// CHECK-SAME: mly.range = array<f64: -0.37084382772445679, 0.37084382772445679>
// CHECK-LABEL: func.func @sigmoid
// IBP: [0.3225, 0.9026]; exact: [0.5725, 0.6813]
// CHECK-SAME: mly.range = array<f64: 0.57245880365371704, 0.70961487293243408>
// CHECK-LABEL: func.func @exp
// IBP: [-0.6321, 3.7183]; exact: [1, 1.7183]
// CHECK-SAME: mly.range = array<f64: 0.98999863862991333, 1.7182834148406982>
// CHECK-LABEL: func.func @matmul
// exact: +-6 (element [0, 1])
// CHECK-SAME: mly.range = array<f64: -6.0000019073486328, 6.0000019073486328>
// CHECK-LABEL: func.func @unbounded
// CHECK-SAME: mly.range = array<f64: -1.000000e+00, 0x7FF0000000000000>
// CHECK-LABEL: func.func @fallback
// IBP: [-2, 2]; m + -m with m a box is 0
// CHECK-SAME: mly.range = array<f64: -1.1920941744847369E-7, 1.1920941744847369E-7>

// REPORT: {"pass": "mly-bounds", "method": "crown"
// REPORT-SAME: {"func": "fallback", "op": "mly.reduce", "loc": "the_max", "result": 0, "range": [-1, 1], "method": "crown", "width": 2, "ibp_width": 2, "may_nan": false}
// REPORT-SAME: "remarks": ["fallback: 'mly.reduce' at the_max: no linear relaxation; CROWN uses its IBP range as a new input box"]}
// BAD: --mly-bounds-method wants 'ibp' or 'crown', got 'deeppoly'

func.func @relu_inactive(%x: tensor<1xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<1xf32> {
  %c = "mly.constant"() {value = dense<-3.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "mly.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %p = "mly.add"(%x, %c) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %r = "mly.max"(%p, %z) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %s = "mly.sub"(%r, %p) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
func.func @relu_active(%x: tensor<1xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<1xf32> {
  %c = "mly.constant"() {value = dense<3.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "mly.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %p = "mly.add"(%x, %c) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %r = "mly.max"(%p, %z) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %s = "mly.sub"(%r, %p) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
func.func @relu_crossing(%x: tensor<1xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<1xf32> {
  %w = "mly.constant"() {value = dense<2.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = "mly.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "mly.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %m = "mly.mul"(%x, %w) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %p = "mly.add"(%m, %c) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %r = "mly.max"(%p, %z) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %s = "mly.sub"(%r, %p) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
func.func @tanh(%x: tensor<1xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<1xf32> {
  %h = "mly.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %t = "mly.tanh"(%x) : (tensor<1xf32>) -> tensor<1xf32>
  %m = "mly.mul"(%x, %h) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %s = "mly.sub"(%t, %m) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
func.func @sigmoid(%x: tensor<1xf32> {mly.range = array<f64: 0.5, 3.0>}) -> tensor<1xf32> {
  %h = "mly.constant"() {value = dense<0.1> : tensor<1xf32>} : () -> tensor<1xf32>
  %t = "mly.sigmoid"(%x) : (tensor<1xf32>) -> tensor<1xf32>
  %m = "mly.mul"(%x, %h) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  %s = "mly.sub"(%t, %m) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
func.func @exp(%x: tensor<1xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<1xf32> {
  %t = "mly.exp"(%x) : (tensor<1xf32>) -> tensor<1xf32>
  %s = "mly.sub"(%t, %x) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
func.func @matmul(%x: tensor<2x2xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<2x2xf32> {
  %w = "mly.constant"() {value = dense<[[1.0, 1.0], [1.0, -1.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %m = "mly.matmul"(%w, %x) {transpose_lhs = true, transpose_rhs = false} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %n = "mly.matmul"(%m, %w) {transpose_lhs = false, transpose_rhs = true} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %s = "mly.sub"(%n, %m) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}
func.func @unbounded(%x: tensor<2xf32>) -> tensor<2xf32> {
  %z = "mly.constant"() {value = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %r = "mly.max"(%x, %z) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %t = "mly.tanh"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %s = "mly.add"(%r, %t) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %s : tensor<2xf32>
}
func.func @fallback(%x: tensor<2xf32> {mly.range = array<f64: -1.0, 1.0>}) -> tensor<1xf32> {
  %m = "mly.reduce"(%x) {dims = array<i64: 0>, keepdim = true, kind = "max"} : (tensor<2xf32>) -> tensor<1xf32> loc("the_max")
  %n = "mly.neg"(%m) : (tensor<1xf32>) -> tensor<1xf32>
  %s = "mly.add"(%m, %n) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %s : tensor<1xf32>
}
