// RUN: mly-translate --mlir-to-hip %s | FileCheck %s --check-prefixes=CHECK,W64
// RUN: mly-translate --mlir-to-hip --target-option=wave-size=64 %s | FileCheck %s --check-prefixes=CHECK,W64
// RUN: mly-translate --mlir-to-hip --target-option=wave-size=32 %s | FileCheck %s --check-prefixes=CHECK,W32
// RUN: not mly-translate --mlir-to-hip --target-option=wave-size=16 %s 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not mly-translate --mlir-to-hip --target-option=wave-size=sixty-four %s 2>&1 | FileCheck %s --check-prefix=BAD-WORD
// RUN: not mly-translate --mlir-to-hip --target-option=warp=32 %s 2>&1 | FileCheck %s --check-prefix=KEY
// Wavefront operations and the wave-size option: gpu.subgroup_reduce is a
// butterfly of __shfl_xor over MLY_WAVE_SIZE lanes, and the lane and
// subgroup ids count lanes of that size; the option takes 64 (CDNA, the
// default) or 32 (RDNA) and nothing else.

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @wave_sums(%x: memref<128xf32>, %y: memref<128xf32>, %l: memref<128xi32>, %w: memref<128xi32>, %m: memref<128xi32>) kernel attributes {known_block_size = array<i32: 128, 1, 1>} {
      %t = gpu.thread_id x
      %v = memref.load %x[%t] : memref<128xf32>
      %s = gpu.subgroup_reduce add %v : (f32) -> f32
      memref.store %s, %y[%t] : memref<128xf32>
      %lane = gpu.lane_id
      %li = arith.index_cast %lane : index to i32
      memref.store %li, %l[%t] : memref<128xi32>
      %sg = gpu.subgroup_id : index
      %si = arith.index_cast %sg : index to i32
      memref.store %si, %w[%t] : memref<128xi32>
      %mx = gpu.subgroup_reduce maxsi %li : (i32) -> i32
      memref.store %mx, %m[%t] : memref<128xi32>
      gpu.return
    }
  }
}

// W64: #define MLY_WAVE_SIZE 64
// W32: #define MLY_WAVE_SIZE 32
// CHECK:      __device__ inline int mly_lane_id() {
// CHECK-NEXT:   return mly_linear_tid() % MLY_WAVE_SIZE;
// CHECK:      __device__ inline int mly_wave_id() {
// CHECK-NEXT:   return mly_linear_tid() / MLY_WAVE_SIZE;
// CHECK:      extern "C" __global__ void __launch_bounds__(128) wave_sums(
// CHECK:        float v1 = arg0[v0];
// CHECK-NEXT:   float v2 = v1;
// CHECK-NEXT:   for (int mly_o = MLY_WAVE_SIZE / 2; mly_o > 0; mly_o /= 2) {
// CHECK-NEXT:     float mly_x = (float)__shfl_xor((float)v2, mly_o, MLY_WAVE_SIZE);
// CHECK-NEXT:     v2 = v2 + mly_x;
// CHECK-NEXT:   }
// CHECK-NEXT:   arg1[v0] = v2;
// CHECK-NEXT:   int v3 = mly_lane_id();
// CHECK:        int v5 = mly_wave_id();
// CHECK:        int v7 = v4;
// CHECK-NEXT:   for (int mly_o = MLY_WAVE_SIZE / 2; mly_o > 0; mly_o /= 2) {
// CHECK-NEXT:     int mly_x = (int)__shfl_xor((int)v7, mly_o, MLY_WAVE_SIZE);
// CHECK-NEXT:     v7 = v7 > mly_x ? v7 : mly_x;
// CHECK-NEXT:   }
// BAD: error: 'gpu.module' op was given wave-size=16; the hip target's wave size is 64 (CDNA) or 32 (RDNA)
// BAD-WORD: error: 'gpu.module' op was given wave-size=sixty-four; the hip target's wave size is 64 (CDNA) or 32 (RDNA)
// KEY: error: 'gpu.module' op was given target option 'warp', which the hip target does not know (wave-size=64|32)
