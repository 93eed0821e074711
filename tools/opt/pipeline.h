/* Textual pass pipelines that mix mly passes with upstream ones. MLIR's own
 * parser only knows registered C++ passes, and the C API cannot register
 * ours, so mly-opt parses the nesting and options itself and hands every
 * upstream element to mlirOpPassManagerAddPipeline. */
#ifndef MLY_TOOLS_OPT_PIPELINE_H
#define MLY_TOOLS_OPT_PIPELINE_H

#include <stdbool.h>

#include "mlir-c/Pass.h"

/* Adds the comma-separated pipeline elements in `text` to `pm`:
 * `pass`, `pass{options}`, `op.name(elements)` (nested pass manager). When
 * `verify_each` is set, mly-verify runs after every pass. On a syntax
 * error, an unknown pass or bad options, writes a message (with the column,
 * 1-based, in `text`) to `err` (size `err_size`) and returns false. */
bool mlyPipelineAdd(MlirOpPassManager pm, const char *text, bool verify_each,
                    char *err, size_t err_size);

/* Parses a full anchored pipeline `op.name(elements)` as --pass-pipeline
 * takes it; the anchor must be `builtin.module` or `any`. */
bool mlyPipelineAddAnchored(MlirOpPassManager pm, const char *text,
                            bool verify_each, char *err, size_t err_size);

#endif /* MLY_TOOLS_OPT_PIPELINE_H */
