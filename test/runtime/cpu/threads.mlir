// --threads: a matmul and an elementwise op large enough to be split
// across threads give the same bytes as on one thread, compiled or loaded
// from the cache (the async runtime linked into the object); the thread count
// is part of the cache key (the two entries of more threads call the
// async runtime, the one of one thread does not); a bad count is refused.
// RUN: rm -rf %t.cache
// RUN: mly-run %s --cache-dir %t.cache --verbose --input f32:0.25 --outputs %t.1.st 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: mly-run %s --cache-dir %t.cache --verbose --threads 2 --input f32:0.25 --outputs %t.2.st 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: mly-run %s --cache-dir %t.cache --verbose --threads=3 --input f32:0.25 --outputs %t.3.st 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: mly-run %s --cache-dir %t.cache --verbose --threads 2 --input f32:0.25 --outputs %t.2hit.st 2>&1 | FileCheck %s --check-prefix=HIT
// RUN: cmp %t.1.st %t.2.st
// RUN: cmp %t.1.st %t.2hit.st
// RUN: cmp %t.1.st %t.3.st
// RUN: grep -l mlirAsyncRuntime %t.cache/* | count 2
// RUN: not mly-run %s --threads -1 --input f32:1 2>&1 | FileCheck %s --check-prefix=BAD
// ONE: cache miss
// ONE: output_0: tensor<128x256xf32>
// ONE: output_1: tensor<1024x1024xf32>
// TWO: cache miss
// TWO: output_0: tensor<128x256xf32>
// HIT: cache hit
// HIT: output_1: tensor<1024x1024xf32>
// BAD: error: --threads needs a number from 0 to 256, got '-1'
#a = affine_map<(d0, d1) -> ()>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @forward(%s: tensor<f32>) -> (tensor<128x256xf32>, tensor<1024x1024xf32>) {
  %ea = tensor.empty() : tensor<128x128xf32>
  %a = linalg.generic {indexing_maps = [#a, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<f32>) outs(%ea : tensor<128x128xf32>) {
  ^bb0(%v: f32, %o: f32):
    %i = linalg.index 0 : index
    %k = linalg.index 1 : index
    %c7 = arith.constant 7 : index
    %c17 = arith.constant 17 : index
    %t = arith.muli %i, %c7 : index
    %u = arith.addi %t, %k : index
    %w = arith.remui %u, %c17 : index
    %n = arith.index_cast %w : index to i32
    %f = arith.sitofp %n : i32 to f32
    %r = arith.mulf %f, %v : f32
    linalg.yield %r : f32
  } -> tensor<128x128xf32>
  %eb = tensor.empty() : tensor<128x256xf32>
  %b = linalg.generic {indexing_maps = [#a, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<f32>) outs(%eb : tensor<128x256xf32>) {
  ^bb0(%v: f32, %o: f32):
    %k = linalg.index 0 : index
    %j = linalg.index 1 : index
    %c3 = arith.constant 3 : index
    %c13 = arith.constant 13 : index
    %t = arith.muli %j, %c3 : index
    %u = arith.addi %t, %k : index
    %w = arith.remui %u, %c13 : index
    %n = arith.index_cast %w : index to i32
    %f = arith.sitofp %n : i32 to f32
    %r = arith.subf %f, %v : f32
    linalg.yield %r : f32
  } -> tensor<128x256xf32>
  %z = arith.constant 0.0 : f32
  %ec = tensor.empty() : tensor<128x256xf32>
  %c0 = linalg.fill ins(%z : f32) outs(%ec : tensor<128x256xf32>) -> tensor<128x256xf32>
  %c = linalg.matmul ins(%a, %b : tensor<128x128xf32>, tensor<128x256xf32>) outs(%c0 : tensor<128x256xf32>) -> tensor<128x256xf32>
  %ed = tensor.empty() : tensor<1024x1024xf32>
  %d = linalg.generic {indexing_maps = [#a, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<f32>) outs(%ed : tensor<1024x1024xf32>) {
  ^bb0(%v: f32, %o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %u = arith.subi %i, %j : index
    %n = arith.index_cast %u : index to i32
    %f = arith.sitofp %n : i32 to f32
    %r = arith.mulf %f, %v : f32
    linalg.yield %r : f32
  } -> tensor<1024x1024xf32>
  return %c, %d : tensor<128x256xf32>, tensor<1024x1024xf32>
}
