// RUN: mly-opt %s --split-input-file --verify-diagnostics
// Elementwise rules: mly has no implicit broadcast or promotion.

// unary: result shape differs from the input's
func.func @f0(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.neg' op result shape 3 does not match input shape 4}}
  %0 = "mly.neg"(%a) : (tensor<4xf32>) -> tensor<3xf32>
  return
}

// -----

// unary: no implicit promotion
func.func @f1(%a: tensor<4xf16>) {
  // expected-error @+1 {{'mly.abs' op result element type f32 does not match input element type f16}}
  %0 = "mly.abs"(%a) : (tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

// float-only unary on integers
func.func @f2(%a: tensor<4xi32>) {
  // expected-error @+1 {{'mly.exp' op input element type i32 is not a float type}}
  %0 = "mly.exp"(%a) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

// float-only unary: floor shares the rule
func.func @f3(%a: tensor<2x2xi8>) {
  // expected-error @+1 {{'mly.floor' op input element type i8 is not a float type}}
  %0 = "mly.floor"(%a) : (tensor<2x2xi8>) -> tensor<2x2xi8>
  return
}

// -----

// float-only unary: shape is checked before the element class
func.func @f4(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.sqrt' op result shape 4x1 does not match input shape 4}}
  %0 = "mly.sqrt"(%a) : (tensor<4xf32>) -> tensor<4x1xf32>
  return
}

// -----

// not takes i1 only
func.func @f5(%a: tensor<4xi32>) {
  // expected-error @+1 {{'mly.not' op input element type i32 is not i1}}
  %0 = "mly.not"(%a) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

// not: result must be i1 too
func.func @f6(%a: tensor<4xi1>) {
  // expected-error @+1 {{'mly.not' op result element type i8 does not match input element type i1}}
  %0 = "mly.not"(%a) : (tensor<4xi1>) -> tensor<4xi8>
  return
}

// -----

// cast changes the element type only
func.func @f7(%a: tensor<4xf32>) {
  // expected-error @+1 {{'mly.cast' op result shape 2x2 does not match input shape 4}}
  %0 = "mly.cast"(%a) : (tensor<4xf32>) -> tensor<2x2xi32>
  return
}

// -----

// binary: no implicit broadcast
func.func @f8(%a: tensor<4xf32>, %b: tensor<1xf32>) {
  // expected-error @+1 {{'mly.add' op rhs shape 1 does not match lhs shape 4}}
  %0 = "mly.add"(%a, %b) : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return
}

// -----

// binary: no implicit promotion between operands
func.func @f9(%a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{'mly.mul' op rhs element type f16 does not match lhs element type f32}}
  %0 = "mly.mul"(%a, %b) : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

// binary: result shape
func.func @f10(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.pow' op result shape 1x4 does not match lhs shape 4}}
  %0 = "mly.pow"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  return
}

// -----

// binary: result element type
func.func @f11(%a: tensor<4xi32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{'mly.div' op result element type f32 does not match lhs element type i32}}
  %0 = "mly.div"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xf32>
  return
}

// -----

// and/or take i1 only
func.func @f12(%a: tensor<4xi32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{'mly.and' op lhs element type i32 is not i1}}
  %0 = "mly.and"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

// or shares the rule; shapes first
func.func @f13(%a: tensor<4xi1>, %b: tensor<3xi1>) {
  // expected-error @+1 {{'mly.or' op rhs shape 3 does not match lhs shape 4}}
  %0 = "mly.or"(%a, %b) : (tensor<4xi1>, tensor<3xi1>) -> tensor<4xi1>
  return
}

// -----

// cmp: unknown predicate
func.func @f14(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.cmp' op attribute 'predicate' is 'lte', expected one of 'eq', 'ne', 'lt', 'le', 'gt', 'ge'}}
  %0 = "mly.cmp"(%a, %b) {predicate = "lte"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

// cmp: operands of one type
func.func @f15(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{'mly.cmp' op rhs element type i32 does not match lhs element type f32}}
  %0 = "mly.cmp"(%a, %b) {predicate = "eq"} : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xi1>
  return
}

// -----

// cmp: result has the operands' shape
func.func @f16(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.cmp' op result shape 2 does not match lhs shape 4}}
  %0 = "mly.cmp"(%a, %b) {predicate = "eq"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<2xi1>
  return
}

// -----

// cmp: result is i1
func.func @f17(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.cmp' op result element type f32 is not i1}}
  %0 = "mly.cmp"(%a, %b) {predicate = "ge"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// select: condition is i1
func.func @f18(%c: tensor<4xi8>, %a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.select' op condition element type i8 is not i1}}
  %0 = "mly.select"(%c, %a, %b) : (tensor<4xi8>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// select: condition has the result's shape (no broadcast)
func.func @f19(%c: tensor<1xi1>, %a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.select' op condition shape 1 does not match result shape 4}}
  %0 = "mly.select"(%c, %a, %b) : (tensor<1xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// select: on_true has the result's type
func.func @f20(%c: tensor<4xi1>, %a: tensor<4xf16>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'mly.select' op on_true element type f16 does not match result element type f32}}
  %0 = "mly.select"(%c, %a, %b) : (tensor<4xi1>, tensor<4xf16>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// select: on_false has the result's type
func.func @f21(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<2x2xf32>) {
  // expected-error @+1 {{'mly.select' op on_false shape 2x2 does not match result shape 4}}
  %0 = "mly.select"(%c, %a, %b) : (tensor<4xi1>, tensor<4xf32>, tensor<2x2xf32>) -> tensor<4xf32>
  return
}

// -----

// IRDL: unary with two operands
func.func @f22(%a: tensor<4xf32>) {
  // expected-error @+2 {{expects exactly 1 operands, but got 2}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.tanh"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// IRDL: binary with one operand
func.func @f23(%a: tensor<4xf32>) {
  // expected-error @+2 {{expects exactly 2 operands, but got 1}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.sub"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// IRDL: operands are tensors
func.func @f24(%a: vector<4xf32>) {
  // expected-error @+2 {{expected base type 'builtin.tensor' but got 'builtin.vector'}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.sin"(%a) : (vector<4xf32>) -> tensor<4xf32>
  return
}

// -----

// IRDL: cmp without a predicate
func.func @f25(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{'mly.cmp' op attribute "predicate" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.cmp"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

// IRDL: cmp predicate is a string
func.func @f26(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{expected base attribute 'builtin.string' but got 'builtin.integer'}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.cmp"(%a, %b) {predicate = 1 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

// only static shapes reach the rules
func.func @f27(%a: tensor<?xf32>) {
  // expected-error @+1 {{'mly.cos' op operand #0 has a dynamic dim 0; only static shapes are supported}}
  %0 = "mly.cos"(%a) : (tensor<?xf32>) -> tensor<?xf32>
  return
}
