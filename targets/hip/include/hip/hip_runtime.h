/* targets/hip/include: a minimal stand-in for HIP's hip_runtime.h, for
 * compiling the HIP that mly emits (targets/hip) into an AMDGPU code
 * object without ROCm:
 *
 *   clang-22 -x hip --offload-arch=gfx942 --cuda-device-only -nogpulib \
 *       -nogpuinc -I targets/hip/include -O3 -c kernels.hip
 *
 * It declares what that source uses and nothing else: the function and
 * variable attributes (__global__, __device__, __shared__, __constant__,
 * __launch_bounds__), threadIdx/blockIdx/blockDim/gridDim, __syncthreads,
 * __shfl_xor on int, float and long long, __half (with __ushort_as_half
 * and __half_as_ushort) and __hip_bfloat16,
 * INFINITY and NAN, and the float functions of HIP's device library that
 * the emitted source calls (expf, tanhf, erff, rsqrtf, ...). With
 * -nogpulib there is no device library to link, so those are defined here
 * on the compiler's builtins that the AMDGPU backend lowers itself (exp2,
 * log2, sqrt, fma, floor, ...) and on approximations built from them; they
 * are accurate to a few ulp, not ROCm's ocml. Compiled only for the device
 * (__AMDGCN__); anything else is an error. */
#ifndef MLY_HIP_RUNTIME_H
#define MLY_HIP_RUNTIME_H

#if !defined(__HIP__) || !defined(__AMDGCN__)
#error "mly's hip_runtime.h is for device-only compiles for AMDGPU (see top)"
#endif

#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __host__ __attribute__((host))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __launch_bounds__(n) __attribute__((launch_bounds(n)))

typedef _Float16 __half;
typedef __bf16 __hip_bfloat16;

/* __half from and to its bits, as HIP's fp16 header has them. */
static __device__ inline __half __ushort_as_half(unsigned short x) {
  return __builtin_bit_cast(__half, x);
}
static __device__ inline unsigned short __half_as_ushort(__half x) {
  return __builtin_bit_cast(unsigned short, x);
}

#define INFINITY __builtin_inff()
#define NAN __builtin_nanf("")

/* ---- Builtin variables ------------------------------------------------- */

struct mly_hip_uint3 {
  unsigned int x, y, z;
};

#define threadIdx                                                              \
  (mly_hip_uint3{__builtin_amdgcn_workitem_id_x(),                             \
                 __builtin_amdgcn_workitem_id_y(),                             \
                 __builtin_amdgcn_workitem_id_z()})
#define blockIdx                                                               \
  (mly_hip_uint3{__builtin_amdgcn_workgroup_id_x(),                            \
                 __builtin_amdgcn_workgroup_id_y(),                            \
                 __builtin_amdgcn_workgroup_id_z()})
#define blockDim                                                               \
  (mly_hip_uint3{__builtin_amdgcn_workgroup_size_x(),                          \
                 __builtin_amdgcn_workgroup_size_y(),                          \
                 __builtin_amdgcn_workgroup_size_z()})
#define gridDim                                                                \
  (mly_hip_uint3{                                                              \
      __builtin_amdgcn_grid_size_x() / __builtin_amdgcn_workgroup_size_x(),    \
      __builtin_amdgcn_grid_size_y() / __builtin_amdgcn_workgroup_size_y(),    \
      __builtin_amdgcn_grid_size_z() / __builtin_amdgcn_workgroup_size_z()})

/* ---- Synchronization and wavefront exchange --------------------------- */

static __device__ inline void __syncthreads() {
  __builtin_amdgcn_fence(__ATOMIC_RELEASE, "workgroup");
  __builtin_amdgcn_s_barrier();
  __builtin_amdgcn_fence(__ATOMIC_ACQUIRE, "workgroup");
}

static __device__ inline int mly_hip_lane() {
  return (int)__builtin_amdgcn_mbcnt_hi(~0u, __builtin_amdgcn_mbcnt_lo(~0u, 0u));
}

/* The value of lane (this lane ^ mask) within segments of `width` lanes,
 * as HIP defines it (a lane outside this lane's segment: its own). */
