// mly-plan-memory cannot size a tensor of dynamic shape.
// RUN: mly-opt %s --verify-diagnostics --no-verify-each --mly-plan-memory -o /dev/null
// A report that cannot be written is an error naming the file.
// RUN: not mly-opt %s --no-verify-each --mly-plan-memory --mly-memory-report=%t.missing/r.json -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPORT
// REPORT: error: mly-plan-memory: cannot write the report to '{{.*}}.missing/r.json'

func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c = arith.constant 4 : index
  // expected-error @+1 {{'tensor.empty' op mly-plan-memory: result #0 has a dynamic shape; its buffer cannot be planned}}
  %0 = "tensor.empty"(%c) : (index) -> tensor<?xf32>
  return %x : tensor<?xf32>
}
