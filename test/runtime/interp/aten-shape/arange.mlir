// arange: integer range, fractional float steps, a negative step.
// RUN: mly-run %s --backend interp --entry=ints --print | FileCheck %s --check-prefix=INTS
// RUN: mly-run %s --backend interp --entry=floats --print | FileCheck %s --check-prefix=FLOATS
// RUN: mly-run %s --backend interp --entry=down --print | FileCheck %s --check-prefix=DOWN

// INTS: output_0: tensor<5xi64> = [0, 1, 2, 3, 4]
func.func @ints() -> tensor<5xi64> {
  %0 = "aten.arange"() {start = 0 : i64, end = 5 : i64, step = 1 : i64} : () -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// ceil((2 - 0.5) / 0.5) = 3 values
// FLOATS: output_0: tensor<3xf32> = [0.5, 1, 1.5]
func.func @floats() -> tensor<3xf32> {
  %0 = "aten.arange"() {start = 0.5 : f64, end = 2.0 : f64, step = 0.5 : f64} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// ceil((0 - 5) / -2) = 3 values
// DOWN: output_0: tensor<3xi64> = [5, 3, 1]
func.func @down() -> tensor<3xi64> {
  %0 = "aten.arange"() {start = 5 : i64, end = 0 : i64, step = -2 : i64} : () -> tensor<3xi64>
  return %0 : tensor<3xi64>
}
