/* Internal to mly-to-gpu: one kernel's gpu.func, written as text. */
#ifndef MLY_CONVERSIONS_MLY_TO_GPU_KERNEL_H
#define MLY_CONVERSIONS_MLY_TO_GPU_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "conversions/mly_to_gpu/mly_to_gpu.h"
#include "conversions/mly_to_linalg/emit.h"
#include "mlir-c/IR.h"

/* A kernel: values in[0..n_in) are its input buffers, out[0..n_out) the
 * values it writes (one output buffer each). Every other value it reaches
 * from the outputs is defined by an op of the kernel (the body of a fused
 * function, or a single op). */
typedef struct MlyKernelSpec {
  const char *name;       /* gpu.func name */
  const char *kind;       /* fusion kind: mly.kind */
  MlirOperation anchor;   /* diagnostics without a better op */
  int n_in, n_out;
  const MlirValue *in;
  const MlirValue *out;
} MlyKernelSpec;

/* Program-wide state of the kernels being written. */
typedef struct MlyGpuModule {
  MlyEmit globals;   /* memref.global constants of the gpu.module */
  int n_globals;
} MlyGpuModule;

/* Overrides o's fields from the loaded tuning's entry of `signature`;
 * returns whether one applied (tuning.c). */
bool mlyGpuTuningApply(const char *signature, MlyGpuOptions *o);

/* Appends the gpu.func of `ks` to `out` (text) and the constants it needs
 * to gm->globals, and sets its launch sizes. Returns false after an error
 * at the offending op. */
bool mlyGpuEmitKernel(const MlyKernelSpec *ks, const MlyGpuOptions *o,
                      MlyGpuModule *gm, MlyEmit *out, int64_t grid[3],
                      int64_t block[3]);

#endif /* MLY_CONVERSIONS_MLY_TO_GPU_KERNEL_H */
