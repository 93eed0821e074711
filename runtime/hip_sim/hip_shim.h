/* runtime/hip_sim: HIP as C++17, for running the HIP that mly emits
 * (targets/hip) on CPU threads (the hip-sim backend). The simulator's
 * harness includes the HIP source, whose `#include <hip/hip_runtime.h>`
 * resolves to this header; it is compiled with clang++ (C++17) and the
 * flags of runtime/msl_sim (-fsigned-char, -fwrapv,
 * -fexcess-precision=16: __half and __hip_bfloat16 rounded after each
 * operation, -ffp-contract=off).
 *
 * What it maps:
 *   - `__global__` kernels are plain extern "C" functions the harness
 *     calls once per simulated thread; `__device__`, `__host__` and
 *     `__launch_bounds__(N)` are empty; `__constant__` is `static const`;
 *     `__shared__` declares a static array shared by the threads of a
 *     workgroup (workgroups of one launch run one after another) in the
 *     section "mly_tg", which the simulator overwrites with 0xff bytes
 *     before each workgroup (HIP leaves it undefined): so `__shared__` may
 *     only declare arrays at the top of a kernel body, as mly's HIP does;
 *   - threadIdx, blockIdx, blockDim, gridDim from the simulated thread;
 *   - __syncthreads: a real barrier of all the workgroup's threads, which
 *     must reach it at the same source line (else the launch is aborted
 *     with a message, as a GPU would hang or misbehave);
 *   - __shfl_xor(var, mask, width) on scalars: the lanes of a wavefront
 *     (MLY_WAVE_SIZE of the source, which the simulator runs with; the
 *     last wavefront of a workgroup whose size is no multiple of it has
 *     fewer) exchange their values through the simulator; every lane of
 *     the wavefront must reach the call (uniform control flow). A width
 *     that is no power of two up to 64 does not compile; one beyond the
 *     simulated wavefront aborts the process with a message;
 *   - __half (_Float16; __ushort_as_half and __half_as_ushort),
 *     __hip_bfloat16 (__bf16), INFINITY, NAN, and the float functions of
 *     HIP's device library through the host's libm (precise; erff,
 *     tanhf, rsqrtf, ...), isnan/isinf/isfinite.
 * Anything else of HIP is a compile error: undeclared, or a
 * static_assert that names it (atomics, other warp operations). */
#ifndef MLY_RUNTIME_HIP_SIM_HIP_SHIM_H
#define MLY_RUNTIME_HIP_SIM_HIP_SHIM_H

#if !defined(__cplusplus) || __cplusplus < 201703L || !defined(__clang__)
#error "hip_shim.h needs clang++ in C++17 mode"
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "msl_sim_abi.h"

static_assert(sizeof(long long) == 8 && sizeof(int) == 4 &&
                  sizeof(bool) == 1,
              "hip-sim needs an LP64 host");

typedef _Float16 __half;
typedef __bf16 __hip_bfloat16;

/* __half from and to its bits, as HIP's fp16 header has them. */
static inline __half __ushort_as_half(unsigned short x) {
  return __builtin_bit_cast(__half, x);
}
static inline unsigned short __half_as_ushort(__half x) {
  return __builtin_bit_cast(unsigned short, x);
}

#define __global__
#define __device__
#define __host__
#define __constant__ static const
#define __shared__ static __attribute__((section("mly_tg")))
#define __launch_bounds__(...)

namespace mly_sim {
/* Thrown by a barrier or exchange of an aborted launch; caught by the
 * kernel's wrapper. */
struct aborted {};
/* The simulated thread running on this OS thread (set by the wrapper). */
static thread_local const MlySimThread *self;

template <class T> struct always_false {
  static constexpr bool value = false;
};

struct uint3 {
  unsigned int x, y, z;
};
static inline uint3 of(const uint32_t v[3]) { return uint3{v[0], v[1], v[2]}; }

/* Waits until every thread of the workgroup is here (same source line). */
static inline void syncthreads(unsigned int site) {
  if (self->barrier(self, site))
    throw aborted{};
}

/* The value of lane (this lane ^ mask) within segments of `width` lanes,
 * as HIP defines it (a lane outside this lane's segment, or beyond the
 * last wavefront's lanes: its own). */
template <int width, class T>
static inline T shfl_xor(T var, int mask, unsigned int site) {
  static_assert(sizeof(T) <= MLY_SIM_SLOT_BYTES,
                "hip-sim: __shfl_xor of a value too large");
  static_assert(width >= 1 && width <= MLY_SIM_MAX_SIMD_WIDTH &&
                    !(width & (width - 1)),
                "hip-sim: __shfl_xor's width is no power of two up to 64");
  if ((uint32_t)width > self->wave) {
    fprintf(stderr,
            "hip-sim: __shfl_xor of width %d on wavefronts of %u lanes\n",
            width, self->wave);
    abort();
  }
  const unsigned char *p = self->exchange(self, site, &var, sizeof var);
  if (!p)
    throw aborted{};
  int lane = (int)self->lane;
  int index = lane ^ mask;
  if (index >= ((lane + width) & ~(width - 1)) || index < 0 ||
      (uint32_t)index >= self->width)
    return var;
  T v;
  __builtin_memcpy(&v, p + MLY_SIM_SLOT_BYTES * (unsigned)index, sizeof v);
  return v;
}
} // namespace mly_sim

#define threadIdx (mly_sim::of(mly_sim::self->tid))
#define blockIdx (mly_sim::of(mly_sim::self->bid))
#define blockDim (mly_sim::of(mly_sim::self->bdim))
#define gridDim (mly_sim::of(mly_sim::self->gdim))
#define __syncthreads() mly_sim::syncthreads(__builtin_LINE())
#define __shfl_xor(var, mask, width)                                           \
  mly_sim::shfl_xor<(width)>(var, mask, __builtin_LINE())

/* Float functions HIP's device library has and libm lacks. */
static inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }

/* ---- Refused, with a message ------------------------------------------- */

#define MLY_SIM_REFUSE(name, what)                                             \
  template <class... A> static inline void name(A...) {                        \
    static_assert(mly_sim::always_false<void(A...)>::value,                    \
                  "hip-sim does not support " what);                           \
  }
MLY_SIM_REFUSE(atomicAdd, "atomics")
MLY_SIM_REFUSE(atomicMax, "atomics")
MLY_SIM_REFUSE(atomicMin, "atomics")
MLY_SIM_REFUSE(atomicExch, "atomics")
MLY_SIM_REFUSE(atomicCAS, "atomics")
MLY_SIM_REFUSE(__shfl, "warp operations other than __shfl_xor")
MLY_SIM_REFUSE(__shfl_up, "warp operations other than __shfl_xor")
MLY_SIM_REFUSE(__shfl_down, "warp operations other than __shfl_xor")
MLY_SIM_REFUSE(__ballot, "warp operations other than __shfl_xor")
MLY_SIM_REFUSE(__syncwarp, "warp operations other than __shfl_xor")
#undef MLY_SIM_REFUSE

#endif /* MLY_RUNTIME_HIP_SIM_HIP_SHIM_H */
