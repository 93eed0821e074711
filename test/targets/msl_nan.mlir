// RUN: mly-translate --mlir-to-msl %s | FileCheck %s
// NaN semantics: maximumf/minimumf propagate NaN and order signed zeros
// (helpers), maxnumf/minnumf are fmax/fmin, every cmpf predicate keeps
// its ordered/unordered meaning; erf through the mly_erf helper (also for
// f16); math functions as metal::; each subgroup reduction.

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @nan(%x: memref<16xf32>, %hx: memref<4xf16>, %ix: memref<4xi32>, %o: memref<16xi1>, %f: memref<16xf32>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %a = memref.load %x[%c0] : memref<16xf32>
      %b = memref.load %x[%c1] : memref<16xf32>
      %h = memref.load %hx[%c0] : memref<4xf16>
      %i = memref.load %ix[%c0] : memref<4xi32>
      %max = arith.maximumf %a, %b : f32
      %min = arith.minimumf %a, %b : f32
      %hmax = arith.maximumf %h, %h : f16
      %mxn = arith.maxnumf %a, %b : f32
      %mnn = arith.minnumf %a, %b : f32
      %rem = arith.remf %a, %b : f32
      %p0 = arith.cmpf false, %a, %b : f32
      %p1 = arith.cmpf oeq, %a, %b : f32
      %p2 = arith.cmpf ogt, %a, %b : f32
      %p3 = arith.cmpf oge, %a, %b : f32
      %p4 = arith.cmpf olt, %a, %b : f32
      %p5 = arith.cmpf ole, %a, %b : f32
      %p6 = arith.cmpf one, %a, %b : f32
      %p7 = arith.cmpf ord, %a, %b : f32
      %p8 = arith.cmpf ueq, %a, %b : f32
      %p9 = arith.cmpf ugt, %a, %b : f32
      %p10 = arith.cmpf uge, %a, %b : f32
      %p11 = arith.cmpf ult, %a, %b : f32
      %p12 = arith.cmpf ule, %a, %b : f32
      %p13 = arith.cmpf une, %a, %b : f32
      %p14 = arith.cmpf uno, %a, %b : f32
      %p15 = arith.cmpf true, %a, %b : f32
      %e = math.erf %a : f32
      %he = math.erf %h : f16
      %t = math.tanh %a : f32
      %r = math.rsqrt %a : f32
      %pw = math.powf %a, %b : f32
      %fm = math.fma %a, %b, %a : f32
      %ab = math.absf %a : f32
      %ai = math.absi %i : i32
      %rn = math.roundeven %a : f32
      %isn = math.isnan %a : f32
      %s1 = gpu.subgroup_reduce add %a uniform : (f32) -> f32
      %s2 = gpu.subgroup_reduce mul %a : (f32) -> f32
      %s3 = gpu.subgroup_reduce maximumf %a : (f32) -> f32
      %s4 = gpu.subgroup_reduce minnumf %a : (f32) -> f32
      %s5 = gpu.subgroup_reduce maxsi %i : (i32) -> i32
      %s6 = gpu.subgroup_reduce minui %i : (i32) -> i32
      %s7 = gpu.subgroup_reduce xor %i : (i32) -> i32
      %lane = gpu.lane_id
      %sg = gpu.subgroup_id : index
      %gid = gpu.global_id y
      memref.store %p6, %o[%c0] : memref<16xi1>
      memref.store %max, %f[%c0] : memref<16xf32>
      gpu.return
    }
  }
}

