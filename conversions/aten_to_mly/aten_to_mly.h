/* conversions/aten_to_mly: decomposes every aten op into mly primitives
 * with PyTorch's numerics (pass `aten-to-mly`). */
#ifndef MLY_CONVERSIONS_ATEN_TO_MLY_H
#define MLY_CONVERSIONS_ATEN_TO_MLY_H

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/* aten-to-mly: replaces each aten op under the op it runs on by mly ops
 * computing the same values. An op it cannot lower is an error at the op's
 * location and fails the pass (all such ops are reported). */
MlirPass mlyCreateAtenToMlyPass(void);

/* The `optimize` pipeline, aten to fused mly kernels, as pipeline text.
 * It is the one definition: mly-opt's --mly-pipeline=optimize parses it,
 * mlyOptimizePipelineAdd builds it. */
#define MLY_OPTIMIZE_PIPELINE                                                  \
  "aten-to-mly,mly-canonicalize,mly-cse,mly-dce,mly-fuse,mly-dce"

/* Adds the passes of MLY_OPTIMIZE_PIPELINE, in order, to `pm` (which must
 * run on builtin.module: mly-fuse is a module pass). Never fails. */
void mlyOptimizePipelineAdd(MlirOpPassManager pm);

#ifdef __cplusplus
}
#endif

#endif /* MLY_CONVERSIONS_ATEN_TO_MLY_H */
