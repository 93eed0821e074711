// Four f32 matmuls, one per combination of transpose_lhs and
// transpose_rhs, 37x29 @ 29x45 (every tile cut short); the first adds a
// bias. Operands for test/targets/tiled.test.
func.func private @fused_0_matmul(%a: tensor<37x29xf32>, %b: tensor<29x45xf32>, %bias: tensor<45xf32>) -> tensor<37x45xf32> attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<37x29xf32>, tensor<29x45xf32>) -> tensor<37x45xf32>
  %1 = "mly.broadcast_in_dim"(%bias) {broadcast_dimensions = array<i64: 1>} : (tensor<45xf32>) -> tensor<37x45xf32>
  %2 = "mly.add"(%0, %1) : (tensor<37x45xf32>, tensor<37x45xf32>) -> tensor<37x45xf32>
  return %2 : tensor<37x45xf32>
}
func.func private @fused_1_matmul(%a: tensor<37x29xf32>, %b: tensor<45x29xf32>) -> tensor<37x45xf32> attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = true} : (tensor<37x29xf32>, tensor<45x29xf32>) -> tensor<37x45xf32>
  return %0 : tensor<37x45xf32>
}
func.func private @fused_2_matmul(%a: tensor<29x37xf32>, %b: tensor<29x45xf32>) -> tensor<37x45xf32> attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = true, transpose_rhs = false} : (tensor<29x37xf32>, tensor<29x45xf32>) -> tensor<37x45xf32>
  return %0 : tensor<37x45xf32>
}
func.func private @fused_3_matmul(%a: tensor<29x37xf32>, %b: tensor<45x29xf32>) -> tensor<37x45xf32> attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = true, transpose_rhs = true} : (tensor<29x37xf32>, tensor<45x29xf32>) -> tensor<37x45xf32>
  return %0 : tensor<37x45xf32>
}
func.func @forward(%a: tensor<37x29xf32>, %at: tensor<29x37xf32>, %b: tensor<29x45xf32>, %bt: tensor<45x29xf32>, %bias: tensor<45xf32>) -> (tensor<37x45xf32>, tensor<37x45xf32>, tensor<37x45xf32>, tensor<37x45xf32>) {
  %0 = func.call @fused_0_matmul(%a, %b, %bias) : (tensor<37x29xf32>, tensor<29x45xf32>, tensor<45xf32>) -> tensor<37x45xf32>
  %1 = func.call @fused_1_matmul(%a, %bt) : (tensor<37x29xf32>, tensor<45x29xf32>) -> tensor<37x45xf32>
  %2 = func.call @fused_2_matmul(%at, %b) : (tensor<29x37xf32>, tensor<29x45xf32>) -> tensor<37x45xf32>
  %3 = func.call @fused_3_matmul(%at, %bt) : (tensor<29x37xf32>, tensor<45x29xf32>) -> tensor<37x45xf32>
  return %0, %1, %2, %3 : tensor<37x45xf32>, tensor<37x45xf32>, tensor<37x45xf32>, tensor<37x45xf32>
}
