/* The driver behind mly-compile: a torch.export model through every phase
 * (import, lower, fuse, bounds, precision, verification, memory plan, GPU
 * lowering, targets, cpu) into one output folder that `mly-run OUT/` runs,
 * with a JSON compile report, per-phase progress lines and debugging aids
 * (intermediate dumps, --compile-to, reproducers of failing passes, the
 * kernel graph as Graphviz dot). The report's schema: docs/compile-report.md.
 */
#ifndef MLY_TOOLS_COMPILE_MLY_COMPILE_H
#define MLY_TOOLS_COMPILE_MLY_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

/* Version of the compile report's schema (docs/compile-report.md). */
#define MLY_COMPILE_REPORT_VERSION 1

typedef struct MlyCompileOptions {
  const char *model;   /* the ExportedProgram JSON (required) */
  const char *weights; /* safetensors of the parameters, or NULL */
  /* Comma-separated target names ("msl,hip,spirv,cpu"); NULL: every
   * loaded target plugin and cpu. */
  const char *targets;
  const char *out_dir;       /* output folder (created), or NULL */
  const char *precision;     /* "auto", "f32" or "f16"; NULL: "auto" */
  const char *verify;        /* "none", "rewrites", "bounds", "all" */
  const char *bounds_method; /* "ibp" or "crown"; NULL: "ibp" */
  bool has_input_range;      /* bounds of float user inputs given */
  double input_lo, input_hi;
  unsigned smt_timeout_ms; /* per Z3 query; 0: the verifier's default */
  const char *report_path; /* --report=FILE, or NULL */
  bool json;               /* the report on stdout */
  bool quiet;              /* no progress lines on stderr */
  const char *dump_dir;    /* --dump-intermediates-to, or NULL */
  /* --compile-to: "aten", "mly", "fused", "gpu" or "target"; NULL: all. */
  const char *compile_to;
  const char *dot_path;            /* --dot=FILE, or NULL */
  const char *const *load_targets; /* --load-target=PATH, in order */
  size_t n_load_targets;
  const char *const *target_options; /* --target-option=k=v, in order */
  size_t n_target_options;
  /* cpu: the object cache to compile model.mly.mlir into (the runtime's
   * cache, which `mly-run OUT/ --backend cpu` hits), or NULL: none. */
  const char *cpu_cache_dir;
  /* Testing aid: the pass of this name fails as if it had reported an
   * error (the reproducer is written as for a real failure). */
  const char *inject_failure;
  bool debuginfo; /* print locations in the IR written (default true) */
} MlyCompileOptions;

/* Runs the compilation `o` describes. Returns the process exit code: 0
 * when every requested phase and target succeeded, 1 otherwise, each
 * error printed on stderr (diagnostics as "loc: error: message", a
 * failing pass followed by one line naming the reproducer file). */
int mlyCompileMain(const MlyCompileOptions *o);

#endif /* MLY_TOOLS_COMPILE_MLY_COMPILE_H */
