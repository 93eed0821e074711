/* Small helpers shared by the target registry, the manifest writer and the
 * plugins built in this tree (compiled into each: plugins share no code
 * with the host but the MLIR C API). */
#ifndef MLY_TARGETS_TARGET_UTIL_H
#define MLY_TARGETS_TARGET_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"

/* Whether `op`'s name is `name`. */
bool mlyTgtOpIs(MlirOperation op, const char *name);

/* The first op nested in `root` (root included, pre-order) whose name
 * starts with `prefix` ("gpu.subgroup_mma_"); null when there is none. */
MlirOperation mlyTgtFindOp(MlirOperation root, const char *prefix);

/* The attribute `name` of `op` (inherent or discardable); null if absent. */
MlirAttribute mlyTgtAttr(MlirOperation op, const char *name);

/* The string value of attribute `name`, or NULL (and *len untouched) when
 * absent or not a string. The characters are owned by the context. */
const char *mlyTgtStrAttr(MlirOperation op, const char *name, size_t *len);

/* The element type's dtype name ("f32", "bf16", "i1", "index", ...) and
 * its size in bytes in a buffer (i1: 1, index: 8); NULL for other types. */
const char *mlyTgtDtype(MlirType t, size_t *bytes);

/* The number of elements of a statically shaped memref; -1 if dynamic. */
int64_t mlyTgtNumElements(MlirType memref);

/* Emits an error at op's location: "'<op name>' op <message>". */
void mlyTgtOpError(MlirOperation op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* MLY_TARGETS_TARGET_UTIL_H */
