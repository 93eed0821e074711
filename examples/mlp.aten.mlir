// The `mlp` test model (Linear 16->32, GELU, Linear 32->8, softmax) after
// torch.export and run_decompositions(), written in the aten dialect the
// way the importer lays it out: parameters first (named by mly.param),
// then the user input; every op located at its FX node name.
func.func @forward(
    %p_0_weight: tensor<32x16xf32> {mly.param = "0.weight"},
    %p_0_bias: tensor<32xf32> {mly.param = "0.bias"},
    %p_2_weight: tensor<8x32xf32> {mly.param = "2.weight"},
    %p_2_bias: tensor<8xf32> {mly.param = "2.bias"},
    %input: tensor<4x16xf32>) -> tensor<4x8xf32> {
  %permute = "aten.permute"(%p_0_weight) {dims = array<i64: 1, 0>}
      : (tensor<32x16xf32>) -> tensor<16x32xf32> loc("permute")
  %addmm = "aten.addmm"(%p_0_bias, %input, %permute) {alpha = 1 : i64, beta = 1 : i64}
      : (tensor<32xf32>, tensor<4x16xf32>, tensor<16x32xf32>) -> tensor<4x32xf32> loc("addmm")
  %gelu = "aten.gelu"(%addmm) {approximate = "none"}
      : (tensor<4x32xf32>) -> tensor<4x32xf32> loc("gelu")
  %permute_1 = "aten.permute"(%p_2_weight) {dims = array<i64: 1, 0>}
      : (tensor<8x32xf32>) -> tensor<32x8xf32> loc("permute_1")
  %addmm_1 = "aten.addmm"(%p_2_bias, %gelu, %permute_1) {alpha = 1 : i64, beta = 1 : i64}
      : (tensor<8xf32>, tensor<4x32xf32>, tensor<32x8xf32>) -> tensor<4x8xf32> loc("addmm_1")
  %softmax = "aten.softmax"(%addmm_1) {dim = -1 : i64}
      : (tensor<4x8xf32>) -> tensor<4x8xf32> loc("_softmax")
  return %softmax : tensor<4x8xf32>
}
