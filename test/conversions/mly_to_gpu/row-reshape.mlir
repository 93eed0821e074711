// RUN: mly-opt %s --mly-to-gpu | FileCheck %s

// A row group whose output is a reshape of its rows (a layer norm of
// 2x3x40 written as 6x40, GPT-2's shape): the epilogue writes row `bid` of
// the output at (bid, column), and the reshape reads the input at
// (bid / 3, bid % 3, column), the index the two reductions were computed
// at, so both come from the workgroup's trees: no serial loop over the
// row inside the epilogue.

// CHECK-LABEL: gpu.func @fused_0_reduction
// CHECK-SAME: (%[[IN:.*]]: memref<2x3x40xf32>, %[[OUT:.*]]: memref<6x40xf32>)
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[ROW:.*]] = gpu.block_id x
// CHECK: %[[MEAN:.*]] = memref.load %[[WG:.*]][%{{.*}}]
// CHECK: %[[VAR:.*]] = memref.load %[[WG]][%{{.*}}]
// CHECK: math.rsqrt
// CHECK: scf.for %[[E:.*]] = %[[TID]] to
// CHECK-NOT: scf.for
// CHECK:   memref.store %{{.*}}, %[[OUT]][%[[ROW]], %[[E]]]
// CHECK-NEXT: }
// CHECK-NEXT: gpu.return

func.func private @fused_0_reduction(%x: tensor<2x3x40xf32>) -> tensor<6x40xf32> attributes {mly.fused = "reduction"} {
  %n = "mly.constant"() {value = dense<40.0> : tensor<2x3x1xf32>} : () -> tensor<2x3x1xf32>
  %eps = "mly.constant"() {value = dense<1.0e-5> : tensor<2x3x1xf32>} : () -> tensor<2x3x1xf32>
  %s = "mly.reduce"(%x) {dims = array<i64: 2>, keepdim = true, kind = "sum"} : (tensor<2x3x40xf32>) -> tensor<2x3x1xf32>
  %mean = "mly.div"(%s, %n) : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %mb = "mly.broadcast_in_dim"(%mean) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<2x3x1xf32>) -> tensor<2x3x40xf32>
  %d = "mly.sub"(%x, %mb) : (tensor<2x3x40xf32>, tensor<2x3x40xf32>) -> tensor<2x3x40xf32>
  %d2 = "mly.mul"(%d, %d) : (tensor<2x3x40xf32>, tensor<2x3x40xf32>) -> tensor<2x3x40xf32>
  %v = "mly.reduce"(%d2) {dims = array<i64: 2>, keepdim = true, kind = "sum"} : (tensor<2x3x40xf32>) -> tensor<2x3x1xf32>
  %var = "mly.div"(%v, %n) : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %ve = "mly.add"(%var, %eps) : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %r = "mly.rsqrt"(%ve) : (tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %rb = "mly.broadcast_in_dim"(%r) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<2x3x1xf32>) -> tensor<2x3x40xf32>
  %y = "mly.mul"(%d, %rb) : (tensor<2x3x40xf32>, tensor<2x3x40xf32>) -> tensor<2x3x40xf32>
  %o = "mly.reshape"(%y) : (tensor<2x3x40xf32>) -> tensor<6x40xf32>
  return %o : tensor<6x40xf32>
}
func.func @forward(%x: tensor<2x3x40xf32>) -> tensor<6x40xf32> {
  %0 = func.call @fused_0_reduction(%x) : (tensor<2x3x40xf32>) -> tensor<6x40xf32>
  return %0 : tensor<6x40xf32>
}
