/* runtime/msl_sim: Metal Shading Language as C++17, for running the MSL
 * that mly emits on CPU threads (the msl-sim backend). The harness that
 * msl_sim.c generates includes the MSL, whose `#include <metal_stdlib>`
 * resolves to this header; it is compiled with clang++ (C++17) and the
 * flags msl_sim.c passes (-fsigned-char, -fwrapv, -fexcess-precision=16:
 * half and bfloat rounded after each operation, -ffp-contract=off).
 *
 * What it maps:
 *   - address spaces: `device` and `thread` are empty, `constant` is
 *     `const`; `threadgroup` declares a static array shared by the
 *     threads of a group (threadgroups of one dispatch run one after
 *     another) in the section "mly_tg", which the simulator overwrites
 *     with 0xff bytes before each threadgroup (Metal leaves it undefined);
 *     so `threadgroup` may only declare arrays at the top of a kernel body
 *     (mly's MSL does nothing else with it: a threadgroup pointer variable
 *     would become one static pointer shared by all threads);
 *   - `kernel` functions (static), the attributes [[buffer(i)]] and the
 *     six builtin ones mly's MSL uses (thread_position_in_threadgroup,
 *     threadgroup_position_in_grid, threads_per_threadgroup,
 *     threadgroups_per_grid, thread_index_in_simdgroup,
 *     simdgroup_index_in_threadgroup) as valid clang attributes;
 *   - scalar types (half is _Float16, bfloat is __bf16), vector types as
 *     clang ext_vector_type (float4, uint3, ...: .x/.y/.z/.w, swizzles,
 *     elementwise arithmetic; a multi-argument constructor is a compile
 *     error);
 *   - metal:: math (float and half) and integer functions, select,
 *     isnan/isinf/isfinite, as_type, INFINITY/NAN/MAXFLOAT/FLT_MAX...;
 *   - threadgroup_barrier: a real barrier of all the group's threads,
 *     which must reach it at the same source line (else the dispatch is
 *     aborted with a message, as a GPU would hang or misbehave);
 *   - simd_sum/product/min/max/and/or/xor/all/any, simd_broadcast,
 *     simd_shuffle, simd_shuffle_xor/_up/_down, simdgroup_barrier on
 *     scalars: the lanes of a simdgroup (32, the last one of a group
 *     whose size is no multiple of 32 fewer) exchange their values through
 *     the simulator and combine them in lane order; every lane of the
 *     simdgroup must reach the call (uniform control flow).
 * Anything else of Metal is a compile error: undeclared, or a
 * static_assert that names it (atomics, textures, simd prefix scans,
 * simd operations on vectors). */
#ifndef MLY_RUNTIME_MSL_SIM_METAL_SHIM_H
#define MLY_RUNTIME_MSL_SIM_METAL_SHIM_H

#if !defined(__cplusplus) || __cplusplus < 201703L || !defined(__clang__)
#error "metal_shim.h needs clang++ in C++17 mode"
#endif

#include "msl_sim_abi.h"

/* ---- Scalar and vector types ------------------------------------------ */

typedef unsigned int uint;
typedef unsigned short ushort;
typedef unsigned char uchar;
typedef unsigned long ulong;
typedef _Float16 half;
typedef __bf16 bfloat;

#define MLY_SIM_VECTORS(T)                                                     \
  typedef T T##2 __attribute__((ext_vector_type(2)));                          \
  typedef T T##3 __attribute__((ext_vector_type(3)));                          \
  typedef T T##4 __attribute__((ext_vector_type(4)));
MLY_SIM_VECTORS(float)
MLY_SIM_VECTORS(half)
MLY_SIM_VECTORS(int)
MLY_SIM_VECTORS(uint)
MLY_SIM_VECTORS(short)
MLY_SIM_VECTORS(ushort)
MLY_SIM_VECTORS(char)
MLY_SIM_VECTORS(uchar)
MLY_SIM_VECTORS(long)
MLY_SIM_VECTORS(ulong)
#undef MLY_SIM_VECTORS

static_assert(sizeof(long) == 8 && sizeof(int) == 4 && sizeof(bool) == 1,
              "msl-sim needs an LP64 host");
static_assert((char)-1 < 0, "msl-sim needs -fsigned-char (Metal's char)");

/* ---- Constants --------------------------------------------------------- */

