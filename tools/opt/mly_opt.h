/* The driver behind mly-opt: read, split, parse, verify, run a pipeline,
 * print; like mlir-opt's MlirOptMain, as a library the tool calls. */
#ifndef MLY_TOOLS_OPT_MLY_OPT_H
#define MLY_TOOLS_OPT_MLY_OPT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct MlyOptOptions {
  const char *input;          /* file name, "-" for stdin */
  const char *output;         /* file name, "-" for stdout */
  const char *split_marker;   /* NULL: no split; else e.g. "// -----" */
  const char *pass_pipeline;  /* --pass-pipeline text, or NULL */
  const char **passes;        /* pass flags in order: "mly-cse", "canonicalize{...}" */
  size_t n_passes;
  bool verify_diagnostics;
  bool verify_each;           /* mly-verify after every pass (default on) */
  bool print_ir_before_all;
  bool print_ir_after_all;
  bool print_ir_after_change;
  bool print_ir_after_failure;
  bool print_ir_module_scope;
  bool timing;
  bool debuginfo;
  bool generic;
} MlyOptOptions;

/* Runs mly-opt with `o`. Returns the process exit code: 0 on success, 1 on
 * any error (each reported on stderr with its location). */
int mlyOptMain(const MlyOptOptions *o);

/* Whether `name` (a flag without dashes, options after '=' allowed) names a
 * pass, mly's or upstream's. Used by the tool to tell passes from typos. */
bool mlyOptIsPass(const char *name);

#endif /* MLY_TOOLS_OPT_MLY_OPT_H */
