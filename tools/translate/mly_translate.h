/* The driver behind mly-translate: load target plugins, parse a host
 * module, emit its gpu.module through a target and write the launch
 * manifest; like mlir-translate's main, as a library the tool calls. */
#ifndef MLY_TOOLS_TRANSLATE_MLY_TRANSLATE_H
#define MLY_TOOLS_TRANSLATE_MLY_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct MlyTranslateOptions {
  const char *input;       /* file name, "-" for stdin */
  const char *output;      /* file name, "-" for stdout */
  const char *target;      /* --target / --mlir-to-<name>, or NULL */
  const char *manifest;    /* --manifest file, or NULL: beside -o, if any */
  const char *const *load; /* --load-target paths, in order */
  size_t n_load;
  const char *const *option_keys; /* --target-option key=value pairs */
  const char *const *option_values;
  size_t n_options;
  const char *split_marker; /* --split-input-file: NULL, or "// -----" */
  bool list_targets;        /* print the loaded targets and stop */
  bool help_targets;        /* print them as --mlir-to-<name> flags, stop */
} MlyTranslateOptions;

/* Runs mly-translate with `o`. Returns the process exit code: 0 on
 * success, 1 on any error (reported on stderr: plugin refusals, unknown
 * targets with the known ones listed, parse errors and target diagnostics
 * at their locations). Nothing is written to the output file unless the
 * target succeeded. */
int mlyTranslateMain(const MlyTranslateOptions *o);

#endif /* MLY_TOOLS_TRANSLATE_MLY_TRANSLATE_H */
