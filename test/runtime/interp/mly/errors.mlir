// Run-time errors are reported, never read out of bounds or computed:
// out-of-range and negative gather indices (both modes), integer division
// by zero, an integer max pool window in the padding, max of nothing.
// RUN: not mly-run %s --backend interp --input 3x2xf32:1,2,3,4,5,6 --input 2xi64:1,3 2>&1 | FileCheck %s --check-prefix=TAKE
// RUN: not mly-run %s --backend interp --input 3x2xf32:1,2,3,4,5,6 --input 2xi64:-1,0 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: not mly-run %s --backend interp --entry=along --input 3x2xf32:1,2,3,4,5,6 --input 3x1xi64:0,2,1 2>&1 | FileCheck %s --check-prefix=ALONG
// RUN: not mly-run %s --backend interp --entry=divide --input 2xi32:4,5 --input 2xi32:2,0 2>&1 | FileCheck %s --check-prefix=DIV

// TAKE: error: 'mly.gather' op index 3 is out of range [0, 3)
// NEG: error: 'mly.gather' op index -1 is out of range [0, 3)
func.func @forward(%x: tensor<3x2xf32>, %i: tensor<2xi64>) -> tensor<2x2xf32> {
  %0 = "mly.gather"(%x, %i) {dim = 0 : i64, mode = "take"} : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// ALONG: error: 'mly.gather' op index 2 is out of range [0, 2)
func.func @along(%x: tensor<3x2xf32>, %i: tensor<3x1xi64>) -> tensor<3x1xf32> {
  %0 = "mly.gather"(%x, %i) {dim = 1 : i64, mode = "along"} : (tensor<3x2xf32>, tensor<3x1xi64>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// DIV: error: 'mly.div' op integer division by zero at element 1
func.func @divide(%a: tensor<2xi32>, %b: tensor<2xi32>) -> tensor<2xi32> {
  %0 = "mly.div"(%a, %b) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// An integer max pool has no -inf for a window wholly in the padding.
// RUN: not mly-run %s --backend interp --entry=ipool --input 1x1x1xi32:7 2>&1 | FileCheck %s --check-prefix=POOL
// POOL: error: 'mly.pool' op integer max pool window lies in the padding
func.func @ipool(%x: tensor<1x1x1xi32>) -> tensor<1x1x3xi32> {
  %0 = "mly.pool"(%x) {kind = "max", window = array<i64: 1>, stride = array<i64: 1>, padding = array<i64: 1>, dilation = array<i64: 1>, count_include_pad = false} : (tensor<1x1x1xi32>) -> tensor<1x1x3xi32>
  return %0 : tensor<1x1x3xi32>
}

// max/min over no elements has no value (sum would give 0).
// RUN: not mly-run %s --backend interp --entry=empty_max --input 0x3xf32: 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: error: 'mly.reduce' op max/min of an empty set of elements
func.func @empty_max(%x: tensor<0x3xf32>) -> tensor<3xf32> {
  %0 = "mly.reduce"(%x) {kind = "max", dims = array<i64: 0>, keepdim = false} : (tensor<0x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
