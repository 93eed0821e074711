// RUN: mly-run %s --backend interp --input=f32:0.5 --outputs %t.ref.safetensors
// RUN: mly-opt %s --mly-gpu-options=qblock=0,atile=0 --mly-to-gpu -o %t.gpu.mlir
// RUN: FileCheck %s < %t.gpu.mlir
// RUN: mly-run %t.gpu.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-4 --atol 1e-5 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=block-size=32,qblock=0,atile=0 --mly-to-gpu -o %t.gpu32.mlir
// RUN: FileCheck %s --check-prefix=TILES < %t.gpu32.mlir
// RUN: mly-run %t.gpu32.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-4 --atol 1e-5 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=attention=0 --mly-to-gpu | FileCheck %s --check-prefix=OFF
// RUN: mly-opt %s --mly-gpu-options=atile=0 --mly-to-gpu -o %t.blocked.mlir
// RUN: FileCheck %s --check-prefix=BLOCKED < %t.blocked.mlir
// RUN: mly-run %t.blocked.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-4 --atol 1e-5 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=qblock=32,atile=0 --mly-to-gpu -o %t.blocked32.mlir
// RUN: FileCheck %s --check-prefix=BLOCKED32 < %t.blocked32.mlir
// RUN: mly-run %t.blocked32.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-4 --atol 1e-5 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-to-gpu -o %t.tiled.mlir
// RUN: FileCheck %s --check-prefix=ATILED < %t.tiled.mlir
// RUN: mly-run %t.tiled.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-4 --atol 1e-5 | FileCheck %s --check-prefix=SIM
// RUN: mly-run %t.tiled.mlir --backend hip-sim --no-cache --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-4 --atol 1e-5 | FileCheck %s --check-prefix=SIM

// Causal attention over 80 keys with PyTorch's safe softmax (a fully masked
// row gives zeros, not NaN: row 3 is masked out entirely), checked against
// the reference interpreter on the same module. Q, K and V are made from
// the input by sin/cos of iotas.
//
// By default the register-tiled schedule ("attention-tiled") takes 32
// query rows a workgroup of 8 x 16 threads: Q staged once (16 x 32), then
// key tiles of 32: K staged d-major (16 x 36, the buffer P reuses) and V
// (32 x 16); thread (ty, tx) scores rows 4 ty.. against keys 2 tx.., the
// rows' tile max goes through a 32 x 16 buffer, and the thread adds P V
// for its rows and column tx. The mask does not read the product: a
// thread's pairs tell whether any may attend, and a key tile none of the
// workgroup's may is skipped whole through a flag per tile parity (both
// cleared before the loop, behind a barrier; rows
// 0-31 skip keys 32-79; rows 32-63 skip keys 64-79). Each thread's part
// of the rows' sums is added up once at the end.
// ATILED-LABEL: gpu.func @fused_1_attention
// ATILED-SAME: workgroup(%[[Q:.*]] : memref<512xf32, #gpu.address_space<workgroup>>, %[[KP:.*]] : memref<1152xf32, #gpu.address_space<workgroup>>, %[[V:.*]] : memref<512xf32, #gpu.address_space<workgroup>>, %[[RED:.*]] : memref<512xf32, #gpu.address_space<workgroup>>, %[[FL:.*]] : memref<2xf32, #gpu.address_space<workgroup>>)
// ATILED-SAME: known_block_size = array<i32: 128, 1, 1>, mly.kind = "attention", mly.schedule = "attention-tiled"
// ATILED-COUNT-4: memref.store %{{.*}}, %[[Q]]
// ATILED: memref.store %{{.*}}, %[[FL]][%c0]
// ATILED-NEXT: memref.store %{{.*}}, %[[FL]][%c1]
// ATILED-NEXT: }
// ATILED-NEXT: gpu.barrier
// Carried: 4 maxima, 4 partial sums, 4 x 1 accumulators.
// ATILED: %[[RES:.*]]:12 = scf.for %[[J0:.*]] = %c0 to %c80 step %c32 iter_args(
// ATILED: %[[PAR:.*]] = arith.remsi %{{.*}}, %c2
// ATILED: memref.store %{{.*}}, %[[FL]][%[[PAR]]]
// ATILED: %[[OTHER:.*]] = arith.subi %c1, %[[PAR]]
// ATILED: memref.store %{{.*}}, %[[FL]][%[[OTHER]]]
// ATILED-NEXT: }
// ATILED-NEXT: gpu.barrier
// ATILED-NEXT: %[[F:.*]] = memref.load %[[FL]][%[[PAR]]]
// ATILED-NEXT: %[[GO:.*]] = arith.cmpf une, %[[F]]
// ATILED: scf.if %[[GO]] -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32) {
// ATILED: memref.store %{{.*}}, %[[KP]]
// ATILED: memref.store %{{.*}}, %[[V]]
// ATILED: gpu.barrier
// ATILED: scf.for %{{.*}} = %c0 to %c16 step %c1 iter_args({{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32) {
// ATILED-COUNT-4: memref.load %[[Q]]
// ATILED-COUNT-2: memref.load %[[KP]]
// ATILED: } {mly.unroll}
// ATILED: memref.store %{{.*}}, %[[RED]]
// ATILED: gpu.barrier
// ATILED: memref.load %[[RED]]
// ATILED: math.exp
// ATILED: memref.store %{{.*}}, %[[KP]]
// ATILED: gpu.barrier
// ATILED: scf.for %{{.*}} = %c0 to %c32 step %c1 iter_args({{.*}}) -> (f32, f32, f32, f32) {
// ATILED-COUNT-4: memref.load %[[KP]]
// ATILED: memref.load %[[V]]
// ATILED: } {mly.unroll}
// ATILED: } else {
// ATILED-NEXT: scf.yield
// ATILED: gpu.barrier
// ATILED: memref.store %[[RES]]#4, %[[RED]]
// ATILED: gpu.barrier
// ATILED-NOT: memref<1x2x80x80xf32>
// ATILED: gpu.return

