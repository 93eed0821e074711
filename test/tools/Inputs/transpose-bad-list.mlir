func.func @b(%a: tensor<2x3xi8>) -> tensor<3x2xi8> {
  %e = tensor.empty() : tensor<3x2xi8>
  %0 = linalg.transpose ins(%a : tensor<2x3xi8>) outs(%e : tensor<3x2xi8>) permutation = 1, 0 [
]
  return %0 : tensor<3x2xi8>
}
