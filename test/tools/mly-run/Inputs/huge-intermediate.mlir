func.func @forward(%a: tensor<1xf32>) -> tensor<1xf32> {
  %0 = "mly.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 1>} : (tensor<1xf32>) -> tensor<1000000x1000000xf32>
  %1 = "mly.reduce"(%0) {dims = array<i64: 0>, keepdim = false, kind = "sum"} : (tensor<1000000x1000000xf32>) -> tensor<1000000xf32>
  %2 = "mly.slice"(%1) {start_indices = array<i64: 0>, limit_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<1000000xf32>) -> tensor<1xf32>
  return %2 : tensor<1xf32>
}
