// An op the lowering pipeline leaves alone is an error at its location,
// not a crash or an LLVM translation failure.
// RUN: not mly-run %s --backend cpu --no-cache --input 4xf32:1,2,3,4 2>&1 | FileCheck %s

// CHECK: not-lowered.mlir":[[@LINE+4]]:8): error: 'linalg.softmax' is not supported by the cpu backend (not lowered to LLVM)
// CHECK-NEXT: mly-run: error: lowering to the LLVM dialect failed
func.func @forward(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.softmax dimension(0) ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
