// RUN: mly-opt %s --split-input-file --verify-diagnostics
// Rules of gather, reduce and scan.

// gather: unknown mode
func.func @f0(%a: tensor<4x3xf32>, %i: tensor<5xi64>) {
  // expected-error @+1 {{'mly.gather' op attribute 'mode' is 'index', expected one of 'take', 'along'}}
  %0 = "mly.gather"(%a, %i) {dim = 0 : i64, mode = "index"} : (tensor<4x3xf32>, tensor<5xi64>) -> tensor<5x3xf32>
  return
}

// -----

// gather: indices are integers
func.func @f1(%a: tensor<4x3xf32>, %i: tensor<5xf32>) {
  // expected-error @+1 {{'mly.gather' op indices element type f32 is not an integer type}}
  %0 = "mly.gather"(%a, %i) {dim = 0 : i64, mode = "take"} : (tensor<4x3xf32>, tensor<5xf32>) -> tensor<5x3xf32>
  return
}

// -----

// gather: i1 is not an index type
func.func @f2(%a: tensor<4x3xf32>, %i: tensor<5xi1>) {
  // expected-error @+1 {{'mly.gather' op indices element type i1 is not an integer type}}
  %0 = "mly.gather"(%a, %i) {dim = 0 : i64, mode = "take"} : (tensor<4x3xf32>, tensor<5xi1>) -> tensor<5x3xf32>
  return
}

// -----

// gather: result has the input's element type
func.func @f3(%a: tensor<4x3xf32>, %i: tensor<5xi64>) {
  // expected-error @+1 {{'mly.gather' op result element type i64 does not match input element type f32}}
  %0 = "mly.gather"(%a, %i) {dim = 0 : i64, mode = "take"} : (tensor<4x3xf32>, tensor<5xi64>) -> tensor<5x3xi64>
  return
}

// -----

// gather: dim in range
func.func @f4(%a: tensor<4x3xf32>, %i: tensor<5xi64>) {
  // expected-error @+1 {{'mly.gather' op dim 2 is out of range for rank 2}}
  %0 = "mly.gather"(%a, %i) {dim = 2 : i64, mode = "take"} : (tensor<4x3xf32>, tensor<5xi64>) -> tensor<5x3xf32>
  return
}

// -----

// gather take: result = input[:dim] + indices.shape + input[dim+1:]
func.func @f5(%a: tensor<4x3xf32>, %i: tensor<2x5xi32>) {
  // expected-error @+1 {{'mly.gather' op result shape is 4x5, expected 4x2x5}}
  %0 = "mly.gather"(%a, %i) {dim = 1 : i64, mode = "take"} : (tensor<4x3xf32>, tensor<2x5xi32>) -> tensor<4x5xf32>
  return
}

// -----

// gather take: a result rank past MLY_MAX_RANK is reported, not written
func.func @f6(%a: tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>, %i: tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xi64>) {
  // expected-error @+1 {{'mly.gather' op result would have 31 dims, at most 16 are supported}}
  %0 = "mly.gather"(%a, %i) {dim = 0 : i64, mode = "take"} : (tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>, tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xi64>) -> tensor<1xf32>
  return
}

// -----

// gather along: indices have the input's rank
func.func @f7(%a: tensor<4x3xf32>, %i: tensor<5xi64>) {
  // expected-error @+1 {{'mly.gather' op indices has 1 dims, expected 2}}
  %0 = "mly.gather"(%a, %i) {dim = 0 : i64, mode = "along"} : (tensor<4x3xf32>, tensor<5xi64>) -> tensor<5xf32>
  return
}

// -----

// gather along: result has the indices' shape
func.func @f8(%a: tensor<4x3xf32>, %i: tensor<4x2xi64>) {
  // expected-error @+1 {{'mly.gather' op result shape 4x3 does not match indices shape 4x2}}
  %0 = "mly.gather"(%a, %i) {dim = 1 : i64, mode = "along"} : (tensor<4x3xf32>, tensor<4x2xi64>) -> tensor<4x3xf32>
  return
}

