func.func @forward(%x: tensor<2x2xf32>, %y: tensor<i64>) -> (tensor<2x2xf32>, tensor<i64>) {
  %0 = "aten.neg"(%x) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0, %y : tensor<2x2xf32>, tensor<i64>
}
