// RUN: mly-opt %s --split-input-file --mly-to-linalg | FileCheck %s
// RUN: mly-opt %s --split-input-file --mly-to-linalg | mlir-opt --split-input-file --one-shot-bufferize=bufferize-function-boundaries --convert-linalg-to-loops | FileCheck %s --check-prefix=LOOPS
// Elementwise mly ops become one linalg.generic with identity maps and an
// arith/math body, chosen by element type; the result has no mly op left
// and lowers to loops upstream.
// LOOPS-NOT: {{linalg\.|mly\.}}
// LOOPS: scf.for
// LOOPS-NOT: {{linalg\.|mly\.}}

// CHECK-LABEL: func.func @unary_float
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID:.*]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0 : tensor<2x3xf32>) outs(%[[E]] : tensor<2x3xf32>)
// CHECK: math.exp
// CHECK: math.rsqrt
// CHECK: math.erf
// CHECK: math.floor
// Sigmoid is 1 / (1 + exp(-x)).
// CHECK: arith.negf
// CHECK-NEXT: math.exp
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.divf
// CHECK-NOT: mly.
func.func @unary_float(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "mly.exp"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "mly.rsqrt"(%0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "mly.erf"(%1) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "mly.floor"(%2) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = "mly.sigmoid"(%3) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %4 : tensor<2x3xf32>
}

// -----

// Integer neg is 0 - x, abs is math.absi; not on i1 is xor with true.
// CHECK-LABEL: func.func @unary_int
// CHECK: %[[Z:.*]] = arith.constant 0 : i64
// CHECK: arith.subi %[[Z]], %{{.*}} : i64
// CHECK: math.absi
// CHECK: %[[T:.*]] = arith.constant true
// CHECK: arith.xori %{{.*}}, %[[T]] : i1
// CHECK-NOT: mly.
func.func @unary_int(%x: tensor<4xi64>, %b: tensor<4xi1>) -> (tensor<4xi64>, tensor<4xi1>) {
  %0 = "mly.neg"(%x) : (tensor<4xi64>) -> tensor<4xi64>
  %1 = "mly.abs"(%0) : (tensor<4xi64>) -> tensor<4xi64>
  %2 = "mly.not"(%b) : (tensor<4xi1>) -> tensor<4xi1>
  return %1, %2 : tensor<4xi64>, tensor<4xi1>
}

// -----

// max/min propagate NaN (maximumf/minimumf); float pow is math.powf.
// CHECK-LABEL: func.func @binary_float
// CHECK: ins(%arg0, %arg1 : tensor<3xf32>, tensor<3xf32>)
// CHECK: arith.addf
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.divf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: math.powf
func.func @binary_float(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "mly.add"(%x, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "mly.sub"(%0, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %2 = "mly.mul"(%1, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %3 = "mly.div"(%2, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %4 = "mly.max"(%3, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %5 = "mly.min"(%4, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %6 = "mly.pow"(%5, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %6 : tensor<3xf32>
}

// -----

// Integer division truncates (divsi); integer pow is math.ipowi; i1 logic
// is andi/ori.
// CHECK-LABEL: func.func @binary_int
// CHECK: arith.divsi %{{.*}}, %{{.*}} : i32
// CHECK: arith.maxsi %{{.*}}, %{{.*}} : i32
// CHECK: math.ipowi %{{.*}}, %{{.*}} : i32
// CHECK: arith.andi %{{.*}}, %{{.*}} : i1
// CHECK: arith.ori %{{.*}}, %{{.*}} : i1
func.func @binary_int(%x: tensor<3xi32>, %y: tensor<3xi32>, %a: tensor<3xi1>, %b: tensor<3xi1>) -> (tensor<3xi32>, tensor<3xi1>) {
  %0 = "mly.div"(%x, %y) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %1 = "mly.max"(%0, %y) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %2 = "mly.pow"(%1, %y) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %3 = "mly.and"(%a, %b) : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %4 = "mly.or"(%3, %b) : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return %2, %4 : tensor<3xi32>, tensor<3xi1>
}

// -----

// Float compares are ordered except ne (une: NaN != x is true); integers
// compare signed, i1 unsigned (true is 1).
// CHECK-LABEL: func.func @cmp_select
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf une
// CHECK: arith.cmpi sge, %{{.*}}, %{{.*}} : i64
// CHECK: arith.cmpi ugt, %{{.*}}, %{{.*}} : i1
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
func.func @cmp_select(%x: tensor<2xf32>, %y: tensor<2xf32>, %i: tensor<2xi64>, %b: tensor<2xi1>) -> (tensor<2xi1>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>, tensor<2xf32>) {
  %0 = "mly.cmp"(%x, %y) {predicate = "lt"} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>
  %1 = "mly.cmp"(%x, %y) {predicate = "ne"} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>
  %2 = "mly.cmp"(%i, %i) {predicate = "ge"} : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi1>
  %3 = "mly.cmp"(%b, %b) {predicate = "gt"} : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  %4 = "mly.select"(%0, %x, %y) : (tensor<2xi1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4 : tensor<2xi1>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>, tensor<2xf32>
}

// -----

// PyTorch casts: float -> int truncates (fptosi), any -> i1 is != 0, i1 ->
// number is unsigned, f16 <-> bf16 goes through f32, same type is a copy.
// CHECK-LABEL: func.func @cast
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.cmpf une, %{{.*}}, %[[Z]] : f32
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.sitofp %{{.*}} : i64 to f16
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK-NEXT: arith.truncf %{{.*}} : f32 to bf16
// CHECK: arith.trunci %{{.*}} : i64 to i32
// CHECK: arith.extsi %{{.*}} : i32 to i64
// CHECK: arith.extf %{{.*}} : f16 to f32
func.func @cast(%x: tensor<2xf32>, %b: tensor<2xi1>, %i: tensor<2xi64>) -> (tensor<2xi32>, tensor<2xi1>, tensor<2xf32>, tensor<2xbf16>, tensor<2xi64>, tensor<2xf32>) {
  %0 = "mly.cast"(%x) : (tensor<2xf32>) -> tensor<2xi32>
  %1 = "mly.cast"(%x) : (tensor<2xf32>) -> tensor<2xi1>
  %2 = "mly.cast"(%b) : (tensor<2xi1>) -> tensor<2xf32>
  %3 = "mly.cast"(%i) : (tensor<2xi64>) -> tensor<2xf16>
  %4 = "mly.cast"(%3) : (tensor<2xf16>) -> tensor<2xbf16>
  %5 = "mly.cast"(%i) : (tensor<2xi64>) -> tensor<2xi32>
  %6 = "mly.cast"(%5) : (tensor<2xi32>) -> tensor<2xi64>
  %7 = "mly.cast"(%3) : (tensor<2xf16>) -> tensor<2xf32>
  return %0, %1, %2, %4, %6, %7 : tensor<2xi32>, tensor<2xi1>, tensor<2xf32>, tensor<2xbf16>, tensor<2xi64>, tensor<2xf32>
}

// -----

// Rank 0: the generic has no loops.
// CHECK-LABEL: func.func @rank0
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = []} ins(%arg0, %arg0 : tensor<f32>, tensor<f32>)
func.func @rank0(%x: tensor<f32>) -> tensor<f32> {
  %0 = "mly.add"(%x, %x) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// f16/bf16 arithmetic runs in f32 and rounds once, like the interpreter;
// compares need no widening.
// CHECK-LABEL: func.func @half
// CHECK: %[[A:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK-NEXT: %[[B:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK-NEXT: arith.truncf %[[S]] : f32 to f16
// CHECK: arith.cmpf oeq, %{{.*}}, %{{.*}} : bf16
func.func @half(%x: tensor<2xf16>, %y: tensor<2xbf16>) -> (tensor<2xf16>, tensor<2xi1>) {
  %0 = "mly.add"(%x, %x) : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  %1 = "mly.cmp"(%y, %y) {predicate = "eq"} : (tensor<2xbf16>, tensor<2xbf16>) -> tensor<2xi1>
  return %0, %1 : tensor<2xf16>, tensor<2xi1>
}
