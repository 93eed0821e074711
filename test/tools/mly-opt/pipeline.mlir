// Pipelines mix mly passes with upstream ones, nest under ops, and run in
// the order given; pass flags build the same pipeline.
// RUN: mly-opt %s --pass-pipeline='builtin.module(mly-cse,canonicalize,func.func(mly-dce,cse))' | FileCheck %s
// RUN: mly-opt %s --mly-cse --canonicalize --mly-dce | FileCheck %s
// RUN: mly-opt %s --canonicalize=max-iterations=2 --mly-cse --mly-dce | FileCheck %s
// RUN: mly-opt %s -mly-cse -mly-dce -o %t && FileCheck %s < %t
// RUN: mly-opt %s | FileCheck %s --check-prefix=NONE
// RUN: mly-opt %s --mly-dce | FileCheck %s --check-prefix=DCEONLY

// CHECK-LABEL: func.func @f
// CHECK-NEXT: %[[E:.*]] = "aten.exp"(%arg0)
// CHECK-NEXT: %[[A:.*]] = "aten.add"(%[[E]], %[[E]]) {alpha = 1 : i64}
// CHECK-NEXT: return %[[A]]
// NONE-COUNT-2: "aten.exp"
// NONE: "aten.neg"
// DCEONLY-COUNT-2: "aten.exp"
// DCEONLY-NOT: "aten.neg"
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = "aten.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %dead = "aten.neg"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %c = "aten.add"(%a, %b) {alpha = 1 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %c : tensor<4xf32>
}
