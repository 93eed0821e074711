// RUN: python3 %mly_src/test/runtime/msl_sim/Inputs/gen.py vec_inputs %t.in
// RUN: mly-run %s --backend interp --inputs %t.in --outputs %t.ref
// RUN: mly-opt %s --mly-to-gpu -o %t.gpu.mlir
// RUN: FileCheck %s < %t.gpu.mlir
// RUN: mly-run %t.gpu.mlir --backend hip-sim --no-cache --inputs %t.in --expect %t.ref --rtol 0 --atol 0 | FileCheck %s --check-prefix=SIM
// RUN: mly-run %t.gpu.mlir --backend msl-sim --no-cache --inputs %t.in --expect %t.ref --rtol 0 --atol 0 | FileCheck %s --check-prefix=SIM
// RUN: mly-run %t.gpu.mlir --backend vulkan --inputs %t.in --expect %t.ref --rtol 0 --atol 0 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=vec=8 --mly-to-gpu -o %t.gpu8.mlir
// RUN: FileCheck %s --check-prefix=VEC8 < %t.gpu8.mlir
// RUN: mly-run %t.gpu8.mlir --backend hip-sim --no-cache --inputs %t.in --expect %t.ref --rtol 0 --atol 0 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=vec=2,elems=2,block-size=32 --mly-to-gpu -o %t.gpu2.mlir
// RUN: FileCheck %s --check-prefix=VEC2 < %t.gpu2.mlir
// RUN: mly-run %t.gpu2.mlir --backend msl-sim --no-cache --inputs %t.in --expect %t.ref --rtol 0 --atol 0 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=vec=1 --mly-to-gpu | FileCheck %s --check-prefix=VEC1
// RUN: not mly-opt %s --mly-gpu-options=vec=3 --mly-to-gpu 2>&1 | FileCheck %s --check-prefix=BAD

// Vector lanes: a thread of the elementwise and row schedules takes V
// consecutive elements of a row (vec=0, the default: 16 bytes of the
// kernel's widest buffer element; at most 8), where V divides the
// innermost extents (else V halves). Each buffer's lane loads come out
// adjacent, then the math lane by lane, then the lane stores, so a
// target's compiler can merge them into vector accesses
// (test/targets/hip/vector.test shows the merged loads). Every value
// here is exact (multiples of 1/16 in a period-23 pattern), so a lane
// that reads or writes the wrong element shows against the interpreter.

// The f16 bias add with an f32 output: V = 4 (16 bytes of f32), 72
// elements, 18 threads busy of a 32-thread workgroup. Thread t takes
// vector t of the 6x3 vectors: row t / 3, columns 4 (t % 3) + 0..3 (the
// column a visible multiple of 4, which a compiler needs to merge).
// CHECK-LABEL: gpu.func @fused_0_elementwise
// CHECK-SAME: known_block_size = array<i32: 32, 1, 1>
// CHECK-SAME: mly.vector = 4 : i32
// CHECK: %[[T:.*]] = arith.addi %{{.*}}, %thread_id_x : index
// CHECK: %[[L:.*]] = arith.muli %[[T]], %c4 : index
// CHECK: %[[IN:.*]] = arith.cmpi slt, %[[L]], %c72 : index
// CHECK: scf.if %[[IN]] {
// CHECK:   %[[Q:.*]] = arith.remsi %[[T]], %c3
// CHECK:   %[[R:.*]] = arith.divsi %[[T]], %c3
// CHECK:   %[[C0:.*]] = arith.muli %[[Q]], %c4
// CHECK:   %[[C1:.*]] = arith.addi %[[C0]], %c1
// CHECK:   %[[C2:.*]] = arith.addi %[[C0]], %c2
// CHECK:   %[[C3:.*]] = arith.addi %[[C0]], %c3
// CHECK-NEXT: memref.load %arg0[%[[R]], %[[C0]]] : memref<6x12xf16>
// CHECK-NEXT: memref.load %arg0[%[[R]], %[[C1]]] : memref<6x12xf16>
// CHECK-NEXT: memref.load %arg0[%[[R]], %[[C2]]] : memref<6x12xf16>
// CHECK-NEXT: memref.load %arg0[%[[R]], %[[C3]]] : memref<6x12xf16>
// CHECK-NEXT: memref.load %arg1[%[[C0]]] : memref<12xf16>
// CHECK-NEXT: memref.load %arg1[%[[C1]]] : memref<12xf16>
// CHECK-NEXT: memref.load %arg1[%[[C2]]] : memref<12xf16>
// CHECK-NEXT: memref.load %arg1[%[[C3]]] : memref<12xf16>
// CHECK-NOT: memref.load
// CHECK:      memref.store %{{.*}}, %arg2[%[[R]], %[[C0]]] : memref<6x12xf16>
// CHECK-NEXT: memref.store %{{.*}}, %arg2[%[[R]], %[[C1]]] : memref<6x12xf16>
// CHECK-NEXT: memref.store %{{.*}}, %arg2[%[[R]], %[[C2]]] : memref<6x12xf16>
// CHECK-NEXT: memref.store %{{.*}}, %arg2[%[[R]], %[[C3]]] : memref<6x12xf16>
// CHECK-NEXT: memref.store %{{.*}}, %arg3[%[[R]], %[[C0]]] : memref<6x12xf32>
// CHECK-NEXT: memref.store %{{.*}}, %arg3[%[[R]], %[[C1]]] : memref<6x12xf32>
// CHECK-NEXT: memref.store %{{.*}}, %arg3[%[[R]], %[[C2]]] : memref<6x12xf32>
// CHECK-NEXT: memref.store %{{.*}}, %arg3[%[[R]], %[[C3]]] : memref<6x12xf32>
// CHECK-NEXT: }

