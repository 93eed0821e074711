// RUN: python3 %mly_src/test/runtime/msl_sim/Inputs/gen.py align_inputs %t.in
// RUN: mly-run %s --backend interp --inputs %t.in --outputs %t.ref
// RUN: mly-opt %s --mly-to-gpu -o %t.gpu.mlir
// RUN: mly-run %t.gpu.mlir --backend hip-sim --no-cache --inputs %t.in --expect %t.ref --rtol 0 --atol 0 | FileCheck %s
// RUN: mly-run %t.gpu.mlir --backend msl-sim --no-cache --inputs %t.in --expect %t.ref --rtol 0 --atol 0 | FileCheck %s

// Kernels may take their buffers as 16-byte aligned (the target ABI;
// the HIP target declares them so, and the host compiler of hip-sim then
// uses aligned vector instructions on them). Inputs read from a
// safetensors file are views into it: of the two 64-float inputs here,
// one lies 8 bytes off a 16-byte boundary, so the simulators must copy
// it into an aligned buffer (they crashed instead before).

// CHECK: output_0: tensor<64xf32> max_abs_err=0 max_rel_err=0 ok

func.func private @fused_0_elementwise(%a: tensor<64xf32>, %b: tensor<64xf32>) -> tensor<64xf32> attributes {mly.fused = "elementwise"} {
  %0 = "mly.mul"(%a, %b) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  %1 = "mly.add"(%0, %a) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %1 : tensor<64xf32>
}
func.func @forward(%p: tensor<2xf32>, %a: tensor<64xf32>, %q: tensor<2xf32>, %b: tensor<64xf32>) -> tensor<64xf32> {
  %0 = func.call @fused_0_elementwise(%a, %b) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %0 : tensor<64xf32>
}
