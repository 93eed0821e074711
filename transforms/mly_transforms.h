/* transforms: passes that stay inside the aten/mly dialects, and the table
 * through which tools find them by name. */
#ifndef MLY_TRANSFORMS_H
#define MLY_TRANSFORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A pass of mly's own, as tools list and create it. */
typedef struct MlyPassInfo {
  const char *argument;    /* flag and pipeline name: "mly-cse" */
  const char *description; /* one line for --help and --list-passes */
  /* Creates the pass; ownership goes to the caller (usually handed to a
   * pass manager with mlirOpPassManagerAddOwnedPass). */
  MlirPass (*create)(void);
} MlyPassInfo;

/* Returns the table of mly passes; *n is set to its length. */
const MlyPassInfo *mlyPassRegistryGet(size_t *n);

/* Returns the pass registered as `argument` (length `len`), or NULL. */
const MlyPassInfo *mlyPassRegistryLookup(const char *argument, size_t len);

/* mly-cse: merges identical pure aten/mly ops within each block (same name,
 * operands, attributes and result types; the first one stays). */
MlirPass mlyCreateCSEPass(void);

/* mly-dce: erases pure aten/mly ops whose results are all unused. */
MlirPass mlyCreateDCEPass(void);

/* mly-verify: runs the semantic verifiers of the aten and mly dialects
 * (mlyVerify) and fails if a rule is broken. */
MlirPass mlyCreateVerifyPass(void);

#ifdef __cplusplus
}
#endif

#endif /* MLY_TRANSFORMS_H */
