// RUN: mly-opt %s --mly-gpu-options=mma=1,wgmem=48 --mly-to-gpu | FileCheck %s
// RUN: mly-opt %s --mly-gpu-options=mma=1 --mly-to-gpu | FileCheck %s --check-prefix=SINGLE
// RUN: mly-opt %s --mly-to-gpu | FileCheck %s --check-prefix=OFF
// RUN: mly-opt %s --mly-gpu-options=mma=1,wgmem=96,stages=3 --mly-to-gpu | FileCheck %s --check-prefix=ASYNC

// The MMA schedule (mma=1) of f16 matmuls: 128 x 128 output tiles of 8
// subgroups, each 4 x 2 accumulator fragments of 16 x 16, k in steps of
// 32 staged as f16 into workgroup memory (rows padded by 8 halves),
// double-buffered where two copies fit the workgroup memory budget
// (wgmem=48 KiB: the next k tile loaded before the current one is
// multiplied; not the default 32 KiB, where the k loop stages its tile),
// the fragments through gpu.subgroup_mma_*; the epilogue (bias, relu)
// reads each fragment back from the subgroup's f32 scratch. M = 150, N =
// 130 and K = 70 cut every tile short: staging and epilogue are guarded.

// CHECK-LABEL: gpu.func @fused_0_matmul
// CHECK-SAME: workgroup(%[[AS:.*]] : memref<10240xf16, #gpu.address_space<workgroup>>, %[[BS:.*]] : memref<8704xf16, #gpu.address_space<workgroup>>, %[[CS:.*]] : memref<2048xf32, #gpu.address_space<workgroup>>)
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>, mly.kind = "matmul", mly.schedule = "tiled-mma"
// CHECK: %[[Z:.*]] = gpu.subgroup_mma_constant_matrix %{{.*}} : !gpu.mma_matrix<16x16xf32, "COp">
// Sixteen staged elements of each operand per thread: the first k tile.
// CHECK-COUNT-16: memref.store %{{.*}}, %[[AS]]
// CHECK-COUNT-16: memref.store %{{.*}}, %[[BS]]
// CHECK: gpu.barrier
// CHECK: %[[ACC:.*]]:8 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[Z]], {{.*}}) -> (!gpu.mma_matrix<16x16xf32, "COp">
// CHECK: scf.for {{.*}} -> (!gpu.mma_matrix<16x16xf32, "COp">
// CHECK-COUNT-4: gpu.subgroup_mma_load_matrix %[[AS]][%{{.*}}] {leadDimension = 40 : index} : memref<10240xf16, #gpu.address_space<workgroup>> -> !gpu.mma_matrix<16x16xf16, "AOp">
// CHECK-COUNT-2: gpu.subgroup_mma_load_matrix %[[BS]][%{{.*}}] {leadDimension = 136 : index} : memref<8704xf16, #gpu.address_space<workgroup>> -> !gpu.mma_matrix<16x16xf16, "BOp">
// CHECK-COUNT-8: gpu.subgroup_mma_compute
// CHECK: } {mly.unroll}
// The prefetched tile into the other buffers.
// CHECK-COUNT-16: memref.store %{{.*}}, %[[AS]]
// CHECK-COUNT-16: memref.store %{{.*}}, %[[BS]]
// CHECK-NEXT: gpu.barrier
// CHECK: gpu.subgroup_mma_store_matrix %[[ACC]]#0, %[[CS]][%{{.*}}] {leadDimension = 16 : index}
// CHECK-NEXT: gpu.barrier
// CHECK: memref.load %[[CS]]
// CHECK: scf.if
// CHECK: arith.maximumf
// CHECK: gpu.subgroup_mma_store_matrix %[[ACC]]#7
// CHECK-LABEL: gpu.func @fused_1_matmul
// CHECK-SAME: mly.schedule = "tiled-mma"
// The row sums cannot be followed forward from the fragments: a grid-
// stride loop computes them where they are stored.
// CHECK: gpu.subgroup_mma_store_matrix
// CHECK: scf.for
// CHECK-LABEL: gpu.func @fused_2_matmul
// CHECK-SAME: mly.schedule = "tiled"

// SINGLE-LABEL: gpu.func @fused_0_matmul
// SINGLE-SAME: workgroup(%[[AS:.*]] : memref<5120xf16, #gpu.address_space<workgroup>>, %[[BS:.*]] : memref<4352xf16, #gpu.address_space<workgroup>>, %{{.*}} : memref<2048xf32, #gpu.address_space<workgroup>>)
// SINGLE: scf.for
// SINGLE-COUNT-16: memref.store %{{.*}}, %[[AS]]
// SINGLE-COUNT-16: memref.store %{{.*}}, %[[BS]]
// SINGLE-NEXT: gpu.barrier
// SINGLE: scf.for
// SINGLE: } {mly.unroll}
// SINGLE-NEXT: gpu.barrier

