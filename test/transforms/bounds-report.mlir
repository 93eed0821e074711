// The JSON report: one entry per value (op, location name, range, method,
// width), the function's results, and a remark for the unbounded division.
// Infinities are the strings "inf" and "-inf". Also --mly-bounds-input.
// RUN: mly-opt %s --mly-bounds --mly-bounds-input=1,2 --mly-bounds-report=%t.json -o /dev/null
// RUN: FileCheck %s --input-file=%t.json
// RUN: not mly-opt %s --mly-bounds --mly-bounds-input=2,1 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: {"pass": "mly-bounds", "method": "ibp", "functions": [{"name": "f", "results": [{"range": [2, 4], "may_nan": false}, {"range": ["-inf", "inf"], "may_nan": true}]}]
// CHECK-SAME: {"func": "f", "op": "mly.add", "loc": "add_1", "result": 0, "range": [2, 4], "method": "ibp", "width": 2, "may_nan": false}
// CHECK-SAME: {"func": "f", "op": "mly.div", "loc": null, "result": 0, "range": ["-inf", "inf"], "method": "ibp", "width": "inf", "may_nan": true, "unbounded": "division by an interval containing 0"}
// CHECK-SAME: "remarks": ["f: 'mly.div' at unnamed: division by an interval containing 0"]}
// BAD: --mly-bounds-input wants 'lo,hi' with lo <= hi, got '2,1'
func.func @f(%x: tensor<4xf32>, %y: tensor<4xf32> {mly.range = array<f64: -1.0, 1.0>}) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "mly.add"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("add_1")
  %1 = "mly.div"(%y, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
