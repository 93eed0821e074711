#include <metal_stdlib>
using namespace metal;

kernel void rotate(
    device int *arg0 [[buffer(0)]],
    device int *arg1 [[buffer(1)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  threadgroup int wg0[256];
  int v0 = (int)mly_tid.x;
  int v1 = (int)mly_bdim.x;
  int v2 = v0;
  for (int v3 = 0; v3 < 8; v3 += 1) {
    wg0[v0] = v2;
    threadgroup_barrier(mem_flags::mem_threadgroup);
    v2 = wg0[(v0 + 1) % v1] + 1000;
    threadgroup_barrier(mem_flags::mem_threadgroup);
  }
  if (v0 == 0) {
    int v4 = 0;
    for (int v5 = 0; v5 < v1; v5 += 1)
      v4 = v4 + wg0[v5];
    wg0[0] = v4;
  }
  threadgroup_barrier(mem_flags::mem_threadgroup);
  arg0[v0] = v2;
  arg1[v0] = wg0[0];
}

kernel void simd(
    device const float *arg0 [[buffer(0)]],
    device float *arg1 [[buffer(1)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  int v0 = (int)mly_tid.x;
  float v1 = arg0[v0];
  arg1[v0 * 4 + 0] = simd_sum(v1);
  arg1[v0 * 4 + 1] = simd_max(v1);
  arg1[v0 * 4 + 2] = simd_shuffle_xor(v1, 1);
  arg1[v0 * 4 + 3] = (float)(mly_simd * 100 + mly_lane);
}

kernel void affine(
    device const long *arg0 [[buffer(0)]],
    device const long *arg1 [[buffer(1)]],
    device long *arg2 [[buffer(2)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  int v0 = (int)(mly_bid.y * mly_gdim.x + mly_bid.x);
  int v1 = (int)mly_tid.x;
  long v2 = arg0[v0 * 8 + v1] * arg1[v1] + (long)v0;
  arg2[v0 * 8 + v1] = v2;
}

kernel void parity(
    device const long *arg0 [[buffer(0)]],
    device bool *arg1 [[buffer(1)]],
    device long *arg2 [[buffer(2)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  int v0 = (int)(mly_bid.y * mly_bdim.y + mly_tid.y);
  int v1 = (int)(mly_bid.x * mly_bdim.x + mly_tid.x);
  long v2 = arg0[v0 * 8 + v1];
  arg1[v0 * 8 + v1] = v2 % 2 == 0;
  arg2[v0 * 8 + v1] = v2 - 1;
}

kernel void deadlock(
    device float *arg0 [[buffer(0)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  int v0 = (int)mly_tid.x;
  if (v0 != 0) {
    threadgroup_barrier(mem_flags::mem_threadgroup);
  }
  arg0[v0] = 1.0f;
}

kernel void uninit(
    device float *arg0 [[buffer(0)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  threadgroup float wg0[4];
  int v0 = (int)mly_tid.x;
  if (mly_bid.x == 0) {
    wg0[v0] = 7.0f;
  }
  threadgroup_barrier(mem_flags::mem_threadgroup);
  if (mly_bid.x == 1) {
    arg0[v0] = wg0[v0];
  }
}

kernel void math(
    device float *arg0 [[buffer(0)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  half v0 = (half)1.0f;
  half v1 = (half)0.0004f;
  bfloat v2 = (bfloat)1.0f;
  bfloat v3 = (bfloat)0.001f;
  char v4 = (char)200;
  int v5 = 2147483647;
  arg0[0] = as_type<float>(as_type<uint>(1.0f) + 1u) - 1.0f;
  arg0[1] = select(1.0f, 2.0f, isnan(NAN));
  arg0[2] = fmax(NAN, 3.0f);
  arg0[3] = (float)((half)2049.0f);
  arg0[4] = (float)(v0 + v1 - v0);
  arg0[5] = (float)(v2 + v3 - v2);
  arg0[6] = fmod(7.5f, 2.0f);
  arg0[7] = (float)v4;
  arg0[8] = (float)(v5 + 1);
  arg0[9] = metal::exp(0.0f) + metal::precise::sqrt(4.0f);
  arg0[10] = -INFINITY;
  arg0[11] = (float)max(-3, 2) + min(2.5f, NAN) + clamp(9.0f, 0.0f, 1.0f);
}

kernel void halves(
    device const half *arg0 [[buffer(0)]],
    device const bfloat *arg1 [[buffer(1)]],
    device half *arg2 [[buffer(2)]],
    device bfloat *arg3 [[buffer(3)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  int v0 = (int)mly_tid.x;
  arg2[v0] = arg0[v0] * (half)2.0f + (half)0.001f;
  arg3[v0] = arg1[v0] * (bfloat)2.0f + (bfloat)0.001f;
}