// With qblock=0 (and atile=0) the attention schedule streams the keys in one workgroup
// per query row: one tile of 128 by default; with 32-thread workgroups,
// three tiles (32, 32, 16), so the running max, sum and P V are rescaled
// across tiles.
//
// With atile=0 (qblock=64) a workgroup takes 64 query rows, a thread each:
// 80 rows make two blocks per head (the second half empty: rows past the
// end write nothing), 4 workgroups in all. Keys come in tiles of 32 (32,
// 32, then 16 and 16 past the end, which score -inf), K and V staged in
// workgroup memory, the thread's scores in its row of a 64 x 33 buffer.
// The key loop carries the max, the sum and the 16 P V accumulators.

// BLOCKED-LABEL: gpu.func @fused_1_attention
// BLOCKED-SAME: workgroup(%[[K:.*]] : memref<512xf32, #gpu.address_space<workgroup>>, %[[V:.*]] : memref<512xf32, #gpu.address_space<workgroup>>, %[[S:.*]] : memref<2112xf32, #gpu.address_space<workgroup>>)
// BLOCKED-SAME: known_block_size = array<i32: 64, 1, 1>, mly.kind = "attention", mly.schedule = "attention"
// BLOCKED: scf.for %{{.*}} = %{{.*}} to %c80 step %c32 iter_args({{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32)
// BLOCKED: memref.store %{{.*}}, %[[K]]
// BLOCKED: memref.store %{{.*}}, %[[V]]
// BLOCKED: gpu.barrier
// Pass 1: scores from the staged K into the thread's row, with their max.
// The scores are select(mask, product, -inf) with a mask that does not read
// the product: a masked key is not scored (no K load, no dot product).
// BLOCKED: scf.for %{{.*}} = %{{.*}} to %c32 step %c1 iter_args(%{{.*}}) -> (f32)
// BLOCKED: %[[LIVE:.*]] = arith.andi
// BLOCKED-NEXT: scf.if %[[LIVE]] -> (f32) {
// BLOCKED-NEXT: memref.load %[[K]]
// BLOCKED: } else {
// BLOCKED-NEXT: scf.yield %{{.*}} : f32
// BLOCKED: memref.store %{{.*}}, %[[S]]
// BLOCKED: arith.maximumf
// BLOCKED: math.exp
// Pass 2: e V over the tile from the staged V, skipped by a row with no
// key above -inf in the tile (with qblock=32, rows 0-31 skip keys 32-63).
// BLOCKED: %[[ANY:.*]] = arith.cmpf une, %[[MT:.*]], %{{.*}} : f32
// BLOCKED: scf.if %[[ANY]] -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32)
// BLOCKED: scf.for %{{.*}} = %{{.*}} to %c32 step %c1 iter_args({{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32)
// BLOCKED: memref.load %[[S]]
// BLOCKED: memref.load %[[V]]
// BLOCKED: } else {
// BLOCKED-NEXT: scf.yield
// BLOCKED: gpu.barrier
// BLOCKED-NOT: memref<1x2x80x80xf32>
// BLOCKED: gpu.return
// BLOCKED32: gpu.func @fused_1_attention{{.*}}workgroup({{.*}}memref<512xf32, {{.*}}memref<512xf32, {{.*}}memref<1056xf32, {{.*}}known_block_size = array<i32: 32, 1, 1>{{.*}}mly.schedule = "attention"