// stages=3: whole tiles of f16 buffers (fused_3) are copied
// asynchronously into 3 stages (of 128 x 40 lhs and 32 x 136 rhs halves:
// 3 x 4352 of each); tiles 0 and 1 before the loop, which copies tile i +
// 2 (wrapping past the last), multiplies stage i % 3 through transposed
// lhs loads, and waits until one group is in flight. Cut tiles (fused_0)
// keep the registers.
// ASYNC-LABEL: gpu.func @fused_0_matmul
// ASYNC-NOT: nvgpu
// ASYNC-LABEL: gpu.func @fused_3_matmul
// ASYNC-SAME: workgroup(%[[AS:.*]] : memref<13056xf16, #gpu.address_space<workgroup>>, %[[BS:.*]] : memref<13056xf16, #gpu.address_space<workgroup>>,
// ASYNC-COUNT-4: nvgpu.device_async_copy %{{.*}}, 8 : memref<{{64x256|64x128}}xf16> to memref<13056xf16, #gpu.address_space<workgroup>>
// ASYNC: nvgpu.device_async_create_group
// ASYNC-COUNT-4: nvgpu.device_async_copy
// ASYNC: %[[G:.*]] = nvgpu.device_async_create_group
// ASYNC-NEXT: nvgpu.device_async_wait %[[G]] {numGroups = 1 : i32}
// ASYNC-NEXT: gpu.barrier
// ASYNC: scf.for
// ASYNC: arith.remsi
// ASYNC-COUNT-4: nvgpu.device_async_copy
// ASYNC: %[[G2:.*]] = nvgpu.device_async_create_group
// ASYNC: gpu.subgroup_mma_load_matrix %[[AS]][%{{.*}}] {leadDimension = 136 : index, transpose}
// ASYNC: gpu.subgroup_mma_compute
// ASYNC: nvgpu.device_async_wait %[[G2]] {numGroups = 1 : i32}
// ASYNC-NEXT: gpu.barrier
// ASYNC-NOT: memref.store %{{.*}}, %[[AS]]

// OFF-LABEL: gpu.func @fused_0_matmul
// OFF-SAME: mly.schedule = "tiled"
// OFF-NOT: gpu.subgroup_mma

func.func private @fused_0_matmul(%a: tensor<2x150x70xf16>, %b: tensor<2x70x130xf16>, %bias: tensor<130xf16>) -> tensor<2x150x130xf16> attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x150x70xf16>, tensor<2x70x130xf16>) -> tensor<2x150x130xf16>
  %1 = "mly.broadcast_in_dim"(%bias) {broadcast_dimensions = array<i64: 2>} : (tensor<130xf16>) -> tensor<2x150x130xf16>
  %2 = "mly.add"(%0, %1) : (tensor<2x150x130xf16>, tensor<2x150x130xf16>) -> tensor<2x150x130xf16>
  %z = "mly.constant"() {value = dense<0.0> : tensor<2x150x130xf16>} : () -> tensor<2x150x130xf16>
  %3 = "mly.max"(%2, %z) : (tensor<2x150x130xf16>, tensor<2x150x130xf16>) -> tensor<2x150x130xf16>
  return %3 : tensor<2x150x130xf16>
}
func.func private @fused_1_matmul(%a: tensor<150x70xf16>, %b: tensor<130x70xf16>) -> (tensor<150x130xf16>, tensor<150xf16>) attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = true} : (tensor<150x70xf16>, tensor<130x70xf16>) -> tensor<150x130xf16>
  %1 = "mly.reduce"(%0) {dims = array<i64: 1>, keepdim = false, kind = "sum"} : (tensor<150x130xf16>) -> tensor<150xf16>
  return %0, %1 : tensor<150x130xf16>, tensor<150xf16>
}
// f32 operands keep the scalar tiled schedule.
func.func private @fused_2_matmul(%a: tensor<150x70xf32>, %b: tensor<70x130xf32>) -> tensor<150x130xf32> attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<150x70xf32>, tensor<70x130xf32>) -> tensor<150x130xf32>
  return %0 : tensor<150x130xf32>
}
// A transposed lhs ([k, m]) on whole tiles (M, N multiples of 128, K of
// 64): staged k-major, read back by transposed fragment loads, no guards.
func.func private @fused_3_matmul(%a: tensor<64x256xf16>, %b: tensor<64x128xf16>) -> tensor<256x128xf16> attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = true, transpose_rhs = false} : (tensor<64x256xf16>, tensor<64x128xf16>) -> tensor<256x128xf16>
  return %0 : tensor<256x128xf16>
}
func.func @forward(%a: tensor<2x150x70xf16>, %b: tensor<2x70x130xf16>, %bias: tensor<130xf16>, %c: tensor<150x70xf16>, %d: tensor<130x70xf16>, %e: tensor<150x70xf32>, %f: tensor<70x130xf32>, %g: tensor<64x256xf16>, %h: tensor<64x128xf16>) -> (tensor<2x150x130xf16>, tensor<150x130xf16>, tensor<150xf16>, tensor<150x130xf32>, tensor<256x128xf16>) {
  %0 = func.call @fused_0_matmul(%a, %b, %bias) : (tensor<2x150x70xf16>, tensor<2x70x130xf16>, tensor<130xf16>) -> tensor<2x150x130xf16>
  %1:2 = func.call @fused_1_matmul(%c, %d) : (tensor<150x70xf16>, tensor<130x70xf16>) -> (tensor<150x130xf16>, tensor<150xf16>)
  %2 = func.call @fused_2_matmul(%e, %f) : (tensor<150x70xf32>, tensor<70x130xf32>) -> tensor<150x130xf32>
  %3 = func.call @fused_3_matmul(%g, %h) : (tensor<64x256xf16>, tensor<64x128xf16>) -> tensor<256x128xf16>
  return %0, %1#0, %1#1, %2, %3 : tensor<2x150x130xf16>, tensor<150x130xf16>, tensor<150xf16>, tensor<150x130xf32>, tensor<256x128xf16>
}
