// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Semantic rules of aten's elementwise ops: broadcasting, result shapes and
// dtypes (comparisons give i1, float math gives floats, a float operand never
// gives an integer result).

// add: operands must broadcast
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<4xf32>) {
  // expected-error @+1 {{'aten.add' op self shape 2x3 and other shape 4 do not broadcast (dim 1)}}
  %0 = "aten.add"(%a0, %a1) {alpha = 1 : i64} : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// add: the result has the broadcast shape
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<3xf32>) {
  // expected-error @+1 {{'aten.add' op result shape is 3x3, expected 2x3}}
  %0 = "aten.add"(%a0, %a1) {alpha = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

// sub: a float operand cannot give an integer result
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<2x3xi64>) {
  // expected-error @+1 {{'aten.sub' op result element type i64 cannot hold self element type f32}}
  %0 = "aten.sub"(%a0, %a1) {alpha = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xi64>) -> tensor<2x3xi64>
  return
}

// -----

// mul: the 0-d Scalar operand is checked too
func.func @f(%a0: tensor<4xi32>, %a1: tensor<f64>) {
  // expected-error @+1 {{'aten.mul' op result element type i32 cannot hold other element type f64}}
  %0 = "aten.mul"(%a0, %a1) : (tensor<4xi32>, tensor<f64>) -> tensor<4xi32>
  return
}

// -----

// div: result shape
func.func @f(%a0: tensor<4xf32>, %a1: tensor<4xf32>) {
  // expected-error @+1 {{'aten.div' op result shape is 1, expected 4}}
  %0 = "aten.div"(%a0, %a1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<1xf32>
  return
}

// -----

// pow: exponent must broadcast
func.func @f(%a0: tensor<4xf32>, %a1: tensor<3xf32>) {
  // expected-error @+1 {{'aten.pow' op self shape 4 and exponent shape 3 do not broadcast (dim 0)}}
  %0 = "aten.pow"(%a0, %a1) : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

// neg: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.neg' op result shape 3x2 does not match operand shape 2x3}}
  %0 = "aten.neg"(%a0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// relu: float operand, integer result
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.relu' op result element type i64 cannot hold operand element type f32}}
  %0 = "aten.relu"(%a0) : (tensor<2x3xf32>) -> tensor<2x3xi64>
  return
}

// -----

// hardtanh: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.hardtanh' op result shape 2 does not match operand shape 2x3}}
  %0 = "aten.hardtanh"(%a0) {min_val = -1.0 : f64, max_val = 1.0 : f64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// clamp: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.clamp' op result shape 2x3x1 does not match operand shape 2x3}}
  %0 = "aten.clamp"(%a0) {min = 0.0 : f64, max = 6.0 : f64} : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
  return
}

// -----

// exp: float result
func.func @f(%a0: tensor<2x3xi64>) {
  // expected-error @+1 {{'aten.exp' op result element type i64 is not a float type}}
  %0 = "aten.exp"(%a0) : (tensor<2x3xi64>) -> tensor<2x3xi64>
  return
}

// -----

// sqrt: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.sqrt' op result shape 6 does not match operand shape 2x3}}
  %0 = "aten.sqrt"(%a0) : (tensor<2x3xf32>) -> tensor<6xf32>
  return
}

// -----

// rsqrt: float result
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.rsqrt' op result element type i1 is not a float type}}
  %0 = "aten.rsqrt"(%a0) : (tensor<2xf32>) -> tensor<2xi1>
  return
}

// -----

// log: float result
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.log' op result element type i32 is not a float type}}
  %0 = "aten.log"(%a0) : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

// tanh: float result
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.tanh' op result element type i32 is not a float type}}
  %0 = "aten.tanh"(%a0) : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

// sigmoid: same shape
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.sigmoid' op result shape 3 does not match operand shape 2}}
  %0 = "aten.sigmoid"(%a0) : (tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

// sin: float result
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.sin' op result element type i32 is not a float type}}
  %0 = "aten.sin"(%a0) : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

// cos: same shape
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.cos' op result shape 3 does not match operand shape 2}}
  %0 = "aten.cos"(%a0) : (tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

// silu: float result
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.silu' op result element type i8 is not a float type}}
  %0 = "aten.silu"(%a0) : (tensor<2xf32>) -> tensor<2xi8>
  return
}

// -----

// hardswish: float result
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.hardswish' op result element type i8 is not a float type}}
  %0 = "aten.hardswish"(%a0) : (tensor<2xf32>) -> tensor<2xi8>
  return
}

// -----

// gelu: approximate is "none" or "tanh"
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.gelu' op attribute 'approximate' is 'fast', expected one of 'none', 'tanh'}}
  %0 = "aten.gelu"(%a0) {approximate = "fast"} : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// gelu: float result
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.gelu' op result element type i32 is not a float type}}
  %0 = "aten.gelu"(%a0) {approximate = "none"} : (tensor<2xf32>) -> tensor<2xi32>
  return
}