// CHECK-LABEL: gpu.func @fused_1_attention
// CHECK-SAME: workgroup(%[[S:.*]] : memref<128xf32, #gpu.address_space<workgroup>>, %[[P:.*]] : memref<128xf32, #gpu.address_space<workgroup>>)
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>, mly.kind = "attention", mly.schedule = "attention"
// The key loop carries the running max, the running sum and P V.
// CHECK: %{{.*}}:3 = scf.for %[[J0:[a-z0-9_]+]] = %{{.*}} to %c80 step %c128 iter_args(%[[M:[a-z0-9_]+]] = %{{.*}}, %[[L:[a-z0-9_]+]] = %{{.*}}, %[[ACC:[a-z0-9_]+]] = %{{.*}}) -> (f32, f32, f32)
// CHECK: arith.maximumf %[[M]]
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[P]]
// CHECK: scf.for
// CHECK:   memref.load %[[P]]
// CHECK: gpu.barrier
// CHECK-NOT: memref<1x2x80x80xf32>
// CHECK: gpu.return

// TILES: gpu.func @fused_1_attention{{.*}}known_block_size = array<i32: 32, 1, 1>{{.*}}mly.schedule = "attention"
// TILES: scf.for {{.*}} to %c80 step %c32 iter_args({{.*}}) -> (f32, f32, f32)
// OFF: gpu.func @fused_1_attention{{.*}}mly.schedule = "elementwise"
// SIM: output_0: tensor<1x80x32xf32> max_abs_err={{.*}} ok

