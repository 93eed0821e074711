/* conversions/mly_to_linalg: rewrites mly ops into upstream linalg, tensor,
 * arith and math ops on tensors (pass `mly-to-linalg`), the input of the
 * CPU path (bufferize -> loops -> LLVM). */
#ifndef MLY_CONVERSIONS_MLY_TO_LINALG_H
#define MLY_CONVERSIONS_MLY_TO_LINALG_H

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/* mly-to-linalg: replaces every mly op under the op it runs on by upstream
 * ops computing the same values; func.func (fused functions included, with
 * their mly.fused kind) and func.call stay, on tensors. An op it cannot
 * convert is an error at the op's location and fails the pass (all such
 * ops are reported).
 *
 * Where the numerics differ from runtime/interp: accumulations (reduce,
 * scan, matmul, conv, avg pool) run in the element type, not in double;
 * gather clamps indices into range instead of reporting them; float -> int
 * casts out of range and integer division by zero are undefined (fptosi,
 * divsi). Integer mly.pow becomes math.ipowi, which the CPU lowering must
 * expand with convert-math-to-funcs. */
MlirPass mlyCreateMlyToLinalgPass(void);

#ifdef __cplusplus
}
#endif

#endif /* MLY_CONVERSIONS_MLY_TO_LINALG_H */
