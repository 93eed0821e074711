// RUN: mly-opt %s --split-input-file --mly-canonicalize | FileCheck %s

// x * 1 and 1 * x are x, for floats and integers.
// CHECK-LABEL: func.func @mul_one
// CHECK-NEXT: return %arg0, %arg0, %arg1
func.func @mul_one(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi32>) {
  %one = "mly.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %ione = "mly.constant"() {value = dense<1> : tensor<4xi32>} : () -> tensor<4xi32>
  %0 = "mly.mul"(%x, %one) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.mul"(%one, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.mul"(%i, %ione) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xi32>
}

// -----
// Multiplying by a constant that is not 1 everywhere, or by -1, stays.
// CHECK-LABEL: func.func @mul_not_one
// CHECK-COUNT-2: "mly.mul"
// CHECK-NEXT: return
func.func @mul_not_one(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %a = "mly.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %b = "mly.constant"() {value = dense<-1.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %0 = "mly.mul"(%x, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = "mly.mul"(%x, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// -----
// x / 1 is x; 1 / x is not.
// CHECK-LABEL: func.func @div_one
// CHECK-NEXT: %[[C:.*]] = "mly.constant"() {value = dense<1.000000e+00> : tensor<4xf16>}
// CHECK-NEXT: %[[D:.*]] = "mly.div"(%[[C]], %arg0)
// CHECK-NEXT: return %arg0, %[[D]]
func.func @div_one(%x: tensor<4xf16>) -> (tensor<4xf16>, tensor<4xf16>) {
  %one = "mly.constant"() {value = dense<1.0> : tensor<4xf16>} : () -> tensor<4xf16>
  %0 = "mly.div"(%x, %one) : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %1 = "mly.div"(%one, %x) : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return %0, %1 : tensor<4xf16>, tensor<4xf16>
}

// -----
// Integer x + 0, 0 + x and x - 0 are x.
// CHECK-LABEL: func.func @add_zero_int
// CHECK-NEXT: return %arg0, %arg0, %arg0
func.func @add_zero_int(%x: tensor<4xi64>) -> (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) {
  %z = "mly.constant"() {value = dense<0> : tensor<4xi64>} : () -> tensor<4xi64>
  %0 = "mly.add"(%x, %z) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %1 = "mly.add"(%z, %x) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %2 = "mly.sub"(%x, %z) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %0, %1, %2 : tensor<4xi64>, tensor<4xi64>, tensor<4xi64>
}

// -----
// Float zeros fold only where exact for x = -0.0 too: x + -0.0, -0.0 + x,
// x - +0.0.
// CHECK-LABEL: func.func @add_zero_float_exact
// CHECK-NEXT: return %arg0, %arg0, %arg0
func.func @add_zero_float_exact(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %nz = "mly.constant"() {value = dense<-0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %pz = "mly.constant"() {value = dense<0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "mly.add"(%x, %nz) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.add"(%nz, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.sub"(%x, %pz) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----
// x + +0.0 and x - -0.0 turn x = -0.0 into +0.0, and 0 - x is -x: they
// stay.
// CHECK-LABEL: func.func @add_zero_float_inexact
// CHECK-COUNT-2: "mly.add"
// CHECK-COUNT-2: "mly.sub"
// CHECK-NEXT: return
func.func @add_zero_float_inexact(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %nz = "mly.constant"() {value = dense<-0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %pz = "mly.constant"() {value = dense<0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "mly.add"(%x, %pz) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.add"(%pz, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.sub"(%x, %nz) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "mly.sub"(%pz, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----
// select on a splat condition is one of its operands.
// CHECK-LABEL: func.func @select_splat
// CHECK-NEXT: return %arg0, %arg1
func.func @select_splat(%a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %t = "mly.constant"() {value = dense<true> : tensor<3xi1>} : () -> tensor<3xi1>
  %f = "mly.constant"() {value = dense<false> : tensor<3xi1>} : () -> tensor<3xi1>
  %0 = "mly.select"(%t, %a, %b) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "mly.select"(%f, %a, %b) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----
// A condition that differs per element, or is not a constant, keeps the
// select.
// CHECK-LABEL: func.func @select_mixed
// CHECK: %[[C:.*]] = "mly.constant"() {value = dense<[true, false, true]> : tensor<3xi1>}
// CHECK-NEXT: %[[S:.*]] = "mly.select"(%[[C]], %arg0, %arg1)
// CHECK-NEXT: %[[T:.*]] = "mly.select"(%arg2, %arg0, %arg1)
// CHECK-NEXT: return %[[S]], %[[T]]
func.func @select_mixed(%a: tensor<3xf32>, %b: tensor<3xf32>, %c: tensor<3xi1>) -> (tensor<3xf32>, tensor<3xf32>) {
  %m = "mly.constant"() {value = dense<[true, false, true]> : tensor<3xi1>} : () -> tensor<3xi1>
  %0 = "mly.select"(%m, %a, %b) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "mly.select"(%c, %a, %b) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}
