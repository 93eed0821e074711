/* The table of mly's passes and named pipelines, through which tools
 * (mly-opt, later mly-compile) find them by name. */
#ifndef MLY_TOOLS_PASSES_H
#define MLY_TOOLS_PASSES_H

#include <stddef.h>

#include "mlir-c/Pass.h"

/* A pass of mly's own. */
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

/* A named pipeline (--mly-pipeline=<name>). */
typedef struct MlyPipelineInfo {
  const char *name;        /* "optimize" */
  const char *description;
  const char *elements;    /* pipeline elements: "aten-to-mly,mly-cse,..." */
} MlyPipelineInfo;

/* Returns the table of named pipelines; *n is set to its length. */
const MlyPipelineInfo *mlyPipelineRegistryGet(size_t *n);
/* Returns the pipeline named `name`, or NULL. */
const MlyPipelineInfo *mlyPipelineRegistryLookup(const char *name);

#endif /* MLY_TOOLS_PASSES_H */
