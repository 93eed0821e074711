// The lowered IR computes what the aten IR computes: each function runs in
// the reference interpreter before and after --aten-to-mly. Composite float
// ops (rounded per mly op) are compared at rtol 1e-6; exact ones by their
// printed values.
// RUN: mly-opt %s --aten-to-mly -o %t.mly.mlir
// RUN: mly-run %s --backend interp --entry=gelu_erf --input 8xf32:-3,-1.5,-0.5,-0.01,0,0.3,1,2.5 --outputs %t.gelu_erf.st
// RUN: mly-run %t.mly.mlir --backend interp --entry=gelu_erf --input 8xf32:-3,-1.5,-0.5,-0.01,0,0.3,1,2.5 --expect %t.gelu_erf.st --rtol 1e-6 --atol 1e-7 | FileCheck %s
// RUN: mly-run %s --backend interp --entry=gelu_tanh --input 8xf32:-3,-1.5,-0.5,-0.01,0,0.3,1,2.5 --outputs %t.gelu_tanh.st
// RUN: mly-run %t.mly.mlir --backend interp --entry=gelu_tanh --input 8xf32:-3,-1.5,-0.5,-0.01,0,0.3,1,2.5 --expect %t.gelu_tanh.st --rtol 1e-6 --atol 1e-7 | FileCheck %s
// RUN: mly-run %s --backend interp --entry=activations --input 8xf32:-4,-2.5,-0.5,0,0.5,1,3,7 --outputs %t.act.st
// RUN: mly-run %t.mly.mlir --backend interp --entry=activations --input 8xf32:-4,-2.5,-0.5,0,0.5,1,3,7 --expect %t.act.st --rtol 1e-6 --atol 1e-7 | FileCheck %s
// RUN: mly-run %s --backend interp --entry=mean --input 2x3x4xf32:0.1,0.2,0.3,0.4,1,2,3,4,-1,-2,-3,-4,5,6,7,8,0.5,0.25,0.125,1,9,8,7,6 --outputs %t.mean.st
// RUN: mly-run %t.mly.mlir --backend interp --entry=mean --input 2x3x4xf32:0.1,0.2,0.3,0.4,1,2,3,4,-1,-2,-3,-4,5,6,7,8,0.5,0.25,0.125,1,9,8,7,6 --expect %t.mean.st --rtol 1e-6 --atol 1e-7 | FileCheck %s
// RUN: mly-run %s --backend interp --entry=arange_f32 --outputs %t.arange.st
// RUN: mly-run %t.mly.mlir --backend interp --entry=arange_f32 --expect %t.arange.st --rtol 1e-6 --atol 1e-7 | FileCheck %s
// RUN: mly-run %s --backend interp --entry=cumsum --input 2x4xi1:1,0,1,1,0,0,1,0 --print > %t.cumsum.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=cumsum --input 2x4xi1:1,0,1,1,0,0,1,0 --print | diff - %t.cumsum.aten
// RUN: mly-run %s --backend interp --entry=index_neg --input 2x5xf32:0,1,2,3,4,5,6,7,8,9 --input 4xi64:-1,0,-5,3 --print > %t.index.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=index_neg --input 2x5xf32:0,1,2,3,4,5,6,7,8,9 --input 4xi64:-1,0,-5,3 --print | diff - %t.index.aten
// RUN: mly-run %s --backend interp --entry=slices --input 3x10xf32:0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29 --print > %t.slices.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=slices --input 3x10xf32:0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29 --print | diff - %t.slices.aten
// RUN: mly-run %s --backend interp --entry=cat_promote --input 2x2xf32:0.5,1.5,2.5,3.5 --input 2x1xi64:7,-8 --print > %t.cat.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=cat_promote --input 2x2xf32:0.5,1.5,2.5,3.5 --input 2x1xi64:7,-8 --print | diff - %t.cat.aten
// RUN: mly-run %s --backend interp --entry=arange_int --print > %t.arange_int.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=arange_int --print | diff - %t.arange_int.aten
// RUN: mly-run %s --backend interp --entry=compare_mixed --input 5xi64:-2,0,1,2,3 --input f32:1.5 --print > %t.cmp.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=compare_mixed --input 5xi64:-2,0,1,2,3 --input f32:1.5 --print | diff - %t.cmp.aten
// RUN: mly-run %s --backend interp --entry=where_mask --input 2x3xf32:1,-2,3,-4,5,-6 --input 3xi1:1,0,1 --print > %t.where.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=where_mask --input 2x3xf32:1,-2,3,-4,5,-6 --input 3xi1:1,0,1 --print | diff - %t.where.aten
// RUN: mly-run %s --backend interp --entry=reduce_diff --input 2x4xi64:1,4,9,16,2,3,5,7 --input 2x4xi1:0,1,1,0,0,0,0,1 --print > %t.red.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=reduce_diff --input 2x4xi64:1,4,9,16,2,3,5,7 --input 2x4xi1:0,1,1,0,0,0,0,1 --print | diff - %t.red.aten
// RUN: mly-run %s --backend interp --entry=arith --input 2x3xi64:1,2,3,4,5,6 --input 3xf32:0.5,-1,2 --print > %t.arith.aten
// RUN: mly-run %t.mly.mlir --backend interp --entry=arith --input 2x3xi64:1,2,3,4,5,6 --input 3xf32:0.5,-1,2 --print | diff - %t.arith.aten

