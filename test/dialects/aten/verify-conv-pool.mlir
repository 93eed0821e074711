// RUN: mly-opt %s --split-input-file --verify-diagnostics

// Semantic rules of aten's convolutions and pools: channel and group
// arithmetic, attribute list lengths (one per spatial dim, or one that
// broadcasts), value ranges (no zero stride), and output sizes.

// conv2d: weight is 4-d
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op weight has 3 dims, expected 4}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: input is 3-d (unbatched) or 4-d
func.func @f(%a0: tensor<8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op input has 2 dims, expected 3 or 4}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: attribute lists have one entry per spatial dim, or one
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op attribute 'stride' has 3 elements, expected 1 or 2}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1, 1, 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: stride is positive (no division by zero)
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op attribute 'stride' value 0 must be at least 1}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 0>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: padding is non-negative
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op attribute 'padding' value -1 must be at least 0}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0, -1>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: dilation is positive
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op attribute 'dilation' value 0 must be at least 1}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 0>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: groups is positive
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op groups 0 must be at least 1}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: input channels == weight[1] * groups
func.func @f(%a0: tensor<1x4x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op input has 4 channels, weight expects 3 (3 per group x 1 groups)}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: grouped input channels
func.func @f(%a0: tensor<1x4x8x8xf32>, %a1: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op input has 4 channels, weight expects 8 (4 per group x 2 groups)}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// conv2d: output channels divisible by groups
func.func @f(%a0: tensor<1x4x8x8xf32>, %a1: tensor<5x2x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op weight has 5 output channels, not divisible by groups 2}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<5x2x3x3xf32>) -> tensor<1x5x6x6xf32>
  return
}

// -----

// conv2d: bias is [Cout]
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>, %a2: tensor<3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op bias shape is 3, expected 16}}
  %0 = "aten.conv2d"(%a0, %a1, %a2) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>, tensor<3xf32>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv2d: the kernel fits in the padded input
func.func @f(%a0: tensor<1x3x2x2xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op output size 0 along spatial dim 0 is not positive}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x2x2xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x1x1xf32>
  return
}

// -----

// conv2d: huge padding overflows instead of wrapping
func.func @f(%a0: tensor<1x3x2x2xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op output size along spatial dim 0 overflows}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 4611686018427387904>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x2x2xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x1x1xf32>
  return
}

// -----

// conv2d: result spatial size (in + 2p - d*(k-1) - 1)/s + 1
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{'aten.conv2d' op result shape is 1x16x8x8, expected 1x16x4x3}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1, 2>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

// conv2d: one element type
func.func @f(%a0: tensor<1x3x8x8xf32>, %a1: tensor<16x3x3x3xf16>) {
  // expected-error @+1 {{'aten.conv2d' op weight element type f16 does not match input element type f32}}
  %0 = "aten.conv2d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf16>) -> tensor<1x16x6x6xf32>
  return
}

// -----

// conv1d: unbatched result is [Cout, L]
func.func @f(%a0: tensor<4x10xf32>, %a1: tensor<6x2x3xf32>, %a2: tensor<6xf32>) {
  // expected-error @+1 {{'aten.conv1d' op result shape is 1x6x4, expected 6x4}}
  %0 = "aten.conv1d"(%a0, %a1, %a2) {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 2 : i64} : (tensor<4x10xf32>, tensor<6x2x3xf32>, tensor<6xf32>) -> tensor<1x6x4xf32>
  return
}

// -----

// conv1d: weight is 3-d
func.func @f(%a0: tensor<1x4x10xf32>, %a1: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'aten.conv1d' op weight has 4 dims, expected 3}}
  %0 = "aten.conv1d"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} : (tensor<1x4x10xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x8xf32>
  return
}

// -----

// convolution: weight has at least one spatial dim
func.func @f(%a0: tensor<1x4xf32>, %a1: tensor<6x4xf32>) {
  // expected-error @+1 {{'aten.convolution' op weight has 2 dims, expected at least 3}}
  %0 = "aten.convolution"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x4xf32>, tensor<6x4xf32>) -> tensor<1x6xf32>
  return
}

