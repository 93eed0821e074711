// RUN: mly-run %s --backend interp --entry=recurrent --input 2x1x1xf32:0 --input 1x1x1xf32:1 --input 1x1x1xf32:0 --input 4x1xf32:0 --input 4x1xf32:0,0,1,0 --print | FileCheck %s --check-prefix=REC
// RUN: mly-run %s --backend interp --entry=batch_first --input 2x2x1xf32:0.5,1,1,0.5 --input 1x2x1xf32:0 --input 1x2x1xf32:0 --input 4x1xf32:0,0,1,0 --input 4x1xf32:0 --input 4xf32:100,0,0,100 --input 4xf32:0,-100,0,0 --print | FileCheck %s --check-prefix=BF

// H = 1, no biases, only w_hh's g row is 1: every gate but g is
// sigmoid(0) = 1/2, g = tanh(h), so c' = (c + tanh(h)) / 2 and
// h' = tanh(c') / 2. From h0 = 1, c0 = 0: c1 = tanh(1)/2 = 0.380797,
// h1 = tanh(c1)/2 = 0.1817, c2 = (c1 + tanh(h1))/2 = 0.280262,
// h2 = tanh(c2)/2 = 0.136574.
// REC: output_0: tensor<2x1x1xf32> = [0.1817, 0.136574]
// REC: output_1: tensor<1x1x1xf32> = [0.136574]
// REC: output_2: tensor<1x1x1xf32> = [0.280262]
func.func @recurrent(%x: tensor<2x1x1xf32>, %h0: tensor<1x1x1xf32>, %c0: tensor<1x1x1xf32>, %wi: tensor<4x1xf32>, %wh: tensor<4x1xf32>) -> (tensor<2x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>) {
  %0, %1, %2 = "aten.lstm"(%x, %h0, %c0, %wi, %wh) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0>, has_biases = false, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = false} : (tensor<2x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<4x1xf32>, tensor<4x1xf32>) -> (tensor<2x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>)
  return %0, %1, %2 : tensor<2x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>
}

// batch_first [B=2, T=2, 1]; biases saturate i and o to 1 (b_ih) and f to 0
// (b_hh), w_ih's g row is 1: c = tanh(x), h = tanh(tanh(x)) each step.
// tanh(tanh(0.5)) = 0.431808, tanh(tanh(1)) = 0.642015.
// BF: output_0: tensor<2x2x1xf32> = [0.431808, 0.642015, 0.642015, 0.431808]
// BF: output_1: tensor<1x2x1xf32> = [0.642015, 0.431808]
// BF: output_2: tensor<1x2x1xf32> = [0.761594, 0.462117]
func.func @batch_first(%x: tensor<2x2x1xf32>, %h0: tensor<1x2x1xf32>, %c0: tensor<1x2x1xf32>, %wi: tensor<4x1xf32>, %wh: tensor<4x1xf32>, %bi: tensor<4xf32>, %bh: tensor<4xf32>) -> (tensor<2x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>) {
  %0, %1, %2 = "aten.lstm"(%x, %h0, %c0, %wi, %wh, %bi, %bh) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1>, has_biases = true, num_layers = 1 : i64, dropout = 0.0 : f64, train = false, bidirectional = false, batch_first = true} : (tensor<2x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>, tensor<4x1xf32>, tensor<4x1xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>)
  return %0, %1, %2 : tensor<2x2x1xf32>, tensor<1x2x1xf32>, tensor<1x2x1xf32>
}