// -----

// eq: comparisons give i1
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<f32>) {
  // expected-error @+1 {{'aten.eq' op result element type f32 is not i1}}
  %0 = "aten.eq"(%a0, %a1) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return
}

// -----

// lt: operands must broadcast
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<2xf32>) {
  // expected-error @+1 {{'aten.lt' op self shape 2x3 and other shape 2 do not broadcast (dim 1)}}
  %0 = "aten.lt"(%a0, %a1) : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xi1>
  return
}

// -----

// ne: result shape
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<f32>) {
  // expected-error @+1 {{'aten.ne' op result shape is 3, expected 2x3}}
  %0 = "aten.ne"(%a0, %a1) : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xi1>
  return
}

// -----

// ge: comparisons give i1
func.func @f(%a0: tensor<2xf32>, %a1: tensor<2xf32>) {
  // expected-error @+1 {{'aten.ge' op result element type i8 is not i1}}
  %0 = "aten.ge"(%a0, %a1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi8>
  return
}

// -----

// gt: comparisons give i1
func.func @f(%a0: tensor<2xf32>, %a1: tensor<2xf32>) {
  // expected-error @+1 {{'aten.gt' op result element type f32 is not i1}}
  %0 = "aten.gt"(%a0, %a1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// le: comparisons give i1
func.func @f(%a0: tensor<2xf32>, %a1: tensor<2xf32>) {
  // expected-error @+1 {{'aten.le' op result element type f32 is not i1}}
  %0 = "aten.le"(%a0, %a1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// logical_and: i1 result
func.func @f(%a0: tensor<2xi1>, %a1: tensor<2xi1>) {
  // expected-error @+1 {{'aten.logical_and' op result element type i32 is not i1}}
  %0 = "aten.logical_and"(%a0, %a1) : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi32>
  return
}

// -----

// logical_not: i1 result
func.func @f(%a0: tensor<2xi1>) {
  // expected-error @+1 {{'aten.logical_not' op result element type i32 is not i1}}
  %0 = "aten.logical_not"(%a0) : (tensor<2xi1>) -> tensor<2xi32>
  return
}

// -----

// logical_not: same shape
func.func @f(%a0: tensor<2xi1>) {
  // expected-error @+1 {{'aten.logical_not' op result shape 3 does not match operand shape 2}}
  %0 = "aten.logical_not"(%a0) : (tensor<2xi1>) -> tensor<3xi1>
  return
}

// -----

// bitwise_and: no float operands
func.func @f(%a0: tensor<2xf32>, %a1: tensor<2xi1>) {
  // expected-error @+1 {{'aten.bitwise_and' op self element type f32 is not an integer or i1 type}}
  %0 = "aten.bitwise_and"(%a0, %a1) : (tensor<2xf32>, tensor<2xi1>) -> tensor<2xi1>
  return
}

// -----

// bitwise_and: i1 operands give i1
func.func @f(%a0: tensor<2xi1>, %a1: tensor<2xi1>) {
  // expected-error @+1 {{'aten.bitwise_and' op result element type i32 is not i1}}
  %0 = "aten.bitwise_and"(%a0, %a1) : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi32>
  return
}

// -----

// bitwise_and: integer operands give an integer
func.func @f(%a0: tensor<2xi32>, %a1: tensor<2xi32>) {
  // expected-error @+1 {{'aten.bitwise_and' op result element type i1 is not an integer type}}
  %0 = "aten.bitwise_and"(%a0, %a1) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi1>
  return
}

// -----

// where: i1 condition
func.func @f(%a0: tensor<2xf32>, %a1: tensor<2xf32>, %a2: tensor<2xf32>) {
  // expected-error @+1 {{'aten.where' op condition element type f32 is not i1}}
  %0 = "aten.where"(%a0, %a1, %a2) : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// where: condition and self broadcast
func.func @f(%a0: tensor<2xi1>, %a1: tensor<3xf32>, %a2: tensor<3xf32>) {
  // expected-error @+1 {{'aten.where' op condition shape 2 and self shape 3 do not broadcast (dim 0)}}
  %0 = "aten.where"(%a0, %a1, %a2) : (tensor<2xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

// where: other broadcasts against both
func.func @f(%a0: tensor<2x1xi1>, %a1: tensor<3xf32>, %a2: tensor<4xf32>) {
  // expected-error @+1 {{'aten.where' op condition and self shape 2x3 and other shape 4 do not broadcast (dim 1)}}
  %0 = "aten.where"(%a0, %a1, %a2) : (tensor<2x1xi1>, tensor<3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// where: result has the three-way broadcast shape
func.func @f(%a0: tensor<2x1xi1>, %a1: tensor<3xf32>, %a2: tensor<f32>) {
  // expected-error @+1 {{'aten.where' op result shape is 3, expected 2x3}}
  %0 = "aten.where"(%a0, %a1, %a2) : (tensor<2x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return
}

// -----

// where: float operand, integer result
func.func @f(%a0: tensor<2xi1>, %a1: tensor<2xf32>, %a2: tensor<2xi64>) {
  // expected-error @+1 {{'aten.where' op result element type i64 cannot hold self element type f32}}
  %0 = "aten.where"(%a0, %a1, %a2) : (tensor<2xi1>, tensor<2xf32>, tensor<2xi64>) -> tensor<2xi64>
  return
}

// -----

// masked_fill: i1 mask
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<2x3xi8>) {
  // expected-error @+1 {{'aten.masked_fill' op mask element type i8 is not i1}}
  %0 = "aten.masked_fill"(%a0, %a1) {value = 0.0 : f64} : (tensor<2x3xf32>, tensor<2x3xi8>) -> tensor<2x3xf32>
  return
}

// -----

// masked_fill: the mask broadcasts to self, not self to the mask
func.func @f(%a0: tensor<3xf32>, %a1: tensor<2x3xi1>) {
  // expected-error @+1 {{'aten.masked_fill' op mask shape 2x3 does not broadcast to self shape 3}}
  %0 = "aten.masked_fill"(%a0, %a1) {value = 0.0 : f64} : (tensor<3xf32>, tensor<2x3xi1>) -> tensor<3xf32>
  return
}

// -----

// masked_fill: the mask broadcasts to self
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<2xi1>) {
  // expected-error @+1 {{'aten.masked_fill' op mask shape 2 and self shape 2x3 do not broadcast (dim 1)}}
  %0 = "aten.masked_fill"(%a0, %a1) {value = 0.0 : f64} : (tensor<2x3xf32>, tensor<2xi1>) -> tensor<2x3xf32>
  return
}

// -----

// masked_fill: result has the shape of self
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<3xi1>) {
  // expected-error @+1 {{'aten.masked_fill' op result shape 3 does not match self shape 2x3}}
  %0 = "aten.masked_fill"(%a0, %a1) {value = 0.0 : f64} : (tensor<2x3xf32>, tensor<3xi1>) -> tensor<3xf32>
  return
}

// -----

// masked_fill: result has the element type of self
func.func @f(%a0: tensor<2x3xf32>, %a1: tensor<3xi1>) {
  // expected-error @+1 {{'aten.masked_fill' op result element type f16 does not match self element type f32}}
  %0 = "aten.masked_fill"(%a0, %a1) {value = 0.0 : f64} : (tensor<2x3xf32>, tensor<3xi1>) -> tensor<2x3xf16>
  return
}

// -----

// dropout: p in [0, 1]
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.dropout' op p 1.5 is not in [0, 1]}}
  %0 = "aten.dropout"(%a0) {p = 1.5 : f64, train = true} : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// dropout: same type
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.dropout' op result element type f16 does not match operand element type f32}}
  %0 = "aten.dropout"(%a0) {p = 0.5 : f64, train = true} : (tensor<2xf32>) -> tensor<2xf16>
  return
}

// -----

// clone: same element type
func.func @f(%a0: tensor<2xf32>) {
  // expected-error @+1 {{'aten.clone' op result element type f16 does not match operand element type f32}}
  %0 = "aten.clone"(%a0) : (tensor<2xf32>) -> tensor<2xf16>
  return
}

// -----

// contiguous: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.contiguous' op result shape 3x2 does not match operand shape 2x3}}
  %0 = "aten.contiguous"(%a0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// alias: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.alias' op result shape 6 does not match operand shape 2x3}}
  %0 = "aten.alias"(%a0) : (tensor<2x3xf32>) -> tensor<6xf32>
  return
}

// -----

// to_copy: may change the element type, not the shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.to_copy' op result shape 6 does not match operand shape 2x3}}
  %0 = "aten.to_copy"(%a0) : (tensor<2x3xf32>) -> tensor<6xf16>
  return
}

// -----

// full_like: same shape
func.func @f(%a0: tensor<2x3xf32>) {
  // expected-error @+1 {{'aten.full_like' op result shape 3 does not match operand shape 2x3}}
  %0 = "aten.full_like"(%a0) {fill_value = 0 : i64} : (tensor<2x3xf32>) -> tensor<3xf32>
  return
}

// -----
// bitwise_not: integer or bool only
func.func @bitwise_not_float(%a0: tensor<4xf32>) {
  // expected-error @+1 {{'aten.bitwise_not' op operand is a float tensor; bitwise_not needs integer or bool}}
  %0 = "aten.bitwise_not"(%a0) : (tensor<4xf32>) -> tensor<4xf32>
  return
}
