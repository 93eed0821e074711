/* Internal: the intermediate buffers of a host function and their live
 * ranges, shared by mly-plan-memory and mly-check-memory-plan. */
#ifndef MLY_TRANSFORMS_MEMORY_PLAN_H
#define MLY_TRANSFORMS_MEMORY_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"

/* Every arena offset is a multiple of this, and every buffer takes its size
 * rounded up to it; the runtime allocates the arena itself this aligned. */
#define MLY_ARENA_ALIGN 64
/* The aligned sizes of one function's intermediates add up to less than
 * this, so no offset, end or sum the planners compute can overflow. */
#define MLY_PLAN_MAX_BYTES ((int64_t)1 << 62)

/* One intermediate: a tensor result of an op in the function's body that
 * is not returned and not a constant (mly.constant, arith.constant: data
 * the runtime binds apart from the arena). Live from op position `first` (its
 * definition) to `last` (its last user, nested users counted at their ancestor
 * in the body), both inclusive: two buffers alive at the same op never share
 * bytes. */
typedef struct MlyBuffer {
  MlirOperation op;
  intptr_t result;
  int64_t bytes; /* the tensor's own size */
  int64_t size;  /* bytes rounded up to MLY_ARENA_ALIGN */
  int64_t first, last;
  int64_t offset; /* -1 until planned */
} MlyBuffer;

typedef struct MlyBufferList {
  MlyBuffer *buf; /* in definition order */
  size_t n;
  int64_t n_ops; /* ops in the body, the terminator included */
  int64_t total; /* sum of the sizes, below MLY_PLAN_MAX_BYTES */
} MlyBufferList;

/* Whether `op` is a host function the plan covers: a func.func with a body
 * that is not a kernel (no `mly.fused`). */
bool mlyMemoryPlanCovers(MlirOperation op);

/* Finds the intermediates of host function `func` into *out (the caller
 * frees out->buf). Fails, with an error at the offending op and out->buf
 * NULL, on a body of several blocks, a tensor of dynamic shape or unknown
 * element type, sizes that add up to MLY_PLAN_MAX_BYTES, or allocation
 * failure; `pass` names the pass in messages. */
bool mlyMemoryPlanBuffers(MlirOperation func, const char *pass,
                          MlyBufferList *out);

/* Places the buffers of l (first, last and size set; op and result only
 * identify them) in one arena: sets every buffer's offset, reusing the
 * bytes of buffers whose live ranges do not meet (greedy best fit, the
 * better of two orders, whose name goes to *order). Also used by the cpu
 * runtime on the buffers of a bufferized function. Returns the arena
 * size, or -1 on allocation failure. */
int64_t mlyMemoryPlanPlace(MlyBufferList *l, const char **order);

/* The most bytes (rounded sizes) alive at any one op: no plan of these
 * buffers fits in less. -1 on allocation failure. */
int64_t mlyMemoryPlanLivePeak(const MlyBufferList *l);

/* Whether the live ranges of a and b share an op. */
static inline bool mlyBuffersInterfere(const MlyBuffer *a, const MlyBuffer *b) {
  return a->first <= b->last && b->first <= a->last;
}

#endif /* MLY_TRANSFORMS_MEMORY_PLAN_H */