static __device__ inline int __shfl_xor(int var, int mask, int width) {
  int self = mly_hip_lane();
  int index = self ^ mask;
  index = index >= ((self + width) & ~(width - 1)) ? self : index;
  return __builtin_amdgcn_ds_bpermute(index << 2, var);
}
static __device__ inline float __shfl_xor(float var, int mask, int width) {
  return __builtin_bit_cast(
      float, __shfl_xor(__builtin_bit_cast(int, var), mask, width));
}
static __device__ inline long long __shfl_xor(long long var, int mask,
                                              int width) {
  int lo = __shfl_xor((int)var, mask, width);
  int hi = __shfl_xor((int)(var >> 32), mask, width);
  return (long long)(((unsigned long long)(unsigned int)hi << 32) |
                     (unsigned int)lo);
}

/* ---- Float functions of the device library ----------------------------- */

#define MLY_HIP_F1(name, expr)                                                 \
  static __device__ inline float name(float x) { return expr; }
#define MLY_HIP_F2(name, expr)                                                 \
  static __device__ inline float name(float x, float y) { return expr; }

MLY_HIP_F1(fabsf, __builtin_fabsf(x))
MLY_HIP_F1(floorf, __builtin_floorf(x))
MLY_HIP_F1(ceilf, __builtin_ceilf(x))
MLY_HIP_F1(truncf, __builtin_truncf(x))
MLY_HIP_F1(rintf, __builtin_rintf(x))
MLY_HIP_F1(roundf, __builtin_roundf(x))
MLY_HIP_F1(sqrtf, __builtin_sqrtf(x))
MLY_HIP_F1(rsqrtf, 1.0f / __builtin_sqrtf(x))
MLY_HIP_F1(expf, __builtin_expf(x))
MLY_HIP_F1(exp2f, __builtin_exp2f(x))
MLY_HIP_F1(logf, __builtin_logf(x))
MLY_HIP_F1(log2f, __builtin_log2f(x))
MLY_HIP_F1(log10f, __builtin_log10f(x))
MLY_HIP_F1(sinf, __builtin_sinf(x))
MLY_HIP_F1(cosf, __builtin_cosf(x))
MLY_HIP_F1(tanf, __builtin_sinf(x) / __builtin_cosf(x))
MLY_HIP_F2(fmodf, __builtin_fmodf(x, y))
MLY_HIP_F2(fmaxf, __builtin_fmaxf(x, y))
MLY_HIP_F2(fminf, __builtin_fminf(x, y))
MLY_HIP_F2(copysignf, __builtin_copysignf(x, y))
static __device__ inline float fmaf(float a, float b, float c) {
  return __builtin_fmaf(a, b, c);
}
static __device__ inline bool isnan(float x) { return __builtin_isnan(x); }
static __device__ inline bool isinf(float x) { return __builtin_isinf(x); }
static __device__ inline bool isfinite(float x) {
  return __builtin_isfinite(x);
}

/* log(1 + x) without cancellation (Goldberg's trick). */
static __device__ inline float mly_hip_log1pf(float x) {
  float u = 1.0f + x;
  return u == 1.0f ? x : __builtin_logf(u) * (x / (u - 1.0f));
}

/* exp(x) - 1 without cancellation (Kahan's trick). */
static __device__ inline float mly_hip_expm1f(float x) {
  float u = __builtin_expf(x);
  if (u == 1.0f)
    return x;
  float um1 = u - 1.0f;
  return um1 == -1.0f ? -1.0f : um1 * x / __builtin_logf(u);
}

MLY_HIP_F1(sinhf, __builtin_fabsf(x) < 1.0f
                      ? (mly_hip_expm1f(x) - mly_hip_expm1f(-x)) * 0.5f
                      : (__builtin_expf(x) - __builtin_expf(-x)) * 0.5f)
MLY_HIP_F1(coshf, (__builtin_expf(x) + __builtin_expf(-x)) * 0.5f)
static __device__ inline float tanhf(float x) {
  float a = __builtin_fabsf(x);
  if (a > 9.0f)
    return __builtin_copysignf(1.0f, x);
  float m = mly_hip_expm1f(2.0f * a);
  return __builtin_copysignf(m / (m + 2.0f), x);
}
MLY_HIP_F1(asinhf, __builtin_copysignf(
                       mly_hip_log1pf(__builtin_fabsf(x) +
                                      x * x /
                                          (1.0f + __builtin_sqrtf(1.0f + x * x))),
                       x))
