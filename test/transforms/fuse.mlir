// RUN: mly-opt %s --split-input-file --mly-fuse | FileCheck %s

// An elementwise chain becomes one kernel; splat constants are copied in.
// CHECK-LABEL: func.func private @fused_0_elementwise(%arg0: tensor<2x4xf32>) -> tensor<2x4xf32> attributes {mly.fused = "elementwise"}
// CHECK-NEXT: "mly.tanh"(%arg0)
// CHECK-NEXT: "mly.constant"
// CHECK-NEXT: "mly.add"
// CHECK-NEXT: "mly.constant"
// CHECK-NEXT: "mly.mul"
// CHECK-NEXT: %[[Y:.*]] = "mly.mul"
// CHECK-NEXT: return %[[Y]]
// CHECK-LABEL: func.func @gelu_chain
// CHECK-NEXT: %[[C:.*]] = call @fused_0_elementwise(%arg0)
// CHECK-NEXT: return %[[C]]
func.func @gelu_chain(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %h = "mly.constant"() {value = dense<0.5> : tensor<2x4xf32>} : () -> tensor<2x4xf32>
  %one = "mly.constant"() {value = dense<1.0> : tensor<2x4xf32>} : () -> tensor<2x4xf32>
  %t = "mly.tanh"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %a = "mly.add"(%t, %one) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %m = "mly.mul"(%x, %h) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = "mly.mul"(%m, %a) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----
// Layer norm: two reduces over the same rows, their prologue and epilogue
// (gamma and beta broadcasts included) form one reduction kernel.
// CHECK-LABEL: func.func private @fused_0_reduction(%arg0: tensor<2x4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> tensor<2x4xf32> attributes {mly.fused = "reduction"}
// CHECK-COUNT-2: "mly.reduce"
// CHECK: "mly.rsqrt"
// CHECK: "mly.broadcast_in_dim"(%arg1)
// CHECK: "mly.broadcast_in_dim"(%arg2)
// CHECK: return
// CHECK-LABEL: func.func @layer_norm
// CHECK-NEXT: call @fused_0_reduction(%arg0, %arg1, %arg2)
// CHECK-NOT: "mly.
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

// -----
// RMS norm: one reduction kernel.
// CHECK-LABEL: func.func private @fused_0_reduction(%arg0: tensor<2x4xf32>, %arg1: tensor<4xf32>) -> tensor<2x4xf32> attributes {mly.fused = "reduction"}
// CHECK-NEXT: "mly.mul"(%arg0, %arg0)
// CHECK-NEXT: "mly.reduce"
// CHECK: "mly.rsqrt"
// CHECK-LABEL: func.func @rms_norm
// CHECK-NEXT: call @fused_0_reduction(%arg0, %arg1)
// CHECK-NOT: "mly.
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

// -----
// A matmul takes its epilogue: bias broadcast and add, relu.
// CHECK-LABEL: func.func private @fused_0_matmul(%arg0: tensor<2x3xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<4xf32>) -> tensor<2x4xf32> attributes {mly.fused = "matmul"}
// CHECK-NEXT: %[[M:.*]] = "mly.matmul"(%arg0, %arg1)
// CHECK-NEXT: %[[B:.*]] = "mly.broadcast_in_dim"(%arg2)
// CHECK-NEXT: %[[A:.*]] = "mly.add"(%[[M]], %[[B]])
// CHECK-NEXT: %[[Z:.*]] = "mly.constant"
// CHECK-NEXT: "mly.max"(%[[A]], %[[Z]])
// CHECK-LABEL: func.func @matmul_bias_relu
// CHECK-NEXT: call @fused_0_matmul(%arg0, %arg1, %arg2)
// CHECK-NOT: "mly.
func.func @matmul_bias_relu(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %z = "mly.constant"() {value = dense<0.0> : tensor<2x4xf32>} : () -> tensor<2x4xf32>
  %mm = "mly.matmul"(%x, %w) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %bb = "mly.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<2x4xf32>
  %a = "mly.add"(%mm, %bb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = "mly.max"(%a, %z) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----
// matmul(q, k^T) -> scale -> softmax -> matmul(., v) is one kernel.
// CHECK-LABEL: func.func private @fused_0_attention(%arg0: tensor<3x4xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<3x4xf32>) -> tensor<3x4xf32> attributes {mly.fused = "attention"}
// CHECK-NEXT: "mly.matmul"(%arg0, %arg1) {transpose_lhs = false, transpose_rhs = true}
// CHECK: "mly.mul"
// CHECK: "mly.reduce"{{.*}}kind = "max"
// CHECK: "mly.exp"
// CHECK: "mly.reduce"{{.*}}kind = "sum"
// CHECK: %[[P:.*]] = "mly.div"
// CHECK-NEXT: %[[O:.*]] = "mly.matmul"(%[[P]], %arg2)
// CHECK-NEXT: return %[[O]]
// CHECK-LABEL: func.func @attention
// CHECK-NEXT: call @fused_0_attention(%arg0, %arg1, %arg2)
// CHECK-NOT: "mly.
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

// -----
// With a causal mask (iota, cmp, select) the mask joins the kernel too.
// CHECK-LABEL: func.func private @fused_0_attention(%arg0: tensor<3x4xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<3x4xf32>) -> tensor<3x4xf32> attributes {mly.fused = "attention"}
// CHECK-NEXT: "mly.matmul"(%arg0, %arg1)
// CHECK: "mly.iota"
// CHECK: "mly.iota"
// CHECK: "mly.cmp"
// CHECK: "mly.select"
// CHECK: "mly.reduce"
// CHECK: "mly.reduce"
// CHECK: "mly.matmul"
// CHECK-LABEL: func.func @causal_attention
// CHECK-NEXT: call @fused_0_attention(%arg0, %arg1, %arg2)
// CHECK-NOT: "mly.
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

// -----
// Multi-output: exp is returned and reduced; the kernel returns both.
// CHECK-LABEL: func.func private @fused_0_reduction(%arg0: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>) attributes {mly.fused = "reduction"}
// CHECK-NEXT: %[[E:.*]] = "mly.exp"(%arg0)
// CHECK-NEXT: %[[S:.*]] = "mly.reduce"(%[[E]])
// CHECK-NEXT: return %[[E]], %[[S]]
// CHECK-LABEL: func.func @multi_output
// CHECK-NEXT: %[[C:.*]]:2 = call @fused_0_reduction(%arg0)
// CHECK-NEXT: return %[[C]]#0, %[[C]]#1
func.func @multi_output(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>) {
  %e = "mly.exp"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %s = "mly.reduce"(%e) {kind = "sum", dims = array<i64: 1>, keepdim = false} : (tensor<2x4xf32>) -> tensor<2xf32>
  return %e, %s : tensor<2x4xf32>, tensor<2xf32>
}

// -----
// A cheap producer (neg) read by two reductions over different dims is
// recomputed in both kernels instead of written once and read twice.
// CHECK-LABEL: func.func private @fused_0_reduction(%arg0: tensor<2x4xf32>) -> tensor<2xf32>
// CHECK-NEXT: "mly.neg"(%arg0)
// CHECK-NEXT: "mly.reduce"{{.*}}dims = array<i64: 1>
// CHECK-LABEL: func.func private @fused_1_reduction(%arg0: tensor<2x4xf32>) -> tensor<4xf32>
// CHECK-NEXT: "mly.neg"(%arg0)
// CHECK-NEXT: "mly.reduce"{{.*}}dims = array<i64: 0>
// CHECK-LABEL: func.func @duplicate
// CHECK-NEXT: call @fused_0_reduction(%arg0)
// CHECK-NEXT: call @fused_1_reduction(%arg0)
// CHECK-NOT: "mly.
func.func @duplicate(%x: tensor<2x4xf32>) -> (tensor<2xf32>, tensor<4xf32>) {
  %n = "mly.neg"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %r = "mly.reduce"(%n) {kind = "sum", dims = array<i64: 1>, keepdim = false} : (tensor<2x4xf32>) -> tensor<2xf32>
  %c = "mly.reduce"(%n) {kind = "max", dims = array<i64: 0>, keepdim = false} : (tensor<2x4xf32>) -> tensor<4xf32>
  return %r, %c : tensor<2xf32>, tensor<4xf32>
}

// -----
// Expensive producers are not duplicated: the matmul read by two matmuls
// stays its own kernel, and a 5-op chain (over the duplication limit) is
// written once by the first reduction's kernel and read by the second
// reduce, which stays alone.
// CHECK-LABEL: func.func private @fused_0_reduction(%arg0: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>)
// CHECK-COUNT-1: "mly.exp"
// CHECK: %[[A:.*]] = "mly.abs"
// CHECK-NEXT: %[[R:.*]] = "mly.reduce"(%[[A]])
// CHECK-NEXT: return %[[A]], %[[R]]
// CHECK-LABEL: func.func @expensive
// CHECK-NEXT: %[[MM:.*]] = "mly.matmul"(%arg0, %arg1)
// CHECK-NEXT: "mly.matmul"(%[[MM]], %arg1)
// CHECK-NEXT: "mly.matmul"(%[[MM]], %arg1)
// CHECK-NEXT: %[[C:.*]]:2 = call @fused_0_reduction(%arg0)
// CHECK-NEXT: "mly.reduce"(%[[C]]#0) {dims = array<i64: 0>
// CHECK-NOT: "mly.exp"
func.func @expensive(%x: tensor<2x4xf32>, %w: tensor<4x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<4xf32>) {
  %mm = "mly.matmul"(%x, %w) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %a = "mly.matmul"(%mm, %w) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %b = "mly.matmul"(%mm, %w) {transpose_lhs = false, transpose_rhs = true} : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %e1 = "mly.exp"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %e2 = "mly.sin"(%e1) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %e3 = "mly.cos"(%e2) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %e4 = "mly.tanh"(%e3) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %e5 = "mly.abs"(%e4) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %r = "mly.reduce"(%e5) {kind = "sum", dims = array<i64: 1>, keepdim = false} : (tensor<2x4xf32>) -> tensor<2xf32>
  %c = "mly.reduce"(%e5) {kind = "sum", dims = array<i64: 0>, keepdim = false} : (tensor<2x4xf32>) -> tensor<4xf32>
  return %a, %b, %r, %c : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<4xf32>
}

// -----
// Diamond through an unfusible op: exp -> mul -> scan -> add <- exp. The
// add cannot join exp's group (the path through scan would make a cycle);
// it recomputes the cheap exp instead, and scan sits between the calls.
// CHECK-LABEL: func.func private @fused_0_elementwise(%arg0: tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: "mly.exp"(%arg0)
// CHECK-NEXT: "mly.mul"
// CHECK-LABEL: func.func private @fused_1_elementwise(%arg0: tensor<2x4xf32>, %arg1: tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: %[[E:.*]] = "mly.exp"(%arg0)
// CHECK-NEXT: %[[A:.*]] = "mly.add"(%[[E]], %arg1)
// CHECK-NEXT: "mly.neg"(%[[A]])
// CHECK-LABEL: func.func @diamond
// CHECK-NEXT: %[[B:.*]] = call @fused_0_elementwise(%arg0)
// CHECK-NEXT: %[[S:.*]] = "mly.scan"(%[[B]])
// CHECK-NEXT: %[[Z:.*]] = call @fused_1_elementwise(%arg0, %[[S]])
// CHECK-NEXT: return %[[Z]]
func.func @diamond(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %a = "mly.exp"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %b = "mly.mul"(%a, %a) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %s = "mly.scan"(%b) {dim = 1 : i64} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = "mly.add"(%a, %s) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %z = "mly.neg"(%y) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %z : tensor<2x4xf32>
}
