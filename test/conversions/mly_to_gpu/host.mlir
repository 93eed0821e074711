// RUN: mly-opt %s --split-input-file --mly-to-gpu | FileCheck %s

// The host program: inputs keep their names (NameLoc -> mly.name) and
// attributes, outputs become trailing arguments written by the kernels,
// an intermediate is an alloc (at its planned arena offset), a constant
// a kernel takes is a host global, and a returned argument is copied.

// CHECK: memref.global "private" constant @host_cst_0 : memref<4x8xf32> = dense<
// CHECK-LABEL: gpu.module @kernels
// CHECK: gpu.func @fused_0_elementwise(%[[A:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<8xf32>, %[[O:.*]]: memref<4x8xf32>)
// CHECK-SAME: known_block_size = array<i32: 32, 1, 1>, mly.kind = "elementwise", mly.schedule = "elementwise"
// CHECK-SAME: mly.vector = 4 : i32
// A thread per 4 consecutive elements of a row (lanes), bounds-checked:
// each buffer's 4 loads, then the math lane by lane, then the 4 stores;
// thread t's row and column from t over 4x2 vectors (the column times 4).
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: %[[T:.*]] = arith.addi %{{.*}}, %[[TID]] : index
// CHECK: %[[I:.*]] = arith.muli %[[T]], %c4 : index
// CHECK: %[[IN:.*]] = arith.cmpi slt, %[[I]], %c32 : index
// CHECK: scf.if %[[IN]] {
// CHECK:   %[[Q:.*]] = arith.remsi %[[T]], %c2
// CHECK:   %[[ROW:.*]] = arith.divsi %[[T]], %c2
// CHECK:   %[[COL:.*]] = arith.muli %[[Q]], %c4
// CHECK:   %[[C1:.*]] = arith.addi %[[COL]], %c1
// CHECK:   %[[C2:.*]] = arith.addi %[[COL]], %c2
// CHECK:   %[[C3:.*]] = arith.addi %[[COL]], %c3
// CHECK:   %[[X0:.*]] = memref.load %[[A]][%[[ROW]], %[[COL]]]
// CHECK:   %[[X1:.*]] = memref.load %[[A]][%[[ROW]], %[[C1]]]
// CHECK:   %[[X2:.*]] = memref.load %[[A]][%[[ROW]], %[[C2]]]
// CHECK:   %[[X3:.*]] = memref.load %[[A]][%[[ROW]], %[[C3]]]
// CHECK:   %[[Y0:.*]] = memref.load %[[B]][%[[COL]]]
// CHECK:   memref.load %[[B]][%[[C1]]]
// CHECK:   memref.load %[[B]][%[[C2]]]
// CHECK:   %[[Y3:.*]] = memref.load %[[B]][%[[C3]]]
// CHECK:   %[[S0:.*]] = arith.addf %[[X0]], %[[Y0]] : f32
// CHECK:   %[[S3:.*]] = arith.addf %[[X3]], %[[Y3]] : f32
// CHECK:   %[[E0:.*]] = math.exp %[[S0]] : f32
// CHECK:   %[[E3:.*]] = math.exp %[[S3]] : f32
// CHECK:   memref.store %[[E0]], %[[O]][%[[ROW]], %[[COL]]]
// CHECK:   memref.store {{.*}}, %[[O]][%[[ROW]], %[[C1]]]
// CHECK:   memref.store {{.*}}, %[[O]][%[[ROW]], %[[C2]]]
// CHECK:   memref.store %[[E3]], %[[O]][%[[ROW]], %[[C3]]]
// CHECK: gpu.func @neg_0
// CHECK: gpu.func @copy_1(%{{.*}}: memref<4x8xf32>, %{{.*}}: memref<4x8xf32>)

// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[X:.*]]: memref<4x8xf32> {mly.name = "x"}, %[[W:.*]]: memref<8xf32> {mly.name = "w", mly.param = "w"},
// CHECK-SAME: %[[O0:.*]]: memref<4x8xf32> {mly.output = 0 : i64}, %[[O1:.*]]: memref<4x8xf32> {mly.output = 1 : i64})
// CHECK-SAME: attributes {mly.arena_naive = 128 : i64, mly.arena_size = 128 : i64, mly.host}
// CHECK: %[[T:.*]] = memref.alloc() {alignment = 64 : i64, mly.offset = 0 : i64} : memref<4x8xf32>
// CHECK: gpu.launch_func @kernels::@fused_0_elementwise {{.*}} args(%[[X]] : memref<4x8xf32>, %[[W]] : memref<8xf32>, %[[T]] : memref<4x8xf32>)
// CHECK: %[[C:.*]] = memref.get_global @host_cst_0 : memref<4x8xf32>
// CHECK: gpu.launch_func @kernels::@neg_0 {{.*}} args(%[[C]] : memref<4x8xf32>, %[[O0]] : memref<4x8xf32>)
// CHECK: gpu.launch_func @kernels::@copy_1 {{.*}} args(%[[X]] : memref<4x8xf32>, %[[O1]] : memref<4x8xf32>)
// CHECK: return

func.func private @fused_0_elementwise(%a: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> attributes {mly.fused = "elementwise"} {
  %0 = "mly.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<4x8xf32>
  %1 = "mly.add"(%a, %0) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %2 = "mly.exp"(%1) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}
func.func @forward(%x: tensor<4x8xf32> loc("x"), %w: tensor<8xf32> {mly.param = "w"} loc("w")) -> (tensor<4x8xf32>, tensor<4x8xf32>) attributes {mly.arena_naive = 128 : i64, mly.arena_size = 128 : i64} {
  %0 = func.call @fused_0_elementwise(%x, %w) {mly.arena_offset = 0 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %c = "mly.constant"() {value = dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
  %1 = "mly.neg"(%c) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %1, %x : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// Constants inside a kernel: splats are arith constants, others a global
// of the gpu.module read at the element's index.

// CHECK-LABEL: gpu.module @kernels
// CHECK: memref.global "private" constant @cst_0 : memref<3xi64> = dense<[5, -7, 9]>
// CHECK: gpu.func @fused_0_elementwise
// CHECK: %[[G:.*]] = memref.get_global @cst_0 : memref<3xi64>
// CHECK: %[[TWO:.*]] = arith.constant 2 : i64
// CHECK: memref.load %[[G]][%[[I:.*]]] : memref<3xi64>
// CHECK: arith.muli %{{.*}}, %[[TWO]] : i64

func.func private @fused_0_elementwise(%a: tensor<3xi64>) -> tensor<3xi64> attributes {mly.fused = "elementwise"} {
  %0 = "mly.constant"() {value = dense<[5, -7, 9]> : tensor<3xi64>} : () -> tensor<3xi64>
  %1 = "mly.constant"() {value = dense<2> : tensor<3xi64>} : () -> tensor<3xi64>
  %2 = "mly.add"(%a, %0) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %3 = "mly.mul"(%2, %1) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %3 : tensor<3xi64>
}
func.func @forward(%a: tensor<3xi64>) -> tensor<3xi64> {
  %0 = func.call @fused_0_elementwise(%a) : (tensor<3xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}
