// RUN: mly-translate --mlir-to-msl %s | FileCheck %s --check-prefixes=CHECK,HEAD
// A tiled matmul: 2-D workgroup tiles, nested scf.for with iter_args
// (declared before the loop, assigned by scf.yield), a yield that swaps
// an iter_arg after the other was assigned (through temporaries), scf.if with results, private
// memory, 3-D buffer indexing.

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @fused_2_matmul(%a: memref<32x32xf32>, %b: memref<32x32xf32>, %c: memref<2x32x32xf32>)
        workgroup(%ta: memref<8x8xf32, #gpu.address_space<workgroup>>)
        private(%acc: memref<2xf32, #gpu.address_space<private>>)
        kernel attributes {known_block_size = array<i32: 8, 8, 1>, mly.kind = "matmul"} {
      %tx = gpu.thread_id x
      %ty = gpu.thread_id y
      %bx = gpu.block_id x
      %by = gpu.block_id y
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c8 = arith.constant 8 : index
      %c32 = arith.constant 32 : index
      %zero = arith.constant 0.0 : f32
      %row0 = arith.muli %by, %c8 : index
      %row = arith.addi %row0, %ty : index
      %col0 = arith.muli %bx, %c8 : index
      %col = arith.addi %col0, %tx : index
      %sum, %other = scf.for %k0 = %c0 to %c32 step %c8 iter_args(%s = %zero, %o = %zero) -> (f32, f32) {
        %ka = arith.addi %k0, %tx : index
        %va = memref.load %a[%row, %ka] : memref<32x32xf32>
        memref.store %va, %ta[%ty, %tx] : memref<8x8xf32, #gpu.address_space<workgroup>>
        gpu.barrier
        %inner = scf.for %k = %c0 to %c8 step %c1 iter_args(%t = %s) -> (f32) {
          %x = memref.load %ta[%ty, %k] : memref<8x8xf32, #gpu.address_space<workgroup>>
          %kb = arith.addi %k0, %k : index
          %y = memref.load %b[%kb, %col] : memref<32x32xf32>
          %p = arith.mulf %x, %y : f32
          %t2 = arith.addf %t, %p : f32
          scf.yield %t2 : f32
        }
        gpu.barrier
        scf.yield %inner, %s : f32, f32
      }
      memref.store %sum, %acc[%c0] : memref<2xf32, #gpu.address_space<private>>
      %pos = arith.cmpf ogt, %sum, %zero : f32
      %r = scf.if %pos -> (f32) {
        scf.yield %sum : f32
      } else {
        %n = arith.negf %other : f32
        scf.yield %n : f32
      }
      memref.store %r, %c[%c1, %row, %col] : memref<2x32x32xf32>
      gpu.return
    }
  }
}

// HEAD:      #include <metal_stdlib>
// HEAD-NEXT: using namespace metal;
// HEAD-EMPTY:
// HEAD-NEXT: // mly.kind = "matmul", known_block_size = 8x8x1
// HEAD-NEXT: kernel void fused_2_matmul(
// CHECK-NEXT:     device const float *arg0 {{\[\[}}buffer(0)]],
// CHECK-NEXT:     device const float *arg1 {{\[\[}}buffer(1)]],
// CHECK-NEXT:     device float *arg2 {{\[\[}}buffer(2)]],
// CHECK:          uint mly_simd {{\[\[}}simdgroup_index_in_threadgroup]]) {
// CHECK-NEXT:   threadgroup float wg0[64];
// CHECK-NEXT:   float pr0[2];
// CHECK-NEXT:   int v0 = (int)mly_tid.x;
// CHECK-NEXT:   int v1 = (int)mly_tid.y;
// CHECK-NEXT:   int v2 = (int)mly_bid.x;
// CHECK-NEXT:   int v3 = (int)mly_bid.y;
// CHECK-NEXT:   int v4 = 0;
// CHECK-NEXT:   int v5 = 1;
// CHECK-NEXT:   int v6 = 8;
// CHECK-NEXT:   int v7 = 32;
// CHECK-NEXT:   float v8 = 0.0f;
// CHECK-NEXT:   int v9 = v3 * v6;
// CHECK-NEXT:   int v10 = v9 + v1;
// CHECK-NEXT:   int v11 = v2 * v6;
// CHECK-NEXT:   int v12 = v11 + v0;
// CHECK-NEXT:   float v13 = v8;
// CHECK-NEXT:   float v14 = v8;
// CHECK-NEXT:   for (int v15 = v4; v15 < v7; v15 += v6) {
// CHECK-NEXT:     int v16 = v15 + v0;
// CHECK-NEXT:     float v17 = arg0[v10 * 32 + v16];
// CHECK-NEXT:     wg0[v1 * 8 + v0] = v17;
// CHECK-NEXT:     threadgroup_barrier(mem_flags::mem_threadgroup);
// CHECK-NEXT:     float v18 = v13;
// CHECK-NEXT:     for (int v19 = v4; v19 < v6; v19 += v5) {
// CHECK-NEXT:       float v20 = wg0[v1 * 8 + v19];
// CHECK-NEXT:       int v21 = v15 + v19;
// CHECK-NEXT:       float v22 = arg1[v21 * 32 + v12];
// CHECK-NEXT:       float v23 = v20 * v22;
// CHECK-NEXT:       float v24 = v18 + v23;
// CHECK-NEXT:       v18 = v24;
// CHECK-NEXT:     }
// CHECK-NEXT:     threadgroup_barrier(mem_flags::mem_threadgroup);
// CHECK-NEXT:     float v13_next = v18;
// CHECK-NEXT:     float v14_next = v13;
// CHECK-NEXT:     v13 = v13_next;
// CHECK-NEXT:     v14 = v14_next;
// CHECK-NEXT:   }
// CHECK-NEXT:   pr0[v4] = v13;
// CHECK-NEXT:   bool v25 = v13 > v8;
// CHECK-NEXT:   float v26;
// CHECK-NEXT:   if (v25) {
// CHECK-NEXT:     v26 = v13;
// CHECK-NEXT:   } else {
// CHECK-NEXT:     float v27 = -v14;
// CHECK-NEXT:     v26 = v27;
// CHECK-NEXT:   }
// CHECK-NEXT:   arg2[(v5 * 32 + v10) * 32 + v12] = v26;
// CHECK-NEXT: }
