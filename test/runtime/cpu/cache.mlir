// The cache of lowered modules: the first run lowers and stores, the
// second finds it; another entry point is the same module, a changed
// module is a new one; --no-cache says nothing; the default cache is
// $XDG_CACHE_HOME/mly; a cache that cannot be written is no error.
// RUN: rm -rf %t.cache %t.xdg
// RUN: mly-run %s --backend cpu --cache-dir %t.cache --verbose --input 2xf32:1,2 --print 2>&1 | FileCheck %s --check-prefix=MISS
// RUN: mly-run %s --backend cpu --cache-dir %t.cache --verbose --input 2xf32:1,2 --print 2>&1 | FileCheck %s --check-prefix=HIT
// RUN: mly-run %s --backend cpu --cache-dir %t.cache --verbose --entry twice --input 2xf32:1,2 --print 2>&1 | FileCheck %s --check-prefix=HIT2
// RUN: sed 's/addf/mulf/' %s > %t.mul.mlir
// RUN: mly-run %t.mul.mlir --backend cpu --cache-dir %t.cache --verbose --input 2xf32:1,2 --print 2>&1 | FileCheck %s --check-prefix=MUL
// RUN: ls %t.cache | count 2
// RUN: mly-run %s --backend cpu --no-cache --verbose --input 2xf32:1,2 --print 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: env XDG_CACHE_HOME=%t.xdg mly-run %s --backend cpu --verbose --input 2xf32:1,2 2>&1 | FileCheck %s --check-prefix=XDG
// RUN: mly-run %s --backend cpu --cache-dir %s/sub --verbose --input 2xf32:1,2 --print 2>&1 | FileCheck %s --check-prefix=MISS

// MISS: mly-run: cpu: cache miss: {{.*}}cpu-{{[0-9a-f]+}}.o
// MISS-NEXT: mly-run: cpu: arena
// MISS-NEXT: output_0: tensor<2xf32> = [2, 4]
// HIT: mly-run: cpu: cache hit: {{.*}}cpu-{{[0-9a-f]+}}.o
// HIT-NEXT: mly-run: cpu: arena
// HIT-NEXT: output_0: tensor<2xf32> = [2, 4]
// HIT2: cache hit
// HIT2: output_0: tensor<2xf32> = [3, 6]
// MUL: cache miss
// MUL: output_0: tensor<2xf32> = [1, 4]
// XDG: cache miss: {{.*}}xdg{{/|\\}}mly{{/|\\}}cpu-
// NONE-NOT: cache
// NONE: output_0: tensor<2xf32> = [2, 4]
#id = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<2xf32>) -> tensor<2xf32> {
  %e = tensor.empty() : tensor<2xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<2xf32>) outs(%e : tensor<2xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
func.func @twice(%x: tensor<2xf32>) -> tensor<2xf32> {
  %e = tensor.empty() : tensor<2xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<2xf32>) outs(%e : tensor<2xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %a : f32
    %t = arith.addf %s, %a : f32
    linalg.yield %t : f32
  } -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
