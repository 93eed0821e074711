// RUN: mly-opt %s --split-input-file --verify-diagnostics --mly-to-gpu

// A call of a function that is not a fusion group.
func.func private @helper(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
func.func @forward(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{mly-to-gpu: only calls of mly.fused functions can be lowered}}
  %0 = func.call @helper(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A module without an entry.
// expected-error @+1 {{mly-to-gpu: the module has no public function}}
module {
  func.func private @fused_0_elementwise(%a: tensor<4xf32>) -> tensor<4xf32> attributes {mly.fused = "elementwise"} {
    return %a : tensor<4xf32>
  }
}

// -----

// Kernels index with 32-bit integers: 2^31 elements or more are refused
// (the verifier already refuses counts past 2^63).
func.func @forward(%a: tensor<65536x65536xf32>) -> tensor<65536x65536xf32> {
  // expected-error @+1 {{neg_0: tensor<65536x65536xf32> has 2^31 elements or more}}
  %0 = "mly.neg"(%a) : (tensor<65536x65536xf32>) -> tensor<65536x65536xf32>
  return %0 : tensor<65536x65536xf32>
}

// -----

func.func @forward(%a: tensor<65536x32768xf32>) -> tensor<65536x32768xf32> {
  // expected-error @+1 {{neg_0: tensor<65536x32768xf32> has 2^31 elements or more}}
  %0 = "mly.neg"(%a) : (tensor<65536x32768xf32>) -> tensor<65536x32768xf32>
  return %0 : tensor<65536x32768xf32>
}
