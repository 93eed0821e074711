// Well-formed lists pass; "dimensions" elsewhere (an mly attribute, a
// string) is not mistaken for one.
func.func @b(%a: tensor<3xf32>, %t: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>) {
  %e = tensor.empty() : tensor<2x3xf32>
  %0 = linalg.broadcast ins(%a : tensor<3xf32>) outs(%e : tensor<2x3xf32>) dimensions = [ 0 ]
  %f = tensor.empty() : tensor<3x2xf32>
  %1 = linalg.transpose ins(%0 : tensor<2x3xf32>) outs(%f : tensor<3x2xf32>) permutation = [1,0]
  %g = tensor.empty() : tensor<2xf32>
  %2 = linalg.reduce ins(%t : tensor<2x3xf32>) outs(%g : tensor<2xf32>) dimensions = [1]
    (%x: f32, %y: f32) {
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    }
  %3 = "mly.reduce"(%t) {dims = array<i64: 1>, keepdim = false, kind = "sum", note = "dimensions = oops"} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>
}
