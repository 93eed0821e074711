// RUN: mly-opt %s --mly-to-gpu | FileCheck %s

// A matmul group: 40x24 @ 24x48 in 32x32 output tiles (2 x 2 = 4
// workgroups of 16x16 threads, each thread a 2x2 block of adjacent rows
// and columns), operand tiles of 32x16 and 16x32 staged k-major (rows of
// 32 + 4) through double-buffered workgroup memory: the first k tile
// before the k loop, the next one loaded into registers before the
// current one is multiplied and stored into the other buffer after; the
// bias and the transpose as the epilogue (followed forward from each
// accumulator). The row sums of the product cannot be followed forward:
// they are computed where they are stored, by a grid-stride loop.

// CHECK-LABEL: gpu.func @fused_0_matmul
// CHECK-SAME: (%[[L:.*]]: memref<40x24xf32>, %[[R:.*]]: memref<24x48xf32>, %[[BIAS:.*]]: memref<48xf32>, %[[OUT:.*]]: memref<48x40xf32>, %[[SUMS:.*]]: memref<40xf32>)
// CHECK-SAME: workgroup(%[[AS:.*]] : memref<1152xf32, #gpu.address_space<workgroup>>, %[[BS:.*]] : memref<1152xf32, #gpu.address_space<workgroup>>)
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>, mly.kind = "matmul", mly.schedule = "tiled"
// Two staged elements of each operand per thread, zero outside the matrix;
// the lhs's k (its contiguous dimension) is the thread id's fast part.
// CHECK: %[[TK:.*]] = arith.remsi %thread_id_x, %c16 : index
// CHECK: %[[KP:.*]] = arith.muli %[[TK]], %c36 : index
// CHECK-NEXT: %[[SLOT:.*]] = arith.addi %[[KP]], %{{.*}} : index
// CHECK: memref.load %[[L]][%{{.*}}, %[[TK]]]
// CHECK: memref.load %[[L]]
// CHECK-COUNT-2: memref.load %[[R]]
// CHECK: memref.store %{{.*}}, %[[AS]][%{{.*}}]
// CHECK: memref.store %{{.*}}, %[[AS]][%{{.*}}]
// CHECK: memref.store %{{.*}}, %[[BS]][%{{.*}}]
// CHECK: memref.store %{{.*}}, %[[BS]][%{{.*}}]
// CHECK-NEXT: gpu.barrier
// CHECK: %[[ACC:.*]]:4 = scf.for %[[K0:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args({{.*}}) -> (f32, f32, f32, f32)
// The current buffer: (k0 / 16) % 2 of 576; the next k tile prefetched.
// CHECK: %[[PAR:.*]] = arith.divsi %[[K0]], %c16
// CHECK: %[[P2:.*]] = arith.remsi %[[PAR]], %c2
// CHECK: %[[CUR:.*]] = arith.muli %[[P2]], %c576
// CHECK: %[[NEXT:.*]] = arith.addi %[[K0]], %c16
// CHECK-COUNT-2: memref.load %[[L]]
// CHECK-COUNT-2: memref.load %[[R]]
// CHECK: scf.for {{.*}} -> (f32, f32, f32, f32)
// CHECK-COUNT-2: memref.load %[[AS]]
// CHECK-COUNT-2: memref.load %[[BS]]
// CHECK-COUNT-4: arith.mulf
// CHECK: } {mly.unroll}
// CHECK: %[[OTHER:.*]] = arith.subi %c576, %[[CUR]]
// CHECK: arith.addi %[[SLOT]], %[[OTHER]]
// CHECK-COUNT-4: memref.store
// CHECK-NEXT: gpu.barrier
// The epilogue of the first of the thread's four elements: bias, then the
// store at the transposed index.
// CHECK: scf.if
// CHECK:   %[[B0:.*]] = memref.load %[[BIAS]][%[[N:.*]]]
// CHECK:   arith.addf %[[B0]], %[[ACC]]#0
// CHECK:   memref.store %{{.*}}, %[[OUT]][%[[N]], %[[M:.*]]]
// CHECK-COUNT-3: memref.store %{{.*}}, %[[OUT]]
// The row sums: a grid-stride loop with a naive dot product inside.
// CHECK: scf.for
// CHECK:   scf.for
// CHECK:     scf.for
// CHECK:   memref.store %{{.*}}, %[[SUMS]]
// CHECK: gpu.return

// CHECK-LABEL: func.func @forward
// CHECK: %[[G:.*]] = arith.constant 4 : index
// CHECK: %[[B:.*]] = arith.constant 256 : index
// CHECK: gpu.launch_func @kernels::@fused_0_matmul blocks in (%[[G]], %{{.*}}, %{{.*}}) threads in (%[[B]], %{{.*}}, %{{.*}})

func.func private @fused_0_matmul(%a: tensor<40x24xf32>, %b: tensor<24x48xf32>, %bias: tensor<48xf32>) -> (tensor<48x40xf32>, tensor<40xf32>) attributes {mly.fused = "matmul"} {
  %0 = "mly.matmul"(%a, %b) {transpose_lhs = false, transpose_rhs = false} : (tensor<40x24xf32>, tensor<24x48xf32>) -> tensor<40x48xf32>
  %1 = "mly.broadcast_in_dim"(%bias) {broadcast_dimensions = array<i64: 1>} : (tensor<48xf32>) -> tensor<40x48xf32>
  %2 = "mly.add"(%1, %0) : (tensor<40x48xf32>, tensor<40x48xf32>) -> tensor<40x48xf32>
  %3 = "mly.transpose"(%2) {permutation = array<i64: 1, 0>} : (tensor<40x48xf32>) -> tensor<48x40xf32>
  %4 = "mly.reduce"(%0) {dims = array<i64: 1>, keepdim = false, kind = "sum"} : (tensor<40x48xf32>) -> tensor<40xf32>
  return %3, %4 : tensor<48x40xf32>, tensor<40xf32>
}
func.func @forward(%a: tensor<40x24xf32>, %b: tensor<24x48xf32>, %bias: tensor<48xf32>) -> (tensor<48x40xf32>, tensor<40xf32>) {
  %0:2 = func.call @fused_0_matmul(%a, %b, %bias) : (tensor<40x24xf32>, tensor<24x48xf32>, tensor<48xf32>) -> (tensor<48x40xf32>, tensor<40xf32>)
  return %0#0, %0#1 : tensor<48x40xf32>, tensor<40xf32>
}
