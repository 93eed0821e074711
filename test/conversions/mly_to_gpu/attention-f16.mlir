// RUN: mly-run %s --backend interp --input=f32:0.5 --outputs %t.ref.safetensors
// RUN: mly-opt %s --mly-gpu-options=block-size=32,qblock=0,atile=0 --mly-to-gpu -o %t.gpu.mlir
// RUN: FileCheck %s < %t.gpu.mlir
// RUN: mly-run %t.gpu.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-2 --atol 1e-3 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-gpu-options=atile=0 --mly-to-gpu -o %t.blocked.mlir
// RUN: FileCheck %s --check-prefix=BLOCKED < %t.blocked.mlir
// RUN: mly-run %t.blocked.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-2 --atol 1e-3 | FileCheck %s --check-prefix=SIM
// RUN: mly-opt %s --mly-to-gpu -o %t.tiled.mlir
// RUN: FileCheck %s --check-prefix=TILED < %t.tiled.mlir
// RUN: mly-run %t.tiled.mlir --backend msl-sim --input=f32:0.5 --expect %t.ref.safetensors --rtol 1e-2 --atol 1e-3 | FileCheck %s --check-prefix=SIM

// attention.mlir in f16 (the scores, softmax and P V of half tensors),
// three key tiles: the schedule keeps its running max, sum and P V in f32
// and matches the interpreter (which rounds every op to f16) within f16's
// precision. The query-blocked schedule (atile=0) and the register-tiled
// one (the default) stage Q, K and V as f32 in workgroup memory.

// TILED: gpu.func @fused_1_attention{{.*}}workgroup(%{{.*}} : memref<512xf32, {{.*}}, %{{.*}} : memref<1152xf32, {{.*}}, %{{.*}} : memref<512xf32, {{.*}}mly.schedule = "attention-tiled"
// TILED: memref.load %{{.*}} : memref<1x2x80x16xf16>
// TILED: arith.extf

// BLOCKED: gpu.func @fused_1_attention{{.*}}known_block_size = array<i32: 64, 1, 1>{{.*}}mly.schedule = "attention"
// BLOCKED: scf.for {{.*}} to %c80 step %c32 iter_args({{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32)

// CHECK: gpu.func @fused_1_attention{{.*}}mly.schedule = "attention"
// CHECK: scf.for {{.*}} to %c80 step %c32 iter_args({{.*}}) -> (f32, f32, f32)
// SIM: output_0: tensor<1x80x32xf16> max_abs_err={{.*}} ok

