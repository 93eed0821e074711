// RUN: mly-translate --mlir-to-msl --split-input-file %s | FileCheck %s
// Casts between every element type, integer constants at the edges,
// f16/bf16/i1/i8/i64 globals (splat and not), unsigned and rounding
// integer ops, and names sanitized or prefixed to stay clear of the
// emitter's own.

module attributes {gpu.container_module} {
  gpu.module @kernels {
    memref.global "private" constant @"w.bias" : memref<2xf16> = dense<[1.5, -0.0]>
    memref.global "private" constant @v1 : memref<3xbf16> = dense<2.0>
    memref.global "private" constant @flags : memref<2xi1> = dense<[true, false]>
    memref.global "private" constant @bytes : memref<2xi8> = dense<[-128, 127]>
    memref.global "private" constant @big : memref<10xi64> = dense<[-9223372036854775808, 9223372036854775807, 0, 1, 2, 3, 4, 5, 6, 7]>
    gpu.func @casts(%in: memref<4xi32>, %out: memref<4xf32>, %h: memref<4xf16>, %l: memref<4xi64>) kernel {
      %c0 = arith.constant 0 : index
      %i = memref.load %in[%c0] : memref<4xi32>
      %ix = arith.index_cast %i : i32 to index
      %ux = arith.index_castui %ix : index to i64
      %f = arith.sitofp %i : i32 to f32
      %uf = arith.uitofp %i : i32 to f32
      %fi = arith.fptosi %f : f32 to i64
      %fu = arith.fptoui %f : f32 to i32
      %hf = arith.truncf %f : f32 to f16
      %bf = arith.truncf %f : f32 to bf16
      %ef = arith.extf %hf : f16 to f32
      %b = arith.cmpi slt, %i, %fu : i32
      %sb = arith.extsi %b : i1 to i32
      %ub = arith.extui %b : i1 to i64
      %s8 = arith.trunci %i : i32 to i8
      %e8 = arith.extui %s8 : i8 to i32
      %t1 = arith.trunci %i : i32 to i1
      %bits = arith.bitcast %f : f32 to i32
      %cmin = arith.constant -2147483648 : i32
      %cmax64 = arith.constant -9223372036854775808 : i64
      %ch = arith.constant 0.1 : f16
      %cb = arith.constant -3.0 : bf16
      %cinf = arith.constant 0x7F800000 : f32
      %cninf = arith.constant 0xFF800000 : f32
      %cnan = arith.constant 0x7FC00000 : f32
      %ctiny = arith.constant 1.0e-30 : f32
      %fd = arith.floordivsi %i, %cmin : i32
      %cd = arith.ceildivsi %i, %cmin : i32
      %sh = arith.shrui %i, %e8 : i32
      %mx = arith.maxui %i, %sh : i32
      %mn = arith.minsi %i, %sh : i32
      %sel = arith.select %t1, %ef, %uf : f32
      memref.store %sel, %out[%c0] : memref<4xf32>
      memref.store %hf, %h[%c0] : memref<4xf16>
      memref.store %cmax64, %l[%c0] : memref<4xi64>
      gpu.return
    }
  }
}