MLY_HIP_F1(acoshf, __builtin_logf(x + __builtin_sqrtf(x * x - 1.0f)))
MLY_HIP_F1(atanhf, 0.5f * mly_hip_log1pf(2.0f * x / (1.0f - x)))

/* Cephes' atanf: range reduction to |x| <= tan(pi/8), then a polynomial. */
static __device__ inline float atanf(float x) {
  float a = __builtin_fabsf(x), y = 0.0f;
  if (a > 2.414213562373095f) {
    y = 1.5707963267948966f;
    a = -1.0f / a;
  } else if (a > 0.4142135623730950f) {
    y = 0.7853981633974483f;
    a = (a - 1.0f) / (a + 1.0f);
  }
  float z = a * a;
  y += (((8.05374449538e-2f * z - 1.38776856032e-1f) * z +
         1.99777106478e-1f) * z - 3.33329491539e-1f) * z * a + a;
  return __builtin_copysignf(y, x);
}
static __device__ inline float atan2f(float y, float x) {
  const float pi = 3.14159265358979f;
  if (__builtin_isnan(x) || __builtin_isnan(y))
    return x + y;
  if (x == 0.0f) {
    if (y == 0.0f)
      return __builtin_signbit(x) ? __builtin_copysignf(pi, y) : y;
    return __builtin_copysignf(pi / 2, y);
  }
  if (__builtin_isinf(x)) {
    if (__builtin_isinf(y))
      return __builtin_copysignf(x > 0 ? pi / 4 : 3 * pi / 4, y);
    return x > 0 ? __builtin_copysignf(0.0f, y) : __builtin_copysignf(pi, y);
  }
  float r = atanf(y / x);
  if (x < 0.0f)
    r += __builtin_copysignf(pi, y);
  return r;
}
MLY_HIP_F1(asinf, atan2f(x, __builtin_sqrtf((1.0f - x) * (1.0f + x))))
MLY_HIP_F1(acosf, atan2f(__builtin_sqrtf((1.0f - x) * (1.0f + x)), x))

/* pow through exp2(y * log2|x|), with C's rules for signs, zeros and
 * infinities of x < 0 and integer y. */
static __device__ inline float powf(float x, float y) {
  if (y == 0.0f || x == 1.0f)
    return 1.0f;
  if (__builtin_isnan(x) || __builtin_isnan(y))
    return x + y;
  bool y_int = __builtin_truncf(y) == y;
  bool y_odd = y_int && __builtin_fmodf(__builtin_fabsf(y), 2.0f) == 1.0f;
  if (x < 0.0f && !y_int && !__builtin_isinf(y))
    return NAN;
  float r = __builtin_exp2f(y * __builtin_log2f(__builtin_fabsf(x)));
  return x < 0.0f && y_odd ? -r : r;
}

/* erf to within 1 ulp: N. Juffa's minimax fits. */
static __device__ inline float erff(float a) {
  float t = __builtin_fabsf(a), s = a * a, r;
  if (t > 0.927734375f) {
    r = __builtin_fmaf(-1.72853470e-5f, t, 3.83197126e-4f);
    float u = __builtin_fmaf(-3.88396438e-3f, t, 2.42546219e-2f);
    r = __builtin_fmaf(r, s, u);
    r = __builtin_fmaf(r, t, -1.06777877e-1f);
    r = __builtin_fmaf(r, t, -6.34846687e-1f);
    r = __builtin_fmaf(r, t, -1.28717512e-1f);
    r = __builtin_fmaf(r, t, -t);
    r = 1.0f - __builtin_expf(r);
    r = __builtin_copysignf(r, a);
  } else {
    r = -5.96761703e-4f;
    r = __builtin_fmaf(r, s, 4.99119423e-3f);
    r = __builtin_fmaf(r, s, -2.67681349e-2f);
    r = __builtin_fmaf(r, s, 1.12819925e-1f);
    r = __builtin_fmaf(r, s, -3.76125336e-1f);
    r = __builtin_fmaf(r, s, 1.28379166e-1f);
    r = __builtin_fmaf(r, a, a);
  }
  return r;
}

#undef MLY_HIP_F1
#undef MLY_HIP_F2

#endif /* MLY_HIP_RUNTIME_H */