// CHECK:      #include <metal_stdlib>
// CHECK-NEXT: using namespace metal;
// CHECK-EMPTY:
// CHECK-NEXT: // erf to within 1 ulp (Metal has none): N. Juffa's minimax fits.
// CHECK-NEXT: static inline float mly_erf(float a) {
// CHECK:        if (t > 0.927734375f) {
// CHECK:          r = 1.0f - metal::exp(r);
// CHECK-NEXT:     r = metal::copysign(r, a);
// CHECK-NEXT:   } else {
// CHECK:          r = metal::fma(r, a, a);
// CHECK-NEXT:   }
// CHECK-NEXT:   return r;
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // arith.maximumf: NaN when either is NaN; +0 is above -0.
// CHECK-NEXT: template <typename T> static inline T mly_maximumf(T a, T b) {
// CHECK-NEXT:   if (metal::isnan(a) || metal::isnan(b))
// CHECK-NEXT:     return a + b;
// CHECK-NEXT:   if (a == b)
// CHECK-NEXT:     return metal::signbit(a) ? b : a;
// CHECK-NEXT:   return a > b ? a : b;
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // arith.minimumf: NaN when either is NaN; -0 is below +0.
// CHECK-NEXT: template <typename T> static inline T mly_minimumf(T a, T b) {
// CHECK-NEXT:   if (metal::isnan(a) || metal::isnan(b))
// CHECK-NEXT:     return a + b;
// CHECK-NEXT:   if (a == b)
// CHECK-NEXT:     return metal::signbit(a) ? a : b;
// CHECK-NEXT:   return a < b ? a : b;
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: kernel void nan(
// CHECK:        float v2 = arg0[v0];
// CHECK-NEXT:   float v3 = arg0[v1];
// CHECK-NEXT:   half v4 = arg1[v0];
// CHECK-NEXT:   int v5 = arg2[v0];
// CHECK-NEXT:   float v6 = mly_maximumf(v2, v3);
// CHECK-NEXT:   float v7 = mly_minimumf(v2, v3);
// CHECK-NEXT:   half v8 = mly_maximumf(v4, v4);
// CHECK-NEXT:   float v9 = metal::fmax(v2, v3);
// CHECK-NEXT:   float v10 = metal::fmin(v2, v3);
// CHECK-NEXT:   float v11 = metal::fmod(v2, v3);
// CHECK-NEXT:   bool v12 = false;
// CHECK-NEXT:   bool v13 = v2 == v3;
// CHECK-NEXT:   bool v14 = v2 > v3;
// CHECK-NEXT:   bool v15 = v2 >= v3;
// CHECK-NEXT:   bool v16 = v2 < v3;
// CHECK-NEXT:   bool v17 = v2 <= v3;
// CHECK-NEXT:   bool v18 = v2 < v3 || v2 > v3;
// CHECK-NEXT:   bool v19 = !metal::isnan(v2) && !metal::isnan(v3);
// CHECK-NEXT:   bool v20 = !(v2 < v3 || v2 > v3);
// CHECK-NEXT:   bool v21 = !(v2 <= v3);
// CHECK-NEXT:   bool v22 = !(v2 < v3);
// CHECK-NEXT:   bool v23 = !(v2 >= v3);
// CHECK-NEXT:   bool v24 = !(v2 > v3);
// CHECK-NEXT:   bool v25 = v2 != v3;
// CHECK-NEXT:   bool v26 = metal::isnan(v2) || metal::isnan(v3);
// CHECK-NEXT:   bool v27 = true;
// CHECK-NEXT:   float v28 = mly_erf(v2);
// CHECK-NEXT:   half v29 = (half)mly_erf((float)v4);
// CHECK-NEXT:   float v30 = metal::tanh(v2);
// CHECK-NEXT:   float v31 = metal::rsqrt(v2);
// CHECK-NEXT:   float v32 = metal::pow(v2, v3);
// CHECK-NEXT:   float v33 = metal::fma(v2, v3, v2);
// CHECK-NEXT:   float v34 = metal::fabs(v2);
// CHECK-NEXT:   int v35 = metal::abs(v5);
// CHECK-NEXT:   float v36 = metal::rint(v2);
// CHECK-NEXT:   bool v37 = metal::isnan(v2);
// CHECK-NEXT:   float v38 = simd_sum(v2);
// CHECK-NEXT:   float v39 = simd_product(v2);
// CHECK-NEXT:   float v40 = simd_max(v2);
// CHECK-NEXT:   float v41 = simd_min(v2);
// CHECK-NEXT:   int v42 = simd_max(v5);
// CHECK-NEXT:   int v43 = (int)simd_min((uint)v5);
// CHECK-NEXT:   int v44 = simd_xor(v5);
// CHECK-NEXT:   int v45 = (int)mly_lane;
// CHECK-NEXT:   int v46 = (int)mly_simd;
// CHECK-NEXT:   int v47 = (int)(mly_bid.y * mly_bdim.y + mly_tid.y);
// CHECK-NEXT:   arg3[v0] = v18;
// CHECK-NEXT:   arg4[v0] = v6;
// CHECK-NEXT: }
