// RUN: mly-opt %s --mly-to-gpu | FileCheck %s

// A softmax fused into one reduction group: one workgroup per row (4
// rows), the two reductions as strided partials and two-level trees in
// workgroup memory, the epilogue writing the row.

// CHECK-LABEL: gpu.func @fused_0_reduction
// CHECK-SAME: (%[[IN:.*]]: memref<4x40xf32>, %[[OUT:.*]]: memref<4x40xf32>)
// CHECK-SAME: workgroup(%[[WG:.*]] : memref<64xf32, #gpu.address_space<workgroup>>)
// CHECK-SAME: known_block_size = array<i32: 64, 1, 1>, mly.kind = "reduction", mly.schedule = "row"
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[ROW:.*]] = gpu.block_id x
// The max: a partial over columns tid, tid + 64, ...
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAXP:.*]] = scf.for %[[C:.*]] = %[[TID]] to %{{.*}} step %{{.*}} iter_args(%[[A:.*]] = %[[NINF]]) -> (f32)
// CHECK:   memref.load %[[IN]][%[[ROW]], %[[C]]]
// CHECK:   arith.maximumf
// CHECK: memref.store %[[MAXP]], %[[WG]][%[[TID]]]
// CHECK-NEXT: gpu.barrier
// The tree in two levels of fan-in 8, three barriers: threads 0..7 each
// combine 8 partials (tid, tid + 8, ..., tid + 56) into wg[tid], then
// every thread combines wg[0 .. 8) in the same order.
// CHECK-NEXT: scf.if %{{.*}} {
// CHECK-NEXT: memref.load %[[WG]][%[[TID]]]
// CHECK-COUNT-7: memref.load %[[WG]]
// CHECK: memref.store %{{.*}}, %[[WG]][%[[TID]]]
// CHECK-NEXT: }
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-8: memref.load %[[WG]]
// CHECK: %[[MAX:.*]] = arith.maximumf
// CHECK-NEXT: gpu.barrier
// The sum reads the max from a register, not through a loop of its own.
// CHECK: scf.for
// CHECK:   arith.subf %{{.*}}, %[[MAX]]
// CHECK:   math.exp
// CHECK:   arith.addf
// CHECK: memref.store %{{.*}}, %[[WG]][%[[TID]]]
// CHECK-NEXT: gpu.barrier
// CHECK: gpu.barrier
// CHECK-COUNT-8: memref.load %[[WG]]
// CHECK: %[[SUM:.*]] = arith.addf
// CHECK-NEXT: gpu.barrier
// The epilogue: each thread writes columns tid, tid + 64, ... of its row.
// CHECK: scf.for %[[E:.*]] = %[[TID]] to
// CHECK:   arith.divf %{{.*}}, %[[SUM]]
// CHECK:   memref.store %{{.*}}, %[[OUT]][%[[ROW]], %[[E]]]
// CHECK: gpu.return

// CHECK-LABEL: func.func @forward
// CHECK: %[[G:.*]] = arith.constant 4 : index
// CHECK: %[[B:.*]] = arith.constant 64 : index
// CHECK: gpu.launch_func @kernels::@fused_0_reduction blocks in (%[[G]], %{{.*}}, %{{.*}}) threads in (%[[B]], %{{.*}}, %{{.*}})

func.func private @fused_0_reduction(%x: tensor<4x40xf32>) -> tensor<4x40xf32> attributes {mly.fused = "reduction"} {
  %0 = "mly.reduce"(%x) {dims = array<i64: 1>, keepdim = true, kind = "max"} : (tensor<4x40xf32>) -> tensor<4x1xf32>
  %1 = "mly.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<4x1xf32>) -> tensor<4x40xf32>
  %2 = "mly.sub"(%x, %1) : (tensor<4x40xf32>, tensor<4x40xf32>) -> tensor<4x40xf32>
  %3 = "mly.exp"(%2) : (tensor<4x40xf32>) -> tensor<4x40xf32>
  %4 = "mly.reduce"(%3) {dims = array<i64: 1>, keepdim = true, kind = "sum"} : (tensor<4x40xf32>) -> tensor<4x1xf32>
  %5 = "mly.broadcast_in_dim"(%4) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<4x1xf32>) -> tensor<4x40xf32>
  %6 = "mly.div"(%3, %5) : (tensor<4x40xf32>, tensor<4x40xf32>) -> tensor<4x40xf32>
  return %6 : tensor<4x40xf32>
}
func.func @forward(%x: tensor<4x40xf32>) -> tensor<4x40xf32> {
  %0 = func.call @fused_0_reduction(%x) : (tensor<4x40xf32>) -> tensor<4x40xf32>
  return %0 : tensor<4x40xf32>
}
