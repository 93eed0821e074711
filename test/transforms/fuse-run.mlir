// Fusing keeps the numbers: mly-run before and after --mly-fuse prints
// the same outputs (the kernels hold the same ops in the same order).
// RUN: mly-opt %s --mly-fuse -o %t.fused.mlir
// RUN: FileCheck %s --input-file=%t.fused.mlir
// RUN: mly-run %s --backend interp --entry=softmax --input 2x4xf32:0.5,-1,2,3,1.5,0.25,-2,4 --print > %t.softmax.before
// RUN: mly-run %t.fused.mlir --backend interp --entry=softmax --input 2x4xf32:0.5,-1,2,3,1.5,0.25,-2,4 --print > %t.softmax.after
// RUN: diff %t.softmax.before %t.softmax.after
// RUN: mly-run %s --backend interp --entry=layer_norm --input 2x4xf32:0.5,-1,2,3,1.5,0.25,-2,4 --input 4xf32:1,2,0.5,-1 --input 4xf32:0,0.1,0.2,0.3 --print > %t.layer_norm.before
// RUN: mly-run %t.fused.mlir --backend interp --entry=layer_norm --input 2x4xf32:0.5,-1,2,3,1.5,0.25,-2,4 --input 4xf32:1,2,0.5,-1 --input 4xf32:0,0.1,0.2,0.3 --print > %t.layer_norm.after
// RUN: diff %t.layer_norm.before %t.layer_norm.after
// RUN: mly-run %s --backend interp --entry=rms_norm --input 2x4xf32:0.5,-1,2,3,1.5,0.25,-2,4 --input 4xf32:1,2,0.5,-1 --print > %t.rms_norm.before
// RUN: mly-run %t.fused.mlir --backend interp --entry=rms_norm --input 2x4xf32:0.5,-1,2,3,1.5,0.25,-2,4 --input 4xf32:1,2,0.5,-1 --print > %t.rms_norm.after
// RUN: diff %t.rms_norm.before %t.rms_norm.after
// RUN: mly-run %s --backend interp --entry=matmul_bias_relu --input 2x3xf32:1,-2,3,0.5,1,-1 --input 3x4xf32:1,0,-1,2,0.5,1,1,-1,2,-2,0,1 --input 4xf32:0.1,-5,0.3,0 --print > %t.matmul_bias_relu.before
// RUN: mly-run %t.fused.mlir --backend interp --entry=matmul_bias_relu --input 2x3xf32:1,-2,3,0.5,1,-1 --input 3x4xf32:1,0,-1,2,0.5,1,1,-1,2,-2,0,1 --input 4xf32:0.1,-5,0.3,0 --print > %t.matmul_bias_relu.after
// RUN: diff %t.matmul_bias_relu.before %t.matmul_bias_relu.after
// RUN: mly-run %s --backend interp --entry=attention --input 3x4xf32:0.1,0.2,-0.3,0.4,0.5,-0.6,0.7,0.8,-0.9,1.0,1.1,-1.2 --input 3x4xf32:1,0.5,-0.5,0.25,-1,2,0.75,-0.25,0.3,-0.2,0.1,0.6 --input 3x4xf32:1,2,3,4,5,6,7,8,9,10,11,12 --print > %t.attention.before
// RUN: mly-run %t.fused.mlir --backend interp --entry=attention --input 3x4xf32:0.1,0.2,-0.3,0.4,0.5,-0.6,0.7,0.8,-0.9,1.0,1.1,-1.2 --input 3x4xf32:1,0.5,-0.5,0.25,-1,2,0.75,-0.25,0.3,-0.2,0.1,0.6 --input 3x4xf32:1,2,3,4,5,6,7,8,9,10,11,12 --print > %t.attention.after
// RUN: diff %t.attention.before %t.attention.after
// RUN: mly-run %s --backend interp --entry=causal_attention --input 3x4xf32:0.1,0.2,-0.3,0.4,0.5,-0.6,0.7,0.8,-0.9,1.0,1.1,-1.2 --input 3x4xf32:1,0.5,-0.5,0.25,-1,2,0.75,-0.25,0.3,-0.2,0.1,0.6 --input 3x4xf32:1,2,3,4,5,6,7,8,9,10,11,12 --print > %t.causal_attention.before
// RUN: mly-run %t.fused.mlir --backend interp --entry=causal_attention --input 3x4xf32:0.1,0.2,-0.3,0.4,0.5,-0.6,0.7,0.8,-0.9,1.0,1.1,-1.2 --input 3x4xf32:1,0.5,-0.5,0.25,-1,2,0.75,-0.25,0.3,-0.2,0.1,0.6 --input 3x4xf32:1,2,3,4,5,6,7,8,9,10,11,12 --print > %t.causal_attention.after
// RUN: diff %t.causal_attention.before %t.causal_attention.after
// RUN: mly-run %t.fused.mlir --backend interp --entry=causal_attention --input 3x4xf32:0.1,0.2,-0.3,0.4,0.5,-0.6,0.7,0.8,-0.9,1.0,1.1,-1.2 --input 3x4xf32:1,0.5,-0.5,0.25,-1,2,0.75,-0.25,0.3,-0.2,0.1,0.6 --input 3x4xf32:1,2,3,4,5,6,7,8,9,10,11,12 --print | FileCheck %s --check-prefix=OUT

