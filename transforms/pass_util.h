/* Internal: building a stateless external pass from a run function. */
#ifndef MLY_TRANSFORMS_PASS_UTIL_H
#define MLY_TRANSFORMS_PASS_UTIL_H

#include "mlir-c/Pass.h"

/* Creates a pass that runs `run` on any op it is scheduled on. `id` points
 * to the pass's own static MlirTypeID (allocated on first use). */
MlirPass mlyCreateStatelessPass(MlirTypeID *id, const char *name,
                                const char *argument, const char *description,
                                void (*run)(MlirOperation op,
                                            MlirExternalPass pass,
                                            void *user));

#endif /* MLY_TRANSFORMS_PASS_UTIL_H */
