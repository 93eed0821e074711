/* runtime: the host program of conversions/mly_to_gpu as a plan that any
 * GPU backend (msl-sim, vulkan) executes: buffers ("slots") and the steps
 * that allocate, launch and free them, in program order.
 *
 * A host program is a func.func with `mly.host` whose arguments are
 * inputs (no mly.param, no mly.output), weights (mly.param) and outputs
 * (mly.output = i, in argument order), all memrefs of static shape and
 * identity layout. Its body may hold only arith.constant (index),
 * memref.alloc (an arena when they carry mly.offset, multiples of 64),
 * memref.get_global of top-level memref.global with dense values,
 * gpu.launch_func with constant sizes of kernels of one gpu.module,
 * memref.dealloc and func.return.
 *
 * The plan's data is plain C (no MLIR handles but the kernels' argument
 * types and the gpu.module, valid while the module lives), so a backend
 * may keep it after the module is gone. */
#ifndef MLY_RUNTIME_GPU_HOST_H
#define MLY_RUNTIME_GPU_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"
#include "runtime/mly_tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A memref of static shape and identity layout. i1 is one byte. */
typedef struct MlyGpuBufType {
  MlyDType dtype;
  size_t elem, bytes;
  int64_t rank, dims[MLY_TENSOR_MAX_RANK];
} MlyGpuBufType;

/* A kernel of the gpu.module (a gpu.func with gpu.kernel). */
typedef struct MlyGpuKernel {
  char *name;
  int n_buffers;
  MlirType *types; /* n_buffers argument types; valid while the module is */
} MlyGpuKernel;

/* A buffer of the plan: a host argument, an alloc or a global's copy. */
typedef struct MlyGpuSlot {
  int arg;    /* host argument index, or -1 */
  int output; /* mly.output index, or -1 */
  char *name; /* host args: mly.param, else the argument's name loc, or
                 NULL; others NULL */
  MlyGpuBufType type;
  int64_t offset; /* arena offset of an alloc, or -1 */
  void *init;     /* a global's values (type.bytes, owned), or NULL */
} MlyGpuSlot;

typedef enum MlyGpuStepKind {
  MLY_GPU_STEP_ALLOC,
  MLY_GPU_STEP_LAUNCH,
  MLY_GPU_STEP_DEALLOC,
} MlyGpuStepKind;

typedef struct MlyGpuStep {
  MlyGpuStepKind kind;
  int slot;   /* alloc, dealloc */
  int kernel; /* launch: index into kernels */
  uint32_t grid[3], block[3];
  int *args; /* launch: the slots of the kernel's buffers, in order */
  int n_args;
} MlyGpuStep;

typedef struct MlyGpuHostPlan {
  MlyGpuKernel *kernels;
  int n_kernels;
  MlyGpuSlot *slots; /* host arguments first, in order */
  int n_slots, n_host_args, n_outputs;
  MlyGpuStep *steps;
  int n_steps;
  size_t arena_bytes;       /* 0: allocs are separate */
  MlirOperation gpu_module; /* the launched gpu.module (module's lifetime) */
} MlyGpuHostPlan;

/* Reads the element type of memref `t` into *b; false when `t` is not a
 * memref of static shape, identity layout, rank <= MLY_TENSOR_MAX_RANK and
 * an element type of f32, f16, bf16, i64, i32, i8, ui8 or i1. */
bool mlyGpuBufTypeOf(MlirType t, MlyGpuBufType *b);

/* Builds the plan of host function `entry` of `module` (only read). Every
 * launch's threadgroup has at most `max_group` threads. Problems of the
 * module are MLIR diagnostics on the offending op, prefixed with
 * "<backend>: " (then `err` is ""); a missing function puts a message in
 * `err`. Returns a new plan (mlyGpuHostPlanDestroy), or NULL. */
MlyGpuHostPlan *mlyGpuHostPlanCreate(MlirModule module, const char *entry,
                                     const char *backend, uint32_t max_group,
                                     char *err, size_t err_size);

/* Frees `p`. Accepts NULL. */
void mlyGpuHostPlanDestroy(MlyGpuHostPlan *p);

#ifdef __cplusplus
}
#endif

#endif /* MLY_RUNTIME_GPU_HOST_H */