#define INFINITY __builtin_inff()
#define NAN __builtin_nanf("")
#define MAXFLOAT 0x1.fffffep127f
#define HUGE_VALF __builtin_inff()
#define FLT_MAX 0x1.fffffep127f
#define FLT_MIN 0x1p-126f
#define FLT_EPSILON 0x1p-23f
#define HALF_MAX ((half)65504.0f)
#define HALF_MIN ((half)0x1p-14f)
#define INT_MAX 2147483647
#define INT_MIN (-2147483647 - 1)
#define UINT_MAX 4294967295u
#define LONG_MAX 9223372036854775807l
#define LONG_MIN (-9223372036854775807l - 1)
#define M_PI_F 3.14159265358979323846f
#define M_E_F 2.71828182845904523536f
#define M_LN2_F 0.693147180559945309417f
#define M_SQRT2_F 1.41421356237309504880f

/* ---- Address spaces, functions, attributes ----------------------------- */

#define device
#define thread
#define constant const
#define threadgroup static __attribute__((section("mly_tg")))
#define kernel [[maybe_unused]] static

/* Attributes: valid for clang, no unused-parameter warnings. The
 * simulator checks their order in the MSL text (buffers 0..n-1, then the
 * six builtins as listed at the top). */
#define buffer(i) maybe_unused, clang::annotate("mly_buffer", i)
#define thread_position_in_threadgroup maybe_unused
#define threadgroup_position_in_grid maybe_unused
#define threads_per_threadgroup maybe_unused
#define threadgroups_per_grid maybe_unused
#define thread_index_in_simdgroup maybe_unused
#define simdgroup_index_in_threadgroup maybe_unused

namespace mly_sim {
/* Thrown by a barrier or exchange of an aborted dispatch; caught by the
 * kernel's wrapper. */
struct aborted {};
/* The simulated thread running on this OS thread (set by the wrapper). */
static thread_local const MlySimThread *self;

template <class T> struct always_false { static constexpr bool value = false; };
template <class T> struct is_scalar { static constexpr bool value = false; };
#define MLY_SIM_SCALAR(T)                                                      \
  template <> struct is_scalar<T> { static constexpr bool value = true; };
MLY_SIM_SCALAR(bool)
MLY_SIM_SCALAR(char)
MLY_SIM_SCALAR(uchar)
MLY_SIM_SCALAR(short)
MLY_SIM_SCALAR(ushort)
MLY_SIM_SCALAR(int)
MLY_SIM_SCALAR(uint)
MLY_SIM_SCALAR(long)
MLY_SIM_SCALAR(ulong)
MLY_SIM_SCALAR(half)
MLY_SIM_SCALAR(bfloat)
MLY_SIM_SCALAR(float)
#undef MLY_SIM_SCALAR

template <class T> struct is_float { static constexpr bool value = false; };
template <> struct is_float<float> { static constexpr bool value = true; };
template <> struct is_float<half> { static constexpr bool value = true; };
template <> struct is_float<bfloat> { static constexpr bool value = true; };

/* The lanes' values of this exchange (lane i at slot i). */
template <class T> struct lanes {
  const unsigned char *p;
  uint n;
  T operator[](uint i) const {
    T v;
    __builtin_memcpy(&v, p + MLY_SIM_SLOT_BYTES * i, sizeof v);
    return v;
  }
};

template <class T> static inline lanes<T> exchange(T v, uint site) {
  static_assert(is_scalar<T>::value,
                "msl-sim: simd_* operations are supported on scalars only");
  const unsigned char *p = self->exchange(self, site, &v, sizeof v);
  if (!p)
    throw aborted{};
  return lanes<T>{p, self->width};
}

template <class T> static inline T fmax_(T a, T b) {
  return a != a ? b : b != b ? a : a < b ? b : a;
}
template <class T> static inline T fmin_(T a, T b) {
  return a != a ? b : b != b ? a : b < a ? b : a;
}
} // namespace mly_sim

/* ---- metal:: ----------------------------------------------------------- */

