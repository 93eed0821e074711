/* bench/hip_cuda: HIP on NVIDIA GPUs, as HIP's own NVIDIA platform does
 * it: the HIP that mly emits (targets/hip) compiled by nvcc, its
 * spellings mapped onto CUDA's. Covers what that source uses: the
 * attributes and builtin variables are CUDA's own; __half and
 * __hip_bfloat16 are cuda_fp16's and cuda_bf16's types; HIP's
 * __shfl_xor(var, mask, width) is CUDA's __shfl_xor_sync over the whole
 * warp (the emitted source reduces whole wavefronts, compiled with
 * wave-size=32 for NVIDIA's warps); float math is CUDA's device library
 * (expf, tanhf, erff, rsqrtf: the same names). */
#ifndef MLY_BENCH_HIP_CUDA_HIP_RUNTIME_H
#define MLY_BENCH_HIP_CUDA_HIP_RUNTIME_H

#ifndef __CUDACC__
#error "this hip_runtime.h maps HIP onto CUDA: compile with nvcc"
#endif

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <math_constants.h>

typedef __nv_bfloat16 __hip_bfloat16;

#ifndef INFINITY
#define INFINITY CUDART_INF_F
#endif
#ifndef NAN
#define NAN CUDART_NAN_F
#endif

template <typename T>
static __device__ inline T __shfl_xor(T var, int lane_mask, int width) {
  return __shfl_xor_sync(0xffffffffu, var, lane_mask, width);
}

#endif /* MLY_BENCH_HIP_CUDA_HIP_RUNTIME_H */