func.func private @fused_0_elementwise(%seed: tensor<f32>) -> (tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>) attributes {mly.fused = "elementwise"} {
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
  %q16 = "mly.cast"(%q) : (tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf16>
  %k16 = "mly.cast"(%k) : (tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf16>
  %v16 = "mly.cast"(%v) : (tensor<1x2x80x16xf32>) -> tensor<1x2x80x16xf16>
  return %q16, %k16, %v16 : tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>
}
func.func private @fused_1_attention(%q: tensor<1x2x80x16xf16>, %k: tensor<1x2x80x16xf16>, %v: tensor<1x2x80x16xf16>) -> tensor<1x80x32xf16> attributes {mly.fused = "attention"} {
  %0 = "mly.matmul"(%q, %k) {transpose_lhs = false, transpose_rhs = true} : (tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>) -> tensor<1x2x80x80xf16>
  %1 = "mly.constant"() {value = dense<2.500000e-01> : tensor<1x2x80x80xf16>} : () -> tensor<1x2x80x80xf16>
  %2 = "mly.mul"(%0, %1) : (tensor<1x2x80x80xf16>, tensor<1x2x80x80xf16>) -> tensor<1x2x80x80xf16>
  %ri = "mly.iota"() {dim = 0 : i64} : () -> tensor<80x80xi64>
  %ci = "mly.iota"() {dim = 1 : i64} : () -> tensor<80x80xi64>
  %causal = "mly.cmp"(%ci, %ri) {predicate = "le"} : (tensor<80x80xi64>, tensor<80x80xi64>) -> tensor<80x80xi1>
  %three = "mly.constant"() {value = dense<3> : tensor<80x80xi64>} : () -> tensor<80x80xi64>
  %not3 = "mly.cmp"(%ri, %three) {predicate = "ne"} : (tensor<80x80xi64>, tensor<80x80xi64>) -> tensor<80x80xi1>
  %mask = "mly.and"(%causal, %not3) : (tensor<80x80xi1>, tensor<80x80xi1>) -> tensor<80x80xi1>
  %bm = "mly.broadcast_in_dim"(%mask) {broadcast_dimensions = array<i64: 2, 3>} : (tensor<80x80xi1>) -> tensor<1x2x80x80xi1>
  %ninf = "mly.constant"() {value = dense<0xFC00> : tensor<1x2x80x80xf16>} : () -> tensor<1x2x80x80xf16>
  %3 = "mly.select"(%bm, %2, %ninf) : (tensor<1x2x80x80xi1>, tensor<1x2x80x80xf16>, tensor<1x2x80x80xf16>) -> tensor<1x2x80x80xf16>
  %4 = "mly.reduce"(%3) {dims = array<i64: 3>, keepdim = true, kind = "max"} : (tensor<1x2x80x80xf16>) -> tensor<1x2x80x1xf16>
  %rninf = "mly.constant"() {value = dense<0xFC00> : tensor<1x2x80x1xf16>} : () -> tensor<1x2x80x1xf16>
  %5 = "mly.cmp"(%4, %rninf) {predicate = "eq"} : (tensor<1x2x80x1xf16>, tensor<1x2x80x1xf16>) -> tensor<1x2x80x1xi1>
  %rz = "mly.constant"() {value = dense<0.0> : tensor<1x2x80x1xf16>} : () -> tensor<1x2x80x1xf16>
  %6 = "mly.select"(%5, %rz, %4) : (tensor<1x2x80x1xi1>, tensor<1x2x80x1xf16>, tensor<1x2x80x1xf16>) -> tensor<1x2x80x1xf16>
  %7 = "mly.broadcast_in_dim"(%6) {broadcast_dimensions = array<i64: 0, 1, 2, 3>} : (tensor<1x2x80x1xf16>) -> tensor<1x2x80x80xf16>
  %8 = "mly.sub"(%3, %7) : (tensor<1x2x80x80xf16>, tensor<1x2x80x80xf16>) -> tensor<1x2x80x80xf16>
  %9 = "mly.exp"(%8) : (tensor<1x2x80x80xf16>) -> tensor<1x2x80x80xf16>
  %10 = "mly.reduce"(%9) {dims = array<i64: 3>, keepdim = true, kind = "sum"} : (tensor<1x2x80x80xf16>) -> tensor<1x2x80x1xf16>
  %11 = "mly.broadcast_in_dim"(%10) {broadcast_dimensions = array<i64: 0, 1, 2, 3>} : (tensor<1x2x80x1xf16>) -> tensor<1x2x80x80xf16>
  %12 = "mly.div"(%9, %11) : (tensor<1x2x80x80xf16>, tensor<1x2x80x80xf16>) -> tensor<1x2x80x80xf16>
  %z = "mly.constant"() {value = dense<0.0> : tensor<1x2x80x80xf16>} : () -> tensor<1x2x80x80xf16>
  %13 = "mly.cmp"(%11, %z) {predicate = "eq"} : (tensor<1x2x80x80xf16>, tensor<1x2x80x80xf16>) -> tensor<1x2x80x80xi1>
  %14 = "mly.select"(%13, %z, %12) : (tensor<1x2x80x80xi1>, tensor<1x2x80x80xf16>, tensor<1x2x80x80xf16>) -> tensor<1x2x80x80xf16>
  %15 = "mly.matmul"(%14, %v) {transpose_lhs = false, transpose_rhs = false} : (tensor<1x2x80x80xf16>, tensor<1x2x80x16xf16>) -> tensor<1x2x80x16xf16>
  %16 = "mly.transpose"(%15) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x2x80x16xf16>) -> tensor<1x80x2x16xf16>
  %17 = "mly.reshape"(%16) : (tensor<1x80x2x16xf16>) -> tensor<1x80x32xf16>
  return %17 : tensor<1x80x32xf16>
}
func.func @forward(%seed: tensor<f32>) -> tensor<1x80x32xf16> {
  %0:3 = func.call @fused_0_elementwise(%seed) : (tensor<f32>) -> (tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>)
  %1 = func.call @fused_1_attention(%0#0, %0#1, %0#2) : (tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>, tensor<1x2x80x16xf16>) -> tensor<1x80x32xf16>
  return %1 : tensor<1x80x32xf16>
}
