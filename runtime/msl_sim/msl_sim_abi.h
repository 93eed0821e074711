/* runtime/msl_sim: the interface between the simulator (C, in the runtime)
 * and the kernels it runs (C++, compiled at run time against
 * metal_shim.h). Plain C so both sides include it. */
#ifndef MLY_RUNTIME_MSL_SIM_ABI_H
#define MLY_RUNTIME_MSL_SIM_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Changes whenever the layout or meaning of what follows does; the
 * harness exports it as mly_sim_abi_version(). */
#define MLY_SIM_ABI_VERSION 2

/* Lanes of a Metal simdgroup (a HIP wavefront has 32 or 64: the pool's
 * width), the most lanes of one, and the bytes a lane can exchange at
 * once. */
#define MLY_SIM_SIMD_WIDTH 32
#define MLY_SIM_MAX_SIMD_WIDTH 64
#define MLY_SIM_SLOT_BYTES 16

/* One simulated thread, as the simulator hands it to a kernel wrapper.
 * Read-only for the kernel. */
typedef struct MlySimThread {
  uint32_t tid[3];  /* thread_position_in_threadgroup */
  uint32_t bid[3];  /* threadgroup_position_in_grid */
  uint32_t bdim[3]; /* threads_per_threadgroup */
  uint32_t gdim[3]; /* threadgroups_per_grid */
  uint32_t lane;    /* thread_index_in_simdgroup */
  uint32_t simd;    /* simdgroup_index_in_threadgroup */
  uint32_t width;   /* lanes in this thread's simdgroup (the last of a
                       group whose size is no multiple of the pool's width
                       has fewer) */
  void *group;      /* the simulator's threadgroup state */
  /* Waits until every thread of the threadgroup has called it, all at
   * the same `site` (the caller's source line). Returns 0, or -1 when the
   * dispatch is aborted (threads disagree on the site, or some returned
   * from the kernel: a deadlock on a GPU); the kernel must then unwind. */
  int (*barrier)(const struct MlySimThread *self, uint32_t site);
  /* Stores `size` (<= MLY_SIM_SLOT_BYTES) bytes of `value` as this
   * lane's slot and waits until every lane of the simdgroup has done so
   * at the same `site`. Returns the simdgroup's `width` slots (lane i at
   * byte MLY_SIM_SLOT_BYTES * i), valid until this lane's next exchange;
   * NULL when the dispatch is aborted. `value` NULL: a plain simdgroup
   * barrier. */
  const unsigned char *(*exchange)(const struct MlySimThread *self,
                                   uint32_t site, const void *value,
                                   uint32_t size);
  uint32_t wave; /* lanes of a full simdgroup: the pool's width */
} MlySimThread;

/* What the harness exports for each kernel K, under the name
 * mly_sim_kernel_<K>: runs K as thread `self` on buffers[0..n) (the
 * kernel's buffer arguments in order). Returns 0, or -1 when aborted. */
typedef int (*MlySimKernelFn)(void *const *buffers, const MlySimThread *self);

#ifdef __cplusplus
}
#endif

#endif /* MLY_RUNTIME_MSL_SIM_ABI_H */
