/* runtime/interp: the reference interpreter. Executes func.func bodies of
 * aten and mly ops (plus func.call/func.return and arith/tensor constants)
 * on the CPU in plain C with PyTorch's semantics. It defines what programs
 * mean: every other backend is checked against it. */
#ifndef MLY_RUNTIME_INTERP_H
#define MLY_RUNTIME_INTERP_H

#include "mlir-c/IR.h"
#include "runtime/mly_tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Runs the function named `entry` of `module` on `args[0..n_args)`, which
 * must match the function's argument types (checked; a mismatch is an
 * error naming the argument). On success *results points to a new array of
 * *n_results tensors, all owned by the caller (free each with
 * mlyTensorFree, then the array with free). On failure emits an MLIR
 * diagnostic at the offending op's location, returns failure and leaves
 * *results NULL. `args` are only read. */
MlirLogicalResult mlyInterpRun(MlirModule module, const char *entry,
                               const MlyTensor *args, intptr_t n_args,
                               MlyTensor **results, intptr_t *n_results);

/* Maps a builtin element type to a runtime dtype; false if unsupported. */
bool mlyDTypeFromType(MlirType type, MlyDType *out);

#ifdef __cplusplus
}
#endif

#endif /* MLY_RUNTIME_INTERP_H */