// -----

// reduce: unknown kind
func.func @f9(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reduce' op attribute 'kind' is 'mean', expected one of 'sum', 'max', 'min', 'prod'}}
  %0 = "mly.reduce"(%a) {kind = "mean", dims = array<i64: 1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// reduce: dims in range
func.func @f10(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reduce' op reduced dim 2 is out of range for rank 2}}
  %0 = "mly.reduce"(%a) {kind = "sum", dims = array<i64: 2>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// reduce: no negative dims in mly
func.func @f11(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reduce' op reduced dim -1 is out of range for rank 2}}
  %0 = "mly.reduce"(%a) {kind = "sum", dims = array<i64: -1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// reduce: dims are unique
func.func @f12(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reduce' op dims [1, 0, 1] repeat dim 1}}
  %0 = "mly.reduce"(%a) {kind = "max", dims = array<i64: 1, 0, 1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<f32>
  return
}

// -----

// reduce: keepdim keeps reduced dims as 1
func.func @f13(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reduce' op result shape is 2, expected 2x1}}
  %0 = "mly.reduce"(%a) {kind = "sum", dims = array<i64: 1>, keepdim = true} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// reduce: without keepdim reduced dims go
func.func @f14(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.reduce' op result shape is 1x3, expected 3}}
  %0 = "mly.reduce"(%a) {kind = "prod", dims = array<i64: 0>, keepdim = false} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

// reduce keeps the element type (accumulation is explicit)
func.func @f15(%a: tensor<2x3xf16>) {
  // expected-error @+1 {{'mly.reduce' op result element type f32 does not match input element type f16}}
  %0 = "mly.reduce"(%a) {kind = "sum", dims = array<i64: 0, 1>, keepdim = false} : (tensor<2x3xf16>) -> tensor<f32>
  return
}

// -----

// scan: dim in range
func.func @f16(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.scan' op dim 2 is out of range for rank 2}}
  %0 = "mly.scan"(%a) {dim = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// scan: a 0-d tensor has no dim
func.func @f17(%a: tensor<f32>) {
  // expected-error @+1 {{'mly.scan' op dim 0 is out of range for rank 0}}
  %0 = "mly.scan"(%a) {dim = 0 : i64} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

// scan: result has the input's shape
func.func @f18(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'mly.scan' op result shape 2x1 does not match input shape 2x3}}
  %0 = "mly.scan"(%a) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

// scan: result has the input's element type
func.func @f19(%a: tensor<2x3xi32>) {
  // expected-error @+1 {{'mly.scan' op result element type i64 does not match input element type i32}}
  %0 = "mly.scan"(%a) {dim = 1 : i64} : (tensor<2x3xi32>) -> tensor<2x3xi64>
  return
}

// -----

// IRDL: keepdim is a bool
func.func @f20(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'1 : i64' does not satisfy the constraint}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.reduce"(%a) {kind = "sum", dims = array<i64: 1>, keepdim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// IRDL: dims is an array, not an integer
func.func @f21(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{expected base attribute 'builtin.dense_array' but got 'builtin.integer'}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.reduce"(%a) {kind = "sum", dims = 1 : i64, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

// IRDL: gather without mode
func.func @f22(%a: tensor<4xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{'mly.gather' op attribute "mode" is expected but not provided}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.gather"(%a, %i) {dim = 0 : i64} : (tensor<4xf32>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

// IRDL: gather with one operand
func.func @f23(%a: tensor<4xf32>) {
  // expected-error @+2 {{expects exactly 2 operands, but got 1}}
  // expected-note @+1 {{see current operation}}
  %0 = "mly.gather"(%a) {dim = 0 : i64, mode = "take"} : (tensor<4xf32>) -> tensor<2xf32>
  return
}
