// Binary elementwise ops, cmp and select.
// RUN: mly-run %s --backend interp --input 4xf32:1,-2,3,8 --input 4xf32:2,4,-3,0.5 --print | FileCheck %s --check-prefix=F
// RUN: mly-run %s --backend interp --entry=ints --input 4xi64:7,-7,7,-7 --input 4xi64:2,2,-2,-2 --print | FileCheck %s --check-prefix=I
// RUN: mly-run %s --backend interp --entry=logic --input 4xi1:1,1,0,0 --input 4xi1:1,0,1,0 --print | FileCheck %s --check-prefix=L
// RUN: mly-run %s --backend interp --entry=compare --input 3xf32:1,2,3 --input 3xf32:2,2,2 --print | FileCheck %s --check-prefix=C
// RUN: mly-run %s --backend interp --entry=choose --input 3xi1:1,0,1 --input 3xf32:1,2,3 --input 3xf32:10,20,30 --print | FileCheck %s --check-prefix=S

// F: output_0: tensor<4xf32> = [3, 2, 0, 8.5]
// F-NEXT: output_1: tensor<4xf32> = [-1, -6, 6, 7.5]
// F-NEXT: output_2: tensor<4xf32> = [2, -8, -9, 4]
// F-NEXT: output_3: tensor<4xf32> = [0.5, -0.5, -1, 16]
// F-NEXT: output_4: tensor<4xf32> = [2, 4, 3, 8]
// F-NEXT: output_5: tensor<4xf32> = [1, -2, -3, 0.5]
// F-NEXT: output_6: tensor<4xf32> = [1, 16, 0.037037, 2.82843]
func.func @forward(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "mly.sub"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "mly.mul"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "mly.div"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "mly.max"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %5 = "mly.min"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %6 = "mly.pow"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// Integer division truncates toward zero; pow with a negative exponent
// truncates 1/x^2 to 0.
// I: output_0: tensor<4xi64> = [9, -5, 5, -9]
// I-NEXT: output_1: tensor<4xi64> = [5, -9, 9, -5]
// I-NEXT: output_2: tensor<4xi64> = [14, -14, -14, 14]
// I-NEXT: output_3: tensor<4xi64> = [3, -3, -3, 3]
// I-NEXT: output_4: tensor<4xi64> = [7, 2, 7, -2]
// I-NEXT: output_5: tensor<4xi64> = [2, -7, -2, -7]
// I-NEXT: output_6: tensor<4xi64> = [49, 49, 0, 0]
func.func @ints(%a: tensor<4xi64>, %b: tensor<4xi64>) -> (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) {
  %0 = "mly.add"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %1 = "mly.sub"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %2 = "mly.mul"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %3 = "mly.div"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %4 = "mly.max"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %5 = "mly.min"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %6 = "mly.pow"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>
}

// L: output_0: tensor<4xi1> = [1, 0, 0, 0]
// L-NEXT: output_1: tensor<4xi1> = [1, 1, 1, 0]
func.func @logic(%a: tensor<4xi1>, %b: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>) {
  %0 = "mly.and"(%a, %b) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = "mly.or"(%a, %b) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// C: output_0: tensor<3xi1> = [0, 1, 0]
// C-NEXT: output_1: tensor<3xi1> = [1, 0, 1]
// C-NEXT: output_2: tensor<3xi1> = [1, 0, 0]
// C-NEXT: output_3: tensor<3xi1> = [1, 1, 0]
// C-NEXT: output_4: tensor<3xi1> = [0, 0, 1]
// C-NEXT: output_5: tensor<3xi1> = [0, 1, 1]
func.func @compare(%a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %0 = "mly.cmp"(%a, %b) {predicate = "eq"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %1 = "mly.cmp"(%a, %b) {predicate = "ne"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %2 = "mly.cmp"(%a, %b) {predicate = "lt"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %3 = "mly.cmp"(%a, %b) {predicate = "le"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %4 = "mly.cmp"(%a, %b) {predicate = "gt"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %5 = "mly.cmp"(%a, %b) {predicate = "ge"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// S: output_0: tensor<3xf32> = [1, 20, 3]
func.func @choose(%c: tensor<3xi1>, %t: tensor<3xf32>, %f: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "mly.select"(%c, %t, %f) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