// Two reductions of a 256-column f32 row: V = 4, so 64 threads take the
// row, columns 4 tid .. 4 tid + 3; the loads once, shared by both
// reductions and the epilogue.
// CHECK-LABEL: gpu.func @fused_1_reduction
// CHECK-SAME: known_block_size = array<i32: 64, 1, 1>
// CHECK-SAME: mly.vector = 4 : i32
// CHECK: %[[C:.*]] = arith.muli %thread_id_x, %c4 : index
// CHECK: %[[D1:.*]] = arith.addi %[[C]], %c1 : index
// CHECK: %[[D2:.*]] = arith.addi %[[C]], %c2 : index
// CHECK: %[[D3:.*]] = arith.addi %[[C]], %c3 : index
// CHECK-NEXT: memref.load %arg0[%block_id_x, %[[C]]] : memref<6x256xf32>
// CHECK-NEXT: memref.load %arg0[%block_id_x, %[[D1]]] : memref<6x256xf32>
// CHECK-NEXT: memref.load %arg0[%block_id_x, %[[D2]]] : memref<6x256xf32>
// CHECK-NEXT: memref.load %arg0[%block_id_x, %[[D3]]] : memref<6x256xf32>
// CHECK-NOT: memref.load %arg0
// CHECK: memref.store %{{.*}}, %arg1[%block_id_x, %[[C]]] : memref<6x256xf32>
// CHECK-NEXT: memref.store %{{.*}}, %arg1[%block_id_x, %[[D1]]] : memref<6x256xf32>
// CHECK-NEXT: memref.store %{{.*}}, %arg1[%block_id_x, %[[D2]]] : memref<6x256xf32>
// CHECK-NEXT: memref.store %{{.*}}, %arg1[%block_id_x, %[[D3]]] : memref<6x256xf32>

// An f16 row of 512: V = 8 (16 bytes of f16), 64 threads.
// CHECK-LABEL: gpu.func @fused_2_reduction
// CHECK-SAME: known_block_size = array<i32: 64, 1, 1>
// CHECK-SAME: mly.vector = 8 : i32
// CHECK-COUNT-8: memref.load %arg0
// CHECK-NOT: memref.load %arg0
// CHECK-COUNT-8: memref.store %{{.*}}, %arg1

// An f16 add of a broadcast f32 bias: the bias is not read lane by lane
// (one 16-wide row for all rows), so its width does not set V: 8 lanes
// (16 bytes of f16).
// CHECK-LABEL: gpu.func @fused_3_elementwise
// CHECK-SAME: mly.vector = 8 : i32

// SIM-DAG: output_0: tensor<6x12xf16> max_abs_err=0 max_rel_err=0 ok
// SIM-DAG: output_1: tensor<6x12xf32> max_abs_err=0 max_rel_err=0 ok
// SIM-DAG: output_2: tensor<6x256xf32> max_abs_err=0 max_rel_err=0 ok
// SIM-DAG: output_3: tensor<6x512xf16> max_abs_err=0 max_rel_err=0 ok
// SIM-DAG: output_4: tensor<6x16xf16> max_abs_err=0 max_rel_err=0 ok

// vec=8: the 12-wide rows take 4 (12 is no multiple of 8); the 256 rows
// 4 a thread too (8 would leave 32 threads a row, under the floor of 64
// threads), the 512 rows 8 (64 threads).
// VEC8-LABEL: gpu.func @fused_0_elementwise
// VEC8-SAME: mly.vector = 4 : i32
// VEC8-LABEL: gpu.func @fused_1_reduction
// VEC8-SAME: known_block_size = array<i32: 64, 1, 1>
// VEC8-SAME: mly.vector = 4 : i32
// VEC8-LABEL: gpu.func @fused_2_reduction
// VEC8-SAME: known_block_size = array<i32: 64, 1, 1>
// VEC8-SAME: mly.vector = 8 : i32

