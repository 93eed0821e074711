/* mly-bind-weights: weights as constants, for analyses that need their
 * values (mly-bounds with method crown). In the tools layer because it
 * reads safetensors (runtime). */
#ifndef MLY_TOOLS_BIND_WEIGHTS_H
#define MLY_TOOLS_BIND_WEIGHTS_H

#include "mlir-c/Pass.h"

/* mly-bind-weights: in every public function, each F32 argument with
 * `mly.param = "name"` whose tensor `name` of the same shape is in the
 * file set by mlyBindWeightsSetPath becomes an `mly.constant` of those
 * values at the top of the body, and the argument is removed (from the
 * block, function_type and arg_attrs). Fails, naming the file, when the
 * file cannot be read; arguments without a matching F32 tensor stay. */
MlirPass mlyCreateBindWeightsPass(void);

/* The safetensors file of every later mly-bind-weights run. `path` is
 * borrowed and must outlive the runs. */
void mlyBindWeightsSetPath(const char *path);

#endif /* MLY_TOOLS_BIND_WEIGHTS_H */
