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
 * ops computing the same values; func.func (fused functions included) and
 * func.call stay. An op it cannot convert is an error at the op's location
 * and fails the pass (all such ops are reported). */
MlirPass mlyCreateMlyToLinalgPass(void);

#ifdef __cplusplus
}
#endif

#endif /* MLY_CONVERSIONS_MLY_TO_LINALG_H */