// CHECK-DAG: func.func private @{{.*}}_reduction({{.*}} attributes {mly.fused = "reduction"}
// CHECK-DAG: func.func private @{{.*}}_matmul({{.*}} attributes {mly.fused = "matmul"}
// CHECK-DAG: func.func private @{{.*}}_attention({{.*}} attributes {mly.fused = "attention"}
// The first query row sees only the first key: it gets the first row of v.
// OUT: output_0: tensor<3x4xf32> = [1, 2, 3, 4,

func.func @softmax(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %m = "mly.reduce"(%x) {kind = "max", dims = array<i64: 1>, keepdim = true} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %mb = "mly.broadcast_in_dim"(%m) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<2x4xf32>
  %d = "mly.sub"(%x, %mb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %e = "mly.exp"(%d) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %s = "mly.reduce"(%e) {kind = "sum", dims = array<i64: 1>, keepdim = true} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %sb = "mly.broadcast_in_dim"(%s) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<2x4xf32>
  %y = "mly.div"(%e, %sb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @layer_norm(%x: tensor<2x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %n = "mly.constant"() {value = dense<4.0> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %eps = "mly.constant"() {value = dense<1.0e-5> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %s = "mly.reduce"(%x) {kind = "sum", dims = array<i64: 1>, keepdim = true} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %mean = "mly.div"(%s, %n) : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %mb = "mly.broadcast_in_dim"(%mean) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<2x4xf32>
  %xc = "mly.sub"(%x, %mb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %sq = "mly.mul"(%xc, %xc) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %vs = "mly.reduce"(%sq) {kind = "sum", dims = array<i64: 1>, keepdim = true} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %var = "mly.div"(%vs, %n) : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %ve = "mly.add"(%var, %eps) : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %r = "mly.rsqrt"(%ve) : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %rb = "mly.broadcast_in_dim"(%r) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<2x4xf32>
  %xn = "mly.mul"(%xc, %rb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %gb = "mly.broadcast_in_dim"(%g) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<2x4xf32>
  %bb = "mly.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<2x4xf32>
  %y0 = "mly.mul"(%xn, %gb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = "mly.add"(%y0, %bb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @rms_norm(%x: tensor<2x4xf32>, %w: tensor<4xf32>) -> tensor<2x4xf32> {
  %n = "mly.constant"() {value = dense<4.0> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %eps = "mly.constant"() {value = dense<1.0e-6> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %sq = "mly.mul"(%x, %x) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %s = "mly.reduce"(%sq) {kind = "sum", dims = array<i64: 1>, keepdim = true} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %ms = "mly.div"(%s, %n) : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %me = "mly.add"(%ms, %eps) : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %r = "mly.rsqrt"(%me) : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %rb = "mly.broadcast_in_dim"(%r) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<2x4xf32>
  %xn = "mly.mul"(%x, %rb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %wb = "mly.broadcast_in_dim"(%w) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<2x4xf32>
  %y = "mly.mul"(%xn, %wb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @matmul_bias_relu(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %z = "mly.constant"() {value = dense<0.0> : tensor<2x4xf32>} : () -> tensor<2x4xf32>
  %mm = "mly.matmul"(%x, %w) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %bb = "mly.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<2x4xf32>
  %a = "mly.add"(%mm, %bb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = "mly.max"(%a, %z) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @attention(%q: tensor<3x4xf32>, %k: tensor<3x4xf32>, %v: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %c = "mly.constant"() {value = dense<0.5> : tensor<3x3xf32>} : () -> tensor<3x3xf32>
  %s = "mly.matmul"(%q, %k) {transpose_lhs = false, transpose_rhs = true} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x3xf32>
  %t = "mly.mul"(%s, %c) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %m = "mly.reduce"(%t) {kind = "max", dims = array<i64: 1>, keepdim = true} : (tensor<3x3xf32>) -> tensor<3x1xf32>
  %mb = "mly.broadcast_in_dim"(%m) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<3x1xf32>) -> tensor<3x3xf32>
  %d = "mly.sub"(%t, %mb) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %e = "mly.exp"(%d) : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %su = "mly.reduce"(%e) {kind = "sum", dims = array<i64: 1>, keepdim = true} : (tensor<3x3xf32>) -> tensor<3x1xf32>
  %sb = "mly.broadcast_in_dim"(%su) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<3x1xf32>) -> tensor<3x3xf32>
  %p = "mly.div"(%e, %sb) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %o = "mly.matmul"(%p, %v) {transpose_lhs = false, transpose_rhs = false} : (tensor<3x3xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %o : tensor<3x4xf32>
}

func.func @causal_attention(%q: tensor<3x4xf32>, %k: tensor<3x4xf32>, %v: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %c = "mly.constant"() {value = dense<0.5> : tensor<3x3xf32>} : () -> tensor<3x3xf32>
  %ninf = "mly.constant"() {value = dense<-1.0e9> : tensor<3x3xf32>} : () -> tensor<3x3xf32>
  %s = "mly.matmul"(%q, %k) {transpose_lhs = false, transpose_rhs = true} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x3xf32>
  %t = "mly.mul"(%s, %c) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %row = "mly.iota"() {dim = 0 : i64} : () -> tensor<3x3xi64>
  %col = "mly.iota"() {dim = 1 : i64} : () -> tensor<3x3xi64>
  %keep = "mly.cmp"(%row, %col) {predicate = "ge"} : (tensor<3x3xi64>, tensor<3x3xi64>) -> tensor<3x3xi1>
  %ms = "mly.select"(%keep, %t, %ninf) : (tensor<3x3xi1>, tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %m = "mly.reduce"(%ms) {kind = "max", dims = array<i64: 1>, keepdim = true} : (tensor<3x3xf32>) -> tensor<3x1xf32>
  %mb = "mly.broadcast_in_dim"(%m) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<3x1xf32>) -> tensor<3x3xf32>
  %d = "mly.sub"(%ms, %mb) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %e = "mly.exp"(%d) : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %su = "mly.reduce"(%e) {kind = "sum", dims = array<i64: 1>, keepdim = true} : (tensor<3x3xf32>) -> tensor<3x1xf32>
  %sb = "mly.broadcast_in_dim"(%su) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<3x1xf32>) -> tensor<3x3xf32>
  %p = "mly.div"(%e, %sb) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %o = "mly.matmul"(%p, %v) {transpose_lhs = false, transpose_rhs = false} : (tensor<3x3xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %o : tensor<3x4xf32>
}