// CHECK:      constant half w_bias[2] = {(half)1.5f, (half)-0.0f};
// CHECK-NEXT: constant bfloat g_v1[3] = {(bfloat)2.0f, (bfloat)2.0f, (bfloat)2.0f};
// CHECK-NEXT: constant bool flags[2] = {true, false};
// CHECK-NEXT: constant char bytes[2] = {(char)-128, (char)127};
// CHECK-NEXT: constant long big[10] = {
// CHECK-NEXT:     (-9223372036854775807L - 1), 9223372036854775807L, 0L, 1L, 2L, 3L, 4L, 5L,
// CHECK-NEXT:     6L, 7L
// CHECK-NEXT: };
// CHECK-EMPTY:
// CHECK-NEXT: kernel void casts(
// CHECK-NEXT:     device const int *arg0 {{\[\[}}buffer(0)]],
// CHECK-NEXT:     device float *arg1 {{\[\[}}buffer(1)]],
// CHECK-NEXT:     device half *arg2 {{\[\[}}buffer(2)]],
// CHECK-NEXT:     device long *arg3 {{\[\[}}buffer(3)]],
// CHECK:        int v0 = 0;
// CHECK-NEXT:   int v1 = arg0[v0];
// CHECK-NEXT:   int v2 = (int)v1;
// CHECK-NEXT:   long v3 = (long)(uint)v2;
// CHECK-NEXT:   float v4 = (float)v1;
// CHECK-NEXT:   float v5 = (float)(uint)v1;
// CHECK-NEXT:   long v6 = (long)v4;
// CHECK-NEXT:   int v7 = (int)(uint)v4;
// CHECK-NEXT:   half v8 = (half)v4;
// CHECK-NEXT:   bfloat v9 = (bfloat)v4;
// CHECK-NEXT:   float v10 = (float)v8;
// CHECK-NEXT:   bool v11 = v1 < v7;
// CHECK-NEXT:   int v12 = v11 ? (int)-1 : (int)0;
// CHECK-NEXT:   long v13 = (long)v11;
// CHECK-NEXT:   char v14 = (char)v1;
// CHECK-NEXT:   int v15 = (int)(uchar)v14;
// CHECK-NEXT:   bool v16 = (v1 & 1) != 0;
// CHECK-NEXT:   int v17 = as_type<int>(v4);
// CHECK-NEXT:   int v18 = (-2147483647 - 1);
// CHECK-NEXT:   long v19 = (-9223372036854775807L - 1);
// CHECK-NEXT:   half v20 = (half)0.099975586f;
// CHECK-NEXT:   bfloat v21 = (bfloat)-3.0f;
// CHECK-NEXT:   float v22 = INFINITY;
// CHECK-NEXT:   float v23 = -INFINITY;
// CHECK-NEXT:   float v24 = NAN;
// CHECK-NEXT:   float v25 = 1e-30f;
// CHECK-NEXT:   int v26 = v1 / v18 - ((v1 % v18 != 0) && ((v1 < 0) != (v18 < 0)));
// CHECK-NEXT:   int v27 = v1 / v18 + ((v1 % v18 != 0) && ((v1 < 0) == (v18 < 0)));
// CHECK-NEXT:   int v28 = (int)((uint)v1 >> v15);
// CHECK-NEXT:   int v29 = (uint)v1 > (uint)v28 ? v1 : v28;
// CHECK-NEXT:   int v30 = v1 < v28 ? v1 : v28;
// CHECK-NEXT:   float v31 = v16 ? v10 : v5;
// CHECK-NEXT:   arg1[v0] = v31;
// CHECK-NEXT:   arg2[v0] = v8;
// CHECK-NEXT:   arg3[v0] = v19;
// CHECK-NEXT: }

// -----
// Signed i1 is 0 or -1: sitofp, extsi and signed comparisons of i1.
// CHECK-LABEL: kernel void signed_i1(
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @signed_i1(%o: memref<2xf32>, %p: memref<2xi1>) kernel {
      %c0 = arith.constant 0 : index
      %t = arith.constant true
      %f = arith.constant false
      // CHECK: float v3 = v1 ? (float)-1 : (float)0;
      %x = arith.sitofp %t : i1 to f32
      // CHECK-NEXT: float v4 = (float)v1;
      %y = arith.uitofp %t : i1 to f32
      // CHECK-NEXT: bool v5 = -(int)v1 < -(int)v2;
      %lt = arith.cmpi slt, %t, %f : i1
      // CHECK-NEXT: bool v6 = (bool)v1 < (bool)v2;
      %ult = arith.cmpi ult, %t, %f : i1
      memref.store %x, %o[%c0] : memref<2xf32>
      memref.store %y, %o[%c0] : memref<2xf32>
      memref.store %lt, %p[%c0] : memref<2xi1>
      memref.store %ult, %p[%c0] : memref<2xi1>
      gpu.return
    }
  }
}
