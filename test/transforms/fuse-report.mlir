// --mly-fusion-report=FILE: one JSON line per module with the compute ops
// before, kernels after (fused functions + ops left alone), counts per
// kind, duplicated ops and modelled bytes moved before and after.
// RUN: mly-opt %s --split-input-file --mly-fuse --mly-fusion-report=%t.json -o /dev/null
// RUN: FileCheck %s --input-file=%t.json
// RUN: mly-opt %s --split-input-file --mly-fuse --mly-fusion-report=- -o /dev/null 2>&1 | FileCheck %s

// Softmax over 2x4 f32: 7 unfused ops reading and writing 32-byte tensors
// and 8-byte row results move 416 bytes; the kernel reads x, writes y: 64.
// CHECK: {"pass": "mly-fuse", "ops_before": 7, "kernels_after": 1, "fused": 1, "left_alone": 0, "kinds": {"elementwise": 0, "reduction": 1, "matmul": 0, "attention": 0}, "duplicated_ops": 0, "bytes_before": 416, "bytes_after": 64, "kernels": [{"name": "fused_0_reduction", "kind": "reduction", "ops": 7, "inputs": 1, "outputs": 1, "bytes": 64}]}
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

// -----
// A duplicated neg, and a matmul left alone (one op is no fusion).
// CHECK-NEXT: {"pass": "mly-fuse", "ops_before": 4, "kernels_after": 3, "fused": 2, "left_alone": 1, "kinds": {"elementwise": 0, "reduction": 2, "matmul": 0, "attention": 0}, "duplicated_ops": 1, "bytes_before": 232, "bytes_after": 168, "kernels": [{"name": "fused_0_reduction", "kind": "reduction", "ops": 2, "inputs": 1, "outputs": 1, "bytes": 40}, {"name": "fused_1_reduction", "kind": "reduction", "ops": 2, "inputs": 1, "outputs": 1, "bytes": 48}]}
func.func @dup(%x: tensor<2x4xf32>, %w: tensor<4x2xf32>) -> (tensor<2xf32>, tensor<4xf32>, tensor<2x2xf32>) {
  %n = "mly.neg"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %r = "mly.reduce"(%n) {kind = "sum", dims = array<i64: 1>, keepdim = false} : (tensor<2x4xf32>) -> tensor<2xf32>
  %c = "mly.reduce"(%n) {kind = "max", dims = array<i64: 0>, keepdim = false} : (tensor<2x4xf32>) -> tensor<4xf32>
  %m = "mly.matmul"(%x, %w) {transpose_lhs = false, transpose_rhs = false} : (tensor<2x4xf32>, tensor<4x2xf32>) -> tensor<2x2xf32>
  return %r, %c, %m : tensor<2xf32>, tensor<4xf32>, tensor<2x2xf32>
}
