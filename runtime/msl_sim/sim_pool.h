/* runtime/msl_sim (internal): a pool of OS threads that runs the threads
 * of one threadgroup concurrently, with a real threadgroup barrier and
 * simdgroup exchanges of 32 lanes (Metal's simdgroups, the default) or 64
 * (HIP's wavefronts on CDNA) (see msl_sim_abi.h). */
#ifndef MLY_RUNTIME_MSL_SIM_SIM_POOL_H
#define MLY_RUNTIME_MSL_SIM_SIM_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/msl_sim/msl_sim_abi.h"

/* The most threads of one threadgroup (Metal's limit). */
#define MLY_SIM_MAX_GROUP 1024

typedef struct MlySimPool MlySimPool;

/* Returns a new pool without threads (they are started by the first group
 * that needs them and kept until mlySimPoolDestroy), or NULL when out of
 * memory. */
MlySimPool *mlySimPoolCreate(void);

/* Sets the lanes of a simdgroup of the groups run afterwards: 32 or 64.
 * Returns 0, or -1 (and keeps the width) for another value. */
int mlySimPoolSetSimdWidth(MlySimPool *p, uint32_t width);

/* Stops and joins the pool's threads and frees it. Accepts NULL. */
void mlySimPoolDestroy(MlySimPool *p);

/* Runs one threadgroup: fn(buffers, thread) once for each of the
 * bdim[0]*bdim[1]*bdim[2] (1 to MLY_SIM_MAX_GROUP) threads, all at the
 * same time on threads of the pool, and returns when all have returned.
 * Thread i (x fastest) is lane i % W of simdgroup i / W, W the pool's
 * simdgroup width (mlySimPoolSetSimdWidth). Returns 0, or
 * -1 with a message in `err` when threads could not be started or the
 * group was aborted: its threads disagreed on a barrier's site, or every
 * thread still in the kernel waits at a barrier that threads which have
 * returned will never reach (a deadlock). A kernel that loops forever
 * hangs the call. */
int mlySimPoolRunGroup(MlySimPool *p, MlySimKernelFn fn, void *const *buffers,
                       const uint32_t bid[3], const uint32_t bdim[3],
                       const uint32_t gdim[3], char *err, size_t err_size);

#endif /* MLY_RUNTIME_MSL_SIM_SIM_POOL_H */
