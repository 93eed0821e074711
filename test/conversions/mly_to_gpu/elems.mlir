// RUN: mly-run %s --backend interp --input=2500xf32:0.5 --outputs %t.ref.safetensors
// RUN: mly-opt %s --mly-gpu-options=elems=4,vec=1 --mly-to-gpu -o %t.gpu.mlir
// RUN: FileCheck %s < %t.gpu.mlir
// RUN: mly-run %t.gpu.mlir --backend hip-sim --input=2500xf32:0.5 --expect %t.ref.safetensors --rtol 0 --atol 0 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=elems=8,vec=1 --mly-to-gpu | FileCheck %s --check-prefix=FIT
// RUN: not mly-opt %s --mly-gpu-options=elems=3 --mly-to-gpu 2>&1 | FileCheck %s --check-prefix=BAD

// The elementwise schedule with elems=4 (and vec=1: one element a
// lane, see vec.mlir for more): a thread writes elements l,
// l + 256, l + 512 and l + 768 of its workgroup's 1024 (l = 1024 bid +
// tid), each bounds-checked: 2500 elements take 3 workgroups, the last
// one partly. Values depend on the index (x + i), so a misplaced element
// shows against the interpreter.

// CHECK-LABEL: gpu.func @fused_0_elementwise
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: %[[B0:.*]] = arith.muli %[[BID]], %c1024
// CHECK: %[[L0:.*]] = arith.addi %[[B0]], %[[TID]]
// CHECK: arith.cmpi slt, %[[L0]], %c2500
// CHECK: %[[L1:.*]] = arith.addi %[[L0]], %c256
// CHECK: arith.cmpi slt, %[[L1]], %c2500
// CHECK: %[[L2:.*]] = arith.addi %[[L0]], %c512
// CHECK: %[[L3:.*]] = arith.addi %[[L0]], %c768
// CHECK-LABEL: func.func @forward
// CHECK: %[[G:.*]] = arith.constant 3 : index
// CHECK: gpu.launch_func @kernels::@fused_0_elementwise blocks in (%[[G]],

// SIM: output_0: tensor<2500xf32> max_abs_err=0 max_rel_err=0 ok

// elems=8: 2048 elements a workgroup, 2 workgroups.
// FIT: gpu.launch_func @kernels::@fused_0_elementwise blocks in (%c2,

// BAD: GPU options out of range: {{.*}}elems 1, 2, 4 or 8

func.func private @fused_0_elementwise(%x: tensor<2500xf32>) -> tensor<2500xf32> attributes {mly.fused = "elementwise"} {
  %i = "mly.iota"() {dim = 0 : i64} : () -> tensor<2500xi64>
  %f = "mly.cast"(%i) : (tensor<2500xi64>) -> tensor<2500xf32>
  %y = "mly.add"(%x, %f) : (tensor<2500xf32>, tensor<2500xf32>) -> tensor<2500xf32>
  return %y : tensor<2500xf32>
}
func.func @forward(%x: tensor<2500xf32>) -> tensor<2500xf32> {
  %0 = func.call @fused_0_elementwise(%x) : (tensor<2500xf32>) -> tensor<2500xf32>
  return %0 : tensor<2500xf32>
}
