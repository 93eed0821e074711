/* Internal: building a stateless external pass from a run function. */
#ifndef MLY_TRANSFORMS_PASS_UTIL_H
#define MLY_TRANSFORMS_PASS_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "mlir-c/Pass.h"

/* Creates a pass that runs `run` on any op it is scheduled on. `id` points
 * to the pass's own static MlirTypeID (allocated on first use). */
MlirPass mlyCreateStatelessPass(MlirTypeID *id, const char *name,
                                const char *argument, const char *description,
                                void (*run)(MlirOperation op,
                                            MlirExternalPass pass,
                                            void *user));
/* The same, for a pass whose output uses the dialects deps[0..n_deps)
 * (loaded before the pass runs). */
MlirPass mlyCreateStatelessPassDeps(MlirTypeID *id, const char *name,
                                    const char *argument,
                                    const char *description, intptr_t n_deps,
                                    MlirDialectHandle *deps,
                                    void (*run)(MlirOperation,
                                                MlirExternalPass, void *));

/* The ops under a root, in pre-order (users after the ops defining their
 * operands within a block). */
typedef struct MlyOpList {
  MlirOperation *ops;
  size_t n, cap;
} MlyOpList;

/* Collects the ops nested under `root` (root included) for which
 * `filter` returns true (every op when filter is NULL) into *out, which
 * the caller frees with free(out->ops). Returns false on allocation
 * failure (out->ops is then freed and cleared). */
bool mlyCollectOps(MlirOperation root, bool (*filter)(MlirOperation),
                   MlyOpList *out);

#endif /* MLY_TRANSFORMS_PASS_UTIL_H */
