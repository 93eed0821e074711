// RUN: mly-opt %s --split-input-file --aten-to-mly | FileCheck %s
// RUN: mly-opt %s --aten-to-mly -o %t.mly.mlir
// RUN: mly-run %s --backend interp --entry=lstm --input 3x2x3xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93 --input 1x2x2xf32:1.15,1.83,-0.41,-2 --input 1x2x2xf32:1.88,1.05,-1.46,-1.63 --input 8x3xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86,-1.1,1.42,1.66,-0.76,-1.96,-0.03,1.95,0.81,-1.63,-1.46,1.05,1.88 --input 8x2xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68 --input 8xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15 --input 8xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26 --outputs %t.lstm.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=lstm --input 3x2x3xf32:0,1.96,0.78,-1.65,-1.44,1.07,1.87,-0.33,-2,-0.47,1.81,1.19,-1.34,-1.72,0.65,1.98,0.14,-1.93 --input 1x2x2xf32:1.15,1.83,-0.41,-2 --input 1x2x2xf32:1.88,1.05,-1.46,-1.63 --input 8x3xf32:1.93,-0.12,-1.98,-0.67,1.71,1.36,-1.17,-1.82,0.44,2,0.35,-1.86,-1.1,1.42,1.66,-0.76,-1.96,-0.03,1.95,0.81,-1.63,-1.46,1.05,1.88 --input 8x2xf32:1.29,-1.24,-1.79,0.53,2,0.27,-1.89,-1.02,1.48,1.61,-0.84,-1.95,0.06,1.97,0.73,-1.68 --input 8xf32:0.18,-1.92,-0.95,1.54,1.56,-0.92,-1.93,0.15 --input 8xf32:-0.99,-1.9,0.23,1.99,0.56,-1.77,-1.27,1.26 --expect %t.lstm.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: mly-run %s --backend interp --entry=lstm_batch_first --input 2x2x3xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98,-0.15,1.92,0.92,-1.56,-1.54,0.94 --input 1x2x1xf32:-1.97,-0.07 --input 1x2x1xf32:-1.43,1.09 --input 4x3xf32:-0.36,1.85,1.1,-1.41,-1.67,0.75,1.97,0.04,-1.95,-0.81,1.63,1.46 --input 4x1xf32:0.83,1.95,-0.05,-1.97 --outputs %t.lstm_batch_first.ref.safetensors
// RUN: mly-run %t.mly.mlir --backend interp --entry=lstm_batch_first --input 2x2x3xf32:-1.81,-1.2,1.33,1.73,-0.64,-1.98,-0.15,1.92,0.92,-1.56,-1.54,0.94 --input 1x2x1xf32:-1.97,-0.07 --input 1x2x1xf32:-1.43,1.09 --input 4x3xf32:-0.36,1.85,1.1,-1.41,-1.67,0.75,1.97,0.04,-1.95,-0.81,1.63,1.46 --input 4x1xf32:0.83,1.95,-0.05,-1.97 --expect %t.lstm_batch_first.ref.safetensors --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// NUM-NOT: FAIL

// lstm: one layer unrolled over the static sequence.

// Three steps, batch 2: x w_ihᵀ + biases is one matmul; each step adds
// h w_hhᵀ and slices the i, f, g, o gates; outputs concatenate on dim 0.
// CHECK-LABEL: func.func @lstm
// CHECK: "mly.matmul"{{.*}}-> tensor<6x8xf32>
// CHECK-COUNT-3: "mly.matmul"{{.*}}(tensor<2x2xf32>, tensor<8x2xf32>) -> tensor<2x8xf32>
// CHECK: "mly.concat"
// CHECK-SAME: dim = 0
// CHECK-NOT: "aten.
func.func @lstm(%x: tensor<3x2x3xf32>, %h: tensor<1x2x2xf32>, %c: tensor<1x2x2xf32>, %wi: tensor<8x3xf32>, %wh: tensor<8x2xf32>, %bi: tensor<8xf32>, %bh: tensor<8xf32>) -> (tensor<3x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>) {
  %0:3 = "aten.lstm"(%x, %h, %c, %wi, %wh, %bi, %bh) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>, has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false} : (tensor<3x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<3x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %0#0, %0#1, %0#2 : tensor<3x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>
}

// -----
// batch_first, no biases: steps are slices of dim 1, outputs concatenate
// on dim 1.
// CHECK-LABEL: func.func @lstm_batch_first
// CHECK: "mly.slice"
// CHECK-SAME: limit_indices = array<i64: 2, 1, 4>
// CHECK: "mly.concat"
// CHECK-SAME: dim = 1
// CHECK-NOT: "aten.
func.func @lstm_batch_first(%x: tensor<2x2x3xf32>, %h: tensor<1x2x1xf32>, %c: tensor<1x2x1xf32>, %wi: tensor<4x3xf32>, %wh: tensor<4x1xf32>) -> (tensor<2x2x1xf32>, tensor<1x2x1xf32>) {
  %0:3 = "aten.lstm"(%x, %h, %c, %wi, %wh) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0>, has_biases = false, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = true} : (tensor<2x2x3xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<4x3xf32>, tensor<4x1xf32>) -> (tensor<2x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>)
  return %0#0, %0#2 : tensor<2x2x1xf32>, tensor<1x2x1xf32>
}
