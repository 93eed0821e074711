// IR printing around passes, timing and debug info.
// RUN: mly-opt %s --mly-cse --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=AFTER
// RUN: mly-opt %s --mly-cse --mlir-print-ir-before-all 2>&1 >/dev/null | FileCheck %s --check-prefix=BEFORE
// RUN: mly-opt %s --mly-cse --mly-dce --mlir-print-ir-after-change 2>&1 >/dev/null | FileCheck %s --check-prefix=CHANGE
// RUN: mly-opt %s --mly-cse --mlir-timing 2>&1 >/dev/null | FileCheck %s --check-prefix=TIMING
// RUN: mly-opt %s --mlir-print-debuginfo | FileCheck %s --check-prefix=DEBUG
// RUN: mly-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: not mly-opt %s --pass-pipeline='builtin.module(one-shot-bufferize)' --mlir-print-ir-after-failure 2>&1 >/dev/null | FileCheck %s --check-prefix=FAILURE

// AFTER: // -----// IR Dump After MlyCSE (mly-cse) //----- //
// AFTER: "aten.exp"
// AFTER-NOT: "aten.exp"
// AFTER: // -----// IR Dump After MlyVerify (mly-verify) //----- //
// BEFORE: // -----// IR Dump Before MlyCSE (mly-cse) //----- //
// BEFORE-COUNT-2: "aten.exp"
// CHANGE: // -----// IR Dump After MlyCSE (mly-cse) //----- //
// CHANGE-NOT: IR Dump After MlyVerify
// CHANGE: // -----// IR Dump After MlyDCE (mly-dce) //----- //
// TIMING: Execution time report
// TIMING: MlyCSE
// TIMING: Total
// DEBUG: "aten.exp"(%arg0) : (tensor<4xf32>) -> tensor<4xf32> loc(#[[L:loc[0-9]*]])
// DEBUG: #[[L]] = loc("{{.*}}print-ir.mlir":{{[0-9]+}}:8)
// GENERIC: "func.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "f"}>
// FAILURE: error: op was not bufferized
// FAILURE: // -----// IR Dump After OneShotBufferizePass Failed (one-shot-bufferize) //----- //
// FAILURE: "aten.exp"
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %dead = "aten.neg"(%b) : (tensor<4xf32>) -> tensor<4xf32>
  return %b : tensor<4xf32>
}
