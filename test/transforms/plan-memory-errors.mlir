// mly-plan-memory cannot size a tensor of dynamic shape, nor intermediates
// that add up to 2^62 bytes (offsets and sums would overflow).
// RUN: mly-opt %s --split-input-file --verify-diagnostics --no-verify-each --mly-plan-memory -o /dev/null
// A report that cannot be written is an error naming the file.
// RUN: not mly-opt %s --no-verify-each --mly-plan-memory --mly-memory-report=%t.missing/r.json -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPORT
// REPORT: error: mly-plan-memory: cannot write the report to '{{.*}}.missing/r.json'

func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c = arith.constant 4 : index
  // expected-error @+1 {{'tensor.empty' op mly-plan-memory: result #0 has a dynamic shape; its buffer cannot be planned}}
  %0 = "tensor.empty"(%c) : (index) -> tensor<?xf32>
  return %x : tensor<?xf32>
}

// -----

func.func @huge(%x: tensor<144115188075855872x4xf32>) -> tensor<4xf32> {
  %0 = "mly.neg"(%x) : (tensor<144115188075855872x4xf32>) -> tensor<144115188075855872x4xf32>
  // expected-error @+1 {{'mly.exp' op mly-plan-memory: result #0 has 2^62 bytes or more with the buffers before it; its buffer cannot be planned}}
  %1 = "mly.exp"(%0) : (tensor<144115188075855872x4xf32>) -> tensor<144115188075855872x4xf32>
  %2 = "mly.reduce"(%1) {dims = array<i64: 0>, keepdim = false, kind = "sum"} : (tensor<144115188075855872x4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
