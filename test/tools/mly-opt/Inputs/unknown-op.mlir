// An op the aten dialect does not define.
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "aten.no_such_op"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
