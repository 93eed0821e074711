// RUN: mly-run %s --backend interp --input=2x3x128xf32:0.25 --outputs %t.ref.safetensors
// RUN: mly-opt %s --mly-gpu-options=block-size=32 --mly-to-gpu -o %t.gpu.mlir
// RUN: FileCheck %s < %t.gpu.mlir
// RUN: mly-run %t.gpu.mlir --backend hip-sim --input=2x3x128xf32:0.25 --expect %t.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SIM

// A layer norm of rows of 128 with 32-thread workgroups: a thread's
// columns are tid, tid + 32, tid + 64 and tid + 96, whole, so the column
// loops are unrolled and each element is loaded once (4 loads of the
// input a thread, not 4 per pass): the mean's partial, the variance's and
// the output all read the same values. The input varies along the row
// (x + sin(i)), so a misplaced element shows against the interpreter.

// CHECK-LABEL: gpu.func @fused_0_reduction
// CHECK-NOT: scf.for
// CHECK-COUNT-4: memref.load %arg0
// CHECK-NOT: memref.load %arg0
// CHECK: gpu.return

// SIM: output_0: tensor<6x128xf32> {{.*}} ok

func.func private @fused_0_reduction(%x0: tensor<2x3x128xf32>) -> tensor<6x128xf32> attributes {mly.fused = "reduction"} {
  %i = "mly.iota"() {dim = 2 : i64} : () -> tensor<2x3x128xi64>
  %fi = "mly.cast"(%i) : (tensor<2x3x128xi64>) -> tensor<2x3x128xf32>
  %si = "mly.sin"(%fi) : (tensor<2x3x128xf32>) -> tensor<2x3x128xf32>
  %x = "mly.add"(%x0, %si) : (tensor<2x3x128xf32>, tensor<2x3x128xf32>) -> tensor<2x3x128xf32>
  %n = "mly.constant"() {value = dense<128.0> : tensor<2x3x1xf32>} : () -> tensor<2x3x1xf32>
  %eps = "mly.constant"() {value = dense<1.0e-5> : tensor<2x3x1xf32>} : () -> tensor<2x3x1xf32>
  %s = "mly.reduce"(%x) {dims = array<i64: 2>, keepdim = true, kind = "sum"} : (tensor<2x3x128xf32>) -> tensor<2x3x1xf32>
  %mean = "mly.div"(%s, %n) : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %mb = "mly.broadcast_in_dim"(%mean) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<2x3x1xf32>) -> tensor<2x3x128xf32>
  %d = "mly.sub"(%x, %mb) : (tensor<2x3x128xf32>, tensor<2x3x128xf32>) -> tensor<2x3x128xf32>
  %d2 = "mly.mul"(%d, %d) : (tensor<2x3x128xf32>, tensor<2x3x128xf32>) -> tensor<2x3x128xf32>
  %v = "mly.reduce"(%d2) {dims = array<i64: 2>, keepdim = true, kind = "sum"} : (tensor<2x3x128xf32>) -> tensor<2x3x1xf32>
  %var = "mly.div"(%v, %n) : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %ve = "mly.add"(%var, %eps) : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %r = "mly.rsqrt"(%ve) : (tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %rb = "mly.broadcast_in_dim"(%r) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<2x3x1xf32>) -> tensor<2x3x128xf32>
  %y = "mly.mul"(%d, %rb) : (tensor<2x3x128xf32>, tensor<2x3x128xf32>) -> tensor<2x3x128xf32>
  %o = "mly.reshape"(%y) : (tensor<2x3x128xf32>) -> tensor<6x128xf32>
  return %o : tensor<6x128xf32>
}
func.func @forward(%x: tensor<2x3x128xf32>) -> tensor<6x128xf32> {
  %0 = func.call @fused_0_reduction(%x) : (tensor<2x3x128xf32>) -> tensor<6x128xf32>
  return %0 : tensor<6x128xf32>
}
