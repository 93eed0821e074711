// The intermediates of a run share one arena laid out by liveness: %a is
// dead once %b is computed, so %c takes its bytes, and %b's go to %d (the
// result is computed into a buffer of its own, then copied out): 4 buffers
// of 64 bytes in an arena of 128. A cache hit reports the same.
// RUN: rm -rf %t.cache
// RUN: mly-run %s --cache-dir %t.cache --verbose --input 16xf32:1 --print 2>&1 | FileCheck %s
// RUN: mly-run %s --cache-dir %t.cache --verbose --input 16xf32:1 --print 2>&1 | FileCheck %s
// CHECK: mly-run: cpu: arena 128 bytes for 4 intermediates (naive sum 256)
// CHECK-NEXT: output_0: tensor<16xf32> = [16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16]
#id = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e0 = tensor.empty() : tensor<16xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<16xf32>) outs(%e0 : tensor<16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %v : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  %e1 = tensor.empty() : tensor<16xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<16xf32>) outs(%e1 : tensor<16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %v : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%b : tensor<16xf32>) outs(%e2 : tensor<16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %v : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %d = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%c : tensor<16xf32>) outs(%e3 : tensor<16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %v : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  return %d : tensor<16xf32>
}
