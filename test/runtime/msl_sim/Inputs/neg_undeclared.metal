#include <metal_stdlib>
using namespace metal;
kernel void bad(
    device int *arg0 [[buffer(0)]],
    uint3 mly_tid [[thread_position_in_threadgroup]],
    uint3 mly_bid [[threadgroup_position_in_grid]],
    uint3 mly_bdim [[threads_per_threadgroup]],
    uint3 mly_gdim [[threadgroups_per_grid]],
    uint mly_lane [[thread_index_in_simdgroup]],
    uint mly_simd [[simdgroup_index_in_threadgroup]]) {
  arg0[mly_tid.x] = (int)metal::erf(1.0f);
}
