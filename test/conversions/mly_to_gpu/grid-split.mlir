// RUN: mly-run %s --backend interp --input=70000x4xf32:0.25 --outputs %t.ref.safetensors
// RUN: mly-opt %s --mly-to-gpu -o %t.gpu.mlir
// RUN: FileCheck %s < %t.gpu.mlir
// RUN: mly-run %t.gpu.mlir --backend msl-sim --input=70000x4xf32:0.25 --expect %t.ref.safetensors | FileCheck %s --check-prefix=SIM
// RUN: mly-run %t.gpu.mlir --backend vulkan --input=70000x4xf32:0.25 --expect %t.ref.safetensors | FileCheck %s --check-prefix=SIM

// A row kernel over 70000 rows needs 70000 workgroups, past the 65535 per
// grid dimension that Vulkan guarantees (lavapipe's limit): the grid
// becomes 35000 x 2 (the largest divisor that fits) and the kernel's
// block id block_id.y * 35000 + block_id.x, every row still computed once.

// CHECK-LABEL: gpu.func @fused_0_reduction
// CHECK: %[[BX:.*]] = gpu.block_id x
// CHECK: %[[BY:.*]] = gpu.block_id y
// CHECK: %[[GX:.*]] = arith.constant 35000 : index
// CHECK: %[[ROW:.*]] = arith.muli %[[BY]], %[[GX]] : index
// CHECK: arith.addi %[[ROW]], %[[BX]] : index
// CHECK: gpu.launch_func @kernels::@fused_0_reduction blocks in (%c35000, %c2, %c1)
// SIM: output_0: tensor<70000x1xf32> max_abs_err={{.*}} ok

func.func private @fused_0_reduction(%x: tensor<70000x4xf32>) -> tensor<70000x1xf32> attributes {mly.fused = "reduction"} {
  %e = "mly.exp"(%x) : (tensor<70000x4xf32>) -> tensor<70000x4xf32>
  %0 = "mly.reduce"(%e) {dims = array<i64: 1>, keepdim = true, kind = "sum"} : (tensor<70000x4xf32>) -> tensor<70000x1xf32>
  return %0 : tensor<70000x1xf32>
}
func.func @forward(%x: tensor<70000x4xf32>) -> tensor<70000x1xf32> {
  %0 = func.call @fused_0_reduction(%x) : (tensor<70000x4xf32>) -> tensor<70000x1xf32>
  return %0 : tensor<70000x1xf32>
}