// vec=2 with elems=2 and block-size=32: two pairs a thread, 64 elements
// apart; the 256 rows in 32 threads of 4 pairs each.
// VEC2-LABEL: gpu.func @fused_0_elementwise
// VEC2-SAME: mly.vector = 2 : i32
// VEC2: %[[T:.*]] = arith.addi %{{.*}}, %thread_id_x : index
// VEC2: arith.muli %[[T]], %c2 : index
// VEC2: %[[T1:.*]] = arith.addi %[[T]], %c32 : index
// VEC2: arith.muli %[[T1]], %c2 : index
// VEC2-LABEL: gpu.func @fused_1_reduction
// VEC2-SAME: known_block_size = array<i32: 32, 1, 1>
// VEC2-SAME: mly.vector = 2 : i32

// vec=1: one element a lane, no mly.vector.
// VEC1-LABEL: gpu.func @fused_0_elementwise
// VEC1-NOT: mly.vector
// VEC1: gpu.return

// BAD: GPU options out of range: {{.*}}vec 0, 1, 2, 4 or 8

func.func private @fused_0_elementwise(%x: tensor<6x12xf16>, %b: tensor<12xf16>) -> (tensor<6x12xf16>, tensor<6x12xf32>) attributes {mly.fused = "elementwise"} {
  %0 = "mly.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<12xf16>) -> tensor<6x12xf16>
  %1 = "mly.add"(%x, %0) : (tensor<6x12xf16>, tensor<6x12xf16>) -> tensor<6x12xf16>
  %2 = "mly.cast"(%1) : (tensor<6x12xf16>) -> tensor<6x12xf32>
  %3 = "mly.mul"(%2, %2) : (tensor<6x12xf32>, tensor<6x12xf32>) -> tensor<6x12xf32>
  return %1, %3 : tensor<6x12xf16>, tensor<6x12xf32>
}
func.func private @fused_1_reduction(%x: tensor<6x256xf32>) -> tensor<6x256xf32> attributes {mly.fused = "reduction"} {
  %0 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = true, kind = "max"} : (tensor<6x256xf32>) -> tensor<6x1xf32>
  %1 = "mly.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<6x1xf32>) -> tensor<6x256xf32>
  %2 = "mly.sub"(%x, %1) : (tensor<6x256xf32>, tensor<6x256xf32>) -> tensor<6x256xf32>
  %3 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = true, kind = "sum"} : (tensor<6x256xf32>) -> tensor<6x1xf32>
  %4 = "mly.broadcast_in_dim"(%3) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<6x1xf32>) -> tensor<6x256xf32>
  %5 = "mly.mul"(%2, %4) : (tensor<6x256xf32>, tensor<6x256xf32>) -> tensor<6x256xf32>
  return %5 : tensor<6x256xf32>
}
func.func private @fused_2_reduction(%x: tensor<6x512xf16>) -> tensor<6x512xf16> attributes {mly.fused = "reduction"} {
  %0 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = true, kind = "max"} : (tensor<6x512xf16>) -> tensor<6x1xf16>
  %1 = "mly.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<6x1xf16>) -> tensor<6x512xf16>
  %2 = "mly.sub"(%x, %1) : (tensor<6x512xf16>, tensor<6x512xf16>) -> tensor<6x512xf16>
  return %2 : tensor<6x512xf16>
}
func.func private @fused_3_elementwise(%x: tensor<6x16xf16>, %b: tensor<16xf32>) -> tensor<6x16xf16> attributes {mly.fused = "elementwise"} {
  %0 = "mly.cast"(%b) : (tensor<16xf32>) -> tensor<16xf16>
  %1 = "mly.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 1>} : (tensor<16xf16>) -> tensor<6x16xf16>
  %2 = "mly.add"(%x, %1) : (tensor<6x16xf16>, tensor<6x16xf16>) -> tensor<6x16xf16>
  return %2 : tensor<6x16xf16>
}
func.func @forward(%x: tensor<6x12xf16>, %b: tensor<12xf16>, %y: tensor<6x256xf32>, %z: tensor<6x512xf16>, %u: tensor<6x16xf16>, %c: tensor<16xf32>) -> (tensor<6x12xf16>, tensor<6x12xf32>, tensor<6x256xf32>, tensor<6x512xf16>, tensor<6x16xf16>) {
  %0:2 = func.call @fused_0_elementwise(%x, %b) : (tensor<6x12xf16>, tensor<12xf16>) -> (tensor<6x12xf16>, tensor<6x12xf32>)
  %1 = func.call @fused_1_reduction(%y) : (tensor<6x256xf32>) -> tensor<6x256xf32>
  %2 = func.call @fused_2_reduction(%z) : (tensor<6x512xf16>) -> tensor<6x512xf16>
  %3 = func.call @fused_3_elementwise(%u, %c) : (tensor<6x16xf16>, tensor<16xf32>) -> tensor<6x16xf16>
  return %0#0, %0#1, %1, %2, %3 : tensor<6x12xf16>, tensor<6x12xf32>, tensor<6x256xf32>, tensor<6x512xf16>, tensor<6x16xf16>
}