func.func private @fused_0_elementwise(%seed: tensor<f32>) -> (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) attributes {mly.fused = "elementwise"} {
  %i = "mly.iota"() {dim = 2 : i64} : () -> tensor<1x2x80x16xi64>
  %d = "mly.iota"() {dim = 3 : i64} : () -> tensor<1x2x80x16xi64>
  %h = "mly.iota"() {dim = 1 : i64} : () -> tensor<1x2x80x16xi64>
  %fi = "mly.cast"(%i) : (tensor<1x2x80x16xi64>) -> tensor<1x2x80x16xf32>
  %fd = "mly.cast"(%d) : (tensor<1x2x80x16xi64>) -> tensor<1x2x80x16xf32>
  %fh = "mly.cast"(%h) : (tensor<1x2x80x16xi64>) -> tensor<1x2x80x16xf32>
  %s = "mly.broadcast_in_dim"(%seed) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x2x80x16xf32>
  %c1 = "mly.constant"() {value = dense<0.37> : tensor<1x2x80x16xf32>} : () -> tensor<1x2x80x16xf32>
  %c2 = "mly.constant"() {value = dense<1.3> : tensor<1x2x80x16xf32>} : () -> tensor<1x2x80x16xf32>
  %c3 = "mly.constant"() {value = dense<0.71> : tensor<1x2x80x16xf32>} : () -> tensor<1x2x80x16xf32>
  %a1 = "mly.mul"(%fi, %c1) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %a2 = "mly.mul"(%fd, %c2) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %a3 = "mly.mul"(%fh, %c3) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %x = "mly.add"(%a1, %a2) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %y = "mly.add"(%x, %a3) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %z = "mly.add"(%y, %s) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %q = "mly.sin"(%z) : (tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %k = "mly.cos"(%y) : (tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %w = "mly.mul"(%z, %c3) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %v = "mly.sin"(%w) : (tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  return %q, %k, %v : tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>
}
func.func private @fused_1_attention(%q: tensor<1x2x80x16xf32>, %k: tensor<1x2x80x16xf32>, %v: tensor<1x2x80x16xf32>) -> tensor<1x80x32xf32> attributes {mly.fused = "attention"} {
  %0 = "mly.matmul"(%q, %k) {transpose_lhs = false, transpose_rhs = true} : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x80xf32>
  %1 = "mly.constant"() {value = dense<2.500000e-01> : tensor<1x2x80x80xf32>} : () -> tensor<1x2x80x80xf32>
  %2 = "mly.mul"(%0, %1) : (tensor<1x2x80x80xf32>, tensor<1x2x80x80xf32>) -> tensor<1x2x80x80xf32>
  %ri = "mly.iota"() {dim = 0 : i64} : () -> tensor<80x80xi64>
  %ci = "mly.iota"() {dim = 1 : i64} : () -> tensor<80x80xi64>
  %causal = "mly.cmp"(%ci, %ri) {predicate = "le"} : (tensor<80x80xi64>, tensor<80x80xi64>) -> tensor<80x80xi1>
  %three = "mly.constant"() {value = dense<3> : tensor<80x80xi64>} : () -> tensor<80x80xi64>
  %not3 = "mly.cmp"(%ri, %three) {predicate = "ne"} : (tensor<80x80xi64>, tensor<80x80xi64>) -> tensor<80x80xi1>
  %mask = "mly.and"(%causal, %not3) : (tensor<80x80xi1>, tensor<80x80xi1>) -> tensor<80x80xi1>
  %bm = "mly.broadcast_in_dim"(%mask) {broadcast_dimensions = array<i64: 2, 3>} : (tensor<80x80xi1>) -> tensor<1x2x80x80xi1>
  %ninf = "mly.constant"() {value = dense<0xFF800000> : tensor<1x2x80x80xf32>} : () -> tensor<1x2x80x80xf32>
  %3 = "mly.select"(%bm, %2, %ninf) : (tensor<1x2x80x80xi1>, tensor<1x2x80x80xf32>, tensor<1x2x80x80xf32>) -> tensor<1x2x80x80xf32>
  %4 = "mly.reduce"(%3) {dims = array<i64: 3>, keepdim = true, kind = "max"} : (tensor<1x2x80x80xf32>) -> tensor<1x2x80x1xf32>
  %rninf = "mly.constant"() {value = dense<0xFF800000> : tensor<1x2x80x1xf32>} : () -> tensor<1x2x80x1xf32>
  %5 = "mly.cmp"(%4, %rninf) {predicate = "eq"} : (tensor<1x2x80x1xf32>, tensor<1x2x80x1xf32>) -> tensor<1x2x80x1xi1>
  %rz = "mly.constant"() {value = dense<0.0> : tensor<1x2x80x1xf32>} : () -> tensor<1x2x80x1xf32>
  %6 = "mly.select"(%5, %rz, %4) : (tensor<1x2x80x1xi1>, tensor<1x2x80x1xf32>, tensor<1x2x80x1xf32>) -> tensor<1x2x80x1xf32>
  %7 = "mly.broadcast_in_dim"(%6) {broadcast_dimensions = array<i64: 0, 1, 2, 3>} : (tensor<1x2x80x1xf32>) -> tensor<1x2x80x80xf32>
  %8 = "mly.sub"(%3, %7) : (tensor<1x2x80x80xf32>, tensor<1x2x80x80xf32>) -> tensor<1x2x80x80xf32>
  %9 = "mly.exp"(%8) : (tensor<1x2x80x80xf32>) -> tensor<1x2x80x80xf32>
  %10 = "mly.reduce"(%9) {dims = array<i64: 3>, keepdim = true, kind = "sum"} : (tensor<1x2x80x80xf32>) -> tensor<1x2x80x1xf32>
  %11 = "mly.broadcast_in_dim"(%10) {broadcast_dimensions = array<i64: 0, 1, 2, 3>} : (tensor<1x2x80x1xf32>) -> tensor<1x2x80x80xf32>
  %12 = "mly.div"(%9, %11) : (tensor<1x2x80x80xf32>, tensor<1x2x80x80xf32>) -> tensor<1x2x80x80xf32>
  %z = "mly.constant"() {value = dense<0.0> : tensor<1x2x80x80xf32>} : () -> tensor<1x2x80x80xf32>
  %13 = "mly.cmp"(%11, %z) {predicate = "eq"} : (tensor<1x2x80x80xf32>, tensor<1x2x80x80xf32>) -> tensor<1x2x80x80xi1>
  %14 = "mly.select"(%13, %z, %12) : (tensor<1x2x80x80xi1>, tensor<1x2x80x80xf32>, tensor<1x2x80x80xf32>) -> tensor<1x2x80x80xf32>
  %15 = "mly.matmul"(%14, %v) {transpose_lhs = false, transpose_rhs = false} : (tensor<1x2x80x80xf32>, tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf32>
  %16 = "mly.transpose"(%15) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x2x80x16xf32>) -> tensor<1x80x2x16xf32>
  %17 = "mly.reshape"(%16) : (tensor<1x80x2x16xf32>) -> tensor<1x80x32xf32>
  return %17 : tensor<1x80x32xf32>
}
func.func @forward(%seed: tensor<f32>) -> tensor<1x80x32xf32> {
  %0:3 = func.call @fused_0_elementwise(%seed) : (tensor<f32>) -> (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>)
  %1 = func.call @fused_1_attention(%0#0, %0#1, %0#2) : (tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>, tensor<1x2x80x16xf32>) -> tensor<1x80x32xf32>
  return %1 : tensor<1x80x32xf32>
}
