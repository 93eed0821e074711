// reduce (each kind, keepdim, several dims, integers) and scan.
// x is [[1, 2, 3], [4, 5, 6]]; y is 2x2x2 holding 1..8.
// RUN: mly-run %s --backend interp --input 2x3xf32:1,2,3,4,5,6 --input 2x2x2xf32:1,2,3,4,5,6,7,8 --input 2x3xi64:1,2,3,4,5,6 --print | FileCheck %s --check-prefix=R
// RUN: mly-run %s --backend interp --entry=scans --input 2x3xf32:1,2,3,4,5,6 --input 4xi32:1,-2,3,-4 --print | FileCheck %s --check-prefix=S

// y summed over dims 0 and 2: 1+2+5+6 and 3+4+7+8.
// R: output_0: tensor<2xf32> = [6, 15]
// R-NEXT: output_1: tensor<1x3xf32> = [4, 5, 6]
// R-NEXT: output_2: tensor<2xf32> = [1, 4]
// R-NEXT: output_3: tensor<f32> = [720]
// R-NEXT: output_4: tensor<1x1xf32> = [720]
// R-NEXT: output_5: tensor<1x2x1xf32> = [14, 22]
// R-NEXT: output_6: tensor<3xi64> = [5, 7, 9]
// R-NEXT: output_7: tensor<2x3xf32> = [1, 2, 3, 4, 5, 6]
func.func @forward(%x: tensor<2x3xf32>, %y: tensor<2x2x2xf32>, %n: tensor<2x3xi64>) -> (tensor<2xf32>, tensor<1x3xf32>, tensor<2xf32>, tensor<f32>, tensor<1x1xf32>, tensor<1x2x1xf32>, tensor<3xi64>, tensor<2x3xf32>) {
  %0 = "mly.reduce"(%x) {kind = "sum", dims = array<i64: 1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  %1 = "mly.reduce"(%x) {kind = "max", dims = array<i64: 0>, keepdim = true} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %2 = "mly.reduce"(%x) {kind = "min", dims = array<i64: 1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  %3 = "mly.reduce"(%x) {kind = "prod", dims = array<i64: 0, 1>, keepdim = false} : (tensor<2x3xf32>) -> tensor<f32>
  %4 = "mly.reduce"(%x) {kind = "prod", dims = array<i64: 1, 0>, keepdim = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  %5 = "mly.reduce"(%y) {kind = "sum", dims = array<i64: 0, 2>, keepdim = true} : (tensor<2x2x2xf32>) -> tensor<1x2x1xf32>
  %6 = "mly.reduce"(%n) {kind = "sum", dims = array<i64: 0>, keepdim = false} : (tensor<2x3xi64>) -> tensor<3xi64>
  %7 = "mly.reduce"(%x) {kind = "sum", dims = array<i64>, keepdim = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2xf32>, tensor<1x3xf32>, tensor<2xf32>, tensor<f32>, tensor<1x1xf32>, tensor<1x2x1xf32>, tensor<3xi64>, tensor<2x3xf32>
}

// S: output_0: tensor<2x3xf32> = [1, 3, 6, 4, 9, 15]
// S-NEXT: output_1: tensor<2x3xf32> = [1, 2, 3, 5, 7, 9]
// S-NEXT: output_2: tensor<4xi32> = [1, -1, 2, -2]
func.func @scans(%x: tensor<2x3xf32>, %v: tensor<4xi32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xi32>) {
  %0 = "mly.scan"(%x) {dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "mly.scan"(%x) {dim = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "mly.scan"(%v) {dim = 0 : i64} : (tensor<4xi32>) -> tensor<4xi32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xi32>
}
