#include <metal_stdlib>
using namespace metal;
constant float cst_0[4] = {1.0f, 2.0f, 3.0f, 4.0f};
kernel void fused_0_elementwise(
    device const float *arg0 [[buffer(0)]],
    device float *arg1 [[buffer(1)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  int v0 = (int)mly_bid.x;
  int v1 = (int)mly_tid.x;
  int v2 = (int)mly_bdim.x;
  int v3 = v0 * v2;
  int v4 = v3 + v1;
  bool v5 = (uint)v4 < (uint)16;
  if (v5) {
    int v6 = (int)((uint)v4 / (uint)4);
    int v7 = (int)((uint)v4 % (uint)4);
    float v8 = arg0[v6 * 4 + v7];
    float v9 = cst_0[v7];
    float v10 = v8 + v9;
    float v11 = metal::exp(v10);
    arg1[v6 * 4 + v7] = v11;
  }
}
kernel void fused_1_reduction(
    device const float *arg0 [[buffer(0)]],
    device float *arg1 [[buffer(1)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  threadgroup float wg0[64];
  int v0 = (int)mly_bid.x;
  int v1 = (int)mly_tid.x;
  float v2 = arg0[v0 * 64 + v1];
  float v3 = simd_sum(v2);
  wg0[v1] = v3;
  threadgroup_barrier(mem_flags::mem_threadgroup);
  bool v4 = v1 == 0;
  if (v4) {
    float v5 = wg0[0];
    float v6 = wg0[32];
    float v7 = v5 + v6;
    arg1[v0] = v7;
  }
}