// -----

// convolution: the spatial rank comes from the weight
func.func @f(%a0: tensor<1x4x5x5x5xf32>, %a1: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'aten.convolution' op input has 5 dims, expected 3 or 4}}
  %0 = "aten.convolution"(%a0, %a1) {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = false, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x4x5x5x5xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x3x3xf32>
  return
}

// -----

// convolution: transposed input channels == weight[0]
func.func @f(%a0: tensor<1x3x5x5xf32>, %a1: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'aten.convolution' op input has 3 channels, weight expects 4}}
  %0 = "aten.convolution"(%a0, %a1) {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 0>, groups = 1 : i64} : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x11x11xf32>
  return
}

// -----

// convolution: transposed input channels divisible by groups
func.func @f(%a0: tensor<1x3x5x5xf32>, %a1: tensor<3x3x3x3xf32>) {
  // expected-error @+1 {{'aten.convolution' op input has 3 channels, not divisible by groups 2}}
  %0 = "aten.convolution"(%a0, %a1) {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 0>, groups = 2 : i64} : (tensor<1x3x5x5xf32>, tensor<3x3x3x3xf32>) -> tensor<1x6x11x11xf32>
  return
}

// -----

// convolution: output_padding is smaller than stride or dilation
func.func @f(%a0: tensor<1x4x5x5xf32>, %a1: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'aten.convolution' op output_padding 2 must be smaller than stride 2 or dilation 1}}
  %0 = "aten.convolution"(%a0, %a1) {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 2>, groups = 1 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x12x12xf32>
  return
}

// -----

// convolution: output_padding has one entry per spatial dim, or one
func.func @f(%a0: tensor<1x4x5x5xf32>, %a1: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'aten.convolution' op attribute 'output_padding' has 3 elements, expected 1 or 2}}
  %0 = "aten.convolution"(%a0, %a1) {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 1, 1, 1>, groups = 1 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x12x12xf32>
  return
}

// -----

// convolution: transposed result (in-1)*s - 2p + d*(k-1) + output_padding + 1, Cout = weight[1] * groups
func.func @f(%a0: tensor<1x4x5x5xf32>, %a1: tensor<4x3x3x3xf32>, %a2: tensor<6xf32>) {
  // expected-error @+1 {{'aten.convolution' op result shape is 1x6x9x9, expected 1x6x10x10}}
  %0 = "aten.convolution"(%a0, %a1, %a2) {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x9x9xf32>
  return
}

// -----

// convolution: transposed bias is [weight[1] * groups]
func.func @f(%a0: tensor<1x4x5x5xf32>, %a1: tensor<4x3x3x3xf32>, %a2: tensor<3xf32>) {
  // expected-error @+1 {{'aten.convolution' op bias shape is 3, expected 6}}
  %0 = "aten.convolution"(%a0, %a1, %a2) {stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, transposed = true, output_padding = array<i64: 1>, groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x6x10x10xf32>
  return
}

// -----

// max_pool2d: input is 3-d or 4-d
func.func @f(%a0: tensor<8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op input has 2 dims, expected 3 or 4}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<8x8xf32>) -> tensor<4x4xf32>
  return
}

// -----

// max_pool2d: kernel_size is not empty
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op attribute 'kernel_size' is empty}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return
}

// -----

// max_pool2d: kernel_size has 1 or 2 entries
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op attribute 'kernel_size' has 3 elements, expected 1 or 2}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2, 2, 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return
}

// -----

// max_pool2d: stride is positive
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op attribute 'stride' value 0 must be at least 1}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 0>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return
}

// -----

// max_pool2d: dilation has 1 or 2 entries
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op attribute 'dilation' has 3 elements, expected 1 or 2}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1, 1, 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return
}

// -----

