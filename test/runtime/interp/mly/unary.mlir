// Unary elementwise ops and cast. Expected values are the math functions
// at the inputs, to 6 significant digits.
// RUN: mly-run %s --backend interp --input 4xf32:0,1,-1,2 --print | FileCheck %s --check-prefix=TRANS
// RUN: mly-run %s --backend interp --entry=algebraic --input 4xf32:4,0.25,-2.5,9 --print | FileCheck %s --check-prefix=ALG
// RUN: mly-run %s --backend interp --entry=ints --input 3xi64:5,-7,0 --input 3xi1:1,0,1 --print | FileCheck %s --check-prefix=INT
// RUN: mly-run %s --backend interp --entry=cast --input 4xf32:2.7,-2.7,0.5,-0.5 --input 3xi64:3,-4,0 --print | FileCheck %s --check-prefix=CAST

// TRANS: output_0: tensor<4xf32> = [1, 2.71828, 0.367879, 7.38906]
// TRANS-NEXT: output_1: tensor<4xf32> = [0, 0.761594, -0.761594, 0.964028]
// TRANS-NEXT: output_2: tensor<4xf32> = [0.5, 0.731059, 0.268941, 0.880797]
// TRANS-NEXT: output_3: tensor<4xf32> = [0, 0.842701, -0.842701, 0.995322]
// TRANS-NEXT: output_4: tensor<4xf32> = [0, 0.841471, -0.841471, 0.909297]
// TRANS-NEXT: output_5: tensor<4xf32> = [1, 0.540302, 0.540302, -0.416147]
func.func @forward(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "mly.erf"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "mly.sin"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "mly.cos"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// ALG: output_0: tensor<4xf32> = [-4, -0.25, 2.5, -9]
// ALG-NEXT: output_1: tensor<4xf32> = [4, 0.25, 2.5, 9]
// ALG-NEXT: output_2: tensor<4xf32> = [4, 0, -3, 9]
// ALG-NEXT: output_3: tensor<4xf32> = [2, 0.5, 1.58114, 3]
// ALG-NEXT: output_4: tensor<4xf32> = [0.5, 2, 0.632456, 0.333333]
// ALG-NEXT: output_5: tensor<4xf32> = [1.38629, -1.38629, 0.916291, 2.19722]
func.func @algebraic(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.abs"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.floor"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "mly.sqrt"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "mly.rsqrt"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "mly.log"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// neg/abs stay in the integer domain; not flips i1.
// INT: output_0: tensor<3xi64> = [-5, 7, 0]
// INT-NEXT: output_1: tensor<3xi64> = [5, 7, 0]
// INT-NEXT: output_2: tensor<3xi1> = [0, 1, 0]
func.func @ints(%x: tensor<3xi64>, %b: tensor<3xi1>) -> (tensor<3xi64>, tensor<3xi64>, tensor<3xi1>) {
  %0 = "mly.neg"(%x) : (tensor<3xi64>) -> tensor<3xi64>
  %1 = "mly.abs"(%x) : (tensor<3xi64>) -> tensor<3xi64>
  %2 = "mly.not"(%b) : (tensor<3xi1>) -> tensor<3xi1>
  return %0, %1, %2 : tensor<3xi64>, tensor<3xi64>, tensor<3xi1>
}

// float -> int truncates toward zero; anything -> i1 is `!= 0`.
// CAST: output_0: tensor<4xi32> = [2, -2, 0, 0]
// CAST-NEXT: output_1: tensor<4xi1> = [1, 1, 1, 1]
// CAST-NEXT: output_2: tensor<3xf32> = [3, -4, 0]
// CAST-NEXT: output_3: tensor<3xi1> = [1, 1, 0]
func.func @cast(%x: tensor<4xf32>, %i: tensor<3xi64>) -> (tensor<4xi32>, tensor<4xi1>, tensor<3xf32>, tensor<3xi1>) {
  %0 = "mly.cast"(%x) : (tensor<4xf32>) -> tensor<4xi32>
  %1 = "mly.cast"(%x) : (tensor<4xf32>) -> tensor<4xi1>
  %2 = "mly.cast"(%i) : (tensor<3xi64>) -> tensor<3xf32>
  %3 = "mly.cast"(%i) : (tensor<3xi64>) -> tensor<3xi1>
  return %0, %1, %2, %3 : tensor<4xi32>, tensor<4xi1>, tensor<3xf32>, tensor<3xi1>
}
