// Integer mly.pow becomes math.ipowi, which the cpu pipeline expands into
// a function (convert-math-to-funcs). Values by hand: 2^3, 3^2, (-2)^3,
// 5^0, 7^-1 (truncated 1/7).
// RUN: mly-run %s --backend cpu --cache-dir %t.cache --input 5xi64:2,3,-2,5,7 --input 5xi64:3,2,3,0,-1 --print | FileCheck %s
// RUN: mly-run %s --backend interp --input 5xi64:2,3,-2,5,7 --input 5xi64:3,2,3,0,-1 --print | FileCheck %s
// CHECK: output_0: tensor<5xi64> = [8, 9, -8, 1, 0]
func.func @forward(%x: tensor<5xi64>, %y: tensor<5xi64>) -> tensor<5xi64> {
  %0 = "mly.pow"(%x, %y) : (tensor<5xi64>, tensor<5xi64>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}