// max_pool2d: padding is at most half the kernel
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op padding 2 is more than half of kernel_size 2}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 2>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return
}

// -----

// max_pool2d: the window fits in the input
func.func @f(%a0: tensor<1x1x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op output size 0 along spatial dim 0 is not positive}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x1x8xf32>) -> tensor<1x1x4xf32>
  return
}

// -----

// max_pool2d: an empty stride means kernel_size
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op result shape is 1x7x7, expected 1x4x4}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> tensor<1x7x7xf32>
  return
}

// -----

// max_pool2d: ceil_mode rounds up
func.func @f(%a0: tensor<1x5x5xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op result shape is 1x2x2, expected 1x3x3}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = true} : (tensor<1x5x5xf32>) -> tensor<1x2x2xf32>
  return
}

// -----

// max_pool2d: ceil_mode drops a window that starts in the padding
func.func @f(%a0: tensor<1x5x5xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op result shape is 1x4x4, expected 1x3x3}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 1>, ceil_mode = true} : (tensor<1x5x5xf32>) -> tensor<1x4x4xf32>
  return
}

// -----

// max_pool2d: result element type
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d' op result element type f16 does not match input element type f32}}
  %0 = "aten.max_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf16>
  return
}

// -----

// max_pool2d_with_indices: indices are i64
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d_with_indices' op indices element type i32 is not i64}}
  %0:2 = "aten.max_pool2d_with_indices"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> (tensor<1x4x4xf32>, tensor<1x4x4xi32>)
  return
}

// -----

// max_pool2d_with_indices: indices have the result shape
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.max_pool2d_with_indices' op indices shape 1x4x2 does not match result shape 1x4x4}}
  %0:2 = "aten.max_pool2d_with_indices"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, ceil_mode = false} : (tensor<1x8x8xf32>) -> (tensor<1x4x4xf32>, tensor<1x4x2xi64>)
  return
}

// -----

// avg_pool2d: divisor_override is positive or 0 (none)
func.func @f(%a0: tensor<1x8x8xf32>) {
  // expected-error @+1 {{'aten.avg_pool2d' op divisor_override -1 must be positive (or 0 for none)}}
  %0 = "aten.avg_pool2d"(%a0) {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 0>, ceil_mode = false, count_include_pad = true, divisor_override = -1 : i64} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return
}

// -----

// avg_pool2d: result shape
func.func @f(%a0: tensor<2x3x8x8xf32>) {
  // expected-error @+1 {{'aten.avg_pool2d' op result shape is 2x3x4x4, expected 2x3x8x8}}
  %0 = "aten.avg_pool2d"(%a0) {kernel_size = array<i64: 3>, stride = array<i64: 1>, padding = array<i64: 1>, ceil_mode = false, count_include_pad = true, divisor_override = 0 : i64} : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  return
}

// -----

// adaptive_avg_pool2d: output_size has 1 or 2 entries
func.func @f(%a0: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'aten.adaptive_avg_pool2d' op attribute 'output_size' has 3 elements, expected 1 or 2}}
  %0 = "aten.adaptive_avg_pool2d"(%a0) {output_size = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>
  return
}

// -----

// adaptive_avg_pool2d: input is 3-d or 4-d
func.func @f(%a0: tensor<8xf32>) {
  // expected-error @+1 {{'aten.adaptive_avg_pool2d' op input has 1 dims, expected 3 or 4}}
  %0 = "aten.adaptive_avg_pool2d"(%a0) {output_size = array<i64: 1>} : (tensor<8xf32>) -> tensor<1x1xf32>
  return
}

// -----

// adaptive_avg_pool2d: result spatial dims are output_size
func.func @f(%a0: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'aten.adaptive_avg_pool2d' op result shape is 1x3x2x2, expected 1x3x2x3}}
  %0 = "aten.adaptive_avg_pool2d"(%a0) {output_size = array<i64: 2, 3>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x2x2xf32>
  return
}
