/* Helpers shared by the files of tools/compile: a growable string, file
 * writing, IR printing, and the parts of the compile report built outside
 * the driver (the input summary, the kernel graph). */
#ifndef MLY_TOOLS_COMPILE_COMPILE_UTIL_H
#define MLY_TOOLS_COMPILE_COMPILE_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "mlir-c/IR.h"

/* A growable byte string; `oom` is set (and later appends dropped) when an
 * allocation fails. Zero-initialize; free `p` when done. */
typedef struct MlyBuf {
  char *p;
  size_t n, cap;
  bool oom;
} MlyBuf;

/* Appends `len` bytes of `s`. */
void mlyBufAppend(MlyBuf *b, const char *s, size_t len);
/* An MlirStringCallback appending to the MlyBuf `user`. */
void mlyBufCallback(MlirStringRef s, void *user);

/* Writes `len` bytes of `data` to `path` ("-": stdout). Returns false
 * after printing "mly-compile: error: cannot write '<path>'". */
bool mlyWriteFile(const char *path, const char *data, size_t len);

/* Prints `op` (with locations when `debuginfo`) into a new NUL-terminated
 * string owned by the caller, or NULL when out of memory. */
char *mlyPrintOp(MlirOperation op, bool debuginfo);

/* The "input" object of the report for the ExportedProgram at `path`:
 * {"model", "schema_version", "aten_ops": {target: count}, "aten_op_count",
 * "other_ops": {target: count}, "unsupported": [target]}. Supported
 * targets are those mly-import lists. Returns a new reference, or NULL
 * (after a message on stderr) when the file is not readable JSON. */
json_t *mlyCompileInputSummary(const char *path);

/* Writes the kernel graph of the launch manifest `manifest` (a parsed
 * manifest, targets/mly_targets.h) as Graphviz dot to `path`: one node per
 * launch (name, kind, grid x threadgroup), a node per graph input, weight
 * set and output, and per buffer an edge from the launch that writes it
 * (or its source) to each launch that reads it, labelled with its role,
 * dtype, shape and bytes. Returns false after a message on failure. */
bool mlyCompileWriteDot(json_t *manifest, const char *path);

#endif /* MLY_TOOLS_COMPILE_COMPILE_UTIL_H */