namespace metal {

enum class mem_flags : uint {
  mem_none = 0,
  mem_device = 1,
  mem_threadgroup = 2,
  mem_texture = 4,
};
static inline constexpr mem_flags operator|(mem_flags a, mem_flags b) {
  return (mem_flags)((uint)a | (uint)b);
}

/* Every thread of the group waits here until all have arrived. Memory
 * flags are accepted as given; the simulator's barrier orders all memory
 * (stronger than mem_none asks). */
static inline void threadgroup_barrier(mem_flags,
                                       uint site = __builtin_LINE()) {
  if (mly_sim::self->barrier(mly_sim::self, site))
    throw mly_sim::aborted{};
}
static inline void simdgroup_barrier(mem_flags, uint site = __builtin_LINE()) {
  if (!mly_sim::self->exchange(mly_sim::self, site, nullptr, 0))
    throw mly_sim::aborted{};
}

/* Reinterprets the bits of `v` as a T of the same size. */
template <class T, class U> static inline T as_type(U v) {
  static_assert(sizeof(T) == sizeof(U), "as_type: sizes differ");
  return __builtin_bit_cast(T, v);
}

/* Float math: float through libm, half computed in float and rounded. */
#define MLY_SIM_UNARY(name, f)                                                 \
  static inline float name(float x) { return f(x); }                           \
  static inline half name(half x) { return (half)f((float)x); }
#define MLY_SIM_BINARY(name, f)                                                \
  static inline float name(float x, float y) { return f(x, y); }               \
  static inline half name(half x, half y) {                                    \
    return (half)f((float)x, (float)y);                                        \
  }
static inline float mly_rsqrtf(float x) { return 1.0f / __builtin_sqrtf(x); }
static inline float mly_exp10f(float x) { return __builtin_powf(10.0f, x); }
static inline float mly_signf(float x) {
  return x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : x != x ? 0.0f : x;
}
static inline float mly_fractf(float x) {
  return __builtin_fminf(x - __builtin_floorf(x), 0x1.fffffep-1f);
}
MLY_SIM_UNARY(exp, __builtin_expf)
MLY_SIM_UNARY(exp2, __builtin_exp2f)
MLY_SIM_UNARY(exp10, mly_exp10f)
MLY_SIM_UNARY(log, __builtin_logf)
MLY_SIM_UNARY(log2, __builtin_log2f)
MLY_SIM_UNARY(log10, __builtin_log10f)
MLY_SIM_UNARY(sqrt, __builtin_sqrtf)
MLY_SIM_UNARY(rsqrt, mly_rsqrtf)
MLY_SIM_UNARY(sin, __builtin_sinf)
MLY_SIM_UNARY(cos, __builtin_cosf)
MLY_SIM_UNARY(tan, __builtin_tanf)
MLY_SIM_UNARY(asin, __builtin_asinf)
MLY_SIM_UNARY(acos, __builtin_acosf)
MLY_SIM_UNARY(atan, __builtin_atanf)
MLY_SIM_UNARY(sinh, __builtin_sinhf)
MLY_SIM_UNARY(cosh, __builtin_coshf)
MLY_SIM_UNARY(tanh, __builtin_tanhf)
MLY_SIM_UNARY(asinh, __builtin_asinhf)
MLY_SIM_UNARY(acosh, __builtin_acoshf)
MLY_SIM_UNARY(atanh, __builtin_atanhf)
MLY_SIM_UNARY(fabs, __builtin_fabsf)
MLY_SIM_UNARY(floor, __builtin_floorf)
MLY_SIM_UNARY(ceil, __builtin_ceilf)
MLY_SIM_UNARY(round, __builtin_roundf)
MLY_SIM_UNARY(rint, __builtin_rintf)
MLY_SIM_UNARY(trunc, __builtin_truncf)
MLY_SIM_UNARY(sign, mly_signf)
MLY_SIM_UNARY(fract, mly_fractf)
MLY_SIM_BINARY(pow, __builtin_powf)
MLY_SIM_BINARY(powr, __builtin_powf)
MLY_SIM_BINARY(atan2, __builtin_atan2f)
MLY_SIM_BINARY(fmod, __builtin_fmodf)
MLY_SIM_BINARY(fmax, __builtin_fmaxf)
MLY_SIM_BINARY(fmin, __builtin_fminf)
MLY_SIM_BINARY(copysign, __builtin_copysignf)
#undef MLY_SIM_UNARY
#undef MLY_SIM_BINARY
static inline float fma(float a, float b, float c) {
  return __builtin_fmaf(a, b, c);
}
static inline half fma(half a, half b, half c) {
  return (half)__builtin_fmaf((float)a, (float)b, (float)c);
}
static inline float abs(float x) { return __builtin_fabsf(x); }
static inline half abs(half x) { return (half)__builtin_fabsf((float)x); }
static inline int abs(int x) { return x < 0 ? -x : x; }
static inline long abs(long x) { return x < 0 ? -x : x; }
static inline short abs(short x) { return (short)(x < 0 ? -x : x); }
static inline char abs(char x) { return (char)(x < 0 ? -x : x); }

static inline bool isnan(float x) { return __builtin_isnan(x); }
static inline bool isnan(half x) { return __builtin_isnan((float)x); }
static inline bool isinf(float x) { return __builtin_isinf(x); }
static inline bool isinf(half x) { return __builtin_isinf((float)x); }
static inline bool isfinite(float x) { return __builtin_isfinite(x); }
static inline bool isfinite(half x) { return __builtin_isfinite((float)x); }
static inline bool signbit(float x) { return __builtin_signbit(x); }
static inline bool signbit(half x) { return __builtin_signbit((float)x); }

/* max/min: Metal's float max/min are fmax/fmin (a NaN operand is
 * ignored); integers compare. clamp(x, lo, hi) = min(max(x, lo), hi). */
template <class T> static inline T max(T a, T b) {
  static_assert(mly_sim::is_scalar<T>::value, "max: scalars only");
  if constexpr (mly_sim::is_float<T>::value)
    return mly_sim::fmax_(a, b);
  else
    return a < b ? b : a;
}
template <class T> static inline T min(T a, T b) {
  static_assert(mly_sim::is_scalar<T>::value, "min: scalars only");
  if constexpr (mly_sim::is_float<T>::value)
    return mly_sim::fmin_(a, b);
  else
    return b < a ? b : a;
}
template <class T> static inline T clamp(T x, T lo, T hi) {
  return min(max(x, lo), hi);
}
static inline float saturate(float x) { return clamp(x, 0.0f, 1.0f); }
static inline half saturate(half x) { return clamp(x, (half)0.0f, (half)1.0f); }
template <class T> static inline T mix(T x, T y, T a) {
  return x + (y - x) * a;
}
template <class T> static inline T step(T edge, T x) {
  return x < edge ? (T)0.0f : (T)1.0f;
}
/* select(a, b, c): c ? b : a. */
template <class T> static inline T select(T a, T b, bool c) {
  return c ? b : a;
}

static inline uint popcount(uint x) { return (uint)__builtin_popcount(x); }
static inline int popcount(int x) { return __builtin_popcount((uint)x); }
static inline uint clz(uint x) { return x ? (uint)__builtin_clz(x) : 32u; }
static inline int clz(int x) { return x ? __builtin_clz((uint)x) : 32; }
static inline uint ctz(uint x) { return x ? (uint)__builtin_ctz(x) : 32u; }
static inline int ctz(int x) { return x ? __builtin_ctz((uint)x) : 32; }

/* Namespaces of Metal's precision variants: the same functions here (all
 * computed precisely). */
namespace precise {
using metal::cos;
using metal::exp;
using metal::exp2;
using metal::log;
using metal::log2;
using metal::pow;
using metal::powr;
using metal::rsqrt;
using metal::sin;
using metal::sqrt;
using metal::tanh;
} // namespace precise
namespace fast {
using metal::cos;
using metal::exp;
using metal::exp2;
using metal::log;
using metal::log2;
using metal::pow;
using metal::powr;
using metal::rsqrt;
using metal::sin;
using metal::sqrt;
using metal::tanh;
} // namespace fast

/* ---- Simdgroup operations ---------------------------------------------- */

template <class T> static inline T simd_sum(T x, uint site = __builtin_LINE()) {
  mly_sim::lanes<T> v = mly_sim::exchange(x, site);
  T acc = v[0];
  for (uint i = 1; i < v.n; ++i)
    acc = (T)(acc + v[i]);
  return acc;
}
template <class T>
static inline T simd_product(T x, uint site = __builtin_LINE()) {
  mly_sim::lanes<T> v = mly_sim::exchange(x, site);
  T acc = v[0];
  for (uint i = 1; i < v.n; ++i)
    acc = (T)(acc * v[i]);
  return acc;
}
template <class T> static inline T simd_max(T x, uint site = __builtin_LINE()) {
  mly_sim::lanes<T> v = mly_sim::exchange(x, site);
  T acc = v[0];
  for (uint i = 1; i < v.n; ++i)
    acc = max(acc, v[i]);
  return acc;
}
template <class T> static inline T simd_min(T x, uint site = __builtin_LINE()) {
  mly_sim::lanes<T> v = mly_sim::exchange(x, site);
  T acc = v[0];
  for (uint i = 1; i < v.n; ++i)
    acc = min(acc, v[i]);
  return acc;
}
#define MLY_SIM_SIMD_BITS(name, op)                                            \
  template <class T> static inline T name(T x, uint site = __builtin_LINE()) { \
    static_assert(!mly_sim::is_float<T>::value, #name ": integers only");      \
    mly_sim::lanes<T> v = mly_sim::exchange(x, site);                          \
    T acc = v[0];                                                              \
    for (uint i = 1; i < v.n; ++i)                                             \
      acc = (T)(acc op v[i]);                                                  \
    return acc;                                                                \
  }
MLY_SIM_SIMD_BITS(simd_and, &)
MLY_SIM_SIMD_BITS(simd_or, |)
MLY_SIM_SIMD_BITS(simd_xor, ^)
#undef MLY_SIM_SIMD_BITS
static inline bool simd_all(bool x, uint site = __builtin_LINE()) {
  mly_sim::lanes<bool> v = mly_sim::exchange(x, site);
  bool acc = true;
  for (uint i = 0; i < v.n; ++i)
    acc = acc && v[i];
  return acc;
}
static inline bool simd_any(bool x, uint site = __builtin_LINE()) {
  mly_sim::lanes<bool> v = mly_sim::exchange(x, site);
  bool acc = false;
  for (uint i = 0; i < v.n; ++i)
    acc = acc || v[i];
  return acc;
}
/* The value of lane `l` (lanes outside the simdgroup: this lane's own,
 * as Metal defines for shuffle_up/down and leaves undefined otherwise). */
template <class T>
static inline T mly_lane_value(mly_sim::lanes<T> v, long l, T own) {
  return l >= 0 && l < (long)v.n ? v[(uint)l] : own;
}
template <class T>
static inline T simd_broadcast(T x, ushort lane, uint site = __builtin_LINE()) {
  return mly_lane_value(mly_sim::exchange(x, site), lane, x);
}
template <class T>
static inline T simd_shuffle(T x, ushort lane, uint site = __builtin_LINE()) {
  return mly_lane_value(mly_sim::exchange(x, site), lane, x);
}
template <class T>
static inline T simd_shuffle_xor(T x, ushort mask,
                                 uint site = __builtin_LINE()) {
  return mly_lane_value(mly_sim::exchange(x, site),
                        (long)(mly_sim::self->lane ^ mask), x);
}
template <class T>
static inline T simd_shuffle_down(T x, ushort delta,
                                  uint site = __builtin_LINE()) {
  return mly_lane_value(mly_sim::exchange(x, site),
                        (long)mly_sim::self->lane + delta, x);
}
template <class T>
static inline T simd_shuffle_up(T x, ushort delta,
                                uint site = __builtin_LINE()) {
  return mly_lane_value(mly_sim::exchange(x, site),
                        (long)mly_sim::self->lane - delta, x);
}

/* ---- Refused, with a message ------------------------------------------- */

enum memory_order {
  memory_order_relaxed,
  memory_order_seq_cst,
};
#define MLY_SIM_REFUSE(name, what)                                             \
  template <class... A> static inline void name(A...) {                        \
    static_assert(mly_sim::always_false<void(A...)>::value,                    \
                  "msl-sim does not support " what);                           \
  }
MLY_SIM_REFUSE(atomic_fetch_add_explicit, "atomics")
MLY_SIM_REFUSE(atomic_fetch_sub_explicit, "atomics")
MLY_SIM_REFUSE(atomic_fetch_max_explicit, "atomics")
MLY_SIM_REFUSE(atomic_fetch_min_explicit, "atomics")
MLY_SIM_REFUSE(atomic_exchange_explicit, "atomics")
MLY_SIM_REFUSE(atomic_load_explicit, "atomics")
MLY_SIM_REFUSE(atomic_store_explicit, "atomics")
MLY_SIM_REFUSE(atomic_compare_exchange_weak_explicit, "atomics")
MLY_SIM_REFUSE(simd_prefix_inclusive_sum, "simd prefix scans")
MLY_SIM_REFUSE(simd_prefix_exclusive_sum, "simd prefix scans")
MLY_SIM_REFUSE(simd_prefix_inclusive_product, "simd prefix scans")
MLY_SIM_REFUSE(simd_prefix_exclusive_product, "simd prefix scans")
MLY_SIM_REFUSE(simdgroup_load, "simdgroup matrices")
MLY_SIM_REFUSE(simdgroup_store, "simdgroup matrices")
MLY_SIM_REFUSE(simdgroup_multiply_accumulate, "simdgroup matrices")
#undef MLY_SIM_REFUSE
template <class... A> struct mly_sim_refused_type {
  static_assert(mly_sim::always_false<void(A...)>::value,
                "msl-sim does not support this Metal type (textures, "
                "samplers, atomics, simdgroup matrices)");
};
template <class... A> using texture1d = mly_sim_refused_type<A...>;
template <class... A> using texture2d = mly_sim_refused_type<A...>;
template <class... A> using texture3d = mly_sim_refused_type<A...>;
template <class... A> using simdgroup_matrix = mly_sim_refused_type<A...>;
template <class... A> using atomic = mly_sim_refused_type<A...>;

} // namespace metal

#endif /* MLY_RUNTIME_MSL_SIM_METAL_SHIM_H */