// CHECK: output_0: {{.*}} ok
// CHECK-NOT: FAIL

func.func @gelu_erf(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "aten.gelu"(%x) {approximate = "none"} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @gelu_tanh(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "aten.gelu"(%x) {approximate = "tanh"} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @activations(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %0 = "aten.silu"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %1 = "aten.hardswish"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %2 = "aten.relu"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %3 = "aten.clamp"(%x) {min = -1.0 : f64, max = 0x7FF0000000000000 : f64} : (tensor<8xf32>) -> tensor<8xf32>
  return %0, %1, %2, %3 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

func.func @mean(%x: tensor<2x3x4xf32>) -> (tensor<3xf32>, tensor<2x1x1xf32>) {
  %0 = "aten.mean"(%x) {dim = array<i64: 0, 2>, keepdim = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %1 = "aten.mean"(%x) {dim = array<i64: -1, -2>, keepdim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  return %0, %1 : tensor<3xf32>, tensor<2x1x1xf32>
}

func.func @arange_f32() -> tensor<7xf32> {
  %0 = "aten.arange"() {start = -1.5 : f64, end = 1.0 : f64, step = 0.375 : f64} : () -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

func.func @cumsum(%x: tensor<2x4xi1>) -> (tensor<2x4xi64>, tensor<2x4xi64>) {
  %0 = "aten.cumsum"(%x) {dim = -1 : i64} : (tensor<2x4xi1>) -> tensor<2x4xi64>
  %1 = "aten.cumsum"(%0) {dim = 0 : i64} : (tensor<2x4xi64>) -> tensor<2x4xi64>
  return %0, %1 : tensor<2x4xi64>, tensor<2x4xi64>
}

func.func @index_neg(%x: tensor<2x5xf32>, %i: tensor<4xi64>) -> tensor<2x4xf32> {
  %0 = "aten.index"(%x, %i) {dim = 1 : i64} : (tensor<2x5xf32>, tensor<4xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

func.func @slices(%x: tensor<3x10xf32>) -> (tensor<3x3xf32>, tensor<3x4xf32>, tensor<10xf32>, tensor<3x0xf32>) {
  %0 = "aten.slice"(%x) {dim = 1 : i64, start = -3 : i64, end = 9223372036854775807 : i64, step = 1 : i64} : (tensor<3x10xf32>) -> tensor<3x3xf32>
  %1 = "aten.slice"(%x) {dim = -1 : i64, start = -20 : i64, end = 50 : i64, step = 3 : i64} : (tensor<3x10xf32>) -> tensor<3x4xf32>
  %2 = "aten.select"(%x) {dim = 0 : i64, index = -2 : i64} : (tensor<3x10xf32>) -> tensor<10xf32>
  %3 = "aten.slice"(%x) {dim = 1 : i64, start = 7 : i64, end = 2 : i64, step = 1 : i64} : (tensor<3x10xf32>) -> tensor<3x0xf32>
  return %0, %1, %2, %3 : tensor<3x3xf32>, tensor<3x4xf32>, tensor<10xf32>, tensor<3x0xf32>
}

func.func @cat_promote(%x: tensor<2x2xf32>, %y: tensor<2x1xi64>) -> tensor<2x3xf32> {
  %0 = "aten.cat"(%x, %y) {dim = -1 : i64} : (tensor<2x2xf32>, tensor<2x1xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

func.func @arange_int() -> tensor<5xi64> {
  %0 = "aten.arange"() {start = 7 : i64, end = -8 : i64, step = -3 : i64} : () -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

func.func @compare_mixed(%x: tensor<5xi64>, %s: tensor<f32>) -> (tensor<5xi1>, tensor<5xi1>, tensor<5xi1>) {
  %0 = "aten.lt"(%x, %s) : (tensor<5xi64>, tensor<f32>) -> tensor<5xi1>
  %1 = "aten.ge"(%x, %s) : (tensor<5xi64>, tensor<f32>) -> tensor<5xi1>
  %2 = "aten.logical_and"(%0, %x) : (tensor<5xi1>, tensor<5xi64>) -> tensor<5xi1>
  return %0, %1, %2 : tensor<5xi1>, tensor<5xi1>, tensor<5xi1>
}

func.func @where_mask(%x: tensor<2x3xf32>, %m: tensor<3xi1>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %z = "aten.scalar_tensor"() {s = 0 : i64} : () -> tensor<i64>
  %0 = "aten.where"(%m, %x, %z) : (tensor<3xi1>, tensor<2x3xf32>, tensor<i64>) -> tensor<2x3xf32>
  %1 = "aten.masked_fill"(%x, %m) {value = -1.0e9 : f64} : (tensor<2x3xf32>, tensor<3xi1>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

func.func @reduce_diff(%x: tensor<2x4xi64>, %b: tensor<2x4xi1>) -> (tensor<2x2xi64>, tensor<2xi64>, tensor<2x1xi1>, tensor<2xi64>, tensor<2x3xi1>) {
  %p = "aten.full"() {size = array<i64: 2, 1>, fill_value = 0 : i64} : () -> tensor<2x1xi64>
  %0 = "aten.diff"(%x, %p) {dim = 1 : i64, n = 3 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x4xi64>, tensor<2x1xi64>) -> tensor<2x2xi64>
  %1 = "aten.sum"(%b) {dim = array<i64: 1>, keepdim = false} : (tensor<2x4xi1>) -> tensor<2xi64>
  %2 = "aten.any"(%b) {dim = 1 : i64, keepdim = true} : (tensor<2x4xi1>) -> tensor<2x1xi1>
  %3 = "aten.amax"(%x) {dim = array<i64: -1>, keepdim = false} : (tensor<2x4xi64>) -> tensor<2xi64>
  %4 = "aten.diff"(%b) {dim = 1 : i64, n = 1 : i64, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x4xi1>) -> tensor<2x3xi1>
  return %0, %1, %2, %3, %4 : tensor<2x2xi64>, tensor<2xi64>, tensor<2x1xi1>, tensor<2xi64>, tensor<2x3xi1>
}

func.func @arith(%x: tensor<2x3xi64>, %y: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi64>) {
  %0 = "aten.sub"(%x, %y) {alpha = 2 : i64} : (tensor<2x3xi64>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "aten.div"(%x, %x) : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xf32>
  %e = "aten.scalar_tensor"() {s = 2 : i64} : () -> tensor<i64>
  %2 = "aten.pow"(%0, %e) : (tensor<2x3xf32>, tensor<i64>) -> tensor<2x3xf32>
  %3 = "aten.clamp"(%x) {min = 2 : i64, max = 4 : i64} : (tensor<2x3xi64>) -> tensor<2x3xi64>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi64>
}
