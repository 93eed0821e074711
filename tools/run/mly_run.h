/* The driver behind mly-run: load a module, bind weights and inputs, run it
 * on a backend, compare with expected outputs. */
#ifndef MLY_TOOLS_RUN_MLY_RUN_H
#define MLY_TOOLS_RUN_MLY_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

typedef struct MlyRunOptions {
  const char *module_path;
  const char *entry;        /* function to run, "forward" */
  const char *weights;      /* safetensors with the mly.param tensors, or NULL */
  const char *inputs;       /* safetensors with input_0, input_1, ..., or NULL */
  const char **input_texts; /* --input values, in user-input order */
  size_t n_input_texts;
  const char *expect;       /* safetensors with output_0, ..., or NULL */
  const char *outputs;      /* where to write output_0, ..., or NULL */
  const char *backend;      /* "interp", "cpu", "msl-sim", "hip-sim", ... */
  const char *msl_path;     /* msl-sim (hip-sim): MSL (HIP) instead of the
                               target's, or NULL */
  const char *spirv_path;   /* vulkan: SPIR-V instead of the target's, or NULL */
  const char *vulkan_bundle; /* vulkan: write a bundle here, or NULL */
  int device;               /* vulkan: physical device index */
  bool list_devices;        /* list the backend's devices and exit */
  const char *cache_dir;    /* cpu backend's cache of lowered modules, or NULL */
  bool verbose;             /* report cache hits and misses and the arena */
  int threads;              /* cpu backend's threads; 0: one */
  uint64_t max_memory;      /* refuse models above it; 0: the default */
  double rtol, atol;
  bool print;               /* print every output's values */
  bool compile_only;        /* compile, run nothing */
} MlyRunOptions;

/* Runs `o`; returns the process exit code (0: ran, and every output is
 * within tolerance when --expect is given; 1: any error or mismatch, each
 * reported on stderr). */
int mlyRunMain(const MlyRunOptions *o);

#endif /* MLY_TOOLS_RUN_MLY_RUN_H */
